import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { SimHttpError } from '../../src/simulator/error-bodies.js';
import { parseFaultHeader } from '../../src/simulator/faults.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/start-simulator.js';
import { anthropicFor, openaiFor, rejectionOf, useSimulatorClients, type AnthropicApiError, type OpenAIApiError } from './sim-fixture.js';
import { fault } from '../support/shared-simulator.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] };
const message = { model: 'claude-3-5-haiku-latest', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('parseFaultHeader', () => {
  it('reads a kind and key=value parameters', () => {
    expect(parseFaultHeader('rate-limit; retry-after-ms=250; type=tokens')).toEqual({ kind: 'rate-limit', params: { retryAfterMs: 250, type: 'tokens' } });
    expect(parseFaultHeader(' stall;ms=20 ; after=3')).toEqual({ kind: 'stall', params: { ms: 20, after: 3 } });
    expect(parseFaultHeader('reset')).toEqual({ kind: 'reset', params: {} });
  });

  it.each([['nope'], ['reset; after'], ['reset; after=x'], ['reset; foo=1'], ['server-error; status=404'], ['rate-limit; type=bogus'], ['stall; ms=-1']])(
    'rejects %j with a 400 naming the header',
    (value) => {
      let error: unknown;
      try {
        parseFaultHeader(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SimHttpError);
      expect((error as SimHttpError).status('openai')).toBe(400);
      expect((error as SimHttpError).message).toContain('x-sim-fault');
    },
  );
});

describe('simulator faults over HTTP, as the OpenAI SDK sees them', () => {
  const { openai } = useSimulatorClients();

  it('rate-limit: RateLimitError 429 with retry-after-ms, retry-after and x-ratelimit headers', async () => {
    const e = await rejectionOf(openai().chat.completions.create(chat, fault('rate-limit; retry-after-ms=250')));
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    const err = e as InstanceType<typeof OpenAI.RateLimitError>;
    expect(err.status).toBe(429);
    expect(err.headers.get('retry-after-ms')).toBe('250');
    expect(err.headers.get('retry-after')).toBe('1');
    expect(err.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(err.headers.get('x-ratelimit-reset-requests')).toBe('250ms');
    expect(err.headers.get('x-request-id')).toBeTruthy();
    expect(err.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded', param: null });
  });

  it('rate-limit on tokens, and quota (insufficient_quota, no retry-after)', async () => {
    const tokens = (await rejectionOf(openai().chat.completions.create(chat, fault('rate-limit; type=tokens; retry-after=2')))) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(tokens.headers.get('retry-after')).toBe('2');
    expect(tokens.headers.get('retry-after-ms')).toBe('2000');
    expect(tokens.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
    expect(tokens.error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded' });
    const quota = (await rejectionOf(openai().chat.completions.create(chat, fault('rate-limit; type=quota')))) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(quota).toBeInstanceOf(OpenAI.RateLimitError);
    expect(quota.code).toBe('insufficient_quota');
    expect(quota.headers.get('retry-after')).toBeNull();
  });

  it.each([
    ['server-error', 500],
    ['server-error; status=502', 502],
    ['unavailable', 503],
    ['overloaded', 503],
  ])('%s: InternalServerError %i with a server_error body', async (value, status) => {
    const e = await rejectionOf(openai().chat.completions.create(chat, fault(value)));
    expect(e).toBeInstanceOf(OpenAI.InternalServerError);
    expect((e as OpenAIApiError).status).toBe(status);
    expect((e as OpenAIApiError).type).toBe('server_error');
  });

  it('stream-error: the stream iterator throws an APIError after k tokens', async () => {
    const stream = await openai().chat.completions.create({ ...chat, stream: true }, fault('stream-error; after=2'));
    const seen: string[] = [];
    const e = await rejectionOf((async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) seen.push(chunk.choices[0].delta.content);
    })());
    expect(e).toBeInstanceOf(OpenAI.APIError);
    expect((e as OpenAIApiError).status).toBeUndefined();
    expect((e as OpenAIApiError).error).toMatchObject({ type: 'server_error' });
    expect(seen).toHaveLength(2);
  });

  it('malformed: the stream iterator throws a JSON SyntaxError after k tokens', async () => {
    const stream = await openai().chat.completions.create({ ...chat, stream: true }, fault('malformed; after=1'));
    let tokens = 0;
    const e = await rejectionOf((async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) tokens++;
    })());
    expect(e).toBeInstanceOf(SyntaxError);
    expect(tokens).toBe(1);
  });

  it('reset before any byte: APIConnectionError', async () => {
    const e = await rejectionOf(openai().chat.completions.create(chat, fault('reset')));
    expect(e).toBeInstanceOf(OpenAI.APIConnectionError);
    const e2 = await rejectionOf(openai().chat.completions.create({ ...chat, stream: true }, fault('reset; after=0')));
    expect(e2).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('reset after k tokens: the stream iterator throws once the k tokens are read', async () => {
    const stream = await openai().chat.completions.create({ ...chat, stream: true }, fault('reset; after=3'));
    let tokens = 0;
    const e = await rejectionOf((async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) tokens++;
    })());
    // undici's "terminated" TypeError (created outside jest's realm, hence the name check)
    expect(e).toMatchObject({ name: 'TypeError', message: 'terminated' });
    expect(tokens).toBe(3);
  });

  it('stall: no bytes for ms after k tokens, then the same answer', async () => {
    const plain = await openai().chat.completions.create(chat);
    const stream = await openai().chat.completions.create({ ...chat, stream: true }, fault('stall; ms=150; after=1'));
    const times: number[] = [];
    let text = '';
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) {
        times.push(Date.now());
        text += chunk.choices[0].delta.content;
      }
    }
    expect(text).toBe(plain.choices[0]!.message.content);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    const t0 = Date.now();
    await openai().chat.completions.create(chat, fault('stall; ms=100'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
    // after=0 on a stream: not even the headers for ms
    const t1 = Date.now();
    const late = await openai().chat.completions.create({ ...chat, stream: true }, fault('stall; ms=100; after=0'));
    expect(Date.now() - t1).toBeGreaterThanOrEqual(95);
    let lateText = '';
    for await (const chunk of late) lateText += chunk.choices[0]?.delta.content ?? '';
    expect(lateText).toBe(plain.choices[0]!.message.content);
  });

  it('stream faults on a non-streaming request: 500, connection error, malformed body', async () => {
    expect(await rejectionOf(openai().chat.completions.create(chat, fault('stream-error')))).toBeInstanceOf(OpenAI.InternalServerError);
    expect(await rejectionOf(openai().chat.completions.create(chat, fault('reset; after=2')))).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(await rejectionOf(openai().chat.completions.create(chat, fault('malformed')))).toMatchObject({ name: 'SyntaxError' });
  });

  it('a bad x-sim-fault header is a 400 BadRequestError naming it', async () => {
    const e = await rejectionOf(openai().chat.completions.create(chat, fault('explode')));
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect((e as OpenAIApiError).message).toContain('x-sim-fault');
  });

  it('the SDK retries a 429 after retry-after-ms and then succeeds', async () => {
    const local = await startSimulator({ faults: [{ kind: 'rate-limit', nth: 1, params: { retryAfterMs: 30 } }] });
    try {
      const data = await openaiFor(local, { maxRetries: 2 }).chat.completions.create(chat);
      expect(data.choices[0]!.finish_reason).toBe('stop');
      expect(local.stats()).toMatchObject({ requestsReceived: 2, rateLimited: 1, faultsInjected: { 'rate-limit': 1 } });
    } finally {
      await local.close();
    }
  });
});

describe('simulator faults over HTTP, as the Anthropic SDK sees them', () => {
  const { anthropic } = useSimulatorClients();

  it('overloaded: 529 overloaded_error, an InternalServerError', async () => {
    const e = await rejectionOf(anthropic().messages.create(message, fault('overloaded')));
    expect(e).toBeInstanceOf(Anthropic.InternalServerError);
    const err = e as AnthropicApiError;
    expect(err.status).toBe(529);
    expect(err.type).toBe('overloaded_error');
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(err.requestID).toMatch(/^req_/);
  });

  it('rate-limit: RateLimitError with retry-after and anthropic-ratelimit headers; quota is a billing_error', async () => {
    const e = (await rejectionOf(anthropic().messages.create(message, fault('rate-limit; retry-after=3')))) as AnthropicApiError;
    expect(e).toBeInstanceOf(Anthropic.RateLimitError);
    expect(e.headers!.get('retry-after')).toBe('3');
    expect(e.headers!.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(Date.parse(e.headers!.get('anthropic-ratelimit-requests-reset')!)).toBeGreaterThan(Date.now() - 1000);
    expect(e.type).toBe('rate_limit_error');
    const quota = (await rejectionOf(anthropic().messages.create(message, fault('rate-limit; type=quota')))) as AnthropicApiError;
    expect(quota.status).toBe(429);
    expect(quota.type).toBe('billing_error');
  });

  it.each([['server-error', 500], ['unavailable', 503]])('%s: InternalServerError %i with api_error', async (value, status) => {
    const e = (await rejectionOf(anthropic().messages.create(message, fault(value)))) as AnthropicApiError;
    expect(e).toBeInstanceOf(Anthropic.InternalServerError);
    expect(e.status).toBe(status);
    expect(e.type).toBe('api_error');
  });

  it('stream-error: an event: error surfaces from the iterator (type overridable)', async () => {
    for (const [value, type] of [['stream-error; after=1', 'api_error'], ['stream-error; after=2; type=overloaded_error', 'overloaded_error']] as const) {
      const stream = await anthropic().messages.create({ ...message, stream: true }, fault(value));
      const e = await rejectionOf((async () => {
        for await (const _event of stream) { /* consume */ }
      })());
      expect(e).toBeInstanceOf(Anthropic.APIError);
      expect((e as AnthropicApiError).type).toBe(type);
    }
  });

  it('malformed and reset mid-stream surface as errors from the iterator', async () => {
    for (const [value, name] of [['malformed; after=2', 'SyntaxError'], ['reset; after=2', 'TypeError']]) {
      const stream = await anthropic().messages.create({ ...message, stream: true }, fault(value!));
      const e = await rejectionOf((async () => {
        for await (const _event of stream) { /* consume */ }
      })());
      expect(e).toMatchObject({ name });
    }
    expect(await rejectionOf(anthropic().messages.create(message, fault('reset')))).toBeInstanceOf(Anthropic.APIConnectionError);
  });
});

describe('simulator: scripted faults (the faults option)', () => {
  async function outcomes(sim: SimulatorHandle, count: number, route: 'chat' | 'messages' = 'chat'): Promise<string[]> {
    const openai = openaiFor(sim);
    const anthropic = anthropicFor(sim);
    const results: string[] = [];
    for (let i = 0; i < count; i++) {
      try {
        if (route === 'chat') await openai.chat.completions.create(chat);
        else await anthropic.messages.create(message);
        results.push('ok');
      } catch (e) {
        results.push(String((e as { status?: number }).status));
      }
    }
    return results;
  }

  it('nth hits only the nth matching request, on its route only', async () => {
    const sim = await startSimulator({ faults: [{ kind: 'server-error', route: 'chat', nth: 2 }] });
    try {
      expect(await outcomes(sim, 3)).toEqual(['ok', '500', 'ok']);
      expect(await outcomes(sim, 2, 'messages')).toEqual(['ok', 'ok']);
    } finally {
      await sim.close();
    }
  });

  it('every hits every k-th request; times caps the hits; the header wins over the list', async () => {
    const sim = await startSimulator({ faults: [{ kind: 'unavailable', every: 2, times: 2, route: '/v1/messages' }] });
    try {
      expect(await outcomes(sim, 7, 'messages')).toEqual(['ok', '503', 'ok', '503', 'ok', 'ok', 'ok']);
      sim.configure({ faults: [{ kind: 'overloaded' }] });
      const e = await rejectionOf(anthropicFor(sim).messages.create(message, fault('server-error')));
      expect((e as { status: number }).status).toBe(500);
      expect(sim.stats().faultsInjected).toEqual({
        'rate-limit': 0, 'server-error': 1, unavailable: 2, overloaded: 0, 'stream-error': 0, reset: 0, stall: 0, malformed: 0,
      });
    } finally {
      await sim.close();
    }
  });

  it('probability draws from a seeded RNG: the same seed replays the same faults', async () => {
    const sim = await startSimulator({ faults: [{ kind: 'server-error', probability: 0.5 }], seed: 7 });
    try {
      const first = await outcomes(sim, 16);
      sim.configure({ seed: 7 });
      expect(await outcomes(sim, 16)).toEqual(first);
      expect(first).toContain('ok');
      expect(first).toContain('500');
      sim.configure({ seed: 8 });
      expect(await outcomes(sim, 16)).not.toEqual(first);
    } finally {
      await sim.close();
    }
  });

  it('rejects bad rules with InvalidArgumentError naming the option', async () => {
    await expect(startSimulator({ faults: [{ kind: 'boom' as never }] })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'faults[0].kind' });
    await expect(startSimulator({ faults: [{ kind: 'reset', probability: 2 }] })).rejects.toMatchObject({ argument: 'faults[0].probability' });
    await expect(startSimulator({ faults: [{ kind: 'reset', route: 'images' }] })).rejects.toMatchObject({ argument: 'faults[0].route' });
  });
});
