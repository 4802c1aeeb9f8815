import type { CallOptions } from '../../core/call-settings.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import type { PromptInput } from '../../core/prompt.js';
import { checkOptions } from '../../core/validate.js';
import { sha256Hex } from '../../platform/sha256.js';

/** Everything that makes two requests the same request. */
export interface CacheKeyRequest {
  readonly provider: string;
  readonly modelId: string;
  readonly method: 'generate' | 'stream';
  readonly input: PromptInput;
  /** The call's options; `signal`, `tags` and `headers` do not change the answer and are left out. */
  readonly options?: CallOptions;
}

/** Every `CacheKeyRequest` name (any other throws `InvalidArgumentError`: a misspelt `options` must not drop settings from the key). */
const REQUEST_NAMES: KnownKeys<CacheKeyRequest> = { provider: true, modelId: true, method: true, input: true, options: true };

const IGNORED: ReadonlySet<string> = new Set(['signal', 'tags', 'headers']);

/**
 * The default cache key: a SHA-256 (hex) of a canonical JSON of provider, model, method, input and the
 * settings that change the answer (object keys sorted, `undefined` values dropped), so equal requests
 * get equal keys whatever the order their options were written in. Nothing secret goes into it.
 * Synchronous and the same in every runtime (computed without Node's `crypto`, so it runs in browsers too):
 * keys written to a shared store by a server match those computed anywhere else.
 * A `request` that is not an object throws `InvalidArgumentError`.
 *
 * @example
 * cacheKey({ provider: 'openai.chat', modelId: 'gpt-4o-mini', method: 'generate', input: 'Hi', options: { temperature: 0 } })
 */
export function cacheKey(request: CacheKeyRequest): string {
  checkOptions('request', request, { required: true, expected: 'a { provider, modelId, method, input, options? } object' });
  checkKnownKeys('request', request, REQUEST_NAMES);
  checkOptions('request.options', request.options, { expected: 'an object' });
  const settings = Object.fromEntries(Object.entries(request.options ?? {}).filter(([k]) => !IGNORED.has(k)));
  const canonical = canonicalJson([request.provider, request.modelId, request.method, request.input, settings]);
  return sha256Hex(canonical);
}

/**
 * JSON with object keys sorted at every level and `undefined` members dropped: the same text for the same
 * value, whatever the order its keys were written in.
 *
 * @example
 * canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }); // '{"a":[{"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
