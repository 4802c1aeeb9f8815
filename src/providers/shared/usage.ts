import type { Usage } from '../../core/generation.js';

/** Token counts as a provider reports them (any may be missing or not a number). */
export interface UsageCounts {
  readonly input: unknown;
  readonly output: unknown;
  /** The provider's own total (used as `totalTokens` when it is a number). */
  readonly total?: unknown;
  readonly cachedInput?: unknown;
  readonly cacheWriteInput?: unknown;
  readonly reasoning?: unknown;
}

/**
 * A `Usage` from a provider's counts: missing or invalid counts are 0; `totalTokens` is the provider's total
 * when it sent one (vendors count differently), else input + output; the details only when reported.
 *
 * @example
 * makeUsage({ input: 10, output: 5, cachedInput: 8 }); // { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 8 }
 */
export function makeUsage(counts: UsageCounts): Usage {
  const inputTokens = count(counts.input) ?? 0;
  const outputTokens = count(counts.output) ?? 0;
  const cachedInputTokens = count(counts.cachedInput);
  const cacheWriteInputTokens = count(counts.cacheWriteInput);
  const reasoningTokens = count(counts.reasoning);
  return {
    inputTokens,
    outputTokens,
    totalTokens: count(counts.total) ?? inputTokens + outputTokens,
    ...(cachedInputTokens !== undefined ? { cachedInputTokens } : {}),
    ...(cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens } : {}),
    ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
  };
}

/** A count: a finite number >= 0, rounded; anything else is unknown. */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}
