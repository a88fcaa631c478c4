import type { RunContext } from './context.js';
import type { OpenedModel } from './opened-model.js';

export interface DeployResult {
  /** Where the deployed model can be found (a path, URL or registry reference). */
  readonly location: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What a deployer is called with: the run context plus, from the host, a way to open a model directory with its plugins. */
export interface DeployContext extends RunContext {
  /** Loads and verifies a model directory (throws MODEL_NOT_FOUND / MODEL_INCOMPATIBLE / UNKNOWN_PLUGIN). */
  readonly open?: (dir: string) => OpenedModel;
}

/** A deployer plugin: takes a saved model directory somewhere (a format, a server, a registry). */
export interface DeployerDefinition {
  readonly kind: 'deployer';
  readonly key: string;
  readonly description: string;
  deploy(modelDir: string, options: Readonly<Record<string, unknown>>, ctx: DeployContext): Promise<DeployResult>;
}
