// Renders a value every way it might end up in a log, and checks no planted secret shows in any of them.
import { inspect } from 'node:util';

/** Planted keys: key-shaped (caught by the pattern and the registry) and not key-shaped (registry only, like Azure keys). */
export const PLANTED = {
  openai: 'sk-planted-SECRET-123456',
  anthropic: 'sk-ant-planted-SECRET-654321',
  plain: 'a1b2c3d4e5f6SECRET7f3a9c21e5d4c3b2',
} as const;

/** Distinctive parts: a partial leak (a key cut or masked at its ends) still shows one of them. */
const NEEDLES = ['SECRET-123456', 'SECRET-654321', 'SECRET7f3a9c', ...Object.values(PLANTED)];

function safe(render: () => string): string {
  try {
    return render();
  } catch (error) {
    return `(rendering threw ${String(error)})`;
  }
}

/**
 * Every rendering of `value` a program might log or send: for an error its message, `String()`, stack,
 * `JSON.stringify`, `util.inspect` (depth 10, hidden fields too), and the same for each `cause` down the
 * chain; for anything else `JSON.stringify` and `util.inspect`.
 */
export function renderings(value: unknown): string[] {
  const out: string[] = [
    safe(() => JSON.stringify(value) ?? ''),
    safe(() => inspect(value, { depth: 10 })),
    safe(() => inspect(value, { depth: 10, showHidden: true, getters: true })),
  ];
  for (let e: unknown = value, depth = 0; e instanceof Error && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    out.push(safe(() => e.message), safe(() => String(e)), safe(() => e.stack ?? ''), safe(() => JSON.stringify(e) ?? ''));
    out.push(safe(() => inspect(e, { depth: 10, showHidden: true })));
  }
  return out;
}

/** The planted secrets (or a distinctive part of one) found in `texts`, with a little context. */
export function leaks(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const needle of NEEDLES) {
      const at = text.indexOf(needle);
      if (at >= 0) found.push(`"${needle}" in: …${text.slice(Math.max(0, at - 80), at + needle.length + 20)}…`);
    }
  }
  return found;
}

/** Asserts that no rendering of any of `values` shows a planted secret. */
export function expectNoLeak(...values: unknown[]): void {
  expect(leaks(values.flatMap(renderings))).toEqual([]);
}

/**
 * A fresh key no other test registered: `kind` `plain` (an Azure-style hex key), `sk` (OpenAI-shaped) or
 * `ant` (Anthropic-shaped). Each test plants its own, so a key registered by an earlier test cannot hide a leak.
 */
export function freshKey(kind: 'plain' | 'sk' | 'ant'): string {
  const body = `${Date.now().toString(16)}${Math.random().toString(16).slice(2, 14)}FRESH${Math.random().toString(16).slice(2, 10)}`;
  return kind === 'plain' ? body : kind === 'sk' ? `sk-${body}` : `sk-ant-${body}`;
}

/** Asserts that no rendering of any of `values` shows `key`, nor a 12-character piece of its middle. */
export function expectNoLeakOf(key: string, ...values: unknown[]): void {
  const needles = [key, key.slice(Math.floor(key.length / 2) - 6, Math.floor(key.length / 2) + 6)];
  const found: string[] = [];
  for (const text of values.flatMap(renderings)) {
    for (const needle of needles) {
      const at = text.indexOf(needle);
      if (at >= 0) found.push(`"${needle}" in: …${text.slice(Math.max(0, at - 80), at + needle.length + 20)}…`);
    }
  }
  expect(found).toEqual([]);
}
