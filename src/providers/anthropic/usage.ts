import type { Usage } from '../../core/generation.js';
import { makeUsage } from '../shared/usage.js';

/** Anthropic token counts (`message_start` has all; `message_delta` has the cumulative output, sometimes revised input). */
export interface AnthropicUsageLike {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  /** The output tokens spent thinking (newer API versions report it; `message_delta` has the final count). */
  readonly output_tokens_details?: { readonly thinking_tokens?: number | null } | null;
}

/**
 * rxllm's `Usage` from Anthropic's: input tokens include cache writes and reads (Anthropic counts them apart),
 * which are also reported as `cacheWriteInputTokens` / `cachedInputTokens`; thinking tokens
 * (`output_tokens_details.thinking_tokens`, part of the output) as `reasoningTokens`.
 *
 * @example
 * anthropicUsage({ input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 5 }).inputTokens; // 100
 */
export function anthropicUsage(u: AnthropicUsageLike): Usage {
  const input = (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
  return makeUsage({
    input,
    output: u.output_tokens,
    cachedInput: u.cache_read_input_tokens,
    cacheWriteInput: u.cache_creation_input_tokens,
    reasoning: u.output_tokens_details?.thinking_tokens,
  });
}

/**
 * `base` updated with the counts a later event revises (`message_delta` carries the final output and thinking
 * counts, maybe input); counts the update leaves out or sends as null are kept.
 */
export function mergeAnthropicUsage(base: AnthropicUsageLike | undefined, update: AnthropicUsageLike): AnthropicUsageLike {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(update)) if (typeof v === 'number') out[k] = v;
  const thinking = update.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') out.output_tokens_details = { thinking_tokens: thinking };
  return out as AnthropicUsageLike;
}
