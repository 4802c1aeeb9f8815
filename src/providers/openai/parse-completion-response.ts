import { makeChoice, makeGeneration, textContent, type Choice, type Generation } from '../../core/generation.js';
import { finishOf } from './map-finish-reason.js';
import { makeUsage } from '../shared/usage.js';

/** The parts of an OpenAI legacy `text_completion` response that matter here. */
export interface OpenAICompletionResponse {
  readonly id?: string;
  readonly model?: string;
  readonly choices?: readonly { readonly index?: number; readonly text?: string | null; readonly finish_reason?: string | null }[];
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number } | null;
}

/**
 * Splits one `/v1/completions` response for a packed list of prompts back into one `Generation` per prompt, in
 * prompt order. OpenAI numbers choices across the whole request: prompt `p`'s `n` choices have indexes
 * `p * n ... p * n + n - 1`; each Generation gets its own, renumbered from 0.
 *
 * The API reports one usage for the whole request. With one prompt it is exact; with several it is
 * apportioned so the per-prompt figures add up exactly to the request's: input tokens by prompt length,
 * output tokens by the length of each prompt's completions.
 *
 * @example
 * fromOpenAICompletionResponse(data, { provider: 'openai.completion', modelId: 'gpt-3.5-turbo-instruct', prompts: ['a', 'b'], n: 1 });
 */
export function fromOpenAICompletionResponse(
  data: OpenAICompletionResponse,
  info: {
    readonly provider: string;
    readonly modelId: string;
    readonly requestId?: string | null;
    readonly prompts: readonly string[];
    readonly n: number;
  },
): Generation[] {
  const { prompts, n } = info;
  const byIndex = new Map<number, Choice>();
  (data.choices ?? []).forEach((c, i) => {
    const index = c.index ?? i;
    byIndex.set(index, makeChoice({ index: index % n, content: textContent(c.text ?? ''), ...finishOf(c.finish_reason, false) }));
  });
  const perPrompt: Choice[][] = prompts.map((_, p) =>
    Array.from({ length: n }, (_unused, j) => byIndex.get(p * n + j) ?? makeChoice({ index: j, content: [], finishReason: 'other', rawFinishReason: null })),
  );
  const usage = data.usage;
  const inputs = usage ? apportion(usage.prompt_tokens ?? 0, prompts.map((p) => p.length)) : [];
  const outputs = usage ? apportion(usage.completion_tokens ?? 0, perPrompt.map((cs) => cs.reduce((s, c) => s + c.text.length, 0))) : [];
  const requestId = info.requestId ?? data.id;
  return perPrompt.map((choices, p) =>
    makeGeneration(choices, {
      provider: info.provider,
      modelId: data.model || info.modelId,
      ...(requestId ? { requestId } : {}),
      ...(usage ? { usage: makeUsage({ input: inputs[p], output: outputs[p] }) } : {}),
    }),
  );
}

/** Splits the integer `total` in proportion to `weights` (equal shares when all are 0); the parts sum to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const parts = shares.map(Math.floor);
  let rest = total - parts.reduce((s, v) => s + v, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) parts[order[k]![1]]! += 1;
  return parts;
}
