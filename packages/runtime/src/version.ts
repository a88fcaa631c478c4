/** The autopipe release this runtime belongs to; written into every model manifest. */
export const AUTOPIPE_VERSION = '0.1.0';
/**
 * Model directory format; bump on incompatible changes, loading refuses newer formats. 2 added a blend's temperature,
 * which a version-1 reader would ignore (silently different probabilities): models without one are still written as 1.
 */
export const MODEL_FORMAT_VERSION = 2;
/** The oldest format that can describe a model: what is written, so older readers still load every model they can. */
export function formatVersionFor(ensemble: { readonly temperature?: number } | undefined): number {
  return ensemble?.temperature !== undefined ? 2 : 1;
}
