import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AutopipeError, silentLogger, type Logger } from '@autopipe/core';
import type { ModelLoader, ModelSource, RegistryResolver, Scorer } from './types.js';

/** One served model: an immutable snapshot. A reload builds a new one and swaps the reference. */
export interface ServedModel {
  readonly name: string;
  readonly version: number;
  /** Registry stage, for models served from the registry. */
  readonly stage?: string;
  /** The registry reference or directory the model follows. */
  readonly source: string;
  readonly dir: string;
  readonly scorer: Scorer;
  readonly loadedAt: string;
}

interface Slot {
  readonly spec: ModelSource;
  current: ServedModel;
  /** For directories: what identifies the files currently loaded (createdAt + weights checksum). */
  fingerprint?: string;
  /** The last reload failure logged, so a persisting problem is logged once, not every poll. */
  failure?: string;
}

/** createdAt + weights checksum of a model directory, or undefined while it is being replaced. */
function fingerprint(dir: string): string | undefined {
  try {
    const m = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { createdAt?: string; files?: { weightsSha256?: string } };
    return `${m.createdAt}/${m.files?.weightsSha256}`;
  } catch {
    return undefined;
  }
}

const DIR_NAME = /[^a-z0-9._-]+/g;

/** The name a directory is served under when none is given: its base name, lower-cased, safe for a URL. */
export function nameForDir(dir: string): string {
  return basename(resolve(dir)).toLowerCase().replace(DIR_NAME, '-').replace(/^[^a-z0-9]+/, '') || 'model';
}

/**
 * The served models and their hot reload. A check looks for a new version (registry reference) or replaced files
 * (directory), loads the new model completely, and only then replaces the slot's reference: a request holds the
 * snapshot it started with, so it finishes on that model, and no request ever sees a half-loaded one.
 */
export class ModelPool {
  private readonly slots = new Map<string, Slot>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly loader: ModelLoader,
    private readonly registry: RegistryResolver | undefined,
    private readonly logger: Logger = silentLogger,
    private readonly onSwap: (old: ServedModel | undefined, next: ServedModel) => void = () => undefined,
  ) {}

  /** Loads every source; a source that cannot be loaded fails the start with its error. */
  async load(sources: readonly ModelSource[]): Promise<void> {
    for (const spec of sources) {
      const model = await this.loadSource(spec, 0);
      if (this.slots.has(model.name)) {
        throw new AutopipeError('INVALID_ARGUMENT', `Two served models are both named "${model.name}"; give them different names.`, { name: model.name });
      }
      this.slots.set(model.name, { spec, current: model, fingerprint: 'dir' in spec ? fingerprint(spec.dir) : undefined });
      this.onSwap(undefined, model);
    }
  }

  get(name: string): ServedModel | undefined {
    return this.slots.get(name)?.current;
  }

  all(): ServedModel[] {
    return [...this.slots.values()].map((s) => s.current);
  }

  /** Starts polling for new versions every `intervalMs` (a check never overlaps the previous one). */
  watch(intervalMs: number): void {
    if (intervalMs <= 0 || this.stopped) return;
    const tick = () => {
      this.timer = setTimeout(() => {
        this.checking = this.check().finally(() => {
          this.checking = undefined;
          if (!this.stopped) tick();
        });
      }, intervalMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.checking;
  }

  /** One pass over the slots: reloads those whose source changed. Failures are logged; the old model keeps serving. */
  async check(): Promise<void> {
    for (const slot of this.slots.values()) {
      try {
        await this.checkSlot(slot);
        slot.failure = undefined;
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        if (why !== slot.failure) this.logger.warn(`reload of model "${slot.current.name}" failed; still serving version ${slot.current.version}: ${why}`);
        slot.failure = why;
      }
    }
  }

  private async checkSlot(slot: Slot): Promise<void> {
    const spec = slot.spec;
    if ('ref' in spec) {
      const found = await this.registry!.resolve(spec.ref);
      if (found.version === slot.current.version) return;
      const next = await this.fromRegistry(spec.ref, found);
      this.swap(slot, next);
      return;
    }
    const before = fingerprint(spec.dir);
    if (before === undefined || before === slot.fingerprint) return;
    const scorer = await this.loader(spec.dir);
    // The directory may have been replaced again while loading; only a stable fingerprint is trusted.
    if (fingerprint(spec.dir) !== before) return;
    this.swap(slot, { ...slot.current, version: slot.current.version + 1, scorer, loadedAt: new Date().toISOString() });
    slot.fingerprint = before;
  }

  private swap(slot: Slot, next: ServedModel): void {
    if (this.stopped) return;
    const old = slot.current;
    slot.current = next;
    this.logger.info(`now serving "${next.name}" version ${next.version} (was ${old.version})`);
    this.onSwap(old, next);
  }

  private async loadSource(spec: ModelSource, version: number): Promise<ServedModel> {
    if ('ref' in spec) {
      if (!this.registry) throw new AutopipeError('INVALID_ARGUMENT', `"${spec.ref}" is a registry reference, but no registry was given.`, { ref: spec.ref });
      return this.fromRegistry(spec.ref, await this.registry.resolve(spec.ref));
    }
    const scorer = await this.loader(spec.dir);
    return { name: spec.name ?? nameForDir(spec.dir), version: version + 1, source: resolve(spec.dir), dir: resolve(spec.dir), scorer, loadedAt: new Date().toISOString() };
  }

  private async fromRegistry(ref: string, found: { name: string; version: number; stage: string; dir: string }): Promise<ServedModel> {
    const scorer = await this.loader(found.dir);
    return { name: found.name, version: found.version, stage: found.stage, source: ref, dir: found.dir, scorer, loadedAt: new Date().toISOString() };
  }
}
