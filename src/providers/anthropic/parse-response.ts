import { ContentBuilder } from '../../core/content-builder.js';
import { makeChoice, makeGeneration, type Generation } from '../../core/generation.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';
import { anthropicUsage, type AnthropicUsageLike } from './usage.js';

/** A content block of an Anthropic message (the kinds rxllm reads; server tool blocks are passed over). */
export interface AnthropicResponseBlock {
  readonly type?: string;
  readonly text?: string;
  readonly thinking?: string;
  readonly signature?: string;
  readonly data?: string;
  readonly id?: string;
  readonly name?: string;
  readonly input?: unknown;
}

/** The parts of an Anthropic `message` response that matter here. */
export interface AnthropicResponse {
  readonly id?: string;
  readonly model?: string;
  readonly content?: readonly AnthropicResponseBlock[];
  readonly stop_reason?: string | null;
  readonly stop_details?: Readonly<Record<string, unknown>> | null;
  readonly usage?: AnthropicUsageLike | null;
}

/**
 * Translates an Anthropic message into a `Generation`: its blocks in order (thinking with its signature,
 * redacted thinking, text, client tool calls — server tools such as web search are not client tool calls and
 * are left out), the stop reason normalised (`refusal` is `content_filter`, with `stop_details`' explanation
 * as the refusal text), and usage with cache reads and writes.
 *
 * @example
 * fromAnthropicResponse(message, { provider: 'anthropic.messages', modelId: 'claude-haiku-4-5' }).toolCalls;
 */
export function fromAnthropicResponse(
  data: AnthropicResponse,
  info: { readonly provider: string; readonly modelId: string; readonly requestId?: string | null },
): Generation {
  const b = new ContentBuilder();
  for (const block of data.content ?? []) {
    if (block.type === 'text') b.text(block.text ?? '');
    else if (block.type === 'thinking') {
      b.reasoning(block.thinking ?? '');
      if (block.signature) b.signature(block.signature);
    } else if (block.type === 'redacted_thinking') b.redacted(block.data ?? '');
    else if (block.type === 'tool_use') b.toolCall(block.id ?? '', block.name ?? '', block.input ?? {}, JSON.stringify(block.input ?? {}));
  }
  const raw = data.stop_reason ?? null;
  const details = data.stop_details ?? undefined;
  const explanation = raw === 'refusal' ? details?.['explanation'] : undefined;
  const { content, rawInputs } = b.build();
  const choice = makeChoice({
    index: 0,
    content,
    rawInputs,
    finishReason: mapAnthropicStopReason(raw),
    rawFinishReason: raw,
    ...(typeof explanation === 'string' ? { refusal: explanation } : {}),
    ...(details ? { stopDetails: details } : {}),
  });
  const requestId = info.requestId || data.id || undefined;
  return makeGeneration([choice], {
    provider: info.provider,
    modelId: data.model || info.modelId,
    ...(requestId ? { requestId } : {}),
    ...(data.usage ? { usage: anthropicUsage(data.usage) } : {}),
  });
}
