import { from, map, mergeMap, of, toArray, type Observable } from 'rxjs';
import { mergeSettings, validateCallOptions, type CallOptions, type CallSettings } from '../../core/call-settings.js';
import type { Generation } from '../../core/generation.js';
import type { KnownKeys } from '../../core/known-keys.js';
import type { BatchLanguageModel } from '../../core/language-model.js';
import { redactGeneration } from '../../core/redact-generation.js';
import { normalizePrompt, promptToText, type PromptInput } from '../../core/prompt.js';
import { checkPositiveInteger, describe } from '../../core/validate.js';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { trackBatch, type TrackedCall } from '../../tracking/tracked-call.js';
import { PROVIDER_OPTION_NAMES, checkProviderOptions } from '../shared/provider-config.js';
import type { ProviderOptions } from '../shared/provider-options.js';
import { responseCall, type SdkCallPlan } from '../shared/sdk-call.js';
import { sdkLanguageModel } from '../shared/sdk-language-model.js';
import { openAIClientGetter, type OpenAIClientLike } from './client.js';
import { toOpenAICompletionBody } from './completion-body.js';
import { mapOpenAIError } from './map-error.js';
import { fromOpenAICompletionResponse, type OpenAICompletionResponse } from './parse-completion-response.js';
import { OpenAIStreamTranslator, type OpenAIStreamChunk } from './stream-translator.js';

/** Options of `openAICompletion`: see `ProviderOptions`, plus prompt packing. */
export interface OpenAICompletionOptions extends ProviderOptions<OpenAIClientLike> {
  /** The most prompts `generateBatch` packs into one request. @default 20 */
  readonly batchSize?: number;
  /** How many packed requests of one `generateBatch` call run at once. @default 1 (one after the other) */
  readonly batchConcurrency?: number;
  /** An OpenAI-compatible server: no key required, no `stream_options` sent. @default false */
  readonly compatible?: boolean;
}

/** Every `OpenAICompletionOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<OpenAICompletionOptions> = { ...PROVIDER_OPTION_NAMES, batchSize: true, batchConcurrency: true, compatible: true };

const PROVIDER = 'openai.completion';

/**
 * An OpenAI legacy completion model (`/v1/completions`, e.g. `gpt-3.5-turbo-instruct`) as a `BatchLanguageModel`.
 * Chat-message input is sent as plain text (contents joined by blank lines). `generateBatch` packs up to
 * `batchSize` prompts into one request, as LangChain's OpenAI LLM does, and splits the `n` choices back per
 * prompt; with more prompts it sends several requests, `batchConcurrency` at a time (default: one after another).
 *
 * @example
 * const llm = openAICompletion({ model: 'gpt-3.5-turbo-instruct', maxTokens: 64 });
 * llm.generateBatch(['Tell me a joke', 'Tell me a poem']).subscribe((gs) => gs.forEach((g) => console.log(g.text)));
 */
export function openAICompletion(options: OpenAICompletionOptions): BatchLanguageModel {
  const config = checkProviderOptions(options, 'openAICompletion', OPTION_NAMES);
  rejectChatSettings(config.settings, '');
  checkPositiveInteger('batchSize', options.batchSize);
  checkPositiveInteger('batchConcurrency', options.batchConcurrency);
  const { batchSize = 20, batchConcurrency = 1 } = options;
  const modelId = options.model;
  const compatible = options.compatible === true;
  const getClient = openAIClientGetter(options, 'openAICompletion');
  const planFor = (body: object, call: CallOptions, settings: CallSettings): SdkCallPlan<OpenAIClientLike> => ({
    provider: PROVIDER,
    getClient,
    send: (client, requestOptions) => client.completions.create(body, requestOptions),
    connection: options,
    headers: settings.headers,
    signal: call.signal,
    mapError: mapOpenAIError,
  });
  const parse = (data: unknown, requestId: string | undefined, prompts: readonly string[], settings: CallSettings): Generation[] =>
    fromOpenAICompletionResponse(data as OpenAICompletionResponse, { provider: PROVIDER, modelId, requestId, prompts, n: settings.n ?? 1 });

  // One prompt per request (generate, stream): the wiring every SDK-backed model shares.
  const single = sdkLanguageModel<OpenAIClientLike, OpenAIStreamChunk>({
    provider: PROVIDER,
    modelId,
    config,
    check: ({ call }) => rejectChatSettings(call, 'options.'),
    plan: ({ messages, call, settings }, stream) => {
      const body = toOpenAICompletionBody(modelId, promptToText(messages), settings, { stream, compatible });
      return { plan: planFor(body, call, settings), settings };
    },
    // One prompt: the request's usage is all its own, whatever the prompt's length.
    parse: (data, requestId, settings) => parse(data, requestId, [''], settings)[0]!,
    translator: (requestId, settings) => new OpenAIStreamTranslator({ provider: PROVIDER, modelId, requestId, n: settings.n ?? 1 }),
  });

  /** One request for `inputs` packed together: emits one Generation per input. */
  function packed(inputs: readonly PromptInput[], prompts: readonly string[], call: CallOptions, settings: CallSettings): Observable<Generation[]> {
    const body = toOpenAICompletionBody(modelId, prompts.length === 1 ? prompts[0]! : prompts, settings, { stream: false, compatible });
    const source = responseCall(planFor(body, call, settings), (data, requestId) => parse(data, requestId, prompts, settings), (gs) => gs.map(redactGeneration));
    const tags = [...config.tags, ...(call.tags ?? [])];
    return trackBatch(source, config.trackers, inputs.map((input): TrackedCall => ({ provider: PROVIDER, modelId, tags, input, settings })));
  }

  return {
    provider: PROVIDER,
    modelId,
    generate: single.generate,
    stream: single.stream,
    generateBatch(inputs: readonly PromptInput[], callOptions?: CallOptions) {
      if (!Array.isArray(inputs)) throw new InvalidArgumentError('inputs', `must be an array of prompts, got ${describe(inputs)}`);
      const texts = inputs.map((input, i) => (normalizePrompt(input, `inputs[${i}]`), promptToText(input, `inputs[${i}]`)));
      const call = validateCallOptions(callOptions);
      rejectChatSettings(call, 'options.');
      const settings = mergeSettings(config.settings, call);
      if (inputs.length === 0) return of([]);
      const chunks: { readonly inputs: readonly PromptInput[]; readonly texts: readonly string[]; readonly index: number }[] = [];
      for (let i = 0; i < inputs.length; i += batchSize) {
        chunks.push({ inputs: inputs.slice(i, i + batchSize), texts: texts.slice(i, i + batchSize), index: chunks.length });
      }
      return from(chunks).pipe(
        mergeMap((chunk) => packed(chunk.inputs, chunk.texts, call, settings).pipe(map((gs) => ({ gs, index: chunk.index }))), batchConcurrency),
        toArray(),
        map((parts) => parts.sort((a, b) => a.index - b.index).flatMap((p) => p.gs)),
      );
    },
  };
}

/** Tools, reasoning and answer shapes are chat features: the legacy completions API takes text only. */
function rejectChatSettings(settings: CallSettings, prefix: string): void {
  for (const key of ['tools', 'toolChoice', 'reasoning', 'responseFormat'] as const) {
    if (settings[key] !== undefined) throw new InvalidArgumentError(`${prefix}${key}`, 'is not supported by openAICompletion (the legacy completions API takes text only): use openAIChat');
  }
}
