import type { KnownKeys } from '../../core/known-keys.js';
import type { LanguageModel } from '../../core/language-model.js';
import { PROVIDER_OPTION_NAMES, checkProviderOptions } from '../shared/provider-config.js';
import type { ProviderOptions } from '../shared/provider-options.js';
import type { SdkCallPlan } from '../shared/sdk-call.js';
import { sdkLanguageModel } from '../shared/sdk-language-model.js';
import { toOpenAIChatBody } from './chat-body.js';
import { openAIClientGetter, type OpenAIClientLike } from './client.js';
import { mapOpenAIError } from './map-error.js';
import { fromOpenAIChatResponse, type OpenAIChatResponse } from './parse-chat-response.js';
import { OpenAIStreamTranslator, type OpenAIStreamChunk } from './stream-translator.js';

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
  return sdkLanguageModel<OpenAIClientLike, OpenAIStreamChunk>({
    provider: PROVIDER,
    modelId,
    config,
    plan: ({ messages, call, settings }, stream) => {
      const body = toOpenAIChatBody(modelId, messages, settings, { stream, compatible });
      const plan: SdkCallPlan<OpenAIClientLike> = {
        provider: PROVIDER,
        getClient,
        send: (client, requestOptions) => client.chat.completions.create(body, requestOptions),
        connection: options,
        headers: settings.headers,
        signal: call.signal,
        mapError: mapOpenAIError,
      };
      return { plan, settings };
    },
    parse: (data, requestId) => fromOpenAIChatResponse(data as OpenAIChatResponse, { provider: PROVIDER, modelId, requestId }),
    translator: (requestId, settings) => new OpenAIStreamTranslator({ provider: PROVIDER, modelId, requestId, n: settings.n ?? 1 }),
  });
}
