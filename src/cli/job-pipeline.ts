import type { Observable, Subscription } from 'rxjs';
import { isFatalForRun } from '../errors/error-kinds.js';
import type { LlmError } from '../errors/llm-error.js';
import { UsageError } from './cli-io.js';
import type { JsonlWriter } from './jsonl-writer.js';
import { failureRecord } from './output-record.js';
import type { BadLine, RequestId } from './parse-request-line.js';
import type { JobRequest, RequestLine } from './request-lines.js';
import type { RunStats } from './run-stats.js';
import { inShard, type Shard } from './shard.js';

/**
 * How a job's pipeline ended: every line done; stopped (Ctrl-C, or stdout closed by its reader); an
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

/** A line the engine took: carried through it (as its item's `meta`) and back with its outcome. */
export interface TakenLine<R> {
  readonly line: R | BadLine;
  /** The line's request hash. */
  readonly hash: string;
  /** `performance.now()` when the engine took the line (a slot was free): its latency counts from there. */
  readonly takenAt: number;
}

/** The lines a job runs and what it passes over: the same for every job command (built by `runJob`). */
export interface JobInput<R extends JobRequest> {
  /** The input's request lines (`readJobLines`). */
  readonly requests: AsyncIterable<RequestLine<R>>;
  readonly inputPath: string;
  /** `--shard i/n`: only the lines of this shard are run (`inShard`). @default every line */
  readonly shard?: Shard;
  /**
   * Ids already done (from `loadResumeState`): key (`idKey`) -> the request hash their result answers
   * (`undefined` for a record of an earlier version, without one). Skipped, and removed from the map as
   * they are met; one whose line's hash differs ends the run (`input-changed`).
   */
  readonly skip: Map<string, string | undefined>;
  readonly stats: RunStats;
}

/** How a job command runs the lines it takes (`generateFrom`, `embedFrom`) and records their outcomes. */
export interface JobEngine<R extends JobRequest, I, O> {
  /** The engine's item for a line it takes (carrying the `TakenLine` as its meta). */
  readonly toItem: (taken: TakenLine<R>) => I;
  /** The engine over the items, pulled lazily, with `errors: 'emit'` (one outcome per item). */
  readonly run: (items: AsyncIterable<I>) => Observable<O>;
  /** Writes an outcome's record and counts it; returns an end to stop the run at (a fatal error). It may throw (a write failed). */
  readonly record: (outcome: O) => PipelineEnd | undefined;
}

/** What a job pipeline runs: a job's input through a command's engine. */
export interface JobPipelineOptions<R extends JobRequest, I, O> extends JobInput<R>, JobEngine<R, I, O> {}

/**
 * Runs a job's lines through its engine and writes one record per line as it finishes. The first line with
 * an id is that id's request: a later line with the same id is not run and gets no record (it is counted in
 * `stats.duplicates`), so each id ends with exactly one line, whatever the interruptions and resumes. A
 * line already done is skipped, unless its request changed since its result was written (its hash
 * differs): then no more lines are taken, those in flight finish, and the run ends `input-changed`. A line
 * that is not a valid request goes in too (the command makes it an item the engine fails without sending
 * anything), so that it keeps its place with `ordered`. With a `shard`, every line is still read (the ids of
 * the whole input decide which line is an id's first, so that the shards' outputs together hold each id
 * once) but only the shard's lines are run, skipped, counted as duplicates or checked for changes; their
 * records keep their line numbers in the whole input. Shared by `rxllm run` and `rxllm embed`.
 *
 * @example
 * const run = startJobPipeline({ ...input, ...generationEngine({ model, writer, stats, generate: { concurrency: 8 } }) });
 * const end = await run.done;
 */
export function startJobPipeline<R extends JobRequest, I, O>(options: JobPipelineOptions<R, I, O>): PipelineRun {
  const { stats, skip } = options;
  const taken = new Map<string, number>(); // id key -> the first line with it, to spot duplicates
  let changed: { lineNo: number; id: RequestId } | undefined;

  async function* items(): AsyncGenerator<I> {
    for await (const request of options.requests) {
      const { line, key } = request;
      const mine = inShard(options.shard, line.lineNo);
      const first = taken.get(key);
      if (first !== undefined) {
        if (mine) stats.duplicate(line.lineNo, line.id, first); // not run, no record: the id's one line answers its first line
        continue;
      }
      taken.set(key, line.lineNo);
      if (!mine) continue; // another shard's line
      if (skip.has(key)) {
        const recorded = skip.get(key);
        skip.delete(key);
        if (recorded !== undefined && recorded !== request.hash()) {
          changed = { lineNo: line.lineNo, id: line.id }; // its result answers another request: take no more lines
          return;
        }
        stats.skipped++;
        continue;
      }
      yield options.toItem({ line, hash: request.hash(), takenAt: performance.now() });
    }
  }

  let stop: (end: PipelineEnd) => void = () => undefined;
  const done = new Promise<PipelineEnd>((resolve, reject) => {
    const source = options.run(items());
    const write = (outcome: O): void => {
      let end: PipelineEnd | undefined;
      try {
        end = options.record(outcome);
      } catch (error) {
        end = { kind: 'write-failed', error: error instanceof Error ? error : new Error(String(error)) };
      }
      if (end !== undefined) finish(end);
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

/**
 * Records a line that did not succeed: the one rule of every job command. A bad line becomes a
 * `BadLineError` record; an error fatal for the run (`isFatalForRun`: a wrong key, a missing model) writes
 * nothing and returns the run's end (a resume retries the line); any other error is the line's error record,
 * counted in `stats` (with `attempts` when `countAttempts`, and the usage the error cost).
 *
 * @example
 * if (!outcome.ok) return recordFailure(outcome.meta, { error: outcome.error, attempts: outcome.attempts, latency }, { writer, stats });
 */
export function recordFailure<R extends JobRequest>(
  taken: TakenLine<R>,
  failure: { readonly error: LlmError; readonly attempts: number; readonly latency: number | undefined },
  out: { readonly writer: JsonlWriter; readonly stats: RunStats; readonly countAttempts?: boolean },
): PipelineEnd | undefined {
  const { line, hash } = taken;
  const { error, attempts, latency } = failure;
  if (!line.ok) {
    out.writer.write(failureRecord(line.id, line.lineNo, hash, { name: 'BadLineError', message: line.message }, undefined, 0));
    out.stats.fail('BadLineError', undefined, 0);
    return undefined;
  }
  if (isFatalForRun(error)) return { kind: 'fatal', error };
  out.writer.write(failureRecord(line.id, line.lineNo, hash, error, latency, attempts));
  out.stats.fail(error.name, latency, out.countAttempts === false ? 0 : attempts, error.usage);
  return undefined;
}
