// Helpers of the PartialJsonParser specs: feeding a document in pieces, the invariants every run of
// snapshots must keep, and an independent oracle (JSON.parse itself) for where invalid text becomes invalid.
import { isDeepStrictEqual } from 'node:util';
import { PartialJsonError, PartialJsonParser, extendsPartial } from '../../src/structured/partial-json.js';

export interface Fed {
  /** Every snapshot taken (after the pushes picked by `snapshotAfter`, and after end()). */
  readonly snapshots: unknown[];
  readonly final: unknown;
}

/** `text` cut at `lengths` (cycled; each at least 1), the last piece taking the rest. */
export function piecesOf(text: string, lengths: readonly number[] = [1]): string[] {
  const pieces: string[] = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const len = Math.max(1, lengths.length === 0 ? text.length : lengths[k % lengths.length]!);
    pieces.push(text.slice(at, at + len));
    at += len;
  }
  return pieces;
}

/** Pushes `pieces`, taking a snapshot after each push for which `snapshotAfter(k)` holds, then ends. */
export function feed(pieces: readonly string[], snapshotAfter: (k: number) => boolean = () => true): Fed {
  const parser = new PartialJsonParser({ maxDepth: Infinity });
  const snapshots: unknown[] = [];
  pieces.forEach((piece, k) => {
    parser.push(piece);
    if (snapshotAfter(k)) {
      const s = parser.snapshot();
      expect(parser.snapshot()).toBe(s); // nothing changed in between: the very same snapshot
      snapshots.push(s);
    }
  });
  const final = parser.end();
  expect(parser.done).toBe(true);
  snapshots.push(parser.snapshot());
  return { snapshots, final };
}

/**
 * The invariants of one run over a valid document: the end is JSON.parse's value (deeply frozen); each
 * snapshot extends the previous one and is extended by the final value (so no number, literal or escape ever
 * shows incomplete); no surrogate pair shows half; unchanged subtrees are shared.
 */
export function expectValidRun(text: string, { snapshots, final }: Fed): void {
  const expected: unknown = JSON.parse(text);
  if (!isDeepStrictEqual(final, expected)) expect(final).toStrictEqual(expected); // (jest's diff, when it fails)
  expect(snapshots[snapshots.length - 1]).toBe(final);
  expectDeepFrozen(final);
  let previous: unknown = undefined;
  for (const s of snapshots) {
    if (!extendsPartial(previous, s)) throw new Error(`snapshot ${show(s)} does not extend ${show(previous)}`);
    if (!extendsPartial(s, expected)) throw new Error(`snapshot ${show(s)} is not a partial of ${show(expected)}`);
    expectNoHalfPair(s, expected);
    expectShared(previous, s);
    expectDeepFrozen(s);
    previous = s;
  }
}

/** A string that ends in a high surrogate whose low half is in the final string was shown too early. */
function expectNoHalfPair(partial: unknown, final: unknown): void {
  if (typeof partial === 'string' && typeof final === 'string') {
    const n = partial.length;
    const last = partial.charCodeAt(n - 1);
    const after = final.charCodeAt(n);
    if (last >= 0xd800 && last <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) throw new Error(`half a surrogate pair shown at ${n}`);
  } else if (typeof partial === 'object' && partial !== null && typeof final === 'object' && final !== null) {
    for (const [k, v] of Object.entries(partial)) expectNoHalfPair(v, (final as Record<string, unknown>)[k]);
  }
}

/** Any subtree of `next` deep-equal to the one at the same place in `previous` is that very object. */
export function expectShared(previous: unknown, next: unknown): void {
  if (previous === next || typeof previous !== 'object' || previous === null || typeof next !== 'object' || next === null) return;
  if (isDeepStrictEqual(previous, next)) throw new Error(`unchanged subtree ${show(next)} was copied`);
  for (const [k, v] of Object.entries(previous)) {
    if (Object.prototype.hasOwnProperty.call(next, k)) expectShared(v, (next as Record<string, unknown>)[k]);
  }
}

function expectDeepFrozen(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (!Object.isFrozen(value)) throw new Error(`${show(value)} is not frozen`);
  for (const v of Object.values(value)) expectDeepFrozen(v);
}

function show(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 200 ? `${s.slice(0, 200)}...` : s;
}

/** The outcome of feeding `pieces`: the value, or the error thrown and the index of the piece that threw it. */
export function outcome(pieces: readonly string[]): { value: unknown } | { error: PartialJsonError; piece: number } {
  const parser = new PartialJsonParser({ maxDepth: Infinity });
  let k = 0;
  try {
    for (; k < pieces.length; k++) parser.push(pieces[k]!);
    return { value: parser.end() };
  } catch (error) {
    if (!(error instanceof PartialJsonError)) throw error;
    return { error, piece: k };
  }
}

/**
 * Where `text` stops being the start of any valid JSON text, by JSON.parse alone: the shortest prefix that
 * JSON.parse rejects for a reason other than its end (V8 reports the end as "Unexpected end", "Unterminated
 * ...", or a position equal to the prefix's length). Undefined when every prefix could still be completed.
 * Binary search: once a prefix is hopeless, so are all longer ones.
 */
export function firstInvalidPosition(text: string): number | undefined {
  const hopeless = (n: number): boolean => {
    const prefix = text.slice(0, n);
    try {
      JSON.parse(prefix);
      return false;
    } catch (error) {
      const message = (error as Error).message;
      if (/Unexpected end of JSON input|Unterminated string/.test(message)) return false;
      const at = /at position (\d+)/.exec(message);
      return !(at !== null && Number(at[1]) === n);
    }
  };
  if (!hopeless(text.length)) return undefined;
  let lo = 0; // hopeless(lo) is false (the empty text can become valid)
  let hi = text.length; // hopeless(hi) is true
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (hopeless(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/** Parses `pieces` and expects exactly what JSON.parse says of their concatenation, error position included. */
export function expectSameVerdictAsJsonParse(pieces: readonly string[]): void {
  const text = pieces.join('');
  const result = outcome(pieces);
  let parsed: { value: unknown } | undefined;
  try {
    parsed = { value: JSON.parse(text) };
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    if ('error' in result) throw new Error(`valid JSON ${show(text)} rejected: ${result.error.message}`);
    expect(result.value).toStrictEqual(parsed.value);
    return;
  }
  if (!('error' in result)) throw new Error(`invalid JSON ${show(text)} accepted`);
  const position = firstInvalidPosition(text);
  if (position === undefined) {
    expect([result.error.reason, result.error.position, result.piece]).toEqual(['unexpected end', text.length, pieces.length]);
    return;
  }
  expect(result.error.position).toBe(position);
  // Thrown by the very push that brought the offending character, not before, not later.
  let start = 0;
  for (let k = 0; k < result.piece; k++) start += pieces[k]!.length;
  expect(position >= start && position < start + pieces[result.piece]!.length).toBe(true);
}
