import 'reflect-metadata';
import { TOKENS, silentLogger, type Logger, type PluginManifest } from '@autopipe/core';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { PluginHost } from './plugin-host.js';
import { RUNTIME_TOKENS } from './tokens.js';

/**
 * The composition root's one call: a fresh child container with the logger, the plugin host and the given
 * plugins registered in order. Apps resolve `Trainer`, `ModelService`, `Registry` from it.
 */
export function createRuntime(options: { plugins: readonly PluginManifest[]; logger?: Logger }): DependencyContainer {
  const c = rootContainer.createChildContainer();
  c.register(RUNTIME_TOKENS.Container, { useValue: c });
  c.register(TOKENS.Logger, { useValue: options.logger ?? silentLogger });
  const host = c.resolve(PluginHost);
  c.register(PluginHost, { useValue: host });
  for (const p of options.plugins) host.use(p);
  return c;
}
