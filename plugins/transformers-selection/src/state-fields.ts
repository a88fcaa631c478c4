import { COLUMN_TYPES, stateField, type ColumnSchema, type ColumnType, type StateValue } from '@autopipe/core';

const isStrings = (v: StateValue): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Typed readers for `restore`: each names the owner and field when a saved state is damaged or foreign. */
export function readStrings(state: StateValue, key: string, owner: string): string[] {
  return [...stateField<readonly string[]>(state, key, isStrings, owner)];
}

export function readFloats(state: StateValue, key: string, length: number, owner: string): Float64Array {
  return stateField<Float64Array>(state, key, (v) => v instanceof Float64Array && v.length === length, owner);
}

export function readSchemas(state: StateValue, key: string, owner: string): ColumnSchema[] {
  const ok = (v: StateValue): boolean => Array.isArray(v) && v.every((s) => {
    const o = s as Record<string, StateValue> | null;
    return o !== null && typeof o === 'object' && typeof o.name === 'string' && COLUMN_TYPES.includes(o.type as ColumnType);
  });
  return stateField<readonly { name: string; type: ColumnType }[]>(state, key, ok, owner).map((s) => ({ name: s.name, type: s.type }));
}
