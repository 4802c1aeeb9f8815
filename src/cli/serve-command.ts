import { FAULT_KINDS } from '../simulator/resolve-options.js';
import type { FaultKind, FaultRule, SimulatorOptions } from '../simulator/simulator-options.js';
import { startSimulator } from '../simulator/start-simulator.js';
import type { CliCommand } from './cli-command.js';
import { UsageError } from './cli-io.js';
import { parseFlags, type FlagSpec } from './parse-flags.js';

const FLAGS: Readonly<Record<string, FlagSpec>> = {
  port: { type: 'number', short: 'p', integer: true, min: 0, max: 65535 },
  host: { type: 'string' },
  latency: { type: 'number', min: 0 },
  'tokens-per-second': { type: 'number', min: 0 },
  'api-key': { type: 'string' },
  rpm: { type: 'number', min: 1 },
  rps: { type: 'number', min: 1 },
  tpm: { type: 'number', min: 1 },
  'fault-rate': { type: 'string' },
  seed: { type: 'number', integer: true, min: 0 },
  'max-body-bytes': { type: 'number', integer: true, min: 1 },
  help: { type: 'boolean', short: 'h' },
};

const USAGE = `Usage: rxllm serve [options]

Starts the embedded OpenAI/Anthropic simulator until SIGINT/SIGTERM (Ctrl-C).

Options:
  -p, --port N               port to listen on, 0 = any free port (default 8787)
      --host H               interface to bind (default 127.0.0.1)
      --latency MS           milliseconds before the first byte (default 0)
      --tokens-per-second N  generation pace, 0 = as fast as possible (default 0)
      --api-key K            require this key (Bearer or x-api-key); others get 401
      --rpm N, --rps N       requests per minute / per second (rate-limit mode, 429 past it)
      --tpm N                tokens per minute (estimated: prompt + max_tokens)
      --fault-rate SPEC      random faults: "0.1" (10% server-error) or "rate-limit=0.05,overloaded=0.02"
      --seed N               seed of the fault RNG and of replies at temperature > 0 (default 1)
      --max-body-bytes N     largest accepted body (default 4194304)
  -h, --help                 this help
      --version              the version of rxllm

Example:
  rxllm serve --port 8787 --latency 300 --tokens-per-second 40 --fault-rate rate-limit=0.1`;

/**
 * Parses `--fault-rate` (or `flag`, which its errors name: `--simulator-fault-rate`): a probability
 * (server-error) or `kind=probability` pairs separated by commas.
 */
export function parseFaultRate(spec: string, flag = '--fault-rate'): FaultRule[] {
  const probability = (raw: string): number => {
    const p = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) throw new UsageError(`${flag}: "${raw}" is not a probability between 0 and 1`);
    return p;
  };
  if (!spec.includes('=')) return [{ kind: 'server-error', probability: probability(spec) }];
  return spec.split(',').map((part) => {
    const [kind = '', raw = ''] = part.split('=').map((s) => s.trim());
    if (!FAULT_KINDS.includes(kind as FaultKind)) throw new UsageError(`${flag}: unknown fault kind "${kind}" (expected ${FAULT_KINDS.join(', ')})`);
    return { kind: kind as FaultKind, probability: probability(raw) };
  });
}

function toOptions(argv: readonly string[]): SimulatorOptions | 'help' {
  const v = parseFlags(argv, FLAGS);
  if (v['help'] === true) return 'help';
  const num = (name: string): number | undefined => v[name] as number | undefined;
  const rateLimit = { requestsPerMinute: num('rpm'), requestsPerSecond: num('rps'), tokensPerMinute: num('tpm') };
  const limited = Object.values(rateLimit).some((x) => x !== undefined);
  return {
    port: num('port') ?? 8787,
    ...(v['host'] !== undefined ? { host: String(v['host']) } : {}),
    ...(v['api-key'] !== undefined ? { apiKey: String(v['api-key']) } : {}),
    latencyMs: num('latency') ?? 0,
    tokensPerSecond: num('tokens-per-second') ?? 0,
    ...(limited ? { rateLimit } : {}),
    ...(v['fault-rate'] !== undefined ? { faults: parseFaultRate(String(v['fault-rate'])) } : {}),
    ...(num('seed') !== undefined ? { seed: num('seed') } : {}),
    ...(num('max-body-bytes') !== undefined ? { maxBodyBytes: num('max-body-bytes') } : {}),
  };
}

/**
 * `rxllm serve`: runs the simulator in the foreground, prints one line with its URL and the two SDK base
 * URLs, and closes cleanly on SIGINT/SIGTERM.
 *
 * @example
 * // npx rxllm serve --port 8787 --latency 300
 * // rxllm simulator listening on http://127.0.0.1:8787 (OpenAI baseURL: http://127.0.0.1:8787/v1, Anthropic baseURL: http://127.0.0.1:8787)
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the OpenAI/Anthropic simulator (rxllm serve --help for options)',
  usage: USAGE,
  async run(argv, io) {
    const options = toOptions(argv);
    if (options === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const sim = await startSimulator(options);
    io.stdout(`rxllm simulator listening on ${sim.url} (OpenAI baseURL: ${sim.openaiBaseURL}, Anthropic baseURL: ${sim.anthropicBaseURL})\n`);
    await io.waitForShutdown();
    await sim.close();
    return 0;
  },
};
