import { stateField, type StateValue } from '@autopipe/core';

const isStrings = (v: StateValue): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Typed readers for `restore`: each names the owner and field when a saved state is damaged or foreign. */
export function readStrings(state: StateValue, key: string, owner: string): string[] {
  return [...stateField<readonly string[]>(state, key, isStrings, owner)];
}

/** A list of string lists, one per input column. */
export function readStringLists(state: StateValue, key: string, owner: string, count: number): string[][] {
  const ok = (v: StateValue): boolean => Array.isArray(v) && v.length === count && v.every(isStrings);
  return stateField<readonly (readonly string[])[]>(state, key, ok, owner).map((l) => [...l]);
}

/** A list of Float64Arrays, one per input column, with the given lengths. */
export function readFloatLists(state: StateValue, key: string, owner: string, lengths: readonly number[]): Float64Array[] {
  const ok = (v: StateValue): boolean => Array.isArray(v) && v.length === lengths.length && v.every((a, j) => a instanceof Float64Array && a.length === lengths[j]);
  return [...stateField<readonly Float64Array[]>(state, key, ok, owner)];
}

export function readFloats(state: StateValue, key: string, length: number, owner: string): Float64Array {
  return stateField<Float64Array>(state, key, (v) => v instanceof Float64Array && v.length === length, owner);
}

export function readString(state: StateValue, key: string, owner: string, allowed: readonly string[]): string {
  return stateField<string>(state, key, (v) => typeof v === 'string' && allowed.includes(v), owner);
}
