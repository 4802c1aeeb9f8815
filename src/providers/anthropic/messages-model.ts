import type { CallSettings } from '../../core/call-settings.js';
import type { LanguageModel } from '../../core/language-model.js';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { PROVIDER_OPTION_NAMES, checkProviderOptions } from '../shared/provider-config.js';
import type { ProviderOptions } from '../shared/provider-options.js';
import type { SdkCallPlan } from '../shared/sdk-call.js';
import { sdkLanguageModel } from '../shared/sdk-language-model.js';
import { anthropicClientGetter, type AnthropicClientLike } from './client.js';
import { mapAnthropicError } from './map-error.js';
import { toAnthropicBody } from './messages-body.js';
import { fromAnthropicResponse, type AnthropicResponse } from './parse-response.js';
import { AnthropicStreamTranslator, type AnthropicStreamEvent } from './stream-translator.js';

/**
 * Options of `anthropicMessages`: see `ProviderOptions`. `maxTokens` defaults to 1024 (the API requires one);
 * `n` is not supported (the API has one answer per request). Pass Anthropic-only fields with `providerOptions`,
 * e.g. `{ top_k: 5, metadata: { user_id: 'u1' } }`.
 */
export type AnthropicMessagesOptions = ProviderOptions<AnthropicClientLike>;

const PROVIDER = 'anthropic.messages';

/**
 * An Anthropic model (Messages API, `/v1/messages`) as a `LanguageModel` of cold Observables. System messages
 * go to the `system` field; `max_tokens` is always sent (default 1024). Streams report usage by default: input
 * tokens from `message_start`, output tokens from the last `message_delta`, combined into one `usage` event.
 * The `@anthropic-ai/sdk` package is loaded on first subscribe.
 *
 * @example
 * const claude = anthropicMessages({ model: 'claude-haiku-4-5', maxTokens: 512 });
 * claude.generate([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]).subscribe((g) => console.log(g.text));
 */
export function anthropicMessages(options: AnthropicMessagesOptions): LanguageModel {
  const config = checkProviderOptions(options, 'anthropicMessages', PROVIDER_OPTION_NAMES);
  rejectN(config.settings, 'n');
  const modelId = options.model;
  const getClient = anthropicClientGetter(options, 'anthropicMessages');
  return sdkLanguageModel<AnthropicClientLike, AnthropicStreamEvent>({
    provider: PROVIDER,
    modelId,
    config,
    check: ({ call }) => rejectN(call, 'options.n'),
    plan: ({ messages, call, settings: merged }, stream) => {
      const body = toAnthropicBody(modelId, messages, merged, { stream });
      const settings: CallSettings = { ...merged, maxTokens: body.max_tokens as number };
      const plan: SdkCallPlan<AnthropicClientLike> = {
        provider: PROVIDER,
        getClient,
        send: (client, requestOptions) => client.messages.create(body, requestOptions),
        connection: options,
        headers: settings.headers,
        signal: call.signal,
        mapError: mapAnthropicError,
      };
      return { plan, settings };
    },
    parse: (data, requestId) => fromAnthropicResponse(data as AnthropicResponse, { provider: PROVIDER, modelId, requestId }),
    translator: (requestId) => new AnthropicStreamTranslator({ provider: PROVIDER, modelId, ...(requestId ? { requestId } : {}) }),
  });
}

function rejectN(settings: CallSettings, argName: string): void {
  if (settings.n !== undefined && settings.n !== 1) {
    throw new InvalidArgumentError(argName, 'anthropicMessages generates one answer per request: n must be 1 (call generate n times instead)');
  }
}
