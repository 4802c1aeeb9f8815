import type { Generation } from '../../core/generation.js';
import { anthropicInputTokens, type AnthropicUsageLike } from './stream-translator.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';
import { makeUsage } from '../shared/usage.js';

/** The parts of an Anthropic `message` response that matter here. */
export interface AnthropicResponse {
  readonly id?: string;
  readonly model?: string;
  readonly content?: readonly { readonly type?: string; readonly text?: string }[];
  readonly stop_reason?: string | null;
  readonly usage?: AnthropicUsageLike | null;
}

/**
 * Translates an Anthropic message into a `Generation`: the text of every text block, joined; the stop reason
 * normalised; input tokens including cache reads and writes.
 *
 * @example
 * fromAnthropicResponse(message, { provider: 'anthropic.messages', modelId: 'claude-haiku-4-5' }).text;
 */
export function fromAnthropicResponse(
  data: AnthropicResponse,
  info: { readonly provider: string; readonly modelId: string; readonly requestId?: string | null },
): Generation {
  const text = (data.content ?? []).filter((b) => b.type === 'text').map((b) => b.text ?? '').join('');
  const raw = data.stop_reason ?? null;
  const finishReason = mapAnthropicStopReason(raw);
  const requestId = info.requestId ?? data.id;
  return {
    text,
    finishReason,
    rawFinishReason: raw,
    ...(data.usage ? { usage: makeUsage(anthropicInputTokens(data.usage), data.usage.output_tokens) } : {}),
    choices: [{ index: 0, text, finishReason, rawFinishReason: raw }],
    provider: info.provider,
    modelId: data.model || info.modelId,
    ...(requestId ? { requestId } : {}),
  };
}
