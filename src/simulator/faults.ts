import { isLlmError } from '../errors/llm-error.js';
import { SimHttpError } from './error-bodies.js';
import { FAULT_KINDS, checkFaultParams, type ResolvedFaultRule } from './resolve-options.js';
import { seededRandom } from './seeded-random.js';
import type { FaultKind, FaultParams, SimulatorRoute } from './simulator-options.js';

/** One fault to apply to one request. */
export interface FaultSpec {
  readonly kind: FaultKind;
  readonly params: FaultParams;
}

/** Faults answered at once with an HTTP error status (the others act during the response). */
export const HTTP_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>(['rate-limit', 'server-error', 'unavailable', 'overloaded']);

const HEADER_KEYS: Readonly<Record<string, keyof FaultParams>> = {
  'retry-after-ms': 'retryAfterMs', 'retry-after': 'retryAfter', type: 'type', status: 'status', after: 'after', ms: 'ms',
};

function badHeader(problem: string): SimHttpError {
  return new SimHttpError('bad-request', { message: `Invalid x-sim-fault header: ${problem}`, param: 'x-sim-fault' });
}

/**
 * Parses `x-sim-fault: <kind>[; key=value]*`, e.g. `rate-limit; retry-after-ms=250` or `reset; after=3`.
 * Throws a 400 `SimHttpError` naming the problem.
 */
export function parseFaultHeader(value: string): FaultSpec {
  const [head = '', ...pairs] = value.split(';').map((s) => s.trim());
  const kind = head as FaultKind;
  if (!FAULT_KINDS.includes(kind)) throw badHeader(`unknown fault kind "${head}" (expected ${FAULT_KINDS.join(', ')})`);
  const params: Record<string, string | number> = {};
  for (const pair of pairs) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = HEADER_KEYS[eq < 0 ? pair : pair.slice(0, eq).trim()];
    if (eq < 0 || key === undefined) throw badHeader(`expected key=value with a key among ${Object.keys(HEADER_KEYS).join(', ')}, got "${pair}"`);
    const raw = pair.slice(eq + 1).trim();
    const num = Number(raw);
    if (key !== 'type' && (raw === '' || !Number.isFinite(num))) throw badHeader(`"${pair}" is not a number`);
    params[key] = key === 'type' ? raw : num;
  }
  try {
    return { kind, params: checkFaultParams('x-sim-fault', params as FaultParams, kind) };
  } catch (e) {
    throw isLlmError(e) ? badHeader(e.message) : e;
  }
}

/** Applies the scripted `faults` list: per-rule counters and a seeded RNG for `probability`. */
export class FaultPicker {
  private readonly matched: number[];
  private readonly fired: number[];
  private readonly random: () => number;

  constructor(private readonly rules: readonly ResolvedFaultRule[], seed: number) {
    this.matched = rules.map(() => 0);
    this.fired = rules.map(() => 0);
    this.random = seededRandom(seed);
  }

  /** The fault for the next request on `route`, or undefined. Every rule on the route counts the request. */
  pick(route: SimulatorRoute): FaultSpec | undefined {
    let chosen: FaultSpec | undefined;
    this.rules.forEach((rule, i) => {
      if (rule.routes !== undefined && !rule.routes.includes(route)) return;
      const n = ++this.matched[i];
      if (chosen !== undefined) return;
      if (rule.times !== undefined && this.fired[i] >= rule.times) return;
      if (rule.nth !== undefined && n !== rule.nth) return;
      if (rule.every !== undefined && n % rule.every !== 0) return;
      if (rule.probability !== undefined && this.random() >= rule.probability) return;
      this.fired[i]++;
      chosen = { kind: rule.kind, params: rule.params };
    });
    return chosen;
  }
}
