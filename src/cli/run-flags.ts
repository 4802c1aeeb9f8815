import { JOB_FLAGS, parseJobFlags, type JobConfig } from './job-flags.js';
import type { ModelProvider } from './model-spec.js';
import type { FlagSpec } from './parse-flags.js';
import { parsePrice } from './price-table.js';

/** Defaults of `rxllm run`, shown in its `--help`. */
export const RUN_DEFAULTS = {
  concurrency: 16,
  retries: 5,
  timeoutMs: 120_000,
  progressIntervalMs: 5_000,
  simulatorModel: 'openai:gpt-4o-mini',
} as const;

/** The flags of `rxllm run` (see `RUN_USAGE` for what each does): the job flags plus the generation settings. */
export const RUN_FLAGS: Readonly<Record<string, FlagSpec>> = {
  ...JOB_FLAGS,
  'max-tokens': { type: 'number', integer: true, min: 1 },
  temperature: { type: 'number', min: 0 },
};

/** The `--model` prefixes `rxllm run` takes. */
const RUN_PROVIDERS: readonly ModelProvider[] = ['openai', 'openai-completion', 'anthropic', 'instant'];

/** Everything `rxllm run` was asked to do (one field per flag; defaults in `RUN_DEFAULTS`). */
export interface RunConfig extends JobConfig {
  readonly maxTokens?: number;
  readonly temperature?: number;
}

/**
 * Parses and checks the arguments of `rxllm run` (`UsageError` for anything wrong, exit 2).
 *
 * @example
 * parseRunFlags(['prompts.jsonl', '-o', 'out.jsonl', '--model', 'openai:gpt-4o-mini']);
 */
export function parseRunFlags(argv: readonly string[]): RunConfig | 'help' {
  const parsed = parseJobFlags(argv, RUN_FLAGS, {
    defaults: RUN_DEFAULTS,
    providers: RUN_PROVIDERS,
    parsePrice,
    priceHint: 'IN,OUT in USD per million tokens (e.g. 0.15,0.6)',
  });
  if (parsed === 'help') return 'help';
  const maxTokens = parsed.values['max-tokens'] as number | undefined;
  const temperature = parsed.values['temperature'] as number | undefined;
  return {
    ...parsed.config,
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
}
