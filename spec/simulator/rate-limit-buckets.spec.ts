import OpenAI from 'openai';
import { RateLimiter, TokenBucket } from '../../src/simulator/rate-limit-buckets.js';
import { formatOpenAiDuration } from '../../src/simulator/rate-limit-headers.js';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import { anthropicFor, openaiFor, rejectionOf, type OpenAIApiError } from './sim-fixture.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('TokenBucket and RateLimiter (fake clock)', () => {
  it('refills continuously up to the capacity', () => {
    const bucket = new TokenBucket(6, 60_000, 0);
    bucket.take(6, 0);
    expect(bucket.remaining(0)).toBe(0);
    expect(bucket.waitFor(1, 0)).toBe(10_000);
    expect(bucket.remaining(5_000)).toBe(0);
    expect(bucket.remaining(10_000)).toBe(1);
    expect(bucket.untilFull(10_000)).toBe(50_000);
    expect(bucket.remaining(1_000_000)).toBe(6);
  });

  it('admits while every bucket has room, and reports the tightest request bucket', () => {
    let now = 0;
    const limiter = new RateLimiter({ requestsPerMinute: 100, requestsPerSecond: 2, tokensPerMinute: undefined }, () => now);
    expect(limiter.admit(10)).toMatchObject({ admitted: true, requests: { limit: 2, remaining: 1 } });
    expect(limiter.admit(10).admitted).toBe(true);
    expect(limiter.admit(10)).toMatchObject({ admitted: false, limitedBy: 'requests', retryAfterMs: 500 });
    now = 500;
    expect(limiter.admit(10).admitted).toBe(true);
  });

  it('charges estimated tokens; a request larger than the bucket waits for a full bucket', () => {
    let now = 0;
    const limiter = new RateLimiter({ requestsPerMinute: undefined, requestsPerSecond: undefined, tokensPerMinute: 600 }, () => now);
    expect(limiter.admit(500)).toMatchObject({ admitted: true, tokens: { limit: 600, remaining: 100 } });
    expect(limiter.admit(200)).toMatchObject({ admitted: false, limitedBy: 'tokens', retryAfterMs: 10_000 });
    now = 10_000;
    expect(limiter.admit(200).admitted).toBe(true);
    expect(limiter.admit(601)).toMatchObject({ admitted: false, limitedBy: 'tokens' });
  });

  it('formats reset durations like OpenAI', () => {
    expect(formatOpenAiDuration(20)).toBe('20ms');
    expect(formatOpenAiDuration(1500)).toBe('1.5s');
    expect(formatOpenAiDuration(360_000)).toBe('6m0s');
  });
});

describe('simulator rate-limit mode over HTTP', () => {
  it('requests per minute: N admitted, then 429 with retry-after and x-ratelimit headers; successes carry them too', async () => {
    const sim = await startSimulator({ rateLimit: { requestsPerMinute: 3 } });
    try {
      const openai = openaiFor(sim);
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const { response } = await openai.chat.completions.create(chat).withResponse();
        expect(response.headers.get('x-ratelimit-limit-requests')).toBe('3');
        remaining.push(response.headers.get('x-ratelimit-remaining-requests'));
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const e = (await rejectionOf(openai.chat.completions.create(chat))) as InstanceType<typeof OpenAI.RateLimitError>;
      expect(e).toBeInstanceOf(OpenAI.RateLimitError);
      expect(e.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
      const retryMs = Number(e.headers.get('retry-after-ms'));
      expect(retryMs).toBeGreaterThan(19_000);
      expect(retryMs).toBeLessThanOrEqual(20_000);
      expect(e.headers.get('retry-after')).toBe('20');
      expect(e.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(e.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?s$|^1m/);
      expect(sim.stats().rateLimited).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('requests per second: a burst of N passes, the rest get 429, and SDK retries get through', async () => {
    const sim = await startSimulator({ rateLimit: { requestsPerSecond: 5 } });
    try {
      const openai = openaiFor(sim);
      const t0 = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => openai.chat.completions.create(chat)));
      const admitted = results.filter((r) => r.status === 'fulfilled').length;
      expect(admitted).toBeGreaterThanOrEqual(5);
      expect(admitted).toBeLessThanOrEqual(5 + Math.floor(((Date.now() - t0) * 5) / 1000)); // + the refill meanwhile
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      expect(Number((refused[0]!.reason as OpenAIApiError).headers!.get('retry-after-ms'))).toBeLessThanOrEqual(200);
      const patient = openaiFor(sim, { maxRetries: 5 });
      const later = await Promise.all(Array.from({ length: 3 }, () => patient.chat.completions.create(chat)));
      expect(later).toHaveLength(3);
    } finally {
      await sim.close();
    }
  });

  it('requests per second: a burst of 50 is admitted at once, then the bucket refills at 50 per second', async () => {
    const sim = await startSimulator({ rateLimit: { requestsPerSecond: 50 } });
    try {
      const body = JSON.stringify(chat);
      const burst = async (count: number): Promise<number> => {
        const statuses = await Promise.all(Array.from({ length: count }, () =>
          fetch(`${sim.openaiBaseURL}/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
            .then(async (r) => (await r.arrayBuffer(), r.status))));
        return statuses.filter((s) => s === 200).length;
      };
      const start = Date.now();
      const first = await burst(60);
      const t0 = Date.now();
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(Math.min(60, 51 + Math.ceil(((t0 - start) * 50) / 1000)));
      await new Promise((r) => setTimeout(r, 200));
      const second = await burst(30);
      const elapsed = Date.now() - t0;
      expect(second).toBeGreaterThanOrEqual(10); // >= 200 ms of refill at 50/s
      expect(second).toBeLessThanOrEqual(Math.min(30, 2 + Math.ceil(((elapsed + t0 - start) * 50) / 1000) - (first - 50)));
      expect(sim.stats().rateLimited).toBe(90 - first - second);
    } finally {
      await sim.close();
    }
  });

  it('tokens per minute: charged prompt + max_tokens at admission, 429 of type tokens past it', async () => {
    const sim = await startSimulator({ rateLimit: { tokensPerMinute: 100 } });
    try {
      const openai = openaiFor(sim);
      const { response } = await openai.chat.completions.create({ ...chat, max_tokens: 60 }).withResponse();
      expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('100');
      expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('39');
      const e = (await rejectionOf(openai.chat.completions.create({ ...chat, max_tokens: 60 }))) as OpenAIApiError;
      expect(e.status).toBe(429);
      expect(e.error).toMatchObject({ type: 'tokens' });
      expect(e.headers!.get('x-ratelimit-remaining-tokens')).toBe('39');
    } finally {
      await sim.close();
    }
  });

  it('uses anthropic-ratelimit-* headers on the messages route', async () => {
    const sim = await startSimulator({ rateLimit: { requestsPerMinute: 1, tokensPerMinute: 1000 } });
    try {
      const anthropic = anthropicFor(sim);
      const message = { model: 'claude-x', max_tokens: 10, messages: [{ role: 'user' as const, content: 'Hi' }] };
      const { response } = await anthropic.messages.create(message).withResponse();
      expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('1');
      expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
      expect(response.headers.get('anthropic-ratelimit-tokens-remaining')).toBe('989');
      expect(response.headers.get('anthropic-ratelimit-requests-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const e = (await rejectionOf(anthropic.messages.create(message))) as OpenAIApiError;
      expect(e.status).toBe(429);
      expect(e.headers!.get('retry-after')).toBe('60');
      expect(e.headers!.get('x-ratelimit-limit-requests')).toBeNull();
    } finally {
      await sim.close();
    }
  });

  it('configure() changes the limits live (and refills the buckets)', async () => {
    const sim = await startSimulator({ rateLimit: 1 });
    try {
      const openai = openaiFor(sim);
      await openai.chat.completions.create(chat);
      expect(((await rejectionOf(openai.chat.completions.create(chat))) as OpenAIApiError).status).toBe(429);
      sim.configure({ rateLimit: { requestsPerMinute: 10 } });
      await openai.chat.completions.create(chat);
      sim.configure({ rateLimit: undefined });
      const { response } = await openai.chat.completions.create(chat).withResponse();
      expect(response.headers.get('x-ratelimit-limit-requests')).toBeNull();
    } finally {
      await sim.close();
    }
  });
});
