import { JOB_FLAGS, parseJobFlags, type JobConfig } from './job-flags.js';
import type { ModelProvider } from './model-spec.js';
import type { FlagSpec } from './parse-flags.js';
import { parseInputPrice } from './price-table.js';

/** Defaults of `rxllm embed`, shown in its `--help`. */
export const EMBED_DEFAULTS = {
  concurrency: 4,
  batchSize: 100,
  retries: 5,
  timeoutMs: 120_000,
  progressIntervalMs: 5_000,
  simulatorModel: 'openai:text-embedding-3-small',
} as const;

/** The flags of `rxllm embed` (see `EMBED_USAGE`): the job flags plus `--dimensions` and `--batch-size`. */
export const EMBED_FLAGS: Readonly<Record<string, FlagSpec>> = {
  ...JOB_FLAGS,
  dimensions: { type: 'number', integer: true, min: 1 },
  'batch-size': { type: 'number', integer: true, min: 1 },
};

/** The `--model` prefixes `rxllm embed` takes. */
const EMBED_PROVIDERS: readonly ModelProvider[] = ['openai', 'instant'];

/** Everything `rxllm embed` was asked to do (one field per flag; defaults in `EMBED_DEFAULTS`). */
export interface EmbedConfig extends JobConfig {
  readonly dimensions?: number;
  /** Values per request. */
  readonly batchSize: number;
}

/**
 * Parses and checks the arguments of `rxllm embed` (`UsageError` for anything wrong, exit 2).
 *
 * @example
 * parseEmbedFlags(['docs.jsonl', '-o', 'vectors.jsonl', '--model', 'openai:text-embedding-3-small', '--dimensions', '512']);
 */
export function parseEmbedFlags(argv: readonly string[]): EmbedConfig | 'help' {
  const parsed = parseJobFlags(argv, EMBED_FLAGS, {
    defaults: EMBED_DEFAULTS,
    providers: EMBED_PROVIDERS,
    parsePrice: parseInputPrice,
    priceHint: 'IN in USD per million input tokens (e.g. 0.02)',
  });
  if (parsed === 'help') return 'help';
  const dimensions = parsed.values['dimensions'] as number | undefined;
  return {
    ...parsed.config,
    batchSize: (parsed.values['batch-size'] as number | undefined) ?? EMBED_DEFAULTS.batchSize,
    ...(dimensions !== undefined ? { dimensions } : {}),
  };
}
