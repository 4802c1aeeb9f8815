import { ContentBuilder } from '../../core/content-builder.js';
import { makeChoice, makeGeneration, type Choice, type Generation } from '../../core/generation.js';
import { parseToolInput } from '../shared/tool-input.js';
import { finishOf } from './map-finish-reason.js';
import { openAIUsage, type OpenAIUsageLike } from './usage.js';

/** A message of an OpenAI `chat.completion` (compatible servers add `reasoning_content` / `reasoning`). */
export interface OpenAIChatResponseMessage {
  readonly content?: string | null;
  readonly refusal?: string | null;
  readonly reasoning_content?: string | null;
  readonly reasoning?: string | null;
  readonly tool_calls?: readonly { readonly id?: string; readonly function?: { readonly name?: string; readonly arguments?: string } | null }[] | null;
}

/** The parts of an OpenAI `chat.completion` response that matter here. */
export interface OpenAIChatResponse {
  readonly id?: string;
  readonly model?: string;
  readonly choices?: readonly { readonly index?: number; readonly message?: OpenAIChatResponseMessage | null; readonly finish_reason?: string | null }[];
  readonly usage?: OpenAIUsageLike | null;
}

/**
 * Translates an OpenAI chat completion into a `Generation` (all `n` choices, in index order): reasoning
 * (`reasoning_content` / `reasoning` of compatible servers), text, tool calls (inputs parsed: input that is
 * not JSON is an `InvalidOutputError`, unless the output was cut by the token limit, when the call is left
 * out), the refusal (the finish reason is then `content_filter`), usage with its details, and the model
 * that answered.
 *
 * @example
 * fromOpenAIChatResponse(data, { provider: 'openai.chat', modelId: 'gpt-4o-mini', requestId: 'req_1' }).toolCalls;
 */
export function fromOpenAIChatResponse(
  data: OpenAIChatResponse,
  info: { readonly provider: string; readonly modelId: string; readonly requestId?: string | null },
): Generation {
  const requestId = info.requestId || data.id || undefined;
  const usage = data.usage ? openAIUsage(data.usage) : undefined;
  const choices: Choice[] = [...(data.choices ?? [])]
    .map((c, i) => {
      const message = c.message ?? {};
      const b = new ContentBuilder();
      b.reasoning(message.reasoning_content ?? message.reasoning ?? '');
      b.text(message.content ?? '');
      const cut = c.finish_reason === 'length';
      (message.tool_calls ?? []).forEach((call, k) => {
        const toolCallId = call.id || `call_${k}`;
        const toolName = call.function?.name ?? '';
        const raw = call.function?.arguments ?? '';
        const origin = { provider: info.provider, toolName, toolCallId, ...(requestId ? { requestId } : {}), ...(usage ? { usage } : {}) };
        try {
          b.toolCall(toolCallId, toolName, parseToolInput(raw, origin), raw);
        } catch (error) {
          if (!cut) throw error; // cut by the token limit: the call is incomplete, left out
        }
      });
      const refusal = message.refusal ?? undefined;
      const { content, rawInputs } = b.build();
      return makeChoice({ index: c.index ?? i, content, rawInputs, ...finishOf(c.finish_reason, refusal !== undefined), ...(refusal !== undefined ? { refusal } : {}) });
    })
    .sort((a, b) => a.index - b.index);
  return makeGeneration(choices, {
    provider: info.provider,
    modelId: data.model || info.modelId,
    ...(requestId ? { requestId } : {}),
    ...(usage ? { usage } : {}),
  });
}
