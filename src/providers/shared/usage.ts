import type { Usage } from '../../core/generation.js';

/** A `Usage` from two counts (missing or invalid counts are 0); `totalTokens` is always their sum. */
export function makeUsage(inputTokens: unknown, outputTokens: unknown): Usage {
  const input = count(inputTokens);
  const output = count(outputTokens);
  return { inputTokens: input, outputTokens: output, totalTokens: input + output };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
