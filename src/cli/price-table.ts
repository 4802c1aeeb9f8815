import type { Usage } from '../core/generation.js';

/** A model's list price in US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/**
 * List prices (USD per 1M tokens, standard tier, no caching or batch discounts) as published by OpenAI and
 * Anthropic in late 2025. Estimates only: check the providers' pricing pages; `--price` overrides them.
 * A model id matches its entry exactly or with a dated suffix (`gpt-4o-mini-2024-07-18`).
 */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-3.5-turbo': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  'gpt-3.5-turbo-instruct': { inputPerMillion: 1.5, outputPerMillion: 2 },
  'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  'text-embedding-3-small': { inputPerMillion: 0.02, outputPerMillion: 0 },
  'text-embedding-3-large': { inputPerMillion: 0.13, outputPerMillion: 0 },
  'text-embedding-ada-002': { inputPerMillion: 0.1, outputPerMillion: 0 },
};

/**
 * The price of `modelId` from `PRICE_TABLE` (exact id, else the longest entry it starts with followed by
 * `-`), or `undefined` when unknown.
 *
 * @example
 * findPrice('gpt-4o-mini-2024-07-18'); // { inputPerMillion: 0.15, outputPerMillion: 0.6 }
 */
export function findPrice(modelId: string, table: Readonly<Record<string, ModelPrice>> = PRICE_TABLE): ModelPrice | undefined {
  const exact = table[modelId];
  if (exact) return exact;
  const prefix = Object.keys(table)
    .filter((name) => modelId.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : table[prefix];
}

/**
 * The cost in USD of `usage` at `price`.
 *
 * @example
 * estimateCost({ inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 }); // 0.15
 */
export function estimateCost(usage: Pick<Usage, 'inputTokens' | 'outputTokens'>, price: ModelPrice): number {
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}

/** Parses `--price IN,OUT` (USD per 1M input and output tokens). Returns `undefined` for a bad value. */
export function parsePrice(raw: string): ModelPrice | undefined {
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n) || n < 0) || raw.split(',').some((s) => s.trim() === '')) return undefined;
  return { inputPerMillion: parts[0]!, outputPerMillion: parts[1]! };
}

/** Parses `--price IN` (USD per 1M input tokens: embedding models have no output). Returns `undefined` for a bad value. */
export function parseInputPrice(raw: string): ModelPrice | undefined {
  const value = Number(raw.trim());
  return raw.trim() === '' || !Number.isFinite(value) || value < 0 ? undefined : { inputPerMillion: value, outputPerMillion: 0 };
}
