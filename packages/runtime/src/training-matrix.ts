import { AutopipeError, Frame, type ColumnData, type FittedTransformer, type Matrix, type NamedColumn } from '@autopipe/core';

/** Rows of the full frame a step is first tried on, to learn its output columns and their order. */
const PROBE_ROWS = 64;
/**
 * Default bytes of output per training chunk. Each chunk's new columns cost about one major GC (V8 collects per
 * ~64 MB of new array buffers, or per larger one), and with a million rows of strings on the heap a collection
 * costs more than most transforms: narrow steps take a few big chunks, TF-IDF's 500 columns ~67,000 rows at a time.
 */
const CHUNK_BYTES = 256 * 2 ** 20;
/** Fewest rows per default chunk. */
const MIN_CHUNK_ROWS = 65_536;
/** A final matrix at most this large is copied out of a larger arena, so small folds do not pin its spare room. */
const RIGHT_SIZE_BYTES = 64 * 2 ** 20;

/**
 * The training side of `fitSteps`, built so the model's matrix is never a second copy of the last frame.
 *
 * Numeric columns the steps make live in slots of one column-major buffer (the arena), and the frame each step is
 * fitted on holds views of those slots. A step without `fitTransform` is fitted on the whole frame, then transforms
 * it in chunks of rows straight into slots — into its input's own slot when an output keeps the input's name
 * (impute, scale), not at all when it passes the input through (selection). At the end the slots are permuted in
 * place into matrix order, and the matrix is a view of the arena. At 1,000,000 rows × 776 columns the old way
 * (every step's full output frame, then `frameToMatrix`) peaked at 13.5 GB, the frame and its copy side by side.
 *
 * Chunked training output equals one-pass output because fitted transformers work row by row (what `applySteps`
 * relies on too); a step whose probe shows otherwise (it touches columns it does not list as inputs) is transformed
 * in one pass. Any column whose data is a view of an arena slot is that slot's owner; a slot nobody views is free.
 * The arena grows with 50% spare room: pages never written cost address space, not memory.
 */
export class TrainingColumns {
  private arena: Float64Array = new Float64Array(0);
  private capacity = 0;
  /** Slots ever handed out: [0, hwm). */
  private hwm = 0;
  private free: number[] = [];
  private readonly rows: number;

  /** `chunkRows`: rows per chunk, or undefined to size chunks per step by its output width (see CHUNK_BYTES). */
  constructor(public frame: Frame, private readonly chunkRows: number | undefined) {
    this.rows = frame.nrow;
  }

  /** The slot whose view `data` is, or -1. */
  private slotOf(data: ColumnData): number {
    if (!(data instanceof Float64Array) || data.buffer !== this.arena.buffer || data.length !== this.rows || this.rows === 0) return -1;
    const at = data.byteOffset / 8;
    return at % this.rows === 0 ? at / this.rows : -1;
  }

  private view(slot: number): Float64Array {
    return this.arena.subarray(slot * this.rows, (slot + 1) * this.rows);
  }

  /**
   * Adopts `frame` as the current frame: each slot gets at most one owner (a second column viewing the same slot,
   * e.g. a renamed pass-through, gets a copy), and every slot nobody views becomes free.
   */
  private adopt(frame: Frame): void {
    const owned = new Uint8Array(this.hwm);
    let copied = false;
    const cols = frame.columns().map((c): NamedColumn => {
      const slot = this.slotOf(c.data);
      if (slot < 0) return c;
      if (!owned[slot]) {
        owned[slot] = 1;
        return c;
      }
      copied = true;
      return { schema: c.schema, data: (c.data as Float64Array).slice() };
    });
    this.frame = copied ? Frame.fromColumns(cols) : frame;
    this.free = [];
    for (let s = this.hwm - 1; s >= 0; s--) if (!owned[s]) this.free.push(s);
  }

  /** Makes sure `extra` slots can be taken beyond the free ones; growing keeps slot numbers and re-points the frame. */
  private reserve(extra: number, spare: boolean): void {
    const need = this.hwm + Math.max(0, extra - this.free.length);
    if (need <= this.capacity) return;
    const n = this.rows;
    const wanted = spare ? Math.ceil(need * 1.5) : need;
    let next: Float64Array;
    try {
      next = new Float64Array(wanted * n);
    } catch (e) {
      if (wanted === need) throw e;
      next = new Float64Array(need * n);
    }
    const old = this.arena;
    const cols = this.frame.columns().map((c): NamedColumn => {
      const slot = this.slotOf(c.data);
      if (slot < 0) return c;
      next.set(old.subarray(slot * n, (slot + 1) * n), slot * n);
      return { schema: c.schema, data: next.subarray(slot * n, (slot + 1) * n) };
    });
    this.arena = next;
    this.capacity = next.length / n;
    this.frame = Frame.fromColumns(cols);
  }

  private take(): number {
    const s = this.free.pop();
    if (s !== undefined) return s;
    if (this.hwm >= this.capacity) throw new AutopipeError('INTERNAL', 'Training column arena overflow: a step produced more columns than were reserved.');
    return this.hwm++;
  }

  /** Takes a step's full training output (from `fitTransform`, or a one-pass transform). */
  absorb(output: Frame): void {
    this.adopt(output);
  }

  /** Transforms the current frame with a fitted step, chunk by chunk, into slots (see the class comment). */
  transform(fitted: FittedTransformer): void {
    const cur = this.frame;
    const n = this.rows;
    const inputs = fitted.inputs;
    if (n === 0 || inputs.some((c) => !cur.has(c))) return this.absorb(fitted.transform(cur));
    const p = Math.min(n, PROBE_ROWS);
    const whole = rowSlice(cur, 0, p);
    let probe: Frame;
    let made: Frame;
    try {
      probe = fitted.transform(whole);
      made = fitted.transform(inputChunk(cur, inputs, 0, p).frame);
    } catch {
      // E.g. it reads a column it does not list as input; a real error shows again in the one-pass transform.
      return this.absorb(fitted.transform(cur));
    }
    // Columns the step makes (from its inputs alone) and those of the full probe it passes through untouched.
    const produced = new Map(made.schema.map((s) => [s.name, s.type]));
    const consistent = probe.schema.every((s) => produced.has(s.name)
      ? produced.get(s.name) === s.type
      : whole.has(s.name) && !inputs.includes(s.name) && probe.column(s.name) === whole.column(s.name)) && made.schema.every((s) => probe.has(s.name));
    if (!consistent) return this.absorb(fitted.transform(cur));

    const inputSet = new Set(inputs);
    /** Per produced column: its slot (-1: not yet, a standalone input passed through so far), or its strings. */
    const dest = new Map<string, { slot: number; strings: (string | null)[] | null; original: Float64Array | null }>();
    let fresh = 0;
    const keptSlots = new Set<number>();
    for (const [name, type] of produced) {
      const numeric = type === 'numeric' || type === 'boolean';
      if (!numeric) continue;
      const own = inputSet.has(name) ? this.slotOf(cur.column(name)) : -1;
      if (own >= 0) keptSlots.add(own);
      else fresh++;
    }
    // Input slots the step does not keep are free from the first chunk on: a chunk's outputs are complete (and
    // copied if they alias the arena) before any of its rows is written, and later chunks read later rows.
    for (const name of inputs) {
      const s = this.slotOf(cur.column(name));
      if (s >= 0 && !keptSlots.has(s)) this.free.push(s);
    }
    this.reserve(fresh, true);
    const src = this.frame;
    for (const [name, type] of produced) {
      const numeric = type === 'numeric' || type === 'boolean';
      if (!numeric) {
        dest.set(name, { slot: -1, strings: new Array<string | null>(n), original: null });
        continue;
      }
      const own = inputSet.has(name) ? this.slotOf(src.column(name)) : -1;
      const standaloneInput = own < 0 && inputSet.has(name) && src.column(name) instanceof Float64Array;
      dest.set(name, { slot: own >= 0 ? own : standaloneInput ? -1 : this.take(), strings: null, original: standaloneInput ? src.numeric(name) : null });
    }

    const arena = this.arena;
    const rows = this.chunkRows ?? Math.max(MIN_CHUNK_ROWS, Math.floor(CHUNK_BYTES / 8 / Math.max(1, fitted.outputs.length)));
    for (let a = 0; a < n; a += rows) {
      const b = Math.min(n, a + rows);
      const chunk = inputChunk(src, inputs, a, b);
      const part = fitted.transform(chunk.frame);
      const outs = new Map<string, ColumnData>();
      for (const name of dest.keys()) {
        if (!part.has(name) || part.typeOf(name) !== produced.get(name)) {
          throw new AutopipeError('INTERNAL', `Transformer "${fitted.transformer}" gave column "${name}" on some rows of the training data and not on others.`, { column: name });
        }
        const data = part.column(name);
        const passed = inputSet.has(name) && data === chunk.data.get(name);
        // An output viewing the arena (other than its own input passed through) is copied before any slot is written.
        outs.set(name, !passed && data instanceof Float64Array && data.buffer === arena.buffer ? data.slice() : data);
      }
      for (const [name, d] of dest) {
        const data = outs.get(name)!;
        if (d.strings) {
          for (let i = 0; i < data.length; i++) d.strings[a + i] = (data as readonly (string | null)[])[i];
          continue;
        }
        const passed = inputSet.has(name) && data === chunk.data.get(name);
        if (passed && (d.slot < 0 || d.original === null)) continue;
        if (d.slot < 0) {
          d.slot = this.take();
          arena.set(d.original!.subarray(0, a), d.slot * n);
        }
        arena.set(data as Float64Array, d.slot * n + a);
      }
    }
    const cols = probe.schema.map((s): NamedColumn => {
      const d = dest.get(s.name);
      if (!d) return { schema: s, data: src.column(s.name) };
      if (d.strings) return { schema: s, data: d.strings };
      return { schema: s, data: d.slot >= 0 ? this.view(d.slot) : d.original! };
    });
    this.adopt(Frame.fromColumns(cols));
  }

  /**
   * The current frame (numeric columns only) as a matrix: slots permuted in place so column j sits in slot j,
   * standalone columns copied in; the matrix is a view of the arena.
   */
  toMatrix(): Matrix {
    const names = this.frame.names;
    const f = names.length;
    const n = this.rows;
    if (n === 0 || f === 0) return { rows: n, cols: f, names, data: new Float64Array(0) };
    this.reserve(f - this.hwm + this.free.length, false);
    const A = this.arena;
    const src: (number | Float64Array)[] = names.map((name) => {
      const d = this.frame.numeric(name);
      const s = this.slotOf(d);
      return s >= 0 ? s : d;
    });
    // occupant[s]: the column still to be moved that sits in slot s.
    const occupant = new Int32Array(this.capacity).fill(-1);
    const done = new Uint8Array(f);
    let pending = f;
    src.forEach((s, j) => {
      if (s === j) {
        done[j] = 1;
        pending--;
      } else if (typeof s === 'number') occupant[s] = j;
    });
    const ready: number[] = [];
    for (let j = 0; j < f; j++) if (!done[j] && occupant[j] < 0) ready.push(j);
    let temp: Float64Array | null = null;
    let scan = 0;
    while (pending > 0) {
      if (ready.length === 0) {
        // Only cycles are left: park the occupant of one wanted slot aside, which opens the cycle into a chain.
        while (done[scan]) scan++;
        const k = occupant[scan];
        temp ??= new Float64Array(n);
        temp.set(A.subarray(scan * n, (scan + 1) * n));
        src[k] = temp;
        occupant[scan] = -1;
        ready.push(scan);
      }
      const j = ready.pop()!;
      const s = src[j];
      if (typeof s === 'number') {
        A.copyWithin(j * n, s * n, (s + 1) * n);
        occupant[s] = -1;
        if (s < f && !done[s]) ready.push(s);
      } else A.set(s, j * n);
      done[j] = 1;
      pending--;
    }
    const data = this.capacity === f ? A : f * n * 8 <= RIGHT_SIZE_BYTES ? A.slice(0, f * n) : A.subarray(0, f * n);
    this.arena = new Float64Array(0);
    this.capacity = 0;
    this.hwm = 0;
    this.free = [];
    this.frame = Frame.fromColumns([]);
    return { rows: n, cols: f, names: [...names], data };
  }
}

/**
 * Rows [a, b) of the listed columns: numeric ones as views (no copy), strings copied; with the data by name (to spot
 * pass-throughs). Views are safe although outputs are written into slots that inputs may view: a chunk's outputs
 * exist in full before any is written, and those that alias the arena are copied first (see `transform`).
 */
function inputChunk(src: Frame, inputs: readonly string[], a: number, b: number): { frame: Frame; data: Map<string, ColumnData> } {
  const data = new Map(inputs.map((name) => {
    const c = src.column(name);
    return [name, c instanceof Float64Array ? c.subarray(a, b) : c.slice(a, b)];
  }));
  return { frame: Frame.fromColumns(inputs.map((name) => ({ schema: src.columnSchema(name), data: data.get(name)! }))), data };
}

/** Rows [start, end) as a frame of copies (a transformer may not mutate its input, but a copy makes sure). */
function rowSlice(frame: Frame, start: number, end: number): Frame {
  return Frame.fromColumns(frame.columns().map((c) => ({ schema: c.schema, data: c.data.slice(start, end) })));
}
