import { isAbsolute, relative, resolve } from 'node:path';
import { inputError } from '@autopipe/core';

/** The stages a version can be in; a freshly pushed version has none (`none`). */
export const STAGES = ['production', 'staging', 'archived'] as const;
export type Stage = (typeof STAGES)[number];
export type VersionStage = Stage | 'none';

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Checks a model name: lower-case letters, digits, `.`, `_`, `-`, at most 64 characters, no `..`. */
export function validateName(name: string): string {
  if (typeof name !== 'string' || !NAME.test(name) || name.includes('..')) {
    throw inputError('INVALID_ARGUMENT', `Model name "${String(name)}" is not allowed: use 1–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, without "..".`, { name });
  }
  return name;
}

export function validateStage(stage: string): Stage {
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw inputError('INVALID_ARGUMENT', `Stage "${stage}" is not one of ${STAGES.join(', ')}.`, { stage });
  }
  return stage as Stage;
}

/** What a reference selects: a version number, the version in a stage, the latest version, or (bare name) production else latest. */
export type Selector = { kind: 'version'; version: number } | { kind: 'stage'; stage: Stage } | { kind: 'latest' } | { kind: 'default' };

/** Parses `name`, `name@3`, `name@production|staging|archived` or `name@latest`. */
export function parseRef(ref: string): { name: string; selector: Selector } {
  const at = ref.lastIndexOf('@');
  const name = validateName(at < 0 ? ref : ref.slice(0, at));
  if (at < 0) return { name, selector: { kind: 'default' } };
  const sel = ref.slice(at + 1);
  if (/^[1-9][0-9]{0,8}$/.test(sel)) return { name, selector: { kind: 'version', version: Number(sel) } };
  if (sel === 'latest') return { name, selector: { kind: 'latest' } };
  if ((STAGES as readonly string[]).includes(sel)) return { name, selector: { kind: 'stage', stage: sel as Stage } };
  throw inputError('INVALID_ARGUMENT', `Model reference "${ref}": after "@" give a version number, latest, or a stage (${STAGES.join(', ')}).`, { ref });
}

/** `root/...parts`, refusing any result outside `root` (defence in depth behind name validation). */
export function insideRoot(root: string, ...parts: string[]): string {
  const base = resolve(root);
  const p = resolve(base, ...parts);
  const rel = relative(base, p);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw inputError('INVALID_ARGUMENT', `Path ${parts.join('/')} would leave the registry directory ${base}.`, { root: base });
  }
  return p;
}
