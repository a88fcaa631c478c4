import { stateField, type StateValue } from '@autopipe/core';

const isStrings = (v: StateValue): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Typed readers for `restore`: each names the owner and field when a saved state is damaged or foreign. */
export function readStrings(state: StateValue, key: string, owner: string): string[] {
  return [...stateField<readonly string[]>(state, key, isStrings, owner)];
}

export function readFloats(state: StateValue, key: string, length: number, owner: string): Float64Array {
  return stateField<Float64Array>(state, key, (v) => v instanceof Float64Array && v.length === length, owner);
}

export function readFlags(state: StateValue, key: string, length: number, owner: string): Uint8Array {
  return stateField<Uint8Array>(state, key, (v) => v instanceof Uint8Array && v.length === length, owner);
}

export function readBoolean(state: StateValue, key: string, owner: string): boolean {
  return stateField<boolean>(state, key, (v) => typeof v === 'boolean', owner);
}
