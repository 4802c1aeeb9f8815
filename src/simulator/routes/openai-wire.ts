import { openaiErrorBody } from '../error-bodies.js';
import type { GenerationPlan, PlannedChoice } from '../generation-plan.js';
import { hashString } from '../seeded-random.js';
import { sseData } from '../sse-writer.js';

/** OpenAI's `finish_reason` for a planned choice (a refusal finishes with `stop`, as the real API does). */
export function openaiFinishReason(choice: PlannedChoice): 'stop' | 'length' | 'tool_calls' {
  if (choice.finish === 'length') return 'length';
  return choice.finish === 'tool-calls' ? 'tool_calls' : 'stop';
}

/** The `usage` object (chat adds the `*_details` objects the real API sends). */
export function openaiUsage(plan: GenerationPlan, details: boolean): Record<string, unknown> {
  const usage: Record<string, unknown> = {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
  };
  if (details) {
    usage['prompt_tokens_details'] = { cached_tokens: plan.cachedTokens, audio_tokens: 0 };
    usage['completion_tokens_details'] = {
      reasoning_tokens: plan.choices.reduce((n, c) => n + c.reasoningTokens, 0), audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0,
    };
  }
  return usage;
}

/** A stable `system_fingerprint` per model. */
export function systemFingerprint(model: string): string {
  return `fp_${hashString(model).toString(16).padStart(8, '0')}sim`;
}

/** The mid-stream error chunk: `data: {"error":{...}}`. */
export function openaiStreamError(type: string | undefined): string {
  return sseData(openaiErrorBody(type ?? 'server_error', 'The server had an error while processing your request. Sorry about that!'));
}

/** Seconds since the epoch, as in `created`. */
export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
