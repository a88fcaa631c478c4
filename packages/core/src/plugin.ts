import type { DeployerDefinition } from './deployer.js';
import type { EstimatorDefinition } from './estimator.js';
import type { IngestorDefinition } from './ingestor.js';
import type { MetricDefinition } from './metric.js';
import type { SearcherDefinition } from './searcher.js';
import type { TransformerDefinition } from './transformer.js';

/** Anything a plugin can provide; `kind` + `key` identify it across all loaded plugins. */
export type Provision =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  | EstimatorDefinition<any>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  | TransformerDefinition<any>
  | SearcherDefinition
  | IngestorDefinition
  | MetricDefinition
  | DeployerDefinition;

export type ProvisionKind = Provision['kind'];
export const PROVISION_KINDS: readonly ProvisionKind[] = ['ingestor', 'transformer', 'estimator', 'searcher', 'metric', 'deployer'];

/**
 * A plugin package's one export. Nothing happens at import time: a host reads the manifest, checks
 * `core` against the running core version and `requires` against what is loaded, then registers `provides`.
 */
export interface PluginManifest {
  /** The npm package name. */
  readonly name: string;
  readonly version: string;
  /** Semver range of `@autopipe/core` this plugin works with. */
  readonly core: string;
  /** Names of plugins (packages) that must be registered first. */
  readonly requires?: readonly string[];
  readonly provides: readonly Provision[];
}

/** Identity with type checking, so a manifest literal gets precise types. */
export function definePlugin<M extends PluginManifest>(manifest: M): M {
  return manifest;
}
