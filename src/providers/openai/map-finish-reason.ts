import type { FinishReason } from '../../core/generation.js';

/**
 * Normalises an OpenAI `finish_reason` (chat or legacy completions): `stop` -> `stop`, `length` -> `length`,
 * `content_filter` -> `content_filter`, `tool_calls` / `function_call` -> `tool_calls`; `null` or anything else
 * -> `other` (OpenAI-compatible servers invent their own, e.g. `eos`, which count as `stop`).
 *
 * @example
 * mapOpenAIFinishReason('length'); // 'length'
 */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'eos':
    case 'end_turn':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}

/**
 * A choice's finish from OpenAI's `finish_reason` and whether it refused: a refusal finishes with
 * `content_filter` (OpenAI sends `stop`), whatever the raw reason says.
 *
 * @example
 * finishOf('stop', true); // { finishReason: 'content_filter', rawFinishReason: 'stop' }
 */
export function finishOf(reason: string | null | undefined, refused: boolean): { finishReason: FinishReason; rawFinishReason: string | null } {
  return { finishReason: refused ? 'content_filter' : mapOpenAIFinishReason(reason), rawFinishReason: reason ?? null };
}
