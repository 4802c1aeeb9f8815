import type { FaultRule } from '../simulator/simulator-options.js';
import { UsageError } from './cli-io.js';
import { parseModelSpec, type ModelSpec } from './model-spec.js';
import type { InputFormat } from './parse-request-line.js';
import { parseCommandLine, type FlagSpec } from './parse-flags.js';
import { MAX_TIMER_MS } from '../core/validate.js';
import { parsePrice, type ModelPrice } from './price-table.js';
import { parseFaultRate } from './serve-command.js';

/** Defaults of `rxllm run`, shown in its `--help`. */
export const RUN_DEFAULTS = {
  concurrency: 16,
  retries: 5,
  timeoutMs: 120_000,
  progressIntervalMs: 5_000,
  simulatorModel: 'openai:gpt-4o-mini',
} as const;

/** The flags of `rxllm run` (see `RUN_USAGE` for what each does). */
export const RUN_FLAGS: Readonly<Record<string, FlagSpec>> = {
  output: { type: 'string', short: 'o' },
  model: { type: 'string', short: 'm' },
  'base-url': { type: 'string' },
  format: { type: 'string' },
  concurrency: { type: 'number', short: 'c', integer: true, min: 1 },
  'no-adaptive': { type: 'boolean' },
  rpm: { type: 'number', min: 1 },
  tpm: { type: 'number', min: 1 },
  retries: { type: 'number', integer: true, min: 0 },
  'retry-delay': { type: 'number', min: 0, max: MAX_TIMER_MS },
  timeout: { type: 'number', min: 1, max: MAX_TIMER_MS },
  'max-tokens': { type: 'number', integer: true, min: 1 },
  temperature: { type: 'number', min: 0 },
  ordered: { type: 'boolean' },
  'retry-failed': { type: 'boolean' },
  'progress-interval': { type: 'number', integer: true, min: 10, max: MAX_TIMER_MS },
  'no-progress': { type: 'boolean' },
  price: { type: 'string' },
  simulator: { type: 'boolean' },
  'simulator-latency': { type: 'number', min: 0, max: MAX_TIMER_MS },
  'simulator-fault-rate': { type: 'string' },
  'simulator-faults': { type: 'string' },
  'simulator-seed': { type: 'number', integer: true, min: 0 },
  help: { type: 'boolean', short: 'h' },
};

/** Everything `rxllm run` was asked to do (one field per flag; defaults in `RUN_DEFAULTS`). */
export interface RunConfig {
  /** The input path, `-` for stdin. */
  readonly input: string;
  /** `-o`: the results file; absent: stdout, no resume. */
  readonly output?: string;
  readonly model: ModelSpec;
  readonly baseURL?: string;
  readonly format?: InputFormat;
  readonly concurrency: number;
  readonly adaptive: boolean;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly retries: number;
  readonly retryDelayMs?: number;
  readonly timeoutMs: number;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly ordered: boolean;
  readonly retryFailed: boolean;
  readonly progressIntervalMs?: number;
  readonly progress: boolean;
  readonly price?: ModelPrice;
  /** Set with `--simulator`: the embedded simulator's options. */
  readonly simulator?: { latencyMs: number; faults: FaultRule[]; seed?: number };
}

/**
 * Parses and checks the arguments of `rxllm run` (`UsageError` for anything wrong, exit 2).
 *
 * @example
 * parseRunFlags(['prompts.jsonl', '-o', 'out.jsonl', '--model', 'openai:gpt-4o-mini']);
 */
export function parseRunFlags(argv: readonly string[]): RunConfig | 'help' {
  const { values: v, positionals } = parseCommandLine(argv, RUN_FLAGS);
  if (v['help'] === true) return 'help';
  if (positionals.length === 0) throw new UsageError('missing the input file (a path, or - for stdin)');
  if (positionals.length > 1) throw new UsageError(`one input file expected, got "${positionals[1]}" too`);
  const str = (name: string): string | undefined => v[name] as string | undefined;
  const num = (name: string): number | undefined => v[name] as number | undefined;
  const simulator = v['simulator'] === true;
  const modelRaw = str('model') ?? (simulator ? RUN_DEFAULTS.simulatorModel : undefined);
  if (modelRaw === undefined) throw new UsageError('missing --model (e.g. --model openai:gpt-4o-mini), or use --simulator');
  if (!simulator && Object.keys(v).some((k) => k.startsWith('simulator-'))) throw new UsageError('--simulator-* flags need --simulator');
  const format = str('format');
  if (format !== undefined && format !== 'jsonl' && format !== 'text') throw new UsageError(`--format must be jsonl or text, got "${format}"`);
  const priceRaw = str('price');
  const price = priceRaw === undefined ? undefined : parsePrice(priceRaw);
  if (priceRaw !== undefined && price === undefined) throw new UsageError(`--price expects IN,OUT in USD per million tokens (e.g. 0.15,0.6), got "${priceRaw}"`);
  const output = str('output');
  if (output === '-') throw new UsageError('-o - is not needed: without -o, results go to stdout');
  if (v['retry-failed'] === true && output === undefined) throw new UsageError('--retry-failed needs -o (the output file of the run to resume)');
  const opt = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value });
  return {
    input: positionals[0]!,
    model: parseModelSpec(modelRaw),
    concurrency: num('concurrency') ?? RUN_DEFAULTS.concurrency,
    adaptive: v['no-adaptive'] !== true,
    retries: num('retries') ?? RUN_DEFAULTS.retries,
    timeoutMs: num('timeout') ?? RUN_DEFAULTS.timeoutMs,
    ordered: v['ordered'] === true,
    retryFailed: v['retry-failed'] === true,
    progress: v['no-progress'] !== true,
    ...opt('output', output),
    ...opt('baseURL', str('base-url')),
    ...opt('format', format as InputFormat | undefined),
    ...opt('rpm', num('rpm')),
    ...opt('tpm', num('tpm')),
    ...opt('retryDelayMs', num('retry-delay')),
    ...opt('maxTokens', num('max-tokens')),
    ...opt('temperature', num('temperature')),
    ...opt('progressIntervalMs', num('progress-interval')),
    ...opt('price', price),
    ...(simulator ? { simulator: simulatorOptions(str, num) } : {}),
  } as RunConfig;
}

function simulatorOptions(str: (n: string) => string | undefined, num: (n: string) => number | undefined): NonNullable<RunConfig['simulator']> {
  const faults: FaultRule[] = [];
  const rate = str('simulator-fault-rate');
  if (rate !== undefined) {
    try {
      faults.push(...parseFaultRate(rate));
    } catch (error) {
      throw new UsageError((error as Error).message.replace('--fault-rate', '--simulator-fault-rate'));
    }
  }
  const json = str('simulator-faults');
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new UsageError('--simulator-faults expects a JSON list of fault rules, e.g. [{"kind":"reset","probability":0.05}]');
    }
    if (!Array.isArray(parsed)) throw new UsageError('--simulator-faults expects a JSON list of fault rules');
    faults.push(...(parsed as FaultRule[]));
  }
  const seed = num('simulator-seed');
  return { latencyMs: num('simulator-latency') ?? 0, faults, ...(seed !== undefined ? { seed } : {}) };
}
