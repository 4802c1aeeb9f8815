import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastValueFrom, type Observable } from 'rxjs';
import { isLlmError, registerSecret, ServerError } from '../../src/errors/index.js';
import type { Generation } from '../../src/core/generation.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import { retryGeneration } from '../../src/policies/retry-generation.js';
import { trackModel } from '../../src/models/track-model.js';
import { anthropicMessages } from '../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { openAICompletion } from '../../src/providers/openai/completion-model.js';
import { startSimulator } from '../../src/testing/index.js';
import { promptLayerSink } from '../../src/tracking/prompt-layer-sink.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';
import { expectNoLeak, leaks, PLANTED } from './exposure.js';
import { startHostileUpstream, type HostileUpstream } from './hostile-upstream.js';

// A planted API key never shows in an error (message, String(), stack, JSON, util.inspect, the cause chain),
// nor in a tracking payload (provider `track`, trackModel, retry events) — even when the server echoes the
// key back in its error body, in a header, in a mid-stream error event or in a malformed body.

let upstream: HostileUpstream;
beforeAll(async () => {
  upstream = await startHostileUpstream();
});
afterAll(() => upstream.close());

type Factory = (mode: string, apiKey: string, track: (e: TrackingEvent) => void) => LanguageModel;
const FACTORIES: Record<string, Factory> = {
  openAIChat: (mode, apiKey, track) => openAIChat({ model: 'gpt-4o-mini', apiKey, baseURL: upstream.openaiBaseURL(mode), track }),
  openAICompletion: (mode, apiKey, track) => openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey, baseURL: upstream.openaiBaseURL(mode), track }),
  anthropicMessages: (mode, apiKey, track) => anthropicMessages({ model: 'claude-haiku-4-5', apiKey, baseURL: upstream.anthropicBaseURL(mode), track }),
};
const MODES = ['401', '400', '429', '500', 'malformed', 'stream-error'];

async function failure(call: Observable<unknown>): Promise<unknown> {
  return lastValueFrom(call).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe.each(Object.keys(FACTORIES))('%s: errors and tracking payloads', (name) => {
  const factory = FACTORIES[name]!;
  const keys = name === 'anthropicMessages' ? [PLANTED.anthropic, PLANTED.plain] : [PLANTED.openai, PLANTED.plain];

  it.each(keys.flatMap((key) => MODES.map((mode) => [mode, key] as const)))(
    'server answers %s echoing the key (%s): nothing shows it',
    async (mode, key) => {
      const events: TrackingEvent[] = [];
      const wrapped: TrackingEvent[] = [];
      const model = trackModel(factory(mode, key, (e) => events.push(e)), (e) => wrapped.push(e));
      const retry = <T extends Generation | GenerationEvent>() =>
        retryGeneration<T>({ maxAttempts: 2, baseDelayMs: 1, maxRetryAfterMs: 1, track: (e) => wrapped.push(e) });
      const generated = await failure(model.generate('Hello', { headers: { 'x-custom-auth': key } }).pipe(retry()));
      const streamed = await failure(model.stream('Hello').pipe(retry()));
      for (const error of [generated, streamed]) {
        expect(isLlmError(error)).toBe(true);
        expectNoLeak(error);
        expectNoLeak((error as { toJSON(): unknown }).toJSON());
      }
      expect(events.length).toBeGreaterThan(0);
      expectNoLeak(events, wrapped);
    },
  );
});

it('requestId and code, which come verbatim from the server, are redacted like the message', () => {
  registerSecret(PLANTED.plain);
  const error = new ServerError(`echo ${PLANTED.plain}`, { requestId: `req_${PLANTED.openai}`, code: PLANTED.plain, cause: new Error(PLANTED.plain) });
  expect(error.requestId).toBe('req_[REDACTED]');
  expect(error.code).toBe('[REDACTED]');
  expectNoLeak(error, error.toJSON());
});

it('a key in the URL userinfo or in a bad option never shows in the error', async () => {
  // A connection error names the URL it failed on: the key (registered as a secret) is redacted from it.
  const model = openAIChat({ model: 'gpt-4o-mini', apiKey: PLANTED.plain, baseURL: `http://127.0.0.1:9/${PLANTED.plain}/v1` });
  expectNoLeak(await failure(model.generate('Hi')));
  // Invalid options are described by type, never by value.
  for (const bad of [{ model: PLANTED.openai, apiKey: 5 }, { model: '', apiKey: PLANTED.openai }, { model: 'x', baseURL: `ftp://${PLANTED.openai}` }]) {
    let thrown: unknown;
    try {
      openAIChat(bad as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeDefined();
    expectNoLeak(thrown);
  }
});

describe('promptLayerSink', () => {
  let capture: Server;
  let url: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    capture = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"request_id":1}');
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/rest/track-request`;
  });
  afterAll(() => new Promise<void>((resolve) => capture.close(() => resolve())));

  it('posts the PromptLayer key only as api_key, never the provider key', async () => {
    const sim = await startSimulator();
    try {
      const pl = promptLayerSink({ apiKey: 'pl_prompt-layer-key-0000', url });
      const models: LanguageModel[] = [
        openAIChat({ model: 'gpt-4o-mini', apiKey: PLANTED.openai, baseURL: sim.openaiBaseURL, track: pl }),
        openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: PLANTED.plain, baseURL: sim.openaiBaseURL, track: pl }),
        anthropicMessages({ model: 'claude-haiku-4-5', apiKey: PLANTED.anthropic, baseURL: sim.anthropicBaseURL, track: pl }),
      ];
      for (const m of models) {
        await lastValueFrom(m.generate('Hello', { headers: { 'x-extra': PLANTED.plain } }));
        await lastValueFrom(m.stream('Hello'));
      }
      await pl.flush();
      expect(bodies).toHaveLength(6);
      expect(leaks(bodies)).toEqual([]);
      for (const body of bodies) expect((JSON.parse(body) as { api_key: string }).api_key).toBe('pl_prompt-layer-key-0000');
    } finally {
      await sim.close();
    }
  });
});
