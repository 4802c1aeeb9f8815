import OpenAI from 'openai';
import { firstValueFrom } from 'rxjs';
import {
  AbortError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  InvalidArgumentError,
  OverloadedError,
  RateLimitError,
  ServerError,
  StreamError,
  TimeoutError,
} from '../../../src/errors/index.js';
import type { GenerationEvent } from '../../../src/core/stream-event.js';
import { openAICompletion } from '../../../src/providers/openai/completion-model.js';
import { collect, deltaText, errorOf, waitUntil } from '../../support/rx-helpers.js';
import { fault, useSharedSimulator } from '../../support/shared-simulator.js';

const KEY = 'sk-test-openai-completion-000000';
const sim = useSharedSimulator();

const model = (extra: Partial<Parameters<typeof openAICompletion>[0]> = {}) =>
  openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: KEY, baseURL: sim().openaiBaseURL, ...extra });
const ROUTE = '/v1/completions';

describe('openAICompletion over the simulator', () => {
  it('generate and stream agree; usage arrives in the stream by default', async () => {
    // maxTokens 100: room for the whole reply (the legacy API's default max_tokens is 16).
    const g = await firstValueFrom(model({ maxTokens: 100 }).generate('Once upon a time'));
    expect(g).toMatchObject({ provider: 'openai.completion', finishReason: 'stop', requestId: expect.any(String) });
    expect(g.text.length).toBeGreaterThan(0);
    const events = await collect(model({ maxTokens: 100 }).stream('Once upon a time'));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'openai.completion' });
    expect(deltaText(events)).toBe(g.text);
    expect(events.at(-1)).toEqual({ type: 'usage', usage: g.usage });
  });

  it('chat messages are sent as plain text', async () => {
    const a = await firstValueFrom(model().generate([{ role: 'system', content: 'Rules.' }, { role: 'user', content: 'Go' }]));
    const b = await firstValueFrom(model().generate('Rules.\n\nGo'));
    expect(a.text).toBe(b.text);
  });

  it('maxTokens -> length; stop -> stop', async () => {
    expect((await firstValueFrom(model({ maxTokens: 1 }).generate('Write an essay'))).finishReason).toBe('length');
    const reply = { 'x-sim-reply': encodeURIComponent('alpha beta gamma delta') };
    const g = await firstValueFrom(model().generate('Greek', { stop: 'gamma', headers: reply }));
    expect(g).toMatchObject({ finishReason: 'stop', rawFinishReason: 'stop' });
    expect(g.text).not.toContain('gamma');
  });

  it('generateBatch packs 45 prompts into 3 requests (batchSize 20), in order, n choices split per prompt', async () => {
    const prompts = Array.from({ length: 45 }, (_, i) => `Prompt number ${i}`);
    const singles = await Promise.all(prompts.slice(0, 3).map((p) => firstValueFrom(model({ n: 2 }).generate(p))));
    sim().resetStats();
    const gs = await firstValueFrom(model({ n: 2 }).generateBatch(prompts));
    expect(sim().stats().byRoute[ROUTE]).toBe(3);
    expect(gs).toHaveLength(45);
    for (const g of gs) expect(g.choices.map((c) => c.index)).toEqual([0, 1]);
    // Same prompt, same deterministic reply: each Generation belongs to its own prompt.
    expect(gs.slice(0, 3).map((g) => g.choices.map((c) => c.text))).toEqual(singles.map((g) => g.choices.map((c) => c.text)));
    const total = gs.reduce((s, g) => s + g.usage!.totalTokens, 0);
    expect(total).toBeGreaterThan(0);
  });

  it('generateBatch: batchSize and batchConcurrency; an empty list sends nothing', async () => {
    const prompts = Array.from({ length: 7 }, (_, i) => `P${i}`);
    const gs = await firstValueFrom(model({ batchSize: 2, batchConcurrency: 3 }).generateBatch(prompts));
    expect(gs).toHaveLength(7);
    expect(sim().stats().byRoute[ROUTE]).toBe(4);
    const expected = await Promise.all(prompts.map((p) => firstValueFrom(model().generate(p))));
    expect(gs.map((g) => g.text)).toEqual(expected.map((g) => g.text));
    sim().resetStats();
    expect(await firstValueFrom(model().generateBatch([]))).toEqual([]);
    expect(sim().stats().requestsReceived).toBe(0);
  });

  it('generateBatch is cold and unsubscribing aborts the request in flight', async () => {
    sim().configure({ latencyMs: 2000 });
    const batch = model().generateBatch(['a', 'b']);
    await new Promise((r) => setTimeout(r, 20));
    expect(sim().stats().requestsReceived).toBe(0);
    const error = jest.fn();
    const sub = batch.subscribe({ error });
    await waitUntil(() => sim().stats().requestsReceived === 1, 5000, 'request');
    sub.unsubscribe();
    await waitUntil(() => sim().stats().requestsAborted === 1, 5000, 'abort');
    expect(error).not.toHaveBeenCalled();
  });

  it('generateBatch checks every prompt at once', () => {
    expect(() => model().generateBatch(['ok', 3 as never])).toThrow(expect.objectContaining({ argument: 'inputs[1]' }));
    expect(() => model().generateBatch('nope' as never)).toThrow(InvalidArgumentError);
    expect(() => model({ batchSize: 0 })).toThrow(expect.objectContaining({ argument: 'batchSize' }));
  });

  it('a failing packed request fails the batch with the mapped error', async () => {
    sim().configure({ faults: [{ kind: 'rate-limit', params: { retryAfterMs: 250 }, nth: 2 }] });
    const error = await errorOf(model({ batchSize: 2 }).generateBatch(['a', 'b', 'c', 'd']));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 250, provider: 'openai.completion' });
  });

  it.each([
    ['rate-limit; retry-after-ms=1500', RateLimitError, { retryAfterMs: 1500, quotaExceeded: false }],
    ['rate-limit; type=quota', RateLimitError, { quotaExceeded: true, isRetryable: false }],
    ['server-error', ServerError, { statusCode: 500 }],
    ['unavailable', OverloadedError, { statusCode: 503 }],
    ['overloaded', OverloadedError, { statusCode: 503 }],
    ['reset; after=0', ConnectionError, {}],
  ])('generate with fault %s -> %p', async (header, errorClass, fields) => {
    const error = await errorOf(model().generate('Hi', fault(header)));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ provider: 'openai.completion', ...fields });
  });

  it.each(['stream-error; after=2', 'malformed; after=2', 'reset; after=2'])('stream with fault %s -> StreamError', async (header) => {
    const seen: GenerationEvent[] = [];
    const error = await errorOf(model().stream('A long tale', fault(header)), seen);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).partialText).toBe(deltaText(seen));
  });

  it('SDK timeout -> TimeoutError; caller signal -> AbortError', async () => {
    expect(await errorOf(model({ timeout: 100 }).generate('Hi', fault('stall; ms=3000; after=0')))).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = errorOf(model().generate('Hi', { ...fault('stall; ms=3000; after=0'), signal: controller.signal }));
    await waitUntil(() => sim().stats().requestsReceived === 2, 5000, 'request');
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it('unsubscribing mid-stream aborts silently', async () => {
    sim().configure({ tokensPerSecond: 50 });
    const error = jest.fn();
    const events: GenerationEvent[] = [];
    const sub = model().stream('A long tale').subscribe({ next: (e) => events.push(e), error });
    await waitUntil(() => events.some((e) => e.type === 'text-delta'), 5000, 'first delta');
    sub.unsubscribe();
    await waitUntil(() => sim().stats().requestsAborted === 1, 5000, 'server abort count');
    expect(error).not.toHaveBeenCalled();
  });

  it('a missing key -> ConfigurationError at subscribe; a bad request -> BadRequestError; a ready client works', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const noKey = openAICompletion({ model: 'gpt-3.5-turbo-instruct', baseURL: sim().openaiBaseURL });
      expect(await errorOf(noKey.generateBatch(['a']))).toBeInstanceOf(ConfigurationError);
      expect(sim().stats().requestsReceived).toBe(0);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
    const bad = await errorOf(model({ providerOptions: { max_tokens: 'lots' } }).generate('Hi'));
    expect(bad).toBeInstanceOf(BadRequestError);
    const client = new OpenAI({ apiKey: 'sk-client-0000000000000', baseURL: sim().openaiBaseURL });
    const gs = await firstValueFrom(openAICompletion({ model: 'gpt-3.5-turbo-instruct', client }).generateBatch(['x', 'y']));
    expect(gs).toHaveLength(2);
  });
});
