import { parseArgs } from 'node:util';
import { nearest } from '../core/known-keys.js';
import { UsageError } from './cli-io.js';

/** How one `--flag` is read: a string, a boolean switch, or a number within bounds. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean' | 'number';
  readonly short?: string;
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export type FlagValues = Partial<Record<string, string | number | boolean>>;

function toNumber(name: string, raw: string, spec: FlagSpec): number {
  const value = Number(raw);
  const ok = raw.trim() !== '' && Number.isFinite(value) && (!spec.integer || Number.isInteger(value))
    && (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max);
  if (!ok) {
    const range = spec.max !== undefined ? ` between ${spec.min ?? 0} and ${spec.max}` : spec.min !== undefined ? ` >= ${spec.min}` : '';
    throw new UsageError(`--${name} expects ${spec.integer ? 'an integer' : 'a number'}${range}, got "${raw}"`);
  }
  return value;
}

/** Parses `argv` strictly against `specs` (unknown flags, missing values and stray arguments are `UsageError`s). */
export function parseFlags(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): FlagValues {
  const { values, positionals } = parseCommandLine(argv, specs);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return values;
}

/** Like `parseFlags`, but also returns the positional arguments (`-` included) instead of rejecting them. */
export function parseCommandLine(
  argv: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
): { values: FlagValues; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.short ? { short: spec.short } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(specs)));
  }
  const values: FlagValues = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const spec = specs[name];
    if (spec === undefined || raw === undefined) continue;
    if (Array.isArray(raw)) throw new UsageError(`--${name} given more than once`);
    values[name] = spec.type === 'number' ? toNumber(name, String(raw), spec) : raw;
  }
  return { values, positionals: parsed.positionals };
}

/**
 * One line for a `parseArgs` error: an unknown flag with the nearest known one (`--concurency` -> "did you
 * mean --concurrency"), a missing value, an ambiguous value (`--rate -1`). Node's own text otherwise (its
 * first line).
 */
function describeParseError(error: unknown, names: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const flag = /'(--?[^'\s=]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    const near = flag.startsWith('--') ? nearest(flag.slice(2), names) : undefined;
    return `unknown option "${flag}"${near !== undefined ? `; did you mean "--${near}"?` : ''}`;
  }
  const long = /--[\w-]+/.exec(message)?.[0];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && long !== undefined) {
    if (message.includes('argument missing')) return `${long} needs a value`;
    if (message.includes('ambiguous')) return `${long}: ambiguous value (it starts with "-"): write ${long}=VALUE`;
    if (message.includes('does not take an argument')) return `${long} does not take a value`;
  }
  return message.split('\n')[0]!;
}
