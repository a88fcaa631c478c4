import { pathToFileURL } from 'node:url';
import { AutopipeError, isAutopipeError, type Logger, type PluginManifest } from '@autopipe/core';
import { PluginHost } from '@autopipe/runtime';
import type { DependencyContainer } from 'tsyringe';
import { readConfig } from './plugin-config.js';
import { resolvePluginSpec } from './resolve-plugin.js';

/** One external plugin after loading: its manifest, or why it could not be loaded. */
export type LoadedPlugin =
  | { readonly spec: string; readonly name: string; readonly manifest: PluginManifest; readonly from: string }
  | { readonly spec: string; readonly name: string; readonly error: AutopipeError };

/** External plugins chosen for this run, and whether a failing one may be skipped. */
export interface ExternalPlugins {
  readonly loaded: readonly LoadedPlugin[];
  readonly allowErrors: boolean;
}

function looksLikeManifest(v: unknown): v is PluginManifest {
  return !!v && typeof v === 'object' && typeof (v as PluginManifest).name === 'string' && Array.isArray((v as PluginManifest).provides);
}

/** The manifest a plugin module exports: `plugin`, else the default export (or a CommonJS module's `plugin`). */
export function manifestOf(mod: Record<string, unknown>): PluginManifest | undefined {
  const def = mod.default as Record<string, unknown> | undefined;
  for (const candidate of [mod.plugin, def?.plugin, def]) if (looksLikeManifest(candidate)) return candidate;
  return undefined;
}

/** Resolves and imports one spec from the user's project; never throws, failures come back as `error`. */
export async function loadPlugin(spec: string, cwd: string): Promise<LoadedPlugin> {
  let resolved;
  try {
    resolved = resolvePluginSpec(spec, cwd);
  } catch (e) {
    return { spec, name: spec, error: new AutopipeError('PLUGIN_MANIFEST', `Plugin "${spec}" was not loaded: its package.json cannot be read (${(e as Error).message}).`, { plugin: spec }) };
  }
  if (!resolved) {
    return {
      spec, name: spec,
      error: new AutopipeError('UNKNOWN_PLUGIN', `Plugin "${spec}" was not found from ${cwd}: install it in this project (npm install ${spec}) or pass a path to it.`, { plugin: spec, cwd }),
    };
  }
  const name = resolved.packageName ?? spec;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolved.entry).href)) as Record<string, unknown>;
  } catch (e) {
    const reason = (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(resolved.entry)
      ? `its entry ${resolved.entry} does not exist (is the package built?)`
      : `importing it threw: ${(e as Error).message}`;
    return { spec, name, error: new AutopipeError('PLUGIN_MANIFEST', `Plugin "${name}" was not loaded: ${reason}.`, { plugin: name, entry: resolved.entry }) };
  }
  const manifest = manifestOf(mod);
  if (!manifest) {
    return {
      spec, name,
      error: new AutopipeError('PLUGIN_MANIFEST', `Plugin "${name}" was not loaded: it exports no plugin manifest. Export one as \`export const plugin = definePlugin({ name, version, core, provides })\` (or as the default export).`, { plugin: name, entry: resolved.entry }),
    };
  }
  return { spec, name: manifest.name, manifest, from: resolved.entry };
}

/** Reads `--plugin` specs and the `plugins` list of `autopipe.config.*` in `cwd` (config first), then loads each once. */
export async function loadExternalPlugins(flags: { plugin?: readonly string[]; allowPluginErrors?: boolean }, cwd: string): Promise<ExternalPlugins> {
  const config = await readConfig(cwd);
  const specs = [...new Set([...config.plugins, ...(flags.plugin ?? [])])];
  const loaded: LoadedPlugin[] = [];
  for (const spec of specs) loaded.push(await loadPlugin(spec, cwd));
  return { loaded, allowErrors: Boolean(flags.allowPluginErrors) };
}

/**
 * Registers loaded external plugins after the bundled ones. A plugin that failed to load or fails the host's checks
 * (core range, requires, duplicate keys) stops the command before any work, unless errors are allowed: then it is a
 * warning naming the plugin and the reason, and the run goes on without it.
 */
export function registerExternalPlugins(container: DependencyContainer, external: ExternalPlugins, logger: Logger): void {
  const host = container.resolve(PluginHost);
  for (const p of external.loaded) {
    let error: AutopipeError | undefined;
    if ('error' in p) error = p.error;
    else {
      try {
        host.use(p.manifest);
        continue;
      } catch (e) {
        if (!isAutopipeError(e)) throw e;
        error = e;
      }
    }
    if (!external.allowErrors) {
      throw new AutopipeError(error.code, `${error.message} (pass --allow-plugin-errors to continue without it)`, { ...error.details, plugin: p.name });
    }
    logger.warn(`${error.message} Continuing without it (--allow-plugin-errors).`);
  }
}

let current: ExternalPlugins = { loaded: [], allowErrors: false };

/** Set once per command by the CLI's pre-action hook (loading is async; `openRuntime` is not). */
export function setExternalPlugins(e: ExternalPlugins): void {
  current = e;
}

export function externalPlugins(): ExternalPlugins {
  return current;
}
