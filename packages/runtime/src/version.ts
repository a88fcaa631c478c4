/** The autopipe release this runtime belongs to; written into every model manifest. */
export const AUTOPIPE_VERSION = '0.1.0';
/** Model directory format; bump on incompatible changes, loading refuses newer formats. */
export const MODEL_FORMAT_VERSION = 1;
