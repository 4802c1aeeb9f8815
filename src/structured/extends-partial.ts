const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * True when `next` only extends `previous` in the sense of structured-output streaming, so that a UI showing
 * `previous` can move on to `next` without anything it showed vanishing or changing:
 *
 * - `previous` is `undefined` (nothing shown yet), or the same value (`Object.is`);
 * - strings: `next` starts with `previous`;
 * - numbers, booleans, `null`: identical (they only ever show complete);
 * - arrays: `next` is an array at least as long; every element but the last of `previous` is complete, so
 *   deep-equal in `next`; the last one may be extended;
 * - objects: `next` is a (non-array) object with every key of `previous`, each value extended (which key is
 *   still being written is not visible in the value, so each may be).
 *
 * Every snapshot of {@link PartialJsonParser} extends the previous one, except after a duplicate key (the
 * last one wins, as in `JSON.parse`). Iterative: safe for any depth. O(size of `previous`), less where
 * subtrees are shared (`===`).
 *
 * @example
 * extendsPartial({ a: 'He', b: [1] }, { a: 'Hello', b: [1, 2], c: true }); // true
 * extendsPartial({ a: [1, 2] }, { a: [1] }); // false: an element vanished
 * extendsPartial({ a: [{ x: 'a' }, 2] }, { a: [{ x: 'ab' }, 2] }); // false: a completed element changed
 */
export function extendsPartial(previous: unknown, next: unknown): boolean {
  if (previous === undefined) return true;
  /** Pairs still to compare, each with whether `a` is complete (so `b` must deep-equal it). */
  const pending: Array<[a: unknown, b: unknown, complete: boolean]> = [[previous, next, false]];
  while (pending.length > 0) {
    const [a, b, complete] = pending.pop()!;
    if (Object.is(a, b)) continue;
    if (typeof a === 'string') {
      if (typeof b !== 'string' || (complete ? a !== b : !b.startsWith(a))) return false;
      continue;
    }
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || b.length < a.length || (complete && b.length !== a.length)) return false;
      for (let i = 0; i < a.length; i++) pending.push([a[i], b[i], complete || i < a.length - 1]);
      continue;
    }
    if (Array.isArray(b)) return false;
    const keys = Object.keys(a);
    if (complete && Object.keys(b).length !== keys.length) return false;
    for (const key of keys) {
      if (!hasOwn(b, key)) return false;
      pending.push([(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], complete]);
    }
  }
  return true;
}
