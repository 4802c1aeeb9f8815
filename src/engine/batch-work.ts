import { map, type Observable } from 'rxjs';
import { LlmError } from '../errors/llm-error.js';
import type { Generation } from '../core/generation.js';
import { promptToText, type PromptInput } from '../core/prompt.js';
import type { BatchLanguageModel } from '../core/language-model.js';
import type { LLMGeneration, LLMResult } from './generate-all-options.js';
import type { GenerationFailure } from './generate-options.js';
import type { PromptJob } from './prompt-job.js';
import { attemptCall, type GenerateSettings } from './resolve-options.js';

/** The indexes (in the prompt list) of the prompts sent in one request. */
export type Batch = readonly number[];

/**
 * The work for one batch: one `generateBatch` call, checked to answer every prompt. Each attempt counts in
 * the `attempts` of every job of the batch.
 */
export function batchWork(
  model: BatchLanguageModel,
  jobs: readonly PromptJob[],
  settings: GenerateSettings,
): (batch: Batch) => Observable<readonly Generation[]> {
  const callOptions = settings.options.callOptions;
  const maxTokens = callOptions?.maxTokens;
  const signal = callOptions?.signal; // ends a batch wherever it is, as for one prompt
  return (batch) => {
    const inputs = batch.map((i) => jobs[i]!.item as PromptInput);
    // One request for the rate limiter: the prompts' text together, and room for every answer.
    const request = { input: inputs.map((input) => promptToText(input)).join('\n\n'), ...(maxTokens === undefined ? {} : { maxTokens: maxTokens * batch.length }) };
    const call = model.generateBatch(inputs, callOptions).pipe(
      map((answers) => {
        if (!Array.isArray(answers) || answers.length !== batch.length) {
          throw new LlmError(`generateBatch answered ${Array.isArray(answers) ? answers.length : 'no'} generations for ${batch.length} prompts`);
        }
        return answers as readonly Generation[];
      }),
    );
    const countAttempt = (): void => {
      for (const i of batch) jobs[i]!.attempts++;
    };
    return attemptCall(settings, call, countAttempt, request, signal, model.provider);
  };
}

/** Builds the `LLMResult` from the generations by prompt index and the failures. */
export function buildResult(generations: readonly (Generation | undefined)[], failures: GenerationFailure[]): LLMResult {
  let inputTokens = 0;
  let outputTokens = 0;
  const out: LLMGeneration[][] = [];
  for (let i = 0; i < generations.length; i++) {
    const g = generations[i];
    if (g?.usage) {
      inputTokens += g.usage.inputTokens;
      outputTokens += g.usage.outputTokens;
    }
    out.push(g ? toLLMGenerations(g) : []);
  }
  const totalTokens = inputTokens + outputTokens;
  return {
    generations: out,
    llmOutput: {
      tokenUsage: { promptTokens: inputTokens, completionTokens: outputTokens, totalTokens },
      usage: { inputTokens, outputTokens, totalTokens },
    },
    failures: failures.sort((a, b) => a.index - b.index),
  };
}

function toLLMGenerations(g: Generation): LLMGeneration[] {
  const choices = g.choices.length > 0 ? g.choices : [{ index: 0, text: g.text, finishReason: g.finishReason, rawFinishReason: g.rawFinishReason }];
  return choices.map((c) => ({
    text: c.text,
    generationInfo: { finishReason: c.finishReason, rawFinishReason: c.rawFinishReason, index: c.index },
  }));
}
