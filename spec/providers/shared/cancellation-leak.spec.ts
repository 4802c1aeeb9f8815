import { getEventListeners } from 'node:events';
import type { Observable, Subscription } from 'rxjs';
import type { LanguageModel } from '../../../src/core/language-model.js';
import { anthropicMessages } from '../../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../../src/providers/openai/chat-model.js';
import { openAICompletion } from '../../../src/providers/openai/completion-model.js';
import { startSimulator, type SimulatorHandle } from '../../../src/testing/index.js';
import { waitUntil } from '../../support/rx-helpers.js';

const CYCLES = 10_000;
/** Of which this many wait until the simulator has received the request before unsubscribing. */
const ON_THE_WIRE = 500;
const BATCH = 500;

let sim: SimulatorHandle;
beforeAll(async () => {
  // Every response waits 60 s before its first byte: each cycle is cancelled while its request is in flight.
  sim = await startSimulator({ latencyMs: 60_000 });
});
afterAll(() => sim.close());

const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

it(`${CYCLES} subscribe-then-unsubscribe cycles leave no socket, timer, listener or rejection behind`, async () => {
  const warnings: Error[] = [];
  const rejections: unknown[] = [];
  const onWarning = (w: Error): number => warnings.push(w);
  const onRejection = (r: unknown): number => rejections.push(r);
  process.on('warning', onWarning);
  process.on('unhandledRejection', onRejection);
  // One caller signal shared by every call: its abort listeners must not pile up.
  const shared = new AbortController();
  const models: LanguageModel[] = [
    openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-leak-test-000000000', baseURL: sim.openaiBaseURL }),
    openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: 'sk-leak-test-000000000', baseURL: sim.openaiBaseURL }),
    anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'sk-ant-leak-test-0000000', baseURL: sim.anthropicBaseURL }),
  ];
  const errors: unknown[] = [];
  const subscribeBatch = (from: number, size: number): Subscription[] =>
    Array.from({ length: size }, (_, i) => {
      const n = from + i;
      const model = models[n % models.length]!;
      const options = { signal: shared.signal };
      const call: Observable<unknown> = n % 2 === 0 ? model.stream(`cycle ${n}`, options) : model.generate(`cycle ${n}`, options);
      return call.subscribe({ error: (e: unknown) => errors.push(e), complete: () => errors.push(new Error(`cycle ${n} completed`)) });
    });
  const timersBefore = timers();
  try {
    // Most cycles: unsubscribe right after the requests started (the SDK has called fetch).
    let done = 0;
    for (; done < CYCLES - ON_THE_WIRE; done += BATCH) {
      const subs = subscribeBatch(done, BATCH);
      await turn();
      for (const s of subs) s.unsubscribe();
    }
    // Undici keeps a spare connection after an abort; it closes it after its 4 s idle timeout, the simulator after 5 s.
    // Let them go before sending requests that must reach the server.
    await waitUntil(() => sim.stats().openConnections === 0, 15_000, 'connections to close after the quick cycles');
    sim.resetStats();
    // The rest: unsubscribe once the simulator has received every request, so each abort crosses the wire.
    const subs = subscribeBatch(done, ON_THE_WIRE);
    await waitUntil(() => sim.stats().requestsReceived === ON_THE_WIRE, 20_000, 'requests to reach the simulator');
    for (const s of subs) s.unsubscribe();
    await waitUntil(() => sim.stats().requestsAborted === ON_THE_WIRE, 10_000, 'the simulator to see every abort');
    await waitUntil(() => sim.stats().openConnections === 0, 10_000, 'open connections to drop to 0');
    await turn();

    expect(errors).toEqual([]);
    expect(sim.stats().requestsCompleted).toBe(0);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(rejections).toEqual([]);
    // Bounded timers may still run for a moment: a spare connection undici opens after the last aborts holds
    // the simulator's 5 s unused-connection timer until undici (4 s) or the simulator closes it. A leak stays.
    await waitUntil(() => timers() <= timersBefore, 7_000, 'timers to return to their starting count');
    expect(timers()).toBeLessThanOrEqual(timersBefore);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    shared.abort(); // no stale listener reacts: nothing is subscribed any more
    await turn();
    expect(errors).toEqual([]);
  } finally {
    process.off('warning', onWarning);
    process.off('unhandledRejection', onRejection);
  }
}, 90_000);
