import type { Subscription } from 'rxjs';
import type { LlmError } from '../errors/llm-error.js';
import type { ChatMessage, PromptInput } from '../model/prompt.js';
import type { LanguageModel } from '../model/language-model.js';
import { generateFrom } from '../operators/generate-from.js';
import type { GenerateOptions, GenerationOutcome } from '../operators/generate-options.js';
import { UsageError } from './cli-io.js';
import type { JsonlWriter } from './jsonl-writer.js';
import { lineModel, type LineState } from './line-model.js';
import { failureRecord, successRecord } from './output-record.js';
import { parseRequestLine, resolveFormat, type BadLine, type InputFormat, type RunRequest } from './parse-request-line.js';
import type { InputLine } from './read-input-lines.js';
import { idKey } from './resume-state.js';
import type { RunStats } from './run-stats.js';

/**
 * How a run's pipeline ended: every line done; stopped (Ctrl-C, or stdout closed by its reader); an
 * error after which no request can succeed; a record that could not be written (a full disk...).
 */
export type PipelineEnd =
  | { readonly kind: 'complete' }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'stdout-closed' }
  | { readonly kind: 'fatal'; readonly error: LlmError }
  | { readonly kind: 'write-failed'; readonly error: Error };

/** A running pipeline. */
export interface PipelineRun {
  /** Settles when the pipeline ends; rejects when the input cannot be read (`UsageError`). */
  readonly done: Promise<PipelineEnd>;
  /**
   * Stops taking lines and cancels the requests in flight (their lines are not written); `done` resolves
   * with `end` (the first end wins). @default { kind: 'interrupted' }
   */
  stop(end?: PipelineEnd): void;
}

/** What a pipeline runs. */
export interface PipelineOptions {
  readonly model: LanguageModel;
  readonly lines: AsyncIterable<InputLine>;
  readonly inputPath: string;
  readonly format?: InputFormat;
  /** Keys (`idKey`) of ids already done (from `loadResumeState`): skipped, and removed from the set as they are met. */
  readonly skip: Set<string>;
  readonly writer: JsonlWriter;
  readonly stats: RunStats;
  /** Concurrency, order and policies for `generateFrom` (`errors` and `withIndex` are set here). */
  readonly generate: Omit<GenerateOptions, 'errors' | 'withIndex'>;
}

/** Errors after which no other request can succeed: the run stops instead of failing every line. */
function isFatal(error: LlmError): boolean {
  if (error.name === 'RateLimitError') return (error as { quotaExceeded?: boolean }).quotaExceeded === true;
  return ['AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConfigurationError'].includes(error.name);
}

/**
 * Runs the lines through `generateFrom` (pulled one per free slot, `errors: 'emit'`) and writes one record
 * per line as it finishes. The first line with an id is that id's request: a later line with the same id
 * is not run and gets no record (it is counted in `stats.duplicates`), so each id ends with exactly one
 * line, whatever the interruptions and resumes. Each prompt is a fresh object the run keeps in a map while it is in flight, so
 * its line (id, settings, attempts) is found again from the outcome; a line that is not a valid request
 * goes in as an empty message list, which the engine fails at once without sending anything.
 *
 * @example
 * const run = startPipeline({ model, lines, inputPath, skip: new Set(), writer, stats, generate: { concurrency: 8 } });
 * const end = await run.done;
 */
export function startPipeline(options: PipelineOptions): PipelineRun {
  const { stats, writer, skip } = options;
  const taken = new Map<string, number>(); // id key -> the first line with it, to spot duplicates
  const states = new Map<PromptInput, LineState>();
  let format = options.format;

  async function* prompts(): AsyncGenerator<PromptInput> {
    for await (const { lineNo, text, invalidUtf8 } of options.lines) {
      if (format === undefined && text.trim() !== '') format = resolveFormat(undefined, options.inputPath, text);
      const parsed = parseRequestLine(text, lineNo, format ?? 'text');
      if (parsed === undefined) continue;
      const line: RunRequest | BadLine = invalidUtf8 ? { ok: false, id: parsed.id, lineNo, message: `line ${lineNo}: not valid UTF-8` } : parsed;
      const key = idKey(line.id);
      const first = taken.get(key);
      if (first !== undefined) {
        stats.duplicate(lineNo, line.id, first); // not run, no record: the id's one line answers its first line
        continue;
      }
      taken.set(key, lineNo);
      if (skip.delete(key)) {
        stats.skipped++;
        continue;
      }
      const state: LineState = { line, attempts: 0 };
      const prompt: PromptInput = state.line.ok ? toMessages(state.line.prompt) : ([] as ChatMessage[]);
      states.set(prompt, state);
      yield prompt;
    }
  }

  let stop: (end: PipelineEnd) => void = () => undefined;
  const done = new Promise<PipelineEnd>((resolve, reject) => {
    const model = lineModel(options.model, (input) => states.get(input));
    const source = generateFrom(model, prompts(), { ...options.generate, errors: 'emit', withIndex: true });
    const record = (outcome: GenerationOutcome): void => {
      const state = states.get(outcome.input);
      states.delete(outcome.input);
      if (state === undefined) return;
      const { line, attempts } = state;
      const latency = state.startedAt === undefined ? undefined : performance.now() - state.startedAt;
      if (outcome.ok) {
        writer.write(successRecord(line.id, line.lineNo, outcome.generation, latency ?? 0, attempts));
        stats.succeed(outcome.generation.usage, latency ?? 0, attempts);
      } else if (!line.ok) {
        writer.write(failureRecord(line.id, line.lineNo, { name: 'BadLineError', message: line.message }, undefined, 0));
        stats.fail('BadLineError', undefined, 0);
      } else if (isFatal(outcome.error)) {
        finish({ kind: 'fatal', error: outcome.error });
      } else {
        writer.write(failureRecord(line.id, line.lineNo, outcome.error, latency, attempts));
        stats.fail(outcome.error.name, latency, attempts);
      }
    };
    const write = (outcome: GenerationOutcome): void => {
      try {
        record(outcome);
      } catch (error) {
        finish({ kind: 'write-failed', error: error instanceof Error ? error : new Error(String(error)) });
      }
    };
    let ended = false;
    let subscription: Subscription | undefined = undefined;
    const finish = (end: PipelineEnd): void => {
      ended = true;
      subscription?.unsubscribe(); // undefined while subscribing: unsubscribed below
      resolve(end);
    };
    subscription = source.subscribe({
      next: write,
      error: (error: unknown) => reject(new UsageError(`cannot read input "${options.inputPath}": ${error instanceof Error ? error.message : String(error)}`)),
      complete: () => resolve({ kind: 'complete' }),
    });
    if (ended) subscription.unsubscribe();
    stop = finish;
  });
  return { done, stop: (end = { kind: 'interrupted' }) => stop(end) };
}

/** A fresh prompt object (the key of its line in flight): a string becomes one user message. */
function toMessages(prompt: PromptInput): ChatMessage[] {
  return typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : [...prompt];
}
