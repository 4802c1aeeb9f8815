// 2,000 agents cancelled against the simulator, alternating the two places a loop can be: a model call in
// flight (the simulator holds the response for a minute) and tools running (two tools that never finish by
// themselves, one a Promise, one an Observable). Every loop carries the timers a real one would (a tool
// timeout, a model-call timeout, retries, a shared rate limiter) and one caller signal shared by all. Afterwards:
// no timer or handle beyond the starting count, no listener on the shared signal, no MaxListenersExceededWarning,
// no unhandled rejection, no request ever sent after a cancel. Set LEAK_FIGURES=1 to print the figures.
import { getEventListeners } from 'node:events';
import { Observable, type Subscription } from 'rxjs';
import { z } from 'zod';
import type { LanguageModel } from '../../../src/core/language-model.js';
import type { Message } from '../../../src/core/prompt.js';
import { tool } from '../../../src/models/with-tools/tool.js';
import { withTools } from '../../../src/models/with-tools/with-tools.js';
import { createRateLimiter } from '../../../src/policies/rate-limiter/rate-limiter.js';
import { anthropicMessages } from '../../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../../src/providers/openai/chat-model.js';
import { startSimulator, type SimulatorHandle } from '../../../src/testing/index.js';
import { waitUntil } from '../../support/rx-helpers.js';

const CYCLES = 2_000;
const BATCH = 200;

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const handles = (): number => process.getActiveResourcesInfo().filter((r) => r !== 'Timeout' && r !== 'Immediate').length;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What the tools of one cycle did. */
interface CycleTools {
  started: number;
  readonly abortedAt: number[];
}

it(`${CYCLES} agents cancelled (model call in flight or tools running) leave no timer, handle, listener or rejection behind`, async () => {
  const warnings: Error[] = [];
  const rejections: unknown[] = [];
  const onWarning = (w: Error): number => warnings.push(w);
  const onRejection = (r: unknown): number => rejections.push(r);
  process.on('warning', onWarning);
  process.on('unhandledRejection', onRejection);

  const cycles = new Map<number, CycleTools>();
  const cycleOf = (messages: readonly Message[]): CycleTools => {
    const n = Number(/cycle (\d+)/.exec(String(messages[0]?.content))?.[1]);
    const entry = cycles.get(n) ?? { started: 0, abortedAt: [] };
    cycles.set(n, entry);
    return entry;
  };
  const held = (messages: readonly Message[], signal: AbortSignal): void => {
    const c = cycleOf(messages);
    c.started++;
    signal.addEventListener('abort', () => c.abortedAt.push(performance.now()), { once: true });
  };
  // Neither tool ever answers: each holds a one-minute timer until it is cancelled.
  const weather = tool({
    name: 'get_weather',
    inputSchema: z.object({ city: z.string() }),
    execute: (_input, { signal, messages }) =>
      new Promise<never>((_resolve, reject) => {
        held(messages, signal);
        const timer = setTimeout(() => reject(new Error('not cancelled')), 60_000);
        signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
      }),
  });
  const time = tool({
    name: 'get_time',
    inputSchema: z.object({ city: z.string() }),
    execute: (_input, { signal, messages }) =>
      new Observable<string>(() => {
        held(messages, signal);
        const timer = setTimeout(() => undefined, 60_000);
        return () => clearTimeout(timer);
      }),
  });
  const limiter = createRateLimiter({ requestsPerSecond: 20_000, burst: 1_000 });
  const policies = { toolTimeoutMs: 120_000, timeout: { total: 120_000 }, retry: { maxAttempts: 3 }, rateLimit: limiter } as const;
  const models: LanguageModel[] = [
    openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-leak-test-000000000', baseURL: sim.openaiBaseURL }),
    anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'sk-ant-leak-test-0000000', baseURL: sim.anthropicBaseURL, reasoning: { budgetTokens: 1024 } }),
  ];
  const agents = models.map((model) => withTools(model, { tools: [weather, time], ...policies }));
  // One caller signal shared by every loop: its abort listeners must not pile up.
  const shared = new AbortController();
  const errors: unknown[] = [];
  const inFlight = (n: number): boolean => n % 2 === 0;

  const timersBefore = timers();
  const handlesBefore = handles();
  const delays: number[] = [];
  const started = performance.now();
  try {
    for (let from = 0; from < CYCLES; from += BATCH) {
      const receivedBefore = sim.stats().requestsReceived;
      const subs: [number, Subscription][] = Array.from({ length: BATCH }, (_, i) => {
        const n = from + i;
        const agent = agents[Math.floor(n / 2) % agents.length]!;
        const options = { signal: shared.signal, ...(inFlight(n) ? { headers: { 'x-sim-latency-ms': '60000' } } : {}) };
        const prompt = `Use get_weather and get_time for Lisbon, cycle ${n}`;
        const call: Observable<unknown> = Math.floor(n / 4) % 2 === 0 ? agent.generate(prompt, options) : agent.stream(prompt, options);
        return [n, call.subscribe({ error: (e: unknown) => errors.push(e), complete: () => errors.push(new Error(`cycle ${n} completed`)) })];
      });
      // Every request reached the simulator, and every "tools running" loop has both tools running.
      const toolCycles = subs.filter(([n]) => !inFlight(n)).map(([n]) => n);
      await waitUntil(
        () => sim.stats().requestsReceived - receivedBefore === BATCH && toolCycles.every((n) => cycles.get(n)?.started === 2),
        20_000,
        `batch ${from / BATCH}: requests in flight and tools running`,
      );
      for (const [n, sub] of subs) {
        const before = performance.now();
        sub.unsubscribe();
        if (!inFlight(n)) delays.push(Math.max(...cycles.get(n)!.abortedAt) - before);
      }
    }
    const cyclesMs = performance.now() - started;
    await waitUntil(() => sim.stats().requestsAborted === CYCLES / 2, 10_000, 'the simulator to see every in-flight abort');
    // Undici keeps idle connections 4 s, the simulator 5 s: let them go, then count.
    await waitUntil(() => sim.stats().openConnections === 0, 10_000, 'open connections to drop to 0');
    await turn();

    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(rejections).toEqual([]);
    // No loop went past its first step: one request per cycle, the tool cycles' requests completed.
    expect(sim.stats()).toMatchObject({ requestsReceived: CYCLES, requestsCompleted: CYCLES / 2, requestsAborted: CYCLES / 2 });
    const toolRuns = [...cycles.values()];
    expect(toolRuns).toHaveLength(CYCLES / 2);
    expect(toolRuns.every((c) => c.started === 2 && c.abortedAt.length === 2)).toBe(true);
    await waitUntil(() => timers() <= timersBefore && handles() <= handlesBefore, 7_000, 'timers and handles to return to their starting count');
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    expect(limiter.queued).toBe(0);
    shared.abort(); // no stale listener reacts: nothing is subscribed any more
    await turn();
    expect(errors).toEqual([]);

    const sorted = [...delays].sort((a, b) => a - b);
    if (process.env.LEAK_FIGURES) {
      const at = (q: number): string => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3);
      console.log(
        `${CYCLES} cycles in ${cyclesMs.toFixed(0)} ms; unsubscribe -> both tool signals aborted over ${sorted.length} tool cycles: ` +
          `median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; timers ${timersBefore} -> ${timers()}, handles ${handlesBefore} -> ${handles()}; ` +
          `shared-signal listeners ${getEventListeners(shared.signal, 'abort').length}; warnings ${warnings.length}; rejections ${rejections.length}`,
      );
    }
  } finally {
    process.off('warning', onWarning);
    process.off('unhandledRejection', onRejection);
  }
}, 60_000);
