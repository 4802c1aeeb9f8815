// One rate limiter shared by two pipelines, as in spec/operators, over real HTTP against the simulator.
import { from, lastValueFrom, merge, toArray } from 'rxjs';
import { createRateLimiter, generate, isGenerationFailure, openAIChat, type TrackingEvent } from '../../src/index.js';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';
import { KEY, prompts, resetSim } from './integration-fixture.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => resetSim(sim));

/** A chat model that records when each request is sent (`at`, ms) and by which pipeline (its tag). */
function recordingModel() {
  const sent: { at: number; tag: string }[] = [];
  const track = (e: TrackingEvent) => {
    if (e.type === 'request') sent.push({ at: e.at, tag: e.call.tags[0] ?? '' });
  };
  return { model: openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: sim.openaiBaseURL, track }), sent };
}

describe('a rate limiter shared by two pipelines, over HTTP', () => {
  it('holds the combined rate: the simulator enforcing 20 requests/s answers no 429 (a burst of 30 would get 10)', async () => {
    // the control: 20 requests per MINUTE, so the bucket of 20 does not refill while the burst arrives
    sim.configure({ rateLimit: { requestsPerMinute: 20 } });
    const { model, sent } = recordingModel();
    const two = (limiter?: ReturnType<typeof createRateLimiter>) =>
      lastValueFrom(
        merge(
          from(prompts(15, 'A')).pipe(generate(model, { concurrency: 15, errors: 'emit', rateLimit: limiter, callOptions: { tags: ['A'] } })),
          from(prompts(15, 'B')).pipe(generate(model, { concurrency: 15, errors: 'emit', rateLimit: limiter, callOptions: { tags: ['B'] } })),
        ).pipe(toArray()),
      );

    const unlimited = await two();
    const rejected = unlimited.filter(isGenerationFailure).length;
    expect(rejected).toBeGreaterThanOrEqual(9); // the bucket holds 20 (+ 1 every 3 s)
    expect(sim.stats().rateLimited).toBe(rejected);

    sim.configure({ rateLimit: { requestsPerSecond: 20 } }); // full buckets again
    sim.resetStats();
    sent.length = 0;
    const out = await two(createRateLimiter({ requestsPerSecond: 20 }));
    expect(out).toHaveLength(30);
    expect(out.filter(isGenerationFailure)).toEqual([]);
    expect(sim.stats()).toMatchObject({ requestsReceived: 30, rateLimited: 0 });
    // the i-th request was sent no earlier than i × 50 ms after the first, whichever pipeline sent it
    const at = sent.map((s) => s.at - sent[0]!.at);
    at.forEach((t, i) => expect(t).toBeGreaterThanOrEqual(i * 50 - 2));
    // one first-come-first-served queue: A (subscribed first) queued its 15, then B its 15
    expect(sent.map((s) => s.tag).join('')).toBe('A'.repeat(15) + 'B'.repeat(15));
  });

  it('a 429 with retry-after seen by one pipeline pauses the other one too', async () => {
    sim.configure({ faults: [{ kind: 'rate-limit', params: { retryAfterMs: 500 }, nth: 3 }] });
    const { model, sent } = recordingModel();
    const limiter = createRateLimiter({ requestsPerSecond: 50 });
    const options = (tag: string) => ({ concurrency: 2, errors: 'emit' as const, rateLimit: limiter, retry: 3, callOptions: { tags: [tag] } });
    const out = await lastValueFrom(
      merge(from(prompts(5, 'A')).pipe(generate(model, options('A'))), from(prompts(5, 'B')).pipe(generate(model, options('B')))).pipe(toArray()),
    );
    expect(out.filter(isGenerationFailure)).toEqual([]);
    expect(sim.stats()).toMatchObject({ requestsReceived: 11, rateLimited: 1 });
    const gaps = sent.slice(1).map((s, i) => ({ gap: s.at - sent[i]!.at, after: i + 1 }));
    const pause = gaps.reduce((a, b) => (b.gap > a.gap ? b : a));
    expect(pause.gap).toBeGreaterThanOrEqual(480);
    expect(pause.after).toBeGreaterThanOrEqual(3); // once the third request (the 429) was answered
    const resumed = new Set(sent.slice(pause.after).map((s) => s.tag));
    expect(resumed).toEqual(new Set(['A', 'B'])); // both pipelines waited
  });

  it('an oversized prompt answered 413 gives its token reservation back: the small prompts after it do not wait', async () => {
    sim.configure({ maxBodyBytes: 50_000 });
    const limiter = createRateLimiter({ tokensPerMinute: 60_000 }); // 1,000 tokens a second
    const big = 'the quick brown fox jumps over the lazy dog '.repeat(5000); // ~45,000 tokens, 225 KB: a 413
    const model = openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: sim.openaiBaseURL, maxTokens: 16 });
    const started = Date.now();
    const out = await lastValueFrom(
      from([big, ...prompts(5, 'small')]).pipe(generate(model, { concurrency: 1, rateLimit: limiter, errors: 'emit', withIndex: true }), toArray()),
    ).finally(() => sim.configure({ maxBodyBytes: 4 * 1024 * 1024 }));
    const elapsedMs = Date.now() - started;
    expect(out[0]).toMatchObject({ ok: false, error: expect.objectContaining({ statusCode: 413 }) });
    expect(out.slice(1).every((o) => o.ok)).toBe(true);
    // before: the 45,000-token debt held the five small prompts back for about 45 s
    expect(elapsedMs).toBeLessThan(5000);
    expect(sim.stats().requestsReceived).toBe(6);
  });
});
