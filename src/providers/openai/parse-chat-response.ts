import type { Choice, Generation } from '../../core/generation.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { makeUsage } from '../shared/usage.js';

/** The parts of an OpenAI `chat.completion` response that matter here. */
export interface OpenAIChatResponse {
  readonly id?: string;
  readonly model?: string;
  readonly choices?: readonly {
    readonly index?: number;
    readonly message?: { readonly content?: string | null } | null;
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number } | null;
}

/**
 * Translates an OpenAI chat completion into a `Generation` (all `n` choices, in index order).
 *
 * @example
 * fromOpenAIChatResponse(data, { provider: 'openai.chat', modelId: 'gpt-4o-mini', requestId: 'req_1' }).text;
 */
export function fromOpenAIChatResponse(
  data: OpenAIChatResponse,
  info: { readonly provider: string; readonly modelId: string; readonly requestId?: string | null },
): Generation {
  const choices: Choice[] = [...(data.choices ?? [])]
    .map((c, i) => ({
      index: c.index ?? i,
      text: c.message?.content ?? '',
      finishReason: mapOpenAIFinishReason(c.finish_reason),
      rawFinishReason: c.finish_reason ?? null,
    }))
    .sort((a, b) => a.index - b.index);
  if (choices.length === 0) choices.push({ index: 0, text: '', finishReason: 'other', rawFinishReason: null });
  const first = choices[0]!;
  const requestId = info.requestId ?? data.id;
  return {
    text: first.text,
    finishReason: first.finishReason,
    rawFinishReason: first.rawFinishReason,
    ...(data.usage ? { usage: makeUsage(data.usage.prompt_tokens, data.usage.completion_tokens) } : {}),
    choices,
    provider: info.provider,
    modelId: data.model || info.modelId,
    ...(requestId ? { requestId } : {}),
  };
}
