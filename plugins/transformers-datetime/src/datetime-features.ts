import { checkColumns, spliceColumns, type ColumnSchema, type FittedTransformer, type Frame, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { MS_PER_DAY, civilFromDays, daysFromCivil, isLeapYear } from './calendar.js';
import { parseDateTime } from './parse-datetime.js';
import { readBoolean, readFlags, readFloats, readStrings } from './state-fields.js';
import { datetimeFeaturesOnnx } from './onnx.js';
import { columnBlock } from './column-block.js';

const KEY = 'datetime.features';
const OWNER = `transformer "${KEY}"`;
const TAU = 2 * Math.PI;

export type DatetimeFeaturesParams = {
  /** Add sin/cos encodings of month, weekday, day-of-year (and hour), so December sits next to January. */
  readonly cyclic: boolean;
  /** Add `<col>__dt_missing` for columns with a missing or unparseable cell at fit time. */
  readonly add_indicator: boolean;
};

/** What fit decided for one input column. */
interface ColumnPlan {
  readonly name: string;
  /** Some training value has a time of day other than midnight UTC, so hour features are worth having. */
  readonly hasTime: boolean;
  /** The earliest training instant (UTC ms), origin of `elapsed_days`; the Unix epoch if nothing parsed. */
  readonly origin: number;
  readonly indicator: boolean;
}

/** Output columns of one input, in the order they appear; every one is numeric except the 0/1 indicator. */
function outputNames(p: ColumnPlan, cyclic: boolean): string[] {
  const n = p.name;
  const names = [`${n}__year`, `${n}__month`, `${n}__day`, `${n}__weekday`, `${n}__dayofyear`];
  if (p.hasTime) names.push(`${n}__hour`);
  if (cyclic) {
    names.push(`${n}__month_sin`, `${n}__month_cos`, `${n}__weekday_sin`, `${n}__weekday_cos`, `${n}__dayofyear_sin`, `${n}__dayofyear_cos`);
    if (p.hasTime) names.push(`${n}__hour_sin`, `${n}__hour_cos`);
  }
  names.push(`${n}__elapsed_days`);
  return names;
}

function outputSchemas(p: ColumnPlan, cyclic: boolean): ColumnSchema[] {
  const out: ColumnSchema[] = outputNames(p, cyclic).map((name) => ({ name, type: 'numeric' }));
  if (p.indicator) out.push({ name: `${p.name}__dt_missing`, type: 'boolean' });
  return out;
}

/** Parses a whole column to UTC milliseconds (NaN = missing or unparseable). */
export function parseColumn(col: readonly (string | null)[]): Float64Array {
  const t = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) t[i] = parseDateTime(col[i]);
  return t;
}

/** Fills the feature columns of one input from its parsed instants; rows with NaN get NaN everywhere. */
function features(t: Float64Array, p: ColumnPlan, cyclic: boolean): Float64Array[] {
  const rows = t.length;
  const k = outputNames(p, cyclic).length;
  const cols = columnBlock(k + (p.indicator ? 1 : 0), rows);
  const [year, month, day, weekday, doyCol] = cols;
  let j = 5;
  const hour = p.hasTime ? cols[j++] : undefined;
  const cyc = cyclic ? cols.slice(j, j + (p.hasTime ? 8 : 6)) : [];
  j += cyc.length;
  const elapsed = cols[j];
  const missing = p.indicator ? cols[k] : undefined;
  const ymd = new Int32Array(3);
  for (let i = 0; i < rows; i++) {
    const ms = t[i];
    if (ms !== ms) {
      for (let c = 0; c < k; c++) cols[c][i] = NaN;
      if (missing) missing[i] = 1;
      continue;
    }
    const days = Math.floor(ms / MS_PER_DAY);
    const msOfDay = ms - days * MS_PER_DAY;
    const dayFrac = msOfDay / MS_PER_DAY;
    civilFromDays(days, ymd);
    const y = ymd[0];
    const m = ymd[1];
    // Monday = 0 … Sunday = 6, as pandas' dayofweek; 1970-01-01 was a Thursday.
    const wd = (((days + 3) % 7) + 7) % 7;
    const doy = days - daysFromCivil(y, 1, 1) + 1;
    year[i] = y;
    month[i] = m;
    day[i] = ymd[2];
    weekday[i] = wd;
    doyCol[i] = doy;
    if (hour) hour[i] = Math.floor(msOfDay / 3_600_000);
    if (cyclic) {
      const am = (TAU * (m - 1)) / 12;
      const aw = (TAU * wd) / 7;
      const ad = (TAU * (doy - 1)) / (isLeapYear(y) ? 366 : 365);
      cyc[0][i] = Math.sin(am);
      cyc[1][i] = Math.cos(am);
      cyc[2][i] = Math.sin(aw);
      cyc[3][i] = Math.cos(aw);
      cyc[4][i] = Math.sin(ad);
      cyc[5][i] = Math.cos(ad);
      if (p.hasTime) {
        // The time of day, minutes included, so 23:59 sits next to 00:00.
        cyc[6][i] = Math.sin(TAU * dayFrac);
        cyc[7][i] = Math.cos(TAU * dayFrac);
      }
    }
    elapsed[i] = (ms - p.origin) / MS_PER_DAY;
  }
  return cols;
}

class FittedDatetimeFeatures implements FittedTransformer {
  readonly transformer = KEY;
  readonly inputs: readonly string[];
  readonly outputs: readonly ColumnSchema[];
  private readonly perInput: readonly ColumnSchema[][];

  constructor(private readonly plans: readonly ColumnPlan[], private readonly cyclic: boolean) {
    this.inputs = plans.map((p) => p.name);
    this.perInput = plans.map((p) => outputSchemas(p, cyclic));
    this.outputs = this.perInput.flat();
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.plans.forEach((p, j) => {
      const data = features(parseColumn(frame.strings(p.name)), p, this.cyclic);
      repl.set(p.name, this.perInput[j].map((schema, c) => ({ schema, data: data[c] })));
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return {
      inputs: [...this.inputs],
      cyclic: this.cyclic,
      has_time: Uint8Array.from(this.plans, (p) => (p.hasTime ? 1 : 0)),
      origin: Float64Array.from(this.plans, (p) => p.origin),
      indicator: Uint8Array.from(this.plans, (p) => (p.indicator ? 1 : 0)),
    };
  }
}

/**
 * Numeric features of datetime columns (ISO-8601 strings, UTC): calendar fields, cyclic encodings and days
 * elapsed since the earliest training instant. Missing or unparseable cells give NaN features, flagged by
 * `<col>__dt_missing` when the column had such cells at fit time.
 */
export const datetimeFeatures: TransformerDefinition<DatetimeFeaturesParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Datetime → year, month, day, weekday, day-of-year, hour, sin/cos encodings and elapsed days (UTC); unparseable → NaN.',
  accepts: ['datetime'],
  defaults: { cyclic: true, add_indicator: true },

  fit(frame, columns, params) {
    const plans = columns.map((name): ColumnPlan => {
      const t = parseColumn(frame.strings(name));
      let min = Infinity;
      let hasTime = false;
      let anyMissing = false;
      for (let i = 0; i < t.length; i++) {
        const v = t[i];
        if (v !== v) { anyMissing = true; continue; }
        if (v < min) min = v;
        if (!hasTime && v - Math.floor(v / MS_PER_DAY) * MS_PER_DAY !== 0) hasTime = true;
      }
      return { name, hasTime, origin: min === Infinity ? 0 : min, indicator: params.add_indicator && anyMissing };
    });
    const fitted = new FittedDatetimeFeatures(plans, params.cyclic);
    checkColumns(KEY, frame, columns, fitted.outputs);
    return fitted;
  },

  toOnnx: datetimeFeaturesOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    const n = inputs.length;
    const hasTime = readFlags(state, 'has_time', n, OWNER);
    const origin = readFloats(state, 'origin', n, OWNER);
    const indicator = readFlags(state, 'indicator', n, OWNER);
    const plans = inputs.map((name, j) => ({ name, hasTime: hasTime[j] === 1, origin: origin[j], indicator: indicator[j] === 1 }));
    return new FittedDatetimeFeatures(plans, readBoolean(state, 'cyclic', OWNER));
  },
};
