import type { RunContext } from './context.js';

export interface DeployResult {
  /** Where the deployed model can be found (a path, URL or registry reference). */
  readonly location: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A deployer plugin: takes a saved model directory somewhere (a format, a server, a registry). */
export interface DeployerDefinition {
  readonly kind: 'deployer';
  readonly key: string;
  readonly description: string;
  deploy(modelDir: string, options: Readonly<Record<string, unknown>>, ctx: RunContext): Promise<DeployResult>;
}
