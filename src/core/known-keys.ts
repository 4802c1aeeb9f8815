// The one check that an options object holds only known option names (a misspelt option must not be
// silently ignored). Shared by providers, operators, tracking sinks, the simulator and the testing helpers.
// Not public API.
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * Every option name of `T`, each exactly once: a missing or extra name is a compile error, so a list
 * declared as `const KEYS: KnownKeys<FooOptions> = { ... }` stays in step with the `FooOptions` type.
 *
 * @example
 * const KEYS: KnownKeys<{ a?: number; b?: string }> = { a: true, b: true };
 */
export type KnownKeys<T> = { readonly [K in keyof T]-?: true };

/**
 * Throws `InvalidArgumentError` naming `${argument}.${key}` for the first own key of `value` that is not a key
 * of `known`, suggesting the nearest known name when one is close (`temprature` -> `temperature`,
 * `max_tokens` -> `maxTokens`), else adding `hint` when given. Does nothing for a non-object `value` (the
 * caller checks the type).
 *
 * @example
 * checkKnownKeys('options', { temprature: 0 }, { temperature: true });
 * // InvalidArgumentError: Invalid argument "options.temprature": is not a known option; did you mean "temperature"?
 */
export function checkKnownKeys(argument: string, value: unknown, known: object, hint?: string): void {
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    if (Object.prototype.hasOwnProperty.call(known, key)) continue;
    const near = nearest(key, Object.keys(known));
    const more = near !== undefined ? `; did you mean "${near}"?` : hint !== undefined ? ` (${hint})` : '';
    throw new InvalidArgumentError(`${argument}.${key}`, `is not a known option${more}`);
  }
}

/**
 * The known name closest to `key` (case, `_` and `-` ignored): within a few edits, or starting with `key`
 * (a unit suffix left out: `ttl` -> `ttlMs`). Also the CLI's "did you mean" for a misspelt flag.
 *
 * @example
 * nearest('temprature', ['temperature', 'topP']); // 'temperature'
 */
export function nearest(key: string, names: readonly string[]): string | undefined {
  const plain = (s: string): string => s.toLowerCase().replace(/[_-]/g, '');
  const k = plain(key);
  const allowed = Math.min(3, Math.max(1, Math.floor(k.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const p = plain(name);
    const d = editDistance(k, p);
    if (d < bestDistance && (d <= allowed || (k.length >= 3 && p.startsWith(k)))) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
