import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import type { LanguageModel } from '../../core/language-model.js';
import type { CallOptions, CallSettings } from '../../core/call-settings.js';
import { normalizePrompt, type PromptInput } from '../../core/prompt.js';
import { anthropicClientGetter, type AnthropicClientLike } from './client.js';
import { AnthropicStreamTranslator, type AnthropicStreamEvent } from './stream-translator.js';
import { mergeSettings, validateCallOptions } from '../../core/call-settings.js';
import { fromAnthropicResponse, type AnthropicResponse } from './parse-response.js';
import { mapAnthropicError } from './map-error.js';
import { PROVIDER_OPTION_NAMES, checkProviderOptions } from '../shared/provider-config.js';
import { sdkRequestOptions } from '../shared/sdk-call.js';
import type { ProviderOptions } from '../shared/provider-options.js';
import { responseCall, streamCall, type SdkCallPlan } from '../shared/sdk-call.js';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, toAnthropicBody } from './messages-body.js';
import { trackGenerate, trackStream } from '../../tracking/tracked-call.js';

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

  function prepare(input: PromptInput, callOptions: CallOptions | undefined, stream: boolean) {
    const messages = normalizePrompt(input);
    const call = validateCallOptions(callOptions);
    rejectN(call, 'options.n');
    const merged = mergeSettings(config.settings, call);
    const settings: CallSettings = { ...merged, maxTokens: merged.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS };
    const body = toAnthropicBody(modelId, messages, settings, { stream });
    const plan: SdkCallPlan<AnthropicClientLike> = {
      provider: PROVIDER,
      getClient,
      send: (client, signal) => client.messages.create(body, sdkRequestOptions(signal, settings, options)),
      timeout: options.timeout,
      signal: call.signal,
      mapError: mapAnthropicError,
    };
    const tracked = { provider: PROVIDER, modelId, tags: [...config.tags, ...(call.tags ?? [])], input, settings };
    return { plan, tracked };
  }

  return {
    provider: PROVIDER,
    modelId,
    generate(input: PromptInput, callOptions?: CallOptions) {
      const { plan, tracked } = prepare(input, callOptions, false);
      const source = responseCall(plan, (data, requestId) =>
        fromAnthropicResponse(data as AnthropicResponse, { provider: PROVIDER, modelId, requestId }),
      );
      return trackGenerate(source, config.trackers, tracked);
    },
    stream(input: PromptInput, callOptions?: CallOptions) {
      const { plan, tracked } = prepare(input, callOptions, true);
      const source = streamCall<AnthropicClientLike, AnthropicStreamEvent>(
        plan,
        (requestId) => new AnthropicStreamTranslator({ provider: PROVIDER, modelId, ...(requestId ? { requestId } : {}) }),
      );
      return trackStream(source, config.trackers, tracked);
    },
  };
}

function rejectN(settings: CallSettings, argName: string): void {
  if (settings.n !== undefined && settings.n !== 1) {
    throw new InvalidArgumentError(argName, 'anthropicMessages generates one answer per request: n must be 1 (call generate n times instead)');
  }
}
