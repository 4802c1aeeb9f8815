import type { LanguageModel } from '../core/language-model.js';
import type { PromptInput } from '../core/prompt.js';
import type { GenerateOptions, GenerationOutcome, PromptItem } from '../engine/generate-options.js';
import { generateFrom } from '../operators/generate-from.js';
import { recordFailure, type JobEngine, type PipelineEnd, type TakenLine } from './job-pipeline.js';
import type { JsonlWriter } from './jsonl-writer.js';
import { successRecord } from './output-record.js';
import type { RunRequest } from './parse-request-line.js';
import type { RunStats } from './run-stats.js';

/** How a bad line goes in: an empty message list is not a prompt, so the engine fails it without a request. */
const NOT_A_PROMPT: PromptInput = [];

/** What `rxllm run`'s engine needs. */
export interface GenerationEngineOptions {
  readonly model: LanguageModel;
  readonly writer: JsonlWriter;
  readonly stats: RunStats;
  /** Concurrency, order and policies for `generateFrom` (`errors` and `withIndex` are set here). */
  readonly generate: Omit<GenerateOptions, 'errors' | 'withIndex'>;
}

/**
 * `rxllm run`'s engine for `startJobPipeline`: the lines through `generateFrom` (pulled one per free slot,
 * `errors: 'emit'`), one record per line as it finishes. Each line goes in as a `PromptItem` carrying its
 * own settings as `callOptions` and the line itself as `meta`, which comes back with its outcome (with the
 * attempts made). A line that is not a valid request goes in as an empty message list, which is not a
 * prompt: the engine fails it without sending anything. With `--schema` the model answers objects
 * (`objectModel`): a success record carries the `object`, and an answer that is not one is a failure record
 * like any other (`InvalidOutputError`, with the answer's text and the tokens it cost).
 *
 * @example
 * const run = startJobPipeline({ ...input, ...generationEngine({ model, writer, stats, generate: { concurrency: 8 } }) });
 * const end = await run.done;
 */
export function generationEngine(options: GenerationEngineOptions): JobEngine<RunRequest, PromptItem<TakenLine<RunRequest>>, GenerationOutcome<TakenLine<RunRequest>>> {
  const { stats, writer } = options;
  return {
    toItem: (taken) => (taken.line.ok ? { input: taken.line.prompt, callOptions: taken.line.settings, meta: taken } : { input: NOT_A_PROMPT, meta: taken }),
    run: (items) => generateFrom(options.model, items, { ...options.generate, errors: 'emit', withIndex: true }),
    record: (outcome): PipelineEnd | undefined => {
      const { line, hash, takenAt } = outcome.meta!;
      const { attempts } = outcome;
      const latency = attempts > 0 ? performance.now() - takenAt : undefined;
      if (!outcome.ok) return recordFailure(outcome.meta!, { error: outcome.error, attempts, latency }, { writer, stats });
      writer.write(successRecord(line.id, line.lineNo, hash, outcome.generation, latency ?? 0, attempts));
      stats.succeed(outcome.generation.usage, latency ?? 0, attempts);
      return undefined;
    },
  };
}
