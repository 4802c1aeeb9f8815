import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';

/**
 * One simulator for a spec file: started before all tests, reset (no key, no latency, no faults, zeroed
 * counters) before each, closed after all. Returns its getter.
 */
export function useSharedSimulator(): () => SimulatorHandle {
  let sim: SimulatorHandle | undefined;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim?.close());
  beforeEach(() => {
    sim!.configure({ apiKey: undefined, latencyMs: 0, tokensPerSecond: 0, faults: [] });
    sim!.resetStats();
  });
  return () => {
    if (!sim) throw new Error('the shared simulator starts in beforeAll');
    return sim;
  };
}

/** Per-call options that inject one simulator fault (`x-sim-fault`). */
export function fault(value: string): { headers: Record<string, string> } {
  return { headers: { 'x-sim-fault': value } };
}
