import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { FaultKind, FaultParams, FaultRule, RateLimitOptions, SimulatorOptions, SimulatorRoute } from './simulator-options.js';

/** Every fault kind, in documentation order. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate-limit', 'server-error', 'unavailable', 'overloaded', 'stream-error', 'reset', 'stall', 'malformed',
];

/** Route short names and the paths they stand for. */
export const ROUTE_PATHS: Readonly<Record<SimulatorRoute, string>> = {
  chat: '/v1/chat/completions',
  completions: '/v1/completions',
  messages: '/v1/messages',
  embeddings: '/v1/embeddings',
};

export const DEFAULT_MODELS: readonly string[] = [
  'gpt-4o-mini', 'gpt-4o', 'gpt-3.5-turbo-instruct', 'claude-3-5-haiku-latest', 'claude-sonnet-4-5',
  'text-embedding-3-small', 'text-embedding-3-large',
];

/** Every `SimulatorOptions` name (any other throws `InvalidArgumentError`), and those of its nested objects. */
const OPTION_NAMES: KnownKeys<SimulatorOptions> = {
  port: true, host: true, apiKey: true, latencyMs: true, tokensPerSecond: true, faults: true, seed: true, rateLimit: true, maxBodyBytes: true, models: true,
};
const RULE_NAMES: KnownKeys<FaultRule> = { kind: true, params: true, probability: true, nth: true, every: true, route: true, times: true };
const PARAM_NAMES: KnownKeys<FaultParams> = { retryAfterMs: true, retryAfter: true, type: true, status: true, after: true, ms: true };
const RATE_LIMIT_NAMES: KnownKeys<RateLimitOptions> = { requestsPerMinute: true, requestsPerSecond: true, tokensPerMinute: true };

/** A fault rule after validation: routes resolved to short names. */
export interface ResolvedFaultRule {
  readonly kind: FaultKind;
  readonly params: FaultParams;
  readonly probability: number | undefined;
  readonly nth: number | undefined;
  readonly every: number | undefined;
  readonly times: number | undefined;
  readonly routes: readonly SimulatorRoute[] | undefined;
}

/** The rate limits after validation; `undefined` fields are unlimited. */
export interface ResolvedRateLimit {
  readonly requestsPerMinute: number | undefined;
  readonly requestsPerSecond: number | undefined;
  readonly tokensPerMinute: number | undefined;
}

export interface ResolvedOptions {
  readonly apiKey: string | undefined;
  readonly latencyMs: number;
  readonly tokensPerSecond: number;
  readonly faults: readonly ResolvedFaultRule[];
  readonly seed: number;
  readonly rateLimit: ResolvedRateLimit | undefined;
  readonly maxBodyBytes: number;
  readonly models: readonly string[];
}

/** Throws `InvalidArgumentError` unless `value` is a finite number >= min (an integer when `integer`). */
export function checkNumber(argument: string, value: unknown, min: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new InvalidArgumentError(argument, `expected ${integer ? 'an integer' : 'a number'} >= ${min}, got ${String(value)}`);
  }
  return value;
}

function optionalNumber(argument: string, value: unknown, min: number, integer = false): number | undefined {
  return value === undefined ? undefined : checkNumber(argument, value, min, integer);
}

/** Resolves a route name or path to its short name; throws on anything else. */
export function resolveRoute(argument: string, route: string): SimulatorRoute {
  for (const [name, path] of Object.entries(ROUTE_PATHS) as [SimulatorRoute, string][]) {
    if (route === name || route === path) return name;
  }
  throw new InvalidArgumentError(argument, `unknown route "${route}" (expected chat, completions, messages or embeddings)`);
}

const RATE_LIMIT_TYPES = ['requests', 'tokens', 'quota'];

/** Validates fault parameters (shared by the options and the `x-sim-fault` header). */
export function checkFaultParams(argument: string, params: FaultParams, kind: FaultKind): FaultParams {
  if (params === null || typeof params !== 'object') throw new InvalidArgumentError(argument, 'expected an object');
  checkKnownKeys(argument, params, PARAM_NAMES);
  optionalNumber(`${argument}.retryAfterMs`, params.retryAfterMs, 0);
  optionalNumber(`${argument}.retryAfter`, params.retryAfter, 0);
  optionalNumber(`${argument}.after`, params.after, 0, true);
  optionalNumber(`${argument}.ms`, params.ms, 0);
  if (params.status !== undefined && (checkNumber(`${argument}.status`, params.status, 500, true) > 599)) {
    throw new InvalidArgumentError(`${argument}.status`, `expected a 5xx status, got ${params.status}`);
  }
  if (params.type !== undefined && (typeof params.type !== 'string' || params.type === '')) {
    throw new InvalidArgumentError(`${argument}.type`, 'expected a non-empty string');
  }
  if (kind === 'rate-limit' && params.type !== undefined && !RATE_LIMIT_TYPES.includes(params.type)) {
    throw new InvalidArgumentError(`${argument}.type`, `expected requests, tokens or quota, got "${params.type}"`);
  }
  return params;
}

function resolveFault(rule: FaultRule, i: number): ResolvedFaultRule {
  const arg = `faults[${i}]`;
  if (rule === null || typeof rule !== 'object') throw new InvalidArgumentError(arg, 'expected a fault rule object');
  checkKnownKeys(arg, rule, RULE_NAMES);
  if (!FAULT_KINDS.includes(rule.kind)) {
    throw new InvalidArgumentError(`${arg}.kind`, `unknown fault kind "${String(rule.kind)}" (expected ${FAULT_KINDS.join(', ')})`);
  }
  const probability = optionalNumber(`${arg}.probability`, rule.probability, 0);
  if (probability !== undefined && probability > 1) throw new InvalidArgumentError(`${arg}.probability`, 'expected 0..1');
  const routeList = rule.route === undefined ? undefined : typeof rule.route === 'string' ? [rule.route] : rule.route;
  return {
    kind: rule.kind,
    params: checkFaultParams(`${arg}.params`, rule.params ?? {}, rule.kind),
    probability,
    nth: optionalNumber(`${arg}.nth`, rule.nth, 1, true),
    every: optionalNumber(`${arg}.every`, rule.every, 1, true),
    times: optionalNumber(`${arg}.times`, rule.times, 0, true),
    routes: routeList?.map((r) => resolveRoute(`${arg}.route`, r)),
  };
}

function resolveRateLimit(value: RateLimitOptions | number | undefined): ResolvedRateLimit | undefined {
  if (value === undefined) return undefined;
  const o: RateLimitOptions = typeof value === 'number' ? { requestsPerMinute: value } : value;
  if (o === null || typeof o !== 'object') throw new InvalidArgumentError('rateLimit', 'expected a number or an object');
  checkKnownKeys('rateLimit', o, RATE_LIMIT_NAMES);
  return {
    requestsPerMinute: optionalNumber('rateLimit.requestsPerMinute', o.requestsPerMinute, 1),
    requestsPerSecond: optionalNumber('rateLimit.requestsPerSecond', o.requestsPerSecond, 1),
    tokensPerMinute: optionalNumber('rateLimit.tokensPerMinute', o.tokensPerMinute, 1),
  };
}

/** Validates `options` layered over `base` (the defaults, or the running simulator's options). */
export function resolveOptions(options: SimulatorOptions, base?: ResolvedOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('options', 'expected an object');
  checkKnownKeys('options', options, OPTION_NAMES);
  if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || options.apiKey === '')) {
    throw new InvalidArgumentError('apiKey', 'expected a non-empty string');
  }
  if (options.faults !== undefined && !Array.isArray(options.faults)) throw new InvalidArgumentError('faults', 'expected an array');
  if (options.models !== undefined && (!Array.isArray(options.models) || options.models.some((m) => typeof m !== 'string'))) {
    throw new InvalidArgumentError('models', 'expected an array of strings');
  }
  const has = (key: keyof SimulatorOptions): boolean => Object.prototype.hasOwnProperty.call(options, key);
  return {
    apiKey: has('apiKey') ? options.apiKey : base?.apiKey,
    latencyMs: optionalNumber('latencyMs', options.latencyMs, 0) ?? base?.latencyMs ?? 0,
    tokensPerSecond: optionalNumber('tokensPerSecond', options.tokensPerSecond, 0) ?? base?.tokensPerSecond ?? 0,
    faults: options.faults?.map(resolveFault) ?? base?.faults ?? [],
    seed: optionalNumber('seed', options.seed, 0, true) ?? base?.seed ?? 1,
    rateLimit: has('rateLimit') ? resolveRateLimit(options.rateLimit) : base?.rateLimit,
    maxBodyBytes: optionalNumber('maxBodyBytes', options.maxBodyBytes, 1, true) ?? base?.maxBodyBytes ?? 4 * 1024 * 1024,
    models: options.models ?? base?.models ?? DEFAULT_MODELS,
  };
}
