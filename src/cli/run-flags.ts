import type { ObjectMode } from '../structured/object-spec.js';
import { UsageError } from './cli-io.js';
import { JOB_FLAGS, parseJobFlags, type JobConfig } from './job-flags.js';
import type { ModelProvider } from './model-spec.js';
import type { FlagSpec, FlagValues } from './parse-flags.js';
import { parsePrice } from './price-table.js';
import { SCHEMA_MODES, schemaConfig, type SchemaConfig } from './run-schema.js';

/** Defaults of `rxllm run`, shown in its `--help`. */
export const RUN_DEFAULTS = {
  concurrency: 16,
  retries: 5,
  timeoutMs: 120_000,
  progressIntervalMs: 5_000,
  simulatorModel: 'openai:gpt-4o-mini',
} as const;

/** The flags of `rxllm run` (see `RUN_USAGE` for what each does): the job flags plus the generation settings and `--schema`. */
export const RUN_FLAGS: Readonly<Record<string, FlagSpec>> = {
  ...JOB_FLAGS,
  'max-tokens': { type: 'number', integer: true, min: 1 },
  temperature: { type: 'number', min: 0 },
  schema: { type: 'string' },
  'schema-name': { type: 'string' },
  'schema-mode': { type: 'string' },
  repair: { type: 'number', integer: true, min: 0 },
};

/** The `--model` prefixes `rxllm run` takes. */
const RUN_PROVIDERS: readonly ModelProvider[] = ['openai', 'openai-completion', 'anthropic', 'instant'];

/** Everything `rxllm run` was asked to do (one field per flag; defaults in `RUN_DEFAULTS`). */
export interface RunConfig extends JobConfig {
  readonly maxTokens?: number;
  readonly temperature?: number;
  /** `--schema FILE` (with `--schema-name`, `--schema-mode`, `--repair`): every line answers an object. */
  readonly schema?: SchemaConfig;
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
  const schema = schemaFlags(parsed.values, parsed.config);
  return {
    ...parsed.config,
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(schema !== undefined ? { schema } : {}),
  };
}

/** `--schema` and the flags that go with it; the file is read and checked now. */
function schemaFlags(values: FlagValues, config: JobConfig): SchemaConfig | undefined {
  const path = values['schema'] as string | undefined;
  const name = values['schema-name'] as string | undefined;
  const mode = values['schema-mode'] as string | undefined;
  const repair = values['repair'] as number | undefined;
  if (path === undefined) {
    const stray = (['schema-name', 'schema-mode', 'repair'] as const).find((f) => values[f] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray} needs --schema FILE`);
    return undefined;
  }
  if (mode !== undefined && !SCHEMA_MODES.includes(mode as ObjectMode)) throw new UsageError(`--schema-mode must be native, tool or json, got "${mode}"`);
  const provider = config.model.provider;
  if (provider === 'openai-completion' || provider === 'instant') {
    throw new UsageError(`--schema needs a chat model (openai: or anthropic:); ${provider}: cannot answer objects`);
  }
  return schemaConfig(path, {
    ...(name !== undefined ? { name } : {}),
    ...(mode !== undefined ? { mode: mode as ObjectMode } : {}),
    ...(repair !== undefined ? { repair } : {}),
  });
}
