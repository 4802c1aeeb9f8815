import type { RequestControls } from '../control-headers.js';
import {
  PLAIN_PLAN,
  planChoices,
  sumTokens,
  variationFor,
  type GenerationPlan,
  type GenerationRoute,
  type PlanEnv,
  type PlannedChoice,
  type WireFormat,
} from '../generation-plan.js';
import { newId } from '../ids.js';
import { SSE_DONE, malformedFrame, sseData } from '../sse-writer.js';
import { countTokens } from '../tokenizer.js';
import {
  invalidType,
  invalidValue,
  missingParameter,
  optionalInteger,
  optionalNumber,
  readModel,
  readStop,
  readStreaming,
  requireObject,
} from './openai-validation.js';
import { openaiFinishReason, openaiStreamError, openaiUsage, unixSeconds } from './openai-wire.js';

/** The legacy API's default `max_tokens`. */
const DEFAULT_MAX_TOKENS = 16;

function readPrompts(body: Record<string, unknown>): string[] {
  const prompt = body['prompt'];
  if (prompt === undefined || prompt === null) throw missingParameter('prompt');
  if (typeof prompt === 'string') return [prompt];
  if (!Array.isArray(prompt) || prompt.some((p) => typeof p !== 'string')) {
    throw invalidType('prompt', 'a string or array of strings', prompt);
  }
  if (prompt.length === 0) throw invalidValue('prompt', 'empty array. Expected an array with minimum length 1, but got an empty array instead.');
  return prompt as string[];
}

function planCompletions(rawBody: unknown, controls: RequestControls, env: PlanEnv): GenerationPlan {
  const body = requireObject(rawBody);
  const model = readModel(body);
  const prompts = readPrompts(body);
  const maxTokens = optionalInteger(body, 'max_tokens', 1) ?? DEFAULT_MAX_TOKENS;
  const n = optionalInteger(body, 'n', 1, 128) ?? 1;
  const temperature = optionalNumber(body, 'temperature', 0, 2);
  optionalNumber(body, 'top_p', 0, 1);
  const { stream, includeUsage } = readStreaming(body);
  const stops = readStop(body);
  const variation = variationFor(temperature, () => env.nextVariation());
  // Choice index = promptIndex * n + choiceIndex, as the real API numbers them.
  const choices = prompts.flatMap((prompt, p) =>
    planChoices({ seed: `completions\n${model}\n${prompt}`, prompt, maxTokens, stops, variation }, n, p * n, controls));
  const promptTokens = prompts.reduce((sum, p) => sum + countTokens(p), 0);
  return {
    model, promptTokens, choices, completionTokens: sumTokens(choices), stream, includeUsage,
    estimatedTokens: promptTokens + maxTokens * choices.length,
    ...PLAIN_PLAN,
  };
}

function completionsWire(plan: GenerationPlan): WireFormat {
  const id = newId.completion();
  const created = unixSeconds();
  const chunk = (choice: PlannedChoice, text: string, finish: string | null): string =>
    sseData({
      id, object: 'text_completion', created, model: plan.model,
      choices: [{ text, index: choice.index, logprobs: null, finish_reason: finish }],
      ...(plan.includeUsage ? { usage: null } : {}),
    });
  return {
    json: () => ({
      id, object: 'text_completion', created, model: plan.model,
      choices: plan.choices.map((c) => ({ text: c.text, index: c.index, logprobs: null, finish_reason: openaiFinishReason(c) })),
      usage: openaiUsage(plan, false),
    }),
    head: () => [],
    steps: Math.max(0, ...plan.choices.map((c) => c.tokens.length)),
    step: (s) => plan.choices.filter((c) => s < c.tokens.length).map((c) => chunk(c, c.tokens[s]!, null)),
    tail: () => [
      ...plan.choices.map((c) => chunk(c, '', openaiFinishReason(c))),
      ...(plan.includeUsage ? [sseData({ id, object: 'text_completion', created, model: plan.model, choices: [], usage: openaiUsage(plan, false) })] : []),
      SSE_DONE,
    ],
    streamError: (type) => openaiStreamError(type),
    malformed: () => malformedFrame(chunk(plan.choices[0]!, ' malformed', null)),
  };
}

/** POST /v1/completions (legacy): `prompt` a string or an array; `n` choices per prompt. */
export const openaiCompletionsRoute: GenerationRoute = {
  name: 'completions',
  path: '/v1/completions',
  provider: 'openai',
  plan: planCompletions,
  wire: completionsWire,
};
