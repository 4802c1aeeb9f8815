import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import type { CallSettings } from '../../core/call-settings.js';
import type { ReasoningSettings } from '../../core/tool-settings.js';

/** Anthropic requires `max_tokens`; rxllm sends this when no `maxTokens` is set (plus the thinking budget). */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

/** The thinking budget of each reasoning effort. */
const BUDGETS = { minimal: 1024, low: 2048, medium: 8192, high: 24576 } as const;
const DEFAULT_BUDGET = 4096;

/** The thinking budget for `reasoning`: `budgetTokens`, else the effort's, else 4096. */
export function thinkingBudget(reasoning: ReasoningSettings): number {
  return reasoning.budgetTokens ?? (reasoning.effort !== undefined ? BUDGETS[reasoning.effort] : DEFAULT_BUDGET);
}

/**
 * The Messages API's tool, thinking, output and `max_tokens` fields from rxllm's settings: `tools` with
 * `input_schema`, `tool_choice` (`'required'` is Anthropic's `any`, `{ toolName }` its `tool`), extended thinking
 * with a budget, `output_config.format` for a JSON Schema answer, and `max_tokens`, which must exceed the budget
 * (unset: the budget plus 1024; set and not above it: an `InvalidArgumentError`).
 *
 * @example
 * anthropicToolFields({ reasoning: { budgetTokens: 2048 } }); // { max_tokens: 3072, thinking: { type: 'enabled', budget_tokens: 2048 } }
 */
export function anthropicToolFields(settings: CallSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const budget = settings.reasoning === undefined ? undefined : thinkingBudget(settings.reasoning);
  if (budget !== undefined && settings.maxTokens !== undefined && settings.maxTokens <= budget) {
    throw new InvalidArgumentError('maxTokens', `must be greater than the thinking budget (${budget} tokens): Anthropic counts thinking in max_tokens`);
  }
  out.max_tokens = settings.maxTokens ?? (budget ?? 0) + ANTHROPIC_DEFAULT_MAX_TOKENS;
  if (budget !== undefined) out.thinking = { type: 'enabled', budget_tokens: budget };
  if (settings.tools !== undefined && settings.tools.length > 0) {
    out.tools = settings.tools.map((t) => ({ name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), input_schema: t.inputSchema }));
  }
  const choice = settings.toolChoice;
  if (choice !== undefined) {
    out.tool_choice = choice === 'required' ? { type: 'any' } : typeof choice === 'string' ? { type: choice } : { type: 'tool', name: choice.toolName };
  }
  // Anthropic has no JSON mode: `{ type: 'json' }` is asked for in the prompt (withSchema does it).
  if (settings.responseFormat?.type === 'json-schema') out.output_config = { format: { type: 'json_schema', schema: settings.responseFormat.schema } };
  return out;
}
