// fallback and cache, as in spec/operators, with the real providers over real HTTP against the simulator.
import { firstValueFrom, from } from 'rxjs';
import { cache, fallback, generate, isGenerationFailure, type FallbackInfo, type TrackingEvent } from '../../src/index.js';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';
import { collect, modelsFor, prompts, resetSim, waitUntil } from './integration-fixture.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => resetSim(sim));

const CHAT = '/v1/chat/completions';
const MESSAGES = '/v1/messages';

describe('fallback over HTTP', () => {
  it.each([
    ['a failing model (500 on every request)', { kind: 'server-error' as const }, 'ServerError'],
    ['an exhausted quota', { kind: 'rate-limit' as const, params: { type: 'quota' } }, 'RateLimitError'],
  ])('moves from %s to a healthy one: every prompt answered by the healthy model', async (_, fault, errorName) => {
    sim.configure({ faults: [{ ...fault, route: 'chat' }] });
    const { chat, messages } = modelsFor(sim);
    const switches: FallbackInfo[] = [];
    const model = fallback([chat, messages], { onFallback: (i) => switches.push(i) });
    const out = await collect(from(prompts(6)).pipe(generate(model, { concurrency: 3, errors: 'emit' })));

    expect(out).toHaveLength(6);
    expect(out.filter(isGenerationFailure)).toEqual([]);
    expect(new Set(out.map((g) => (isGenerationFailure(g) ? 'failed' : g.provider)))).toEqual(new Set(['anthropic.messages']));
    expect(switches).toHaveLength(6);
    expect(new Set(switches.map((s) => (s.error as Error).name))).toEqual(new Set([errorName]));
    expect(sim.stats().byRoute).toEqual({ [CHAT]: 6, [MESSAGES]: 6 });
  });

  it('does not fall back on an authentication error (the next model is never called)', async () => {
    sim.configure({ apiKey: 'sk-a-different-key-9999999999' });
    try {
      const { chat, messages } = modelsFor(sim);
      const out = await collect(from(prompts(3)).pipe(generate(fallback([chat, messages]), { errors: 'emit' })));
      expect(out.map((o) => (isGenerationFailure(o) ? o.error.name : 'ok'))).toEqual(Array(3).fill('AuthenticationError'));
      expect(sim.stats().byRoute).toEqual({ [CHAT]: 3 });
    } finally {
      sim.configure({ apiKey: undefined });
    }
  });

  it('a stream falls back before its first token (Anthropic 529 -> OpenAI)', async () => {
    sim.configure({ faults: [{ kind: 'overloaded', route: 'messages' }] });
    const { chat, messages } = modelsFor(sim);
    const events = await collect(fallback([messages, chat]).stream('Tell me a story'));
    const start = events.filter((e) => e.type === 'start');
    expect(start).toEqual([expect.objectContaining({ provider: 'openai.chat' })]);
    expect(events.at(-1)).toMatchObject({ type: 'usage' });
    expect(sim.stats()).toMatchObject({ byRoute: { [MESSAGES]: 1, [CHAT]: 1 }, faultsInjected: expect.objectContaining({ overloaded: 1 }) });
  });
});

describe('cache over HTTP', () => {
  it('a second run of the same prompts is answered from the cache: no request reaches the server', async () => {
    const hits: TrackingEvent[] = [];
    const model = cache(modelsFor(sim).chat, { track: (e) => hits.push(e) });
    const run = () => collect(from(prompts(8)).pipe(generate(model, { concurrency: 4, ordered: true })));
    const first = await run();
    expect(sim.stats().requestsReceived).toBe(8);
    const second = await run();
    expect(sim.stats().requestsReceived).toBe(8);
    expect(second).toEqual(first);
    expect(hits.filter((e) => e.type === 'cache-hit')).toHaveLength(8);
  });

  it('identical prompts in flight share one request; a cached stream replays its events', async () => {
    sim.configure({ latencyMs: 50 });
    const model = cache(modelsFor(sim).messages);
    const out = await collect(from(Array(5).fill('Same prompt')).pipe(generate(model, { concurrency: 5 })));
    expect(new Set(out.map((g) => g.text)).size).toBe(1);
    expect(sim.stats().requestsReceived).toBe(1);

    const streamed = await collect(model.stream('Stream me'));
    const replayed = await collect(model.stream('Stream me'));
    expect(replayed).toEqual(streamed);
    expect(sim.stats().requestsReceived).toBe(2);
    expect((await firstValueFrom(model.generate('Same prompt'))).text).toBe(out[0]!.text);
    expect(sim.stats().requestsReceived).toBe(2);
  });

  it("callers sharing one request keep their own signals: A's abort errors A alone, B gets the answer", async () => {
    sim.configure({ latencyMs: 300 });
    const model = cache(modelsFor(sim).chat);
    const a = new AbortController();
    const b = new AbortController();
    const first = firstValueFrom(model.generate('Shared prompt', { signal: a.signal }));
    const second = firstValueFrom(model.generate('Shared prompt', { signal: b.signal }));
    setTimeout(() => a.abort(), 100);
    await expect(first).rejects.toMatchObject({ name: 'AbortError', code: 'aborted' });
    expect((await second).text.length).toBeGreaterThan(0);
    expect(sim.stats()).toMatchObject({ requestsReceived: 1, requestsAborted: 0 });

    // once every caller has aborted, the shared request is aborted too
    const c = new AbortController();
    const d = new AbortController();
    const third = firstValueFrom(model.generate('Another prompt', { signal: c.signal }));
    const fourth = firstValueFrom(model.generate('Another prompt', { signal: d.signal }));
    setTimeout(() => c.abort(), 50);
    setTimeout(() => d.abort(), 100);
    await expect(third).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fourth).rejects.toMatchObject({ name: 'AbortError' });
    await waitUntil(() => sim.stats().requestsAborted === 1, 2000, 'the shared request to be aborted');
    expect(sim.stats().requestsReceived).toBe(2);
  });
});
