import type { KnownKeys } from '../../core/known-keys.js';
import type { LanguageModel } from '../../core/language-model.js';
import type { CallOptions } from '../../core/call-settings.js';
import { normalizePrompt, type PromptInput } from '../../core/prompt.js';
import { mergeSettings, validateCallOptions } from '../../core/call-settings.js';
import { fromOpenAIChatResponse, type OpenAIChatResponse } from './parse-chat-response.js';
import { mapOpenAIError } from './map-error.js';
import { openAIClientGetter, type OpenAIClientLike } from './client.js';
import { OpenAIStreamTranslator, type OpenAIStreamChunk } from './stream-translator.js';
import { PROVIDER_OPTION_NAMES, checkProviderOptions } from '../shared/provider-config.js';
import { sdkRequestOptions } from '../shared/sdk-call.js';
import type { ProviderOptions } from '../shared/provider-options.js';
import { responseCall, streamCall, type SdkCallPlan } from '../shared/sdk-call.js';
import { toOpenAIChatBody } from './chat-body.js';
import { trackGenerate, trackStream } from '../../tracking/tracked-call.js';

/** Options of `openAIChat`: see `ProviderOptions`, plus `compatible` for OpenAI-compatible servers. */
export interface OpenAIChatOptions extends ProviderOptions<OpenAIClientLike> {
  /**
   * Talk to an OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) with `baseURL`: no API key is
   * required (a placeholder is sent), and `stream_options` is not sent (some servers reject it; usage then
   * arrives only if the server sends it anyway).
   * @default false
   */
  readonly compatible?: boolean;
}

/** Every `OpenAIChatOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<OpenAIChatOptions> = { ...PROVIDER_OPTION_NAMES, compatible: true };

const PROVIDER = 'openai.chat';

/**
 * An OpenAI chat model (`/v1/chat/completions`) as a `LanguageModel` of cold Observables. Nothing is sent until
 * subscribe; each subscription sends its own request; unsubscribing aborts it. Streams report usage by default.
 * The `openai` package is loaded on first subscribe. Works with any OpenAI-compatible server via `baseURL`.
 *
 * @example
 * const model = openAIChat({ model: 'gpt-4o-mini', temperature: 0 });
 * model.generate('Say hi').subscribe((g) => console.log(g.text, g.usage));
 * model.stream('Tell a story').subscribe((e) => e.type === 'text-delta' && process.stdout.write(e.text));
 * // Ollama: openAIChat({ model: 'llama3.2', baseURL: 'http://localhost:11434/v1', compatible: true })
 */
export function openAIChat(options: OpenAIChatOptions): LanguageModel {
  const config = checkProviderOptions(options, 'openAIChat', OPTION_NAMES);
  const modelId = options.model;
  const compatible = options.compatible === true;
  const getClient = openAIClientGetter(options, 'openAIChat');

  function prepare(input: PromptInput, callOptions: CallOptions | undefined, stream: boolean) {
    const messages = normalizePrompt(input);
    const call = validateCallOptions(callOptions);
    const settings = mergeSettings(config.settings, call);
    const body = toOpenAIChatBody(modelId, messages, settings, { stream, compatible });
    const plan: SdkCallPlan<OpenAIClientLike> = {
      provider: PROVIDER,
      getClient,
      send: (client, signal) => client.chat.completions.create(body, sdkRequestOptions(signal, settings, options)),
      timeout: options.timeout,
      signal: call.signal,
      mapError: mapOpenAIError,
    };
    const tracked = { provider: PROVIDER, modelId, tags: [...config.tags, ...(call.tags ?? [])], input, settings };
    return { plan, settings, tracked };
  }

  return {
    provider: PROVIDER,
    modelId,
    generate(input: PromptInput, callOptions?: CallOptions) {
      const { plan, tracked } = prepare(input, callOptions, false);
      const source = responseCall(plan, (data, requestId) =>
        fromOpenAIChatResponse(data as OpenAIChatResponse, { provider: PROVIDER, modelId, requestId }),
      );
      return trackGenerate(source, config.trackers, tracked);
    },
    stream(input: PromptInput, callOptions?: CallOptions) {
      const { plan, settings, tracked } = prepare(input, callOptions, true);
      const source = streamCall<OpenAIClientLike, OpenAIStreamChunk>(
        plan,
        (requestId) => new OpenAIStreamTranslator({ provider: PROVIDER, modelId, requestId, n: settings.n ?? 1 }),
      );
      return trackStream(source, config.trackers, tracked);
    },
  };
}
