import { of } from 'rxjs';
import { checkEmbedValues, type EmbeddingModel } from '../../core/embedding-model.js';
import {
  EMBEDDING_SETTING_NAMES,
  mergeEmbeddingSettings,
  pickEmbeddingSettings,
  validateEmbedCallOptions,
  validateEmbeddingSettings,
  type EmbedCallOptions,
  type EmbeddingSettings,
} from '../../core/embedding-settings.js';
import { redactEmbeddingResult } from '../../core/redact-generation.js';
import type { KnownKeys } from '../../core/known-keys.js';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { trackEmbed } from '../../tracking/tracked-embedding.js';
import { CONNECTION_OPTION_NAMES, checkConnectionOptions } from '../shared/provider-config.js';
import type { ConnectionOptions } from '../shared/provider-options.js';
import { responseCall, type SdkCallPlan } from '../shared/sdk-call.js';
import { openAIClientGetter, type OpenAIClientLike } from './client.js';
import { mapOpenAIError } from './map-error.js';
import { fromOpenAIEmbeddingResponse, type OpenAIEmbeddingResponse } from './parse-embedding-response.js';

/**
 * Options of `openAIEmbedding`: the model, how to reach it, SDK behaviour and tracking (as for `openAIChat`),
 * default embedding settings (`dimensions`, `headers`, `providerOptions`; a call's options override them), plus
 * `compatible` and `encodingFormat`. Any other name throws `InvalidArgumentError`.
 */
export interface OpenAIEmbeddingOptions extends ConnectionOptions<OpenAIClientLike>, EmbeddingSettings {
  /**
   * Talk to an OpenAI-compatible server (Ollama, vLLM, LM Studio) with `baseURL`: no API key is required
   * (a placeholder is sent) and OpenAI's 2,048-inputs-per-request limit is not assumed (`maxBatchSize` is
   * unset).
   * @default false
   */
  readonly compatible?: boolean;
  /**
   * How vectors travel: `'base64'` (4 bytes per number; rxllm decodes them, as the SDK does by default) or
   * `'float'` (JSON numbers, about 4× the bytes). Answers in either encoding are read whatever was asked
   * (some compatible servers ignore the field).
   * @default 'base64'
   */
  readonly encodingFormat?: 'base64' | 'float';
}

/** Every `OpenAIEmbeddingOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<OpenAIEmbeddingOptions> = {
  ...CONNECTION_OPTION_NAMES, ...EMBEDDING_SETTING_NAMES, compatible: true, encodingFormat: true,
};

const PROVIDER = 'openai.embedding';
/** OpenAI's limit of inputs per `/v1/embeddings` request. */
const OPENAI_MAX_INPUTS = 2048;

/**
 * An OpenAI embedding model (`/v1/embeddings`, e.g. `text-embedding-3-small`) as an `EmbeddingModel` of cold
 * Observables: `embed(values)` sends nothing until subscribe, one request per subscription, aborted on
 * unsubscribe; errors are typed (`RateLimitError`, `BadRequestError`...) and keys never show. Works with any
 * OpenAI-compatible server via `baseURL` (`compatible: true` when it needs no key). The `openai` package is
 * loaded on first subscribe. To embed more values than one request takes, use `embedFrom`.
 *
 * @example
 * const embedder = openAIEmbedding({ model: 'text-embedding-3-small', dimensions: 512 });
 * embedder.embed(['a cat', 'a dog']).subscribe(({ embeddings, usage }) => console.log(embeddings[0].length, usage));
 * // Ollama: openAIEmbedding({ model: 'nomic-embed-text', baseURL: 'http://localhost:11434/v1', compatible: true })
 */
export function openAIEmbedding(options: OpenAIEmbeddingOptions): EmbeddingModel {
  const connection = checkConnectionOptions(options, 'openAIEmbedding', OPTION_NAMES);
  validateEmbeddingSettings(options);
  const { encodingFormat = 'base64', compatible = false } = options;
  if (encodingFormat !== 'base64' && encodingFormat !== 'float') {
    throw new InvalidArgumentError('encodingFormat', `must be "base64" or "float", got ${JSON.stringify(encodingFormat)}`);
  }
  if (typeof compatible !== 'boolean') throw new InvalidArgumentError('compatible', 'must be a boolean');
  const settings = pickEmbeddingSettings(options);
  const modelId = options.model;
  const maxBatchSize = compatible ? undefined : OPENAI_MAX_INPUTS;
  const getClient = openAIClientGetter(options, 'openAIEmbedding');

  return {
    provider: PROVIDER,
    modelId,
    ...(maxBatchSize !== undefined ? { maxBatchSize } : {}),
    embed(values: readonly string[], callOptions?: EmbedCallOptions) {
      checkEmbedValues(values, maxBatchSize);
      const call = validateEmbedCallOptions(callOptions);
      const effective = mergeEmbeddingSettings(settings, call);
      if (values.length === 0) return of({ embeddings: [], provider: PROVIDER, modelId });
      const input = [...values];
      const { dimensions, providerOptions } = effective;
      // encoding_format is always sent: the SDK then returns the vectors as they came, and rxllm reads both encodings.
      const body = { ...providerOptions, model: modelId, input, encoding_format: encodingFormat, ...(dimensions !== undefined ? { dimensions } : {}) };
      const plan: SdkCallPlan<OpenAIClientLike> = {
        provider: PROVIDER,
        getClient,
        send: (client, requestOptions) => client.embeddings.create(body, requestOptions),
        connection: options,
        headers: effective.headers,
        signal: call.signal,
        mapError: mapOpenAIError,
      };
      const source = responseCall(plan, (data, requestId) =>
        fromOpenAIEmbeddingResponse(data as OpenAIEmbeddingResponse, { provider: PROVIDER, modelId, requestId, count: input.length }),
        redactEmbeddingResult,
      );
      const tags = [...connection.tags, ...(call.tags ?? [])];
      return trackEmbed(source, connection.trackers, { provider: PROVIDER, modelId, tags, values: input, settings: effective });
    },
  };
}
