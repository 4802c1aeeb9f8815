import type { EmbeddingModel } from '../core/embedding-model.js';
import type { EmbedItem, EmbedOptions, EmbedOutcome } from '../engine/embed-options.js';
import { embedFrom } from '../operators/embed-from.js';
import { countingRequests } from './embed-setup.js';
import { recordFailure, type JobEngine, type PipelineEnd, type TakenLine } from './job-pipeline.js';
import type { JsonlWriter } from './jsonl-writer.js';
import { embeddingRecord } from './output-record.js';
import type { EmbedRequest } from './parse-embed-line.js';
import type { RunStats } from './run-stats.js';

/** What `rxllm embed`'s engine needs. */
export interface EmbeddingEngineOptions {
  readonly model: EmbeddingModel;
  readonly writer: JsonlWriter;
  readonly stats: RunStats;
  /** Batching, concurrency, order and policies for `embedFrom` (`errors` is set here). */
  readonly embed: Omit<EmbedOptions, 'errors'>;
}

type Taken = TakenLine<EmbedRequest>;

/**
 * `rxllm embed`'s engine for `startJobPipeline`: the lines' texts through `embedFrom` (batched, pulled as
 * request slots free up, `errors: 'emit'`), one record per line as its batch finishes: `{ id, requestHash,
 * embedding }`, or a failure record. A line that is not a valid request goes in as an empty text, which
 * `embedFrom` fails alone without sending it. Requests, retries and input tokens are counted per request
 * (`countingRequests`); lines per line.
 *
 * @example
 * const run = startJobPipeline({ ...input, ...embeddingEngine({ model, writer, stats, embed: { batchSize: 100 } }) });
 * const end = await run.done;
 */
export function embeddingEngine(options: EmbeddingEngineOptions): JobEngine<EmbedRequest, EmbedItem<Taken>, EmbedOutcome<Taken>> {
  const { stats, writer } = options;
  return {
    toItem: (taken) => ({ value: taken.line.ok ? taken.line.text : '', meta: taken }),
    run: (items) => embedFrom(countingRequests(options.model, stats), items, { ...options.embed, errors: 'emit' }),
    record: (outcome): PipelineEnd | undefined => {
      const { line, hash, takenAt } = outcome.meta!;
      const latency = outcome.attempts > 0 ? performance.now() - takenAt : undefined;
      // A batch's attempts are not a line's: the summary's retry count stays the lines' (none here).
      if (!outcome.ok) return recordFailure(outcome.meta!, { error: outcome.error, attempts: outcome.attempts, latency }, { writer, stats, countAttempts: false });
      writer.write(embeddingRecord(line.id, hash, outcome.embedding));
      stats.succeed(undefined, latency ?? 0, 0);
      return undefined;
    },
  };
}
