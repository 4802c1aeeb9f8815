import type { EmbeddingModel } from '../core/embedding-model.js';
import type { CliCommand } from './cli-command.js';
import type { CliIo } from './cli-io.js';
import { EMBED_DEFAULTS, parseEmbedFlags, type EmbedConfig } from './embed-flags.js';
import { embeddingEngine } from './embed-pipeline.js';
import { connectEmbeddingModel, embedOptions } from './embed-setup.js';
import { EMBED_USAGE } from './embed-usage.js';
import { processTerminal, runJob, type JobCommand, type RunTerminal } from './job-command.js';
import { startJobPipeline } from './job-pipeline.js';
import { EMBED_LINES, type EmbedRequest } from './parse-embed-line.js';

/** `rxllm embed` as a job: texts through `embedFrom`. */
const EMBED_JOB: JobCommand<EmbedConfig, EmbeddingModel, EmbedRequest> = {
  name: 'embed',
  usage: EMBED_USAGE,
  progressIntervalMs: EMBED_DEFAULTS.progressIntervalMs,
  priceFlag: 'IN',
  parse: parseEmbedFlags,
  connect: connectEmbeddingModel,
  lines: () => EMBED_LINES,
  start: ({ config, model, input, writer, stats, rateLimit }) =>
    startJobPipeline({ ...input, ...embeddingEngine({ model, writer, stats, embed: embedOptions(config, rateLimit) }) }),
};

/**
 * `rxllm embed`: bulk embeddings from a file (or stdin) to a JSONL file of vectors, batched, with progress,
 * resume, retries, rate limits and adaptive concurrency, as `rxllm run`. See `rxllm embed --help` and the
 * README's "Embeddings" section.
 *
 * @example
 * // npx rxllm embed docs.jsonl -o vectors.jsonl --model openai:text-embedding-3-small --dimensions 512
 */
export const embedCommand: CliCommand = {
  name: 'embed',
  summary: 'embed the text of every line of a file, batched, with progress and resume (rxllm embed --help)',
  usage: EMBED_USAGE,
  run: (argv, io) => embedWith(argv, io, processTerminal),
};

/**
 * `embedCommand.run` with an explicit terminal (tests draw the live bar without a real one).
 *
 * @example
 * const code = await embedWith(['in.jsonl', '-o', 'out.jsonl', '--simulator'], processIo, { isTTY: false, columns: () => 80 });
 */
export function embedWith(argv: readonly string[], io: CliIo, terminal: RunTerminal): Promise<number> {
  return runJob(EMBED_JOB, argv, io, terminal);
}
