import type { EmbeddingResult } from '../../core/embedding-model.js';
import { ServerError } from '../../errors/server-error.js';
import { makeUsage } from '../shared/usage.js';

/** The parts of an OpenAI `/v1/embeddings` response that matter here. */
export interface OpenAIEmbeddingResponse {
  readonly model?: string;
  readonly data?: readonly { readonly index?: number; readonly embedding?: unknown }[];
  readonly usage?: { readonly prompt_tokens?: number; readonly total_tokens?: number } | null;
}

/**
 * Reads one `/v1/embeddings` response for `count` values: each vector in its `index` slot (in value order,
 * whatever order `data` lists them in), decoded from either encoding, whichever was asked (a compatible
 * server may ignore `encoding_format`): a base64 string of little-endian float32s, or a JSON array of numbers.
 * A response that does not give exactly one vector per value is a retryable `ServerError`
 * (`malformed_response`).
 *
 * @example
 * fromOpenAIEmbeddingResponse(data, { provider: 'openai.embedding', modelId: 'text-embedding-3-small', count: 2 });
 */
export function fromOpenAIEmbeddingResponse(
  data: OpenAIEmbeddingResponse,
  info: { readonly provider: string; readonly modelId: string; readonly requestId?: string | undefined; readonly count: number },
): EmbeddingResult {
  const { provider, count } = info;
  const malformed = (problem: string): ServerError =>
    new ServerError(`${provider}: malformed embeddings response: ${problem}`, { provider, code: 'malformed_response', ...(info.requestId ? { requestId: info.requestId } : {}) });
  const items = Array.isArray(data?.data) ? data.data : undefined;
  if (items === undefined) throw malformed('no "data" list');
  if (items.length !== count) throw malformed(`${items.length} embeddings for ${count} inputs`);
  const embeddings: number[][] = new Array<number[]>(count);
  items.forEach((item, position) => {
    const index = typeof item?.index === 'number' ? item.index : position;
    if (!Number.isInteger(index) || index < 0 || index >= count || embeddings[index] !== undefined) throw malformed(`bad or repeated index ${index}`);
    const vector = decodeVector(item.embedding);
    if (vector === undefined) throw malformed(`the embedding at index ${index} is neither a list of numbers nor base64 float32s`);
    embeddings[index] = vector;
  });
  const usage = data.usage;
  return {
    embeddings,
    ...(usage ? { usage: makeUsage({ input: usage.prompt_tokens ?? usage.total_tokens, output: 0 }) } : {}),
    provider,
    modelId: typeof data.model === 'string' && data.model !== '' ? data.model : info.modelId,
    ...(info.requestId ? { requestId: info.requestId } : {}),
  };
}

/** A vector as the API sent it: JSON numbers pass through; a base64 string is decoded; anything else is `undefined`. */
function decodeVector(value: unknown): number[] | undefined {
  if (typeof value === 'string') return decodeFloat32Base64(value);
  if (!Array.isArray(value)) return undefined;
  for (const x of value) if (typeof x !== 'number') return undefined;
  return value as number[];
}

const BufferClass = (globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array } }).Buffer;

/**
 * Decodes base64 little-endian float32s (what `encoding_format: 'base64'` returns); `undefined` when it is
 * not that. (A decoder skips characters that are not base64: the byte count then falls short of what the
 * text's length promises, which is how a bad text is caught without scanning it twice.)
 */
export function decodeFloat32Base64(text: string): number[] | undefined {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const expected = (text.length / 4) * 3 - padding;
  if (text.length % 4 !== 0 || expected % 4 !== 0) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = BufferClass ? BufferClass.from(text, 'base64') : fromAtob(text);
  } catch {
    return undefined; // atob throws on a character that is not base64
  }
  if (bytes.length !== expected) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function fromAtob(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
