import { mergeSettings, validateCallOptions, type CallOptions, type CallSettings } from '../../core/call-settings.js';
import type { Generation } from '../../core/generation.js';
import type { LanguageModel } from '../../core/language-model.js';
import { normalizePrompt, type Message, type PromptInput } from '../../core/prompt.js';
import { redactGeneration } from '../../core/redact-generation.js';
import { trackGenerate, trackStream } from '../../tracking/tracked-call.js';
import type { ModelConfig } from './provider-config.js';
import { responseCall, streamCall, type SdkCallPlan, type StreamTranslator } from './sdk-call.js';

/** What one call of an SDK-backed model needs: its checked messages, call options and merged settings. */
export interface CallParts {
  readonly messages: Message[];
  readonly call: CallOptions;
  readonly settings: CallSettings;
}

/** How a provider's API is called: the request of one call, how answers and stream items translate. */
export interface SdkModelSpec<C, E> {
  readonly provider: string;
  readonly modelId: string;
  readonly config: ModelConfig;
  /** Checks what only this provider checks (throws `InvalidArgumentError` at once). @default nothing */
  readonly check?: (parts: CallParts) => void;
  /** The SDK call plan for a call, and the settings it reports to tracking. */
  plan(parts: CallParts, stream: boolean): { readonly plan: SdkCallPlan<C>; readonly settings: CallSettings };
  /** A whole response (to a request with these settings) as a `Generation`. */
  parse(data: unknown, requestId: string | undefined, settings: CallSettings): Generation;
  /** A fresh translator of stream items, per subscription. */
  translator(requestId: string | undefined, settings: CallSettings): StreamTranslator<E>;
}

/**
 * A `LanguageModel` over an SDK: each call checks its prompt and options at once (bad input throws before
 * anything is subscribed), merges the model's settings with the call's, and returns a cold Observable of the
 * SDK call, tracked when the model has trackers. The one wiring `openAIChat`, `anthropicMessages` and
 * `openAICompletion` (for one prompt per request) share.
 */
export function sdkLanguageModel<C, E>(spec: SdkModelSpec<C, E>): LanguageModel {
  const { provider, modelId, config } = spec;
  const prepare = (input: PromptInput, callOptions: CallOptions | undefined, stream: boolean) => {
    const messages = normalizePrompt(input);
    const call = validateCallOptions(callOptions);
    const parts: CallParts = { messages, call, settings: mergeSettings(config.settings, call) };
    spec.check?.(parts);
    const { plan, settings } = spec.plan(parts, stream);
    const tracked = { provider, modelId, tags: call.tags ? [...config.tags, ...call.tags] : config.tags, input, settings };
    return { plan, settings, tracked };
  };
  return {
    provider,
    modelId,
    generate(input, callOptions) {
      const { plan, settings, tracked } = prepare(input, callOptions, false);
      return trackGenerate(responseCall(plan, (data, requestId) => spec.parse(data, requestId, settings), redactGeneration), config.trackers, tracked);
    },
    stream(input, callOptions) {
      const { plan, settings, tracked } = prepare(input, callOptions, true);
      return trackStream(streamCall<C, E>(plan, (requestId) => spec.translator(requestId, settings)), config.trackers, tracked);
    },
  };
}
