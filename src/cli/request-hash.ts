import { createHash } from 'node:crypto';
import type { CallSettings } from '../core/call-settings.js';
import type { BadLine, RunRequest } from './parse-request-line.js';

/**
 * What a result answers: the first 16 hex characters (64 bits) of the SHA-256 of the request a line
 * asks for — its messages (a `prompt` is one user message) and its own settings (`temperature`,
 * `maxTokens`, `stop`, `topP`) — and, with `--schema`, the schema its object must be valid against
 * (`schemaDigest`, the SHA-256 of the schema's canonical JSON: a result is an object of that schema, so
 * another schema makes it a different request; the key order and spacing of the file do not matter). Not the
 * id (the id is what the hash is filed under), not fields the run ignores, not the other command-line flags
 * (`--model`, `--temperature`, `--schema-mode`...: a resume with other flags keeps the results already
 * written). Without `--schema` the hash is what it always was. A bad line is hashed from its text, so fixing
 * it changes its hash. Written in each record as `requestHash`; a resume compares it with the line's current hash.
 *
 * @example
 * requestHash(parseRequestLine('{"id":"a","prompt":"Hi"}', 1, 'jsonl'), text); // '3f2a9c0d1e4b5a67'
 */
export function requestHash(line: RunRequest | BadLine, text: string, schemaDigest?: string): string {
  if (!line.ok) return badLineHash(text);
  const messages = typeof line.prompt === 'string' ? [['user', line.prompt]] : line.prompt.map((m) => [m.role, m.content]); // a prompt is one user message
  const request = ['rxllm-request/1', messages, canonicalSettings(line.settings)];
  return shortHash(schemaDigest === undefined ? request : [...request, ['schema', schemaDigest]]);
}

/** The hash of a bad line, from its text (fixing it changes its hash), whatever the command. */
export function badLineHash(text: string): string {
  return shortHash(['rxllm-bad-line/1', text]);
}

/** The first 16 hex characters (64 bits) of the SHA-256 of `canonical` as JSON: every request hash's form. */
export function shortHash(canonical: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

function canonicalSettings(settings: CallSettings): [string, unknown][] {
  return Object.entries(settings)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
