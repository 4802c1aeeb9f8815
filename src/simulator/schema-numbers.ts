// Numbers for the schema value generator: within `minimum` / `maximum` / `exclusiveMinimum` /
// `exclusiveMaximum` (draft 4's boolean form too), on `multipleOf`, in a range the property's name suggests
// (a temperature, a latitude, an age...) when the schema gives none; a number the prompt names wins if it fits.
import type { Picker } from './repertoire/picker.js';
import type { PromptHints } from './schema-hints.js';

const RANGES: ReadonlyArray<readonly [RegExp, number, number]> = [
  [/temp/, -10, 35], [/^lat/, -90, 90], [/^(lon|lng)/, -180, 180], [/age$/, 18, 80], [/year$/, 1990, 2025],
  [/month$/, 1, 12], [/day$/, 1, 28], [/hours?$/, 0, 23], [/(minute|second)s?$/, 0, 59],
  [/(price|cost|amount|total|salary)/, 1, 500], [/percent/, 0, 100], [/(rating|stars)$/, 1, 5],
  [/(count|quantity|limit|number|num|size|page)$|^n$/, 1, 10],
];

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `n` without float noise (0.30000000000000004 is 0.3) and never -0. */
function clean(n: number): number {
  return Number(n.toPrecision(12)) + 0;
}

/** A number (an integer for `type: 'integer'`) that satisfies the schema's numeric keywords. */
export function schemaNumber(schema: Readonly<Record<string, unknown>>, type: 'integer' | 'number', name: string, pick: Picker, hints: PromptHints): number {
  const integer = type === 'integer';
  const tiny = integer ? 1 : 0.01;
  const exMin = schema['exclusiveMinimum'];
  const exMax = schema['exclusiveMaximum'];
  let lo = num(schema['minimum']);
  let hi = num(schema['maximum']);
  if (num(exMin) !== undefined) lo = Math.max(lo ?? -Infinity, num(exMin)! + tiny);
  else if (exMin === true && lo !== undefined) lo += tiny;
  if (num(exMax) !== undefined) hi = Math.min(hi ?? Infinity, num(exMax)! - tiny);
  else if (exMax === true && hi !== undefined) hi -= tiny;
  const [, rangeLo, rangeHi] = RANGES.find(([re]) => re.test(name.toLowerCase())) ?? [undefined, 0, 100];
  lo ??= hi !== undefined ? Math.min(rangeLo, hi - (rangeHi - rangeLo)) : rangeLo;
  hi ??= Math.max(rangeHi, lo + (rangeHi - rangeLo));
  if (integer) [lo, hi] = [Math.ceil(lo), Math.floor(hi)];
  const step = num(schema['multipleOf']) !== undefined && num(schema['multipleOf'])! > 0 ? num(schema['multipleOf'])! : undefined;
  const low = lo;
  const high = hi;
  const fits = (n: number): boolean =>
    n >= low && n <= high && (!integer || Number.isInteger(n)) && (step === undefined || Math.abs(clean(n / step) - Math.round(n / step)) < 1e-9);
  const named = hints.number(fits);
  if (named !== undefined) return named;
  if (step !== undefined) {
    const kLo = Math.ceil(clean(lo / step));
    const kHi = Math.floor(clean(hi / step));
    return kLo > kHi ? clean(kLo * step) : clean(pick.int(kLo, Math.min(kHi, kLo + 1000)) * step);
  }
  if (integer) return hi < lo ? lo : pick.int(lo, hi);
  const value = Math.round((lo + (pick.int(0, 10_000) / 10_000) * (hi - lo)) * 100) / 100;
  return clean(Math.min(hi, Math.max(lo, value)));
}
