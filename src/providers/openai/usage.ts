import type { Usage } from '../../core/generation.js';
import { makeUsage } from '../shared/usage.js';

/** OpenAI's usage object (chat, legacy completions and compatible servers' variants). */
export interface OpenAIUsageLike {
  readonly prompt_tokens?: number | null;
  readonly completion_tokens?: number | null;
  readonly total_tokens?: number | null;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number | null } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number | null } | null;
  /** DeepSeek's name for cached input tokens. */
  readonly prompt_cache_hit_tokens?: number | null;
}

/**
 * rxllm's `Usage` from OpenAI's: the server's `total_tokens` as the total (xAI counts reasoning in it), cached
 * input tokens (`prompt_tokens_details.cached_tokens`, DeepSeek `prompt_cache_hit_tokens`), reasoning tokens.
 *
 * @example
 * openAIUsage({ prompt_tokens: 10, completion_tokens: 20, total_tokens: 30, completion_tokens_details: { reasoning_tokens: 12 } });
 */
export function openAIUsage(u: OpenAIUsageLike): Usage {
  return makeUsage({
    input: u.prompt_tokens,
    output: u.completion_tokens,
    total: u.total_tokens,
    cachedInput: u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens,
    reasoning: u.completion_tokens_details?.reasoning_tokens,
  });
}
