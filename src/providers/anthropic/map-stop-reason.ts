import type { FinishReason } from '../../core/generation.js';

/**
 * Normalises an Anthropic `stop_reason`: `end_turn` / `stop_sequence` -> `stop`, `max_tokens` /
 * `model_context_window_exceeded` -> `length`, `tool_use` -> `tool_calls`, `refusal` -> `content_filter`;
 * `pause_turn`, `null` and anything else -> `other`.
 *
 * @example
 * mapAnthropicStopReason('max_tokens'); // 'length'
 */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}
