import type { Subscription } from 'rxjs';
import type { LanguageModel } from '../core/language-model.js';
import type { PromptInput } from '../core/prompt.js';
import type { GenerateOptions, GenerationOutcome, PromptItem } from '../engine/generate-options.js';
import { isFatalForRun } from '../errors/error-kinds.js';
import type { LlmError } from '../errors/llm-error.js';
import { generateFrom } from '../operators/generate-from.js';
import { UsageError } from './cli-io.js';
import type { JsonlWriter } from './jsonl-writer.js';
import { failureRecord, successRecord } from './output-record.js';
import type { BadLine, InputFormat, RequestId, RunRequest } from './parse-request-line.js';
import type { InputLine } from './read-input-lines.js';
import { readRequests } from './request-lines.js';
import type { RunStats } from './run-stats.js';

/**
 * How a run's pipeline ended: every line done; stopped (Ctrl-C, or stdout closed by its reader); an
 * error after which no request can succeed; a record that could not be written (a full disk...); a line
 * already answered in the output whose request changed since (the lines in flight were finished).
 */
export type PipelineEnd =
  | { readonly kind: 'complete' }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'stdout-closed' }
  | { readonly kind: 'fatal'; readonly error: LlmError }
  | { readonly kind: 'write-failed'; readonly error: Error }
  | { readonly kind: 'input-changed'; readonly lineNo: number; readonly id: RequestId };

/** What a line carries through the engine (its `PromptItem`'s `meta`). */
interface LineMeta {
  readonly line: RunRequest | BadLine;
  /** `requestHash` of the line. */
  readonly hash: string;
  /** `performance.now()` when the engine took the line (a slot was free): its latency counts from there. */
  readonly takenAt: number;
}

/** How a bad line goes in: an empty message list is not a prompt, so the engine fails it without a request. */
const NOT_A_PROMPT: PromptInput = [];

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
  /**
   * Ids already done (from `loadResumeState`): key (`idKey`) -> the `requestHash` of the request their
   * result answers (`undefined` for a record of an earlier version, without one). Skipped, and removed
   * from the map as they are met; one whose line's hash differs ends the run (`input-changed`).
   */
  readonly skip: Map<string, string | undefined>;
  readonly writer: JsonlWriter;
  readonly stats: RunStats;
  /** Concurrency, order and policies for `generateFrom` (`errors` and `withIndex` are set here). */
  readonly generate: Omit<GenerateOptions, 'errors' | 'withIndex'>;
}


/**
 * Runs the lines through `generateFrom` (pulled one per free slot, `errors: 'emit'`) and writes one record
 * per line as it finishes. The first line with an id is that id's request: a later line with the same id
 * is not run and gets no record (it is counted in `stats.duplicates`), so each id ends with exactly one
 * line, whatever the interruptions and resumes. A line already done is skipped, unless its request
 * changed since its result was written (its `requestHash` differs): then no more lines are taken, those
 * in flight finish, and the run ends `input-changed`. Each line goes in as a `PromptItem` carrying its own
 * settings as `callOptions` and the line itself as `meta`, which comes back with its outcome (with the
 * attempts made). A line that is not a valid request goes in too, so that it keeps its place with
 * `ordered`: as an empty message list, which is not a prompt, the engine fails it without sending anything.
 *
 * @example
 * const run = startPipeline({ model, lines, inputPath, skip: new Set(), writer, stats, generate: { concurrency: 8 } });
 * const end = await run.done;
 */
export function startPipeline(options: PipelineOptions): PipelineRun {
  const { stats, writer, skip } = options;
  const taken = new Map<string, number>(); // id key -> the first line with it, to spot duplicates
  let changed: { lineNo: number; id: RequestId } | undefined;

  async function* items(): AsyncGenerator<PromptItem<LineMeta>> {
    for await (const { line, key, hash } of readRequests(options.lines, options.inputPath, options.format)) {
      const first = taken.get(key);
      if (first !== undefined) {
        stats.duplicate(line.lineNo, line.id, first); // not run, no record: the id's one line answers its first line
        continue;
      }
      taken.set(key, line.lineNo);
      if (skip.has(key)) {
        const recorded = skip.get(key);
        skip.delete(key);
        if (recorded !== undefined && recorded !== hash) {
          changed = { lineNo: line.lineNo, id: line.id }; // its result answers another request: take no more lines
          return;
        }
        stats.skipped++;
        continue;
      }
      const meta: LineMeta = { line, hash, takenAt: performance.now() };
      yield line.ok ? { input: line.prompt, callOptions: line.settings, meta } : { input: NOT_A_PROMPT, meta };
    }
  }

  let stop: (end: PipelineEnd) => void = () => undefined;
  const done = new Promise<PipelineEnd>((resolve, reject) => {
    const source = generateFrom<LineMeta>(options.model, items(), { ...options.generate, errors: 'emit', withIndex: true });
    const record = (outcome: GenerationOutcome<LineMeta>): void => {
      const { line, hash, takenAt } = outcome.meta!;
      const { attempts } = outcome;
      const latency = attempts > 0 ? performance.now() - takenAt : undefined;
      if (outcome.ok) {
        writer.write(successRecord(line.id, line.lineNo, hash, outcome.generation, latency ?? 0, attempts));
        stats.succeed(outcome.generation.usage, latency ?? 0, attempts);
      } else if (!line.ok) {
        writer.write(failureRecord(line.id, line.lineNo, hash, { name: 'BadLineError', message: line.message }, undefined, 0));
        stats.fail('BadLineError', undefined, 0);
      } else if (isFatalForRun(outcome.error)) {
        finish({ kind: 'fatal', error: outcome.error });
      } else {
        writer.write(failureRecord(line.id, line.lineNo, hash, outcome.error, latency, attempts));
        stats.fail(outcome.error.name, latency, attempts);
      }
    };
    const write = (outcome: GenerationOutcome<LineMeta>): void => {
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
      complete: () => resolve(changed ? { kind: 'input-changed', ...changed } : { kind: 'complete' }),
    });
    if (ended) subscription.unsubscribe();
    stop = finish;
  });
  return { done, stop: (end = { kind: 'interrupted' }) => stop(end) };
}

