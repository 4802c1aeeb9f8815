import type { FinishReason, Usage } from '../core/generation.js';
import type { GenerateOptions, GenerationFailure } from './generate-options.js';

/** One output of a prompt, LangChain-style: the text and facts about how it ended. */
export interface LLMGeneration {
  readonly text: string;
  readonly generationInfo: {
    readonly finishReason: FinishReason;
    readonly rawFinishReason: string | null;
    /** The choice's index within its prompt (0 unless `n > 1`). */
    readonly index: number;
  };
}

/** Token counts with LangChain's names. */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/**
 * What `generateAll` emits: LangChain's `LLMResult` (the result of `BaseLLM.agenerate`), plus the
 * failures when `errors: 'emit'`.
 */
export interface LLMResult {
  /** One list per prompt, in input order; one entry per choice (several with `n > 1`; none for a failed prompt). */
  readonly generations: LLMGeneration[][];
  readonly llmOutput: {
    /** Usage summed over every prompt, LangChain's names. */
    readonly tokenUsage: TokenUsage;
    /** The same sum with rxllm's names. */
    readonly usage: Usage;
  };
  /** With `errors: 'emit'`: the prompts that failed, in input order. Always empty with `errors: 'throw'`. */
  readonly failures: readonly GenerationFailure[];
}

/**
 * Options of `generateAll`: those of `generate` (without `ordered`/`withIndex`, which do not apply: the
 * result is always in input order), plus `batchSize`.
 *
 * @example
 * generateAll(model, prompts, { concurrency: 4, batchSize: 10, errors: 'emit' })
 */
export interface GenerateAllOptions extends Omit<GenerateOptions, 'ordered' | 'withIndex' | 'reorderBuffer'> {
  /**
   * For a model with `generateBatch`: how many prompts go in one request (`concurrency` requests run at
   * once). Ignored for other models.
   * @default 20
   */
  readonly batchSize?: number;
}
