import { MAX_TIMER_MS } from '../core/validate.js';
import type { FaultRule } from '../simulator/simulator-options.js';
import { UsageError } from './cli-io.js';
import { parseModelSpec, type ModelProvider, type ModelSpec } from './model-spec.js';
import { parseCommandLine, type FlagSpec, type FlagValues } from './parse-flags.js';
import { parseShard, type Shard } from './shard.js';
import type { InputFormat } from './parse-request-line.js';
import type { ModelPrice } from './price-table.js';
import { parseFaultRate } from './serve-command.js';

/**
 * The flags every bulk job command (`rxllm run`, `rxllm embed`) takes: input and output, the model, the
 * concurrency and per-request policies, resume, progress, price and the embedded simulator.
 */
export const JOB_FLAGS: Readonly<Record<string, FlagSpec>> = {
  output: { type: 'string', short: 'o' },
  model: { type: 'string', short: 'm' },
  'base-url': { type: 'string' },
  format: { type: 'string' },
  concurrency: { type: 'number', short: 'c', integer: true, min: 1 },
  'no-adaptive': { type: 'boolean' },
  rps: { type: 'number', min: 1 },
  rpm: { type: 'number', min: 1 },
  tpm: { type: 'number', min: 1 },
  redis: { type: 'string' },
  'redis-key': { type: 'string' },
  shard: { type: 'string' },
  retries: { type: 'number', integer: true, min: 0 },
  'retry-delay': { type: 'number', min: 0, max: MAX_TIMER_MS },
  timeout: { type: 'number', min: 1, max: MAX_TIMER_MS },
  ordered: { type: 'boolean' },
  'retry-failed': { type: 'boolean' },
  'rerun-changed': { type: 'boolean' },
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

/** The defaults a job command applies (shown in its `--help`). */
export interface JobDefaults {
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs: number;
  readonly progressIntervalMs: number;
  /** The model of `--simulator` without `--model`. */
  readonly simulatorModel: string;
}

/** What a job command was asked to do, for the flags every job command shares (defaults in its `JobDefaults`). */
export interface JobConfig {
  /** The input path, `-` for stdin. */
  readonly input: string;
  /** `-o`: the results file; absent: stdout, no resume. */
  readonly output?: string;
  readonly model: ModelSpec;
  readonly baseURL?: string;
  readonly format?: InputFormat;
  readonly concurrency: number;
  readonly adaptive: boolean;
  /** `--rps`, `--rpm`, `--tpm`: this process's limits, or with `--redis` the totals of every process sharing the key. */
  readonly rps?: number;
  readonly rpm?: number;
  readonly tpm?: number;
  /** `--redis URL` (and `--redis-key`): the rate limits are shared through Redis (`redisRateLimiter`). */
  readonly redis?: { readonly url: string; readonly key: string };
  /** `--shard i/n`: this process runs the input lines of shard i of n (see `inShard`). */
  readonly shard?: Shard;
  readonly retries: number;
  readonly retryDelayMs?: number;
  readonly timeoutMs: number;
  readonly ordered: boolean;
  readonly retryFailed: boolean;
  /** `--rerun-changed`: drop the results of lines changed since and run them again (else the run stops at one). */
  readonly rerunChanged: boolean;
  readonly progressIntervalMs?: number;
  readonly progress: boolean;
  readonly price?: ModelPrice;
  /** Set with `--simulator`: the embedded simulator's options. */
  readonly simulator?: { latencyMs: number; faults: FaultRule[]; seed?: number };
}

/** How a command reads the shared flags. */
export interface JobFlagRules {
  readonly defaults: JobDefaults;
  /** The `--model` prefixes the command takes. */
  readonly providers: readonly ModelProvider[];
  /** `--price` as the command reads it (`IN,OUT`, or `IN` for input-only models); `undefined` for a bad value. */
  readonly parsePrice: (raw: string) => ModelPrice | undefined;
  /** What `--price` expects, for its error message. */
  readonly priceHint: string;
}

/**
 * Parses and checks the arguments of a job command against `flags` (the shared ones plus its own): the
 * shared part of the config, and the raw values for the command's own flags. `UsageError` for anything
 * wrong (exit 2).
 *
 * @example
 * const parsed = parseJobFlags(argv, RUN_FLAGS, { defaults: RUN_DEFAULTS, providers, parsePrice, priceHint });
 */
export function parseJobFlags(
  argv: readonly string[],
  flags: Readonly<Record<string, FlagSpec>>,
  rules: JobFlagRules,
): { readonly config: JobConfig; readonly values: FlagValues } | 'help' {
  const { values: v, positionals } = parseCommandLine(argv, flags);
  if (v['help'] === true) return 'help';
  if (positionals.length === 0) throw new UsageError('missing the input file (a path, or - for stdin)');
  if (positionals.length > 1) throw new UsageError(`one input file expected, got "${positionals[1]}" too`);
  const str = (name: string): string | undefined => v[name] as string | undefined;
  const num = (name: string): number | undefined => v[name] as number | undefined;
  const simulator = v['simulator'] === true;
  const modelRaw = str('model') ?? (simulator ? rules.defaults.simulatorModel : undefined);
  if (modelRaw === undefined) throw new UsageError(`missing --model (e.g. --model ${rules.defaults.simulatorModel}), or use --simulator`);
  if (!simulator && Object.keys(v).some((k) => k.startsWith('simulator-'))) throw new UsageError('--simulator-* flags need --simulator');
  const format = str('format');
  if (format !== undefined && format !== 'jsonl' && format !== 'text') throw new UsageError(`--format must be jsonl or text, got "${format}"`);
  const priceRaw = str('price');
  const price = priceRaw === undefined ? undefined : rules.parsePrice(priceRaw);
  if (priceRaw !== undefined && price === undefined) throw new UsageError(`--price expects ${rules.priceHint}, got "${priceRaw}"`);
  const redis = redisOption(str('redis'), str('redis-key'), v, modelRaw, str('base-url'), simulator);
  const shardRaw = str('shard');
  const output = str('output');
  if (output === '-') throw new UsageError('-o - is not needed: without -o, results go to stdout');
  if (v['retry-failed'] === true && output === undefined) throw new UsageError('--retry-failed needs -o (the output file of the run to resume)');
  if (v['rerun-changed'] === true && output === undefined) throw new UsageError('--rerun-changed needs -o (the output file of the run to resume)');
  if (v['rerun-changed'] === true && positionals[0] === '-') throw new UsageError('--rerun-changed needs an input file (stdin cannot be read twice)');
  const opt = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value });
  const config = {
    input: positionals[0]!,
    model: parseModelSpec(modelRaw, rules.providers),
    concurrency: num('concurrency') ?? rules.defaults.concurrency,
    adaptive: v['no-adaptive'] !== true,
    retries: num('retries') ?? rules.defaults.retries,
    timeoutMs: num('timeout') ?? rules.defaults.timeoutMs,
    ordered: v['ordered'] === true,
    retryFailed: v['retry-failed'] === true,
    rerunChanged: v['rerun-changed'] === true,
    progress: v['no-progress'] !== true,
    ...opt('output', output),
    ...opt('baseURL', str('base-url')),
    ...opt('format', format as InputFormat | undefined),
    ...opt('rps', num('rps')),
    ...opt('rpm', num('rpm')),
    ...opt('tpm', num('tpm')),
    ...opt('retryDelayMs', num('retry-delay')),
    ...opt('progressIntervalMs', num('progress-interval')),
    ...opt('price', price),
    ...opt('redis', redis),
    ...opt('shard', shardRaw === undefined ? undefined : parseShard(shardRaw)),
    ...(simulator ? { simulator: simulatorOptions(str, num) } : {}),
  } as JobConfig;
  return { config, values: v };
}

/**
 * `--redis URL` and `--redis-key KEY`: a `redis://` or `rediss://` URL (never echoed: it may hold a password)
 * and at least one rate flag to share; the key defaults to one per model and endpoint (`defaultRedisKey`).
 */
function redisOption(
  url: string | undefined,
  key: string | undefined,
  v: FlagValues,
  model: string,
  baseURL: string | undefined,
  simulator: boolean,
): { url: string; key: string } | undefined {
  if (url === undefined) {
    if (key !== undefined) throw new UsageError('--redis-key needs --redis URL');
    return undefined;
  }
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new UsageError('--redis expects a redis:// or rediss:// URL (e.g. --redis redis://localhost:6379)');
  if (v['rps'] === undefined && v['rpm'] === undefined && v['tpm'] === undefined) {
    throw new UsageError('--redis shares the rate limits of every process using it: give them with --rps, --rpm or --tpm');
  }
  if (key !== undefined && key.trim() === '') throw new UsageError('--redis-key must not be empty');
  return { url, key: key ?? defaultRedisKey(model, baseURL, simulator) };
}

/**
 * The Redis key of a quota when `--redis-key` is not given: one per model and endpoint, as providers count
 * their limits — `rxllm:quota:openai:gpt-4o-mini` (the provider's API), `...@http://host:8000/v1`
 * (`--base-url`, without any credentials in it), `...@simulator` (`--simulator`: a dry run never shares the
 * quota of real runs).
 *
 * @example
 * defaultRedisKey('openai:gpt-4o-mini', undefined, false); // 'rxllm:quota:openai:gpt-4o-mini'
 */
export function defaultRedisKey(model: string, baseURL: string | undefined, simulator: boolean): string {
  const key = `rxllm:quota:${model}`;
  if (simulator) return `${key}@simulator`;
  if (baseURL === undefined) return key;
  try {
    const u = new URL(baseURL);
    return `${key}@${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return `${key}@${baseURL}`;
  }
}

function simulatorOptions(str: (n: string) => string | undefined, num: (n: string) => number | undefined): NonNullable<JobConfig['simulator']> {
  const rate = str('simulator-fault-rate');
  const faults: FaultRule[] = rate !== undefined ? parseFaultRate(rate, '--simulator-fault-rate') : [];
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
