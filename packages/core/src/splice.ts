import { inputError } from './errors.js';
import { Frame, type NamedColumn } from './frame.js';
import type { ColumnSchema } from './task.js';

/**
 * Rebuilds a frame with each input column replaced, at its own position, by the columns it became
 * (none, itself, or several). Other columns keep their place and data; an unrelated column whose name
 * an output takes is dropped, so a transform never fails on a name clash it could not foresee.
 */
/** For transformer authors. */
export function spliceColumns(frame: Frame, replaced: ReadonlyMap<string, readonly NamedColumn[]>): Frame {
  const taken = new Set<string>();
  for (const cols of replaced.values()) for (const c of cols) taken.add(c.schema.name);
  const out: NamedColumn[] = [];
  for (const c of frame.columns()) {
    const name = c.schema.name;
    const repl = replaced.get(name);
    if (repl) out.push(...repl);
    else if (!taken.has(name)) out.push(c);
  }
  return Frame.fromColumns(out);
}

/** Fit-time checks shared by every transformer here: listed columns are distinct and outputs do not clash. */
export function checkColumns(key: string, frame: Frame, inputs: readonly string[], outputs: readonly ColumnSchema[]): void {
  const seen = new Set<string>();
  for (const c of inputs) {
    if (seen.has(c)) throw inputError('INVALID_ARGUMENT', `Transformer "${key}" was given column "${c}" twice; list each column once.`, { transformer: key, column: c });
    seen.add(c);
  }
  const made = new Set<string>();
  for (const o of outputs) {
    const clash = made.has(o.name) || (frame.has(o.name) && !seen.has(o.name));
    if (clash) {
      throw inputError('INVALID_ARGUMENT', `Transformer "${key}" would create column "${o.name}", which already exists; rename that column first.`, { transformer: key, column: o.name });
    }
    made.add(o.name);
  }
}
