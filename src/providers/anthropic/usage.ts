import type { Usage } from '../../core/generation.js';
import { makeUsage } from '../shared/usage.js';

/** Anthropic token counts (`message_start` has all; `message_delta` has the cumulative output, sometimes revised input). */
export interface AnthropicUsageLike {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

/**
 * rxllm's `Usage` from Anthropic's: input tokens include cache writes and reads (Anthropic counts them apart),
 * which are also reported as `cacheWriteInputTokens` / `cachedInputTokens`.
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
  });
}

/** `base` updated with the counts a later event revises (`message_delta` carries the final output, maybe input). */
export function mergeAnthropicUsage(base: AnthropicUsageLike | undefined, update: AnthropicUsageLike): AnthropicUsageLike {
  const out: Record<string, number | null | undefined> = { ...base };
  for (const [k, v] of Object.entries(update)) if (typeof v === 'number') out[k] = v;
  return out as AnthropicUsageLike;
}
