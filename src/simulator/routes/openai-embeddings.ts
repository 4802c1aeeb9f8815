import { SimHttpError } from '../error-bodies.js';
import { PLAIN_PLAN, type GenerationPlan, type GenerationRoute, type WireFormat } from '../generation-plan.js';
import { hashString, seededRandom } from '../seeded-random.js';
import { countTokens } from '../tokenizer.js';
import { invalidType, invalidValue, missingParameter, optionalInteger, readModel, requireObject } from './openai-validation.js';

/** The most inputs in one request, tokens per input and tokens per request, as OpenAI enforces them. */
const MAX_INPUTS = 2048;
const MAX_INPUT_TOKENS = 8192;
const MAX_REQUEST_TOKENS = 300_000;
/** Full vector lengths of OpenAI's models; any other model id gets `DEFAULT_DIMENSIONS` and accepts up to `MAX_DIMENSIONS`. */
const MODEL_DIMENSIONS: Readonly<Record<string, { readonly full: number; readonly shortens: boolean }>> = {
  'text-embedding-3-small': { full: 1536, shortens: true },
  'text-embedding-3-large': { full: 3072, shortens: true },
  'text-embedding-ada-002': { full: 1536, shortens: false },
};
const DEFAULT_DIMENSIONS = 1536;
const MAX_DIMENSIONS = 4096;

/** One input: its words (what the vector is made of) and its token count. */
interface EmbeddingInput {
  readonly words: readonly string[];
  /** The whole input, for the vector's own part. */
  readonly seed: string;
  readonly tokens: number;
}

/** An embeddings request, planned: a `GenerationPlan` with no choices (never streamed), plus what the vectors need. */
interface EmbeddingsPlan extends GenerationPlan {
  readonly inputs: readonly EmbeddingInput[];
  readonly dimensions: number;
  readonly base64: boolean;
}

const INVALID_INPUT = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";
const WORD = /[\p{L}\p{N}]+/gu;

function textInput(text: string): EmbeddingInput {
  if (text === '') throw new SimHttpError('bad-request', { message: INVALID_INPUT });
  return { words: wordsOf(text), seed: text, tokens: countTokens(text) };
}

/** The words a text's vector is made of: runs of letters and digits, lower-cased. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function tokenInput(tokens: readonly number[]): EmbeddingInput {
  if (tokens.length === 0) throw new SimHttpError('bad-request', { message: INVALID_INPUT });
  const words = tokens.map(String);
  return { words, seed: `tokens:${words.join(',')}`, tokens: tokens.length };
}

const isTokenList = (value: unknown): value is number[] => Array.isArray(value) && value.every((t) => Number.isInteger(t) && (t as number) >= 0);

/** `input`: a string, a list of strings, a token list or a list of token lists (as the real API takes). */
function readInputs(body: Record<string, unknown>): EmbeddingInput[] {
  const input = body['input'];
  if (input === undefined || input === null) throw missingParameter('input');
  if (typeof input === 'string') return [textInput(input)];
  if (!Array.isArray(input)) throw invalidType('input', 'a string or array', input);
  if (input.length === 0) throw new SimHttpError('bad-request', { message: INVALID_INPUT });
  if (input.length > MAX_INPUTS) {
    throw new SimHttpError('bad-request', { message: `'$.input' is invalid: array length must be ${MAX_INPUTS} or less, got ${input.length}.` });
  }
  if (input.every((x) => typeof x === 'string')) return (input as string[]).map(textInput);
  if (isTokenList(input)) return [tokenInput(input)];
  if (input.every(isTokenList)) return (input as number[][]).map(tokenInput);
  throw new SimHttpError('bad-request', { message: INVALID_INPUT });
}

function readDimensions(body: Record<string, unknown>, model: string): number {
  const known = MODEL_DIMENSIONS[model];
  if (body['dimensions'] !== undefined && body['dimensions'] !== null && known?.shortens === false) {
    throw new SimHttpError('bad-request', { message: 'This model does not support specifying dimensions.' });
  }
  return optionalInteger(body, 'dimensions', 1, known?.full ?? MAX_DIMENSIONS) ?? known?.full ?? DEFAULT_DIMENSIONS;
}

function readEncoding(body: Record<string, unknown>): boolean {
  const format = body['encoding_format'];
  if (format === undefined || format === null || format === 'float') return false;
  if (format === 'base64') return true;
  if (typeof format !== 'string') throw invalidType('encoding_format', 'a string', format);
  throw invalidValue('encoding_format', `'${format}'. Supported values are: 'float' and 'base64'.`);
}

function planEmbeddings(rawBody: unknown): EmbeddingsPlan {
  const body = requireObject(rawBody);
  const model = readModel(body);
  const inputs = readInputs(body);
  const dimensions = readDimensions(body, model);
  const base64 = readEncoding(body);
  let promptTokens = 0;
  for (const input of inputs) {
    if (input.tokens > MAX_INPUT_TOKENS) {
      throw new SimHttpError('bad-request', {
        message: `This model's maximum context length is ${MAX_INPUT_TOKENS} tokens, however you requested ${input.tokens} tokens (${input.tokens} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
      });
    }
    promptTokens += input.tokens;
  }
  if (promptTokens > MAX_REQUEST_TOKENS) {
    throw new SimHttpError('bad-request', { message: `Requested ${promptTokens} tokens, max ${MAX_REQUEST_TOKENS} tokens per request`, code: 'max_tokens_per_request' });
  }
  return {
    ...PLAIN_PLAN, model, promptTokens, choices: [], completionTokens: 0, stream: false, includeUsage: false, estimatedTokens: promptTokens,
    inputs, dimensions, base64,
  };
}

/**
 * The vector of one input: deterministic (the same model and text give the same vector), of unit length, and
 * made mostly of its words (each word adds ±1 at a few positions picked from its hash), so texts that share
 * words point in similar directions — a cosine similarity search over simulated vectors behaves sensibly.
 * A small seeded part of its own keeps distinct texts distinct.
 */
export function simulatedVector(model: string, input: { readonly words: readonly string[]; readonly seed: string }, dimensions: number): Float32Array {
  const v = new Float64Array(dimensions);
  const own = seededRandom(hashString(`${model}\n${input.seed}`));
  for (let i = 0; i < dimensions; i++) v[i] = (own() * 2 - 1) * 0.1;
  for (const word of input.words) {
    const pick = seededRandom(hashString(`${model}\n#${word}`));
    for (let k = 0; k < 8; k++) v[Math.floor(pick() * dimensions)]! += pick() < 0.5 ? -1 : 1;
  }
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += v[i]! * v[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) out[i] = v[i]! * scale;
  return out;
}

function embeddingsWire(generic: GenerationPlan): WireFormat {
  const plan = generic as EmbeddingsPlan; // this route's own plan (see planEmbeddings)
  const encode = (vector: Float32Array): number[] | string =>
    plan.base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector);
  return {
    json: () => ({
      object: 'list',
      data: plan.inputs.map((input, index) => ({ object: 'embedding', index, embedding: encode(simulatedVector(plan.model, input, plan.dimensions)) })),
      model: plan.model,
      usage: { prompt_tokens: plan.promptTokens, total_tokens: plan.promptTokens },
    }),
    // Never streamed: the delivery only ever asks for `json()` (faults included).
    head: () => [],
    steps: 0,
    step: () => [],
    tail: () => [],
    streamError: () => '',
    malformed: () => '',
  };
}

/**
 * POST /v1/embeddings: `input` a string, a list of up to 2,048 strings, or token lists; `dimensions` (at most
 * the model's length: 1,536 for `text-embedding-3-small`, 3,072 for `-large`; refused by `ada-002`);
 * `encoding_format` `float` (default) or `base64` (little-endian float32s). Deterministic unit vectors, usage
 * (`prompt_tokens` = `total_tokens`), latency, faults and rate limits (the prompt tokens count against the
 * token bucket) like the generation routes; never streamed.
 */
export const openaiEmbeddingsRoute: GenerationRoute = {
  name: 'embeddings',
  path: '/v1/embeddings',
  provider: 'openai',
  plan: planEmbeddings,
  wire: embeddingsWire,
};

/**
 * The simulator's vector for `text` (what POST /v1/embeddings answers for it with `model`), as plain
 * numbers. `fakeEmbedding` uses the same rule.
 *
 * @example
 * textVector('text-embedding-3-small', 'a cat', 256).length; // 256
 */
export function textVector(model: string, text: string, dimensions: number): number[] {
  return Array.from(simulatedVector(model, { words: wordsOf(text), seed: text }, dimensions));
}
