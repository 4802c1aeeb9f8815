import type { Generation } from '../core/generation.js';
import type { CallSettings } from '../core/call-settings.js';
import { normalizePrompt, promptToText, type PromptInput } from '../core/prompt.js';
import type { CallInfo } from './tracking-event.js';

/** The JSON body PromptLayer's `POST /rest/track-request` takes. */
export interface PromptLayerTrackRequest {
  readonly function_name: string;
  readonly kwargs: Record<string, unknown>;
  readonly request_response: Record<string, unknown>;
  /** Seconds since the epoch. */
  readonly request_start_time: number;
  /** Seconds since the epoch. */
  readonly request_end_time: number;
  readonly tags: string[];
  readonly api_key: string;
}

/** PromptLayer's function name for a provider key: it decides how PromptLayer reads `request_response`. */
export function promptLayerFunctionName(provider: string): string {
  if (provider.startsWith('anthropic')) return 'anthropic.messages.create';
  if (provider === 'openai.completion') return 'openai.Completion.create';
  return 'openai.ChatCompletion.create';
}

/**
 * Builds the track-request body for one finished call, in the shape PromptLayer parses: `kwargs` as the
 * provider's request arguments, `request_response` in the provider's response format, times in seconds.
 * Request headers are never included; the PromptLayer key goes only in `api_key`.
 *
 * @example
 * toPromptLayerBody({ call, input: 'Hi', settings: {}, startedAt, generation, endedAt, apiKey, tags: [] });
 */
export function toPromptLayerBody(args: {
  readonly call: CallInfo;
  readonly input: PromptInput;
  readonly settings: CallSettings;
  readonly startedAt: number;
  readonly generation: Generation;
  readonly endedAt: number;
  readonly apiKey: string;
  readonly tags: readonly string[];
}): PromptLayerTrackRequest {
  const functionName = promptLayerFunctionName(args.call.provider);
  return {
    function_name: functionName,
    kwargs: kwargsOf(functionName, args.call.modelId, args.input, args.settings),
    request_response: responseOf(functionName, args.generation),
    request_start_time: args.startedAt / 1000,
    request_end_time: args.endedAt / 1000,
    tags: [...new Set([...args.tags, ...args.call.tags])],
    api_key: args.apiKey,
  };
}

function kwargsOf(functionName: string, model: string, input: PromptInput, settings: CallSettings): Record<string, unknown> {
  const { temperature, maxTokens, topP, n, stop, providerOptions } = settings;
  const sampling: Record<string, unknown> = { ...providerOptions };
  if (temperature !== undefined) sampling.temperature = temperature;
  if (maxTokens !== undefined) sampling.max_tokens = maxTokens;
  if (topP !== undefined) sampling.top_p = topP;
  if (n !== undefined) sampling.n = n;
  if (stop !== undefined) sampling[functionName.startsWith('anthropic') ? 'stop_sequences' : 'stop'] = typeof stop === 'string' ? [stop] : [...stop];
  if (functionName === 'openai.Completion.create') return { ...sampling, engine: model, model, prompt: promptToText(input) };
  const messages = normalizePrompt(input);
  if (functionName.startsWith('anthropic')) {
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
    return {
      ...sampling,
      model,
      ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
      messages: messages.filter((m) => m.role !== 'system'),
    };
  }
  return { ...sampling, model, messages };
}

function responseOf(functionName: string, g: Generation): Record<string, unknown> {
  const usage = g.usage;
  if (functionName.startsWith('anthropic')) {
    return {
      id: g.requestId ?? null,
      type: 'message',
      role: 'assistant',
      model: g.modelId,
      content: [{ type: 'text', text: g.text }],
      stop_reason: g.rawFinishReason,
      ...(usage ? { usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens } } : {}),
    };
  }
  const completion = functionName === 'openai.Completion.create';
  return {
    id: g.requestId ?? null,
    object: completion ? 'text_completion' : 'chat.completion',
    model: g.modelId,
    choices: g.choices.map((c) =>
      completion
        ? { index: c.index, text: c.text, finish_reason: c.rawFinishReason }
        : { index: c.index, message: { role: 'assistant', content: c.text }, finish_reason: c.rawFinishReason },
    ),
    ...(usage ? { usage: { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.totalTokens } } : {}),
  };
}
