/**
 * The simulator's tokenisation (documented, simple, exact): a token is a run of letters/digits/`_`/`'`, or
 * one other non-space character, together with the whitespace before it; trailing whitespace is one more
 * token. Concatenating the tokens of a text gives the text back, so streamed deltas add up exactly.
 */
const TOKEN = /\s*(?:[\p{L}\p{N}_']+|[^\s\p{L}\p{N}_'])|\s+$/gu;

/** Splits `text` into tokens (see above). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The number of tokens in `text`. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}

/**
 * Fragments of JSON text as a model streams it: runs of letters/digits (with the whitespace before them), or
 * up to three other characters (`{"`, `":"`, `"}`), as in the real services' tool-argument deltas.
 * Concatenating the fragments gives the text back.
 */
const JSON_FRAGMENT = /\s*(?:[\p{L}\p{N}_']+|[^\s\p{L}\p{N}_']{1,3})|\s+$/gu;

/** Splits JSON text into streaming fragments (see above); each counts as one token. */
export function tokenizeJson(text: string): string[] {
  return text.match(JSON_FRAGMENT) ?? [];
}
