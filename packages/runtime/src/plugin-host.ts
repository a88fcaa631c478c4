import { AutopipeError, CORE_VERSION, PROVISION_KINDS, TOKENS, type Logger, type PluginManifest, type Provision, type ProvisionKind } from '@autopipe/core';
import semver from 'semver';
import { inject, injectable, type DependencyContainer } from 'tsyringe';
import { RUNTIME_TOKENS } from './tokens.js';

const KIND_TOKEN: Record<ProvisionKind, symbol> = {
  ingestor: TOKENS.Ingestor, transformer: TOKENS.Transformer, estimator: TOKENS.Estimator,
  searcher: TOKENS.Searcher, metric: TOKENS.Metric, deployer: TOKENS.Deployer,
};

export function tokenForKind(kind: ProvisionKind): symbol {
  return KIND_TOKEN[kind];
}

/** One registered provision and the plugin that brought it, for `autopipe plugins list`. */
export interface RegisteredProvision {
  readonly kind: ProvisionKind;
  readonly key: string;
  readonly plugin: string;
  readonly version: string;
  readonly description: string;
}

function manifestError(name: string, reason: string): AutopipeError {
  return new AutopipeError('PLUGIN_MANIFEST', `Plugin "${name}" was not loaded: ${reason}`, { plugin: name });
}

/**
 * Checks plugin manifests and registers what they provide into the container, Fastify-style: a wrong core
 * range, a missing requirement, a malformed provision or a key another plugin already took is a named error,
 * and nothing of a rejected plugin is registered.
 */
@injectable()
export class PluginHost {
  private readonly manifests: PluginManifest[] = [];
  private readonly provisions: RegisteredProvision[] = [];

  constructor(
    @inject(RUNTIME_TOKENS.Container) private readonly container: DependencyContainer,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  use(manifest: PluginManifest): this {
    const name = typeof manifest?.name === 'string' && manifest.name ? manifest.name : '(unnamed plugin)';
    this.check(name, manifest);
    for (const p of manifest.provides) {
      this.container.register(tokenForKind(p.kind), { useValue: p });
      this.provisions.push({ kind: p.kind, key: p.key, plugin: name, version: manifest.version, description: p.description });
    }
    this.manifests.push(manifest);
    this.logger.debug(`plugin ${name}@${manifest.version} registered`, { provides: manifest.provides.map((p) => `${p.kind}:${p.key}`) });
    return this;
  }

  plugins(): readonly PluginManifest[] {
    return this.manifests;
  }

  list(): readonly RegisteredProvision[] {
    return this.provisions;
  }

  private check(name: string, m: PluginManifest): void {
    if (!m || typeof m !== 'object') throw manifestError(name, 'its export is not a manifest object.');
    if (typeof m.version !== 'string' || !semver.valid(m.version)) throw manifestError(name, `version "${String(m.version)}" is not a semver version.`);
    if (typeof m.core !== 'string' || !semver.validRange(m.core)) throw manifestError(name, `core range "${String(m.core)}" is not a semver range.`);
    if (!semver.satisfies(CORE_VERSION, m.core, { includePrerelease: true })) {
      throw manifestError(name, `it needs @autopipe/core ${m.core}, but this is ${CORE_VERSION}. Install a plugin version built for core ${CORE_VERSION}.`);
    }
    if (this.manifests.some((x) => x.name === name)) throw manifestError(name, 'a plugin with this name is already registered.');
    for (const r of m.requires ?? []) {
      if (!this.manifests.some((x) => x.name === r)) throw manifestError(name, `it requires plugin "${r}", which is not registered (register it first).`);
    }
    if (!Array.isArray(m.provides) || m.provides.length === 0) throw manifestError(name, 'it provides nothing.');
    const seen = new Set<string>();
    for (const p of m.provides as readonly Provision[]) {
      if (!p || !PROVISION_KINDS.includes(p.kind)) throw manifestError(name, `provision kind "${String((p as { kind?: unknown })?.kind)}" is not one of ${PROVISION_KINDS.join(', ')}.`);
      if (typeof p.key !== 'string' || !/^[a-z][a-z0-9_.-]*$/.test(p.key)) throw manifestError(name, `${p.kind} key "${String(p.key)}" must be lower-case letters, digits, "_", "." or "-".`);
      const id = `${p.kind}:${p.key}`;
      const owner = this.provisions.find((x) => x.kind === p.kind && x.key === p.key);
      if (owner || seen.has(id)) {
        throw new AutopipeError('DUPLICATE_KEY', `Plugin "${name}" provides ${p.kind} "${p.key}", which ${owner ? `plugin "${owner.plugin}"` : 'it'} already provides. Keys must be unique per kind.`, { plugin: name, kind: p.kind, key: p.key });
      }
      seen.add(id);
    }
  }
}
