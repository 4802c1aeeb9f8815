import { startSimulator } from '../../src/simulator/start-simulator.js';
import { eventually, openaiFor, rejectionOf } from './sim-fixture.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] };

// After an abort, Node's fetch (undici) opens a spare connection that it closes itself after its 4 s idle timeout.
const SPARE_CONNECTION_MS = 7_000;

describe('simulator stats', () => {
  it('counts requests received and completed, by route', async () => {
    const sim = await startSimulator();
    try {
      const openai = openaiFor(sim);
      await openai.chat.completions.create(chat);
      await openai.completions.create({ model: 'm', prompt: 'x' });
      await rejectionOf(openai.chat.completions.create({ model: 'm', messages: [] }));
      await eventually(() => expect(sim.stats()).toMatchObject({
        requestsReceived: 3,
        requestsCompleted: 3,
        requestsAborted: 0,
        rateLimited: 0,
        faultsInjected: { 'rate-limit': 0, reset: 0 },
        byRoute: { '/v1/chat/completions': 2, '/v1/completions': 1 },
      }));
      expect(sim.stats().openConnections).toBeGreaterThanOrEqual(1);
      sim.resetStats();
      expect(sim.stats()).toMatchObject({ requestsReceived: 0, requestsCompleted: 0, byRoute: {} });
    } finally {
      await sim.close();
    }
  });

  it('a client abort mid-stream counts as aborted and its connection closes', async () => {
    const sim = await startSimulator({ tokensPerSecond: 50 });
    try {
      const openai = openaiFor(sim);
      // 40 tokens at 50 a second: the stream still has most of a second to go when the client breaks off,
      // even on a busy machine.
      const reply = encodeURIComponent(Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '));
      const stream = await openai.chat.completions.create({ ...chat, stream: true }, { headers: { 'x-sim-reply': reply } });
      let tokens = 0;
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content && ++tokens === 2) break; // break aborts the request
      }
      await eventually(() => expect(sim.stats()).toMatchObject({ requestsReceived: 1, requestsCompleted: 0, requestsAborted: 1, openConnections: 0 }), SPARE_CONNECTION_MS);
    } finally {
      await sim.close();
    }
  });

  it('an abort during the latency wait also counts (and frees the server at once)', async () => {
    const sim = await startSimulator({ latencyMs: 5_000 });
    try {
      const controller = new AbortController();
      const pending = openaiFor(sim).chat.completions.create(chat, { signal: controller.signal });
      await eventually(() => expect(sim.stats().requestsReceived).toBe(1));
      controller.abort();
      await rejectionOf(pending);
      await eventually(() => expect(sim.stats()).toMatchObject({ requestsAborted: 1, openConnections: 0 }), SPARE_CONNECTION_MS);
    } finally {
      await sim.close();
    }
  });

  it('a server-side reset is not a client abort', async () => {
    const sim = await startSimulator({ faults: [{ kind: 'reset' }] });
    try {
      await rejectionOf(openaiFor(sim).chat.completions.create(chat));
      await eventually(() => expect(sim.stats()).toMatchObject({ requestsAborted: 0, faultsInjected: { reset: 1 }, openConnections: 0 }));
    } finally {
      await sim.close();
    }
  });

  it('close() ends requests in flight and resolves; calling it twice is fine', async () => {
    const sim = await startSimulator({ latencyMs: 10_000 });
    const pending = rejectionOf(openaiFor(sim).chat.completions.create(chat));
    await eventually(() => expect(sim.stats().requestsReceived).toBe(1));
    const t0 = Date.now();
    await sim.close();
    await sim.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBeDefined();
    expect(sim.stats().openConnections).toBe(0);
  });
});
