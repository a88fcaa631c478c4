import {
  AutopipeError, type DeployerDefinition, type EstimatorDefinition, type IngestorDefinition, type MetricDefinition,
  type ProvisionKind, type SearcherDefinition, type Task, type TransformerDefinition,
} from '@autopipe/core';
import { inject, injectable, type DependencyContainer } from 'tsyringe';
import { tokenForKind } from './plugin-host.js';
import { RUNTIME_TOKENS } from './tokens.js';

/** Read access to every registered provision, by kind and key. */
@injectable()
export class Registry {
  constructor(@inject(RUNTIME_TOKENS.Container) private readonly container: DependencyContainer) {}

  all<T extends { key: string }>(kind: ProvisionKind): T[] {
    const token = tokenForKind(kind);
    // resolveAll throws on an unregistered token; an empty kind is a normal state.
    return this.container.isRegistered(token, true) ? this.container.resolveAll<T>(token) : [];
  }

  get<T extends { key: string }>(kind: ProvisionKind, key: string): T {
    const all = this.all<T>(kind);
    const found = all.find((x) => x.key === key);
    if (!found) {
      const known = all.map((x) => x.key).join(', ') || 'none registered';
      throw new AutopipeError('UNKNOWN_PLUGIN', `No ${kind} "${key}" is registered (known: ${known}).`, { kind, key });
    }
    return found;
  }

  estimators(task?: Task): EstimatorDefinition[] {
    const all = this.all<EstimatorDefinition>('estimator');
    return task ? all.filter((e) => e.tasks.includes(task)) : all;
  }

  estimator(key: string): EstimatorDefinition { return this.get('estimator', key); }
  transformer(key: string): TransformerDefinition { return this.get('transformer', key); }
  searcher(key: string): SearcherDefinition { return this.get('searcher', key); }
  metric(key: string): MetricDefinition { return this.get('metric', key); }
  metrics(task?: Task): MetricDefinition[] {
    const all = this.all<MetricDefinition>('metric');
    return task ? all.filter((m) => m.tasks.includes(task)) : all;
  }
  deployer(key: string): DeployerDefinition { return this.get('deployer', key); }
  ingestors(): IngestorDefinition[] { return this.all('ingestor'); }
}
