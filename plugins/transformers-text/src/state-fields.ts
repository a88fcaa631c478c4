import { stateField, type StateValue } from '@autopipe/core';

const isStrings = (v: StateValue): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Typed readers for `restore`: each names the owner and field when a saved state is damaged or foreign. */
export function readStrings(state: StateValue, key: string, owner: string): string[] {
  return [...stateField<readonly string[]>(state, key, isStrings, owner)];
}

export function readStringLists(state: StateValue, key: string, length: number, owner: string): string[][] {
  const ok = (v: StateValue): boolean => Array.isArray(v) && v.length === length && v.every(isStrings);
  return stateField<readonly (readonly string[])[]>(state, key, ok, owner).map((l) => [...l]);
}

export function readFloatLists(state: StateValue, key: string, length: number, owner: string): Float64Array[] {
  const ok = (v: StateValue): boolean => Array.isArray(v) && v.length === length && v.every((x) => x instanceof Float64Array);
  return [...stateField<readonly Float64Array[]>(state, key, ok, owner)];
}

export function readRecord(state: StateValue, key: string, owner: string): Record<string, StateValue> {
  const ok = (v: StateValue): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
  return stateField<Record<string, StateValue>>(state, key, ok, owner);
}
