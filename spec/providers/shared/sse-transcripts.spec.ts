import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { StreamError } from '../../../src/errors/stream-error.js';
import type { GenerationEvent } from '../../../src/core/stream-event.js';
import { anthropicMessages } from '../../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../../src/providers/openai/chat-model.js';
import { openAICompletion } from '../../../src/providers/openai/completion-model.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** Serves the transcript named by the `x-fixture` header, as the real services would. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const name = String(req.headers['x-fixture']);
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-request-id': `req_${name}`,
      'request-id': `req_${name}`,
    });
    res.end(readFileSync(join(FIXTURES, `${name}.sse`)));
  });
});
afterAll(() => server.close());

const chat = () => openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-fixture-key-000000', baseURL: `${server.url}/v1` });
const events = (o: Observable<GenerationEvent>) => lastValueFrom(o.pipe(toArray()));
const text = (es: GenerationEvent[], index = 0) =>
  es.filter((e): e is Extract<GenerationEvent, { type: 'text-delta' }> => e.type === 'text-delta' && e.index === index).map((e) => e.text).join('');

describe('recorded SSE transcripts through the real SDKs', () => {
  it('OpenAI chat stream with include_usage: start, deltas, finish, one usage at the end', async () => {
    const es = await events(chat().stream('Hi', { headers: { 'x-fixture': 'openai-chat-stream' } }));
    expect(es[0]).toEqual({ type: 'start', provider: 'openai.chat', modelId: 'gpt-4o-mini-2024-07-18', requestId: 'req_openai-chat-stream' });
    expect(text(es)).toBe('Hello! How can I help?');
    expect(es.slice(-2)).toEqual([
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' },
      { type: 'usage', usage: { inputTokens: 9, outputTokens: 7, totalTokens: 16, cachedInputTokens: 0, reasoningTokens: 0 } },
    ]);
    expect(es.map((e) => e.type)).toEqual(['start', 'text-delta', 'text-delta', 'text-delta', 'text-delta', 'finish', 'usage']);
    expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('OpenAI chat stream with n = 2: deltas and a finish per choice', async () => {
    const es = await events(chat().stream('Colours?', { n: 2, headers: { 'x-fixture': 'openai-chat-stream-n2' } }));
    expect(text(es, 0)).toBe('Red');
    expect(text(es, 1)).toBe('Blue sky');
    const finishes = es.filter((e) => e.type === 'finish');
    expect(finishes).toEqual([
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' },
      { type: 'finish', index: 1, finishReason: 'length', rawFinishReason: 'length' },
    ]);
    expect(es.at(-1)).toEqual({ type: 'usage', usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 } });
  });

  it('OpenAI error data line mid-stream: StreamError with the partial text', async () => {
    const seen: GenerationEvent[] = [];
    const error = await new Promise<unknown>((resolve) =>
      chat()
        .stream('Story', { headers: { 'x-fixture': 'openai-chat-stream-error' } })
        .subscribe({ next: (e) => seen.push(e), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ partialText: 'Once upon', code: 'server_error', provider: 'openai.chat', isRetryable: false });
    expect(text(seen)).toBe('Once upon');
  });

  it('a chunk that is not JSON: StreamError (malformed_chunk) with the partial text', async () => {
    const error = await new Promise<unknown>((resolve) =>
      chat()
        .stream('Hi', { headers: { 'x-fixture': 'openai-chat-stream-malformed' } })
        .subscribe({ error: resolve, complete: () => resolve(undefined) }),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ partialText: 'Half', code: 'malformed_chunk' });
  });

  it('OpenAI legacy completion stream', async () => {
    const model = openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: 'sk-fixture-key-000000', baseURL: `${server.url}/v1` });
    const es = await events(model.stream('Say this is a test', { headers: { 'x-fixture': 'openai-completion-stream' } }));
    expect(text(es)).toBe('\n\nThis is a test.');
    expect(es.slice(-2)).toEqual([
      { type: 'finish', index: 0, finishReason: 'length', rawFinishReason: 'length' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 } },
    ]);
  });

  const claude = () => anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'sk-ant-fixture-000000', baseURL: server.url });

  it('Anthropic event flow: start from message_start, ping ignored, one combined usage event', async () => {
    const es = await events(claude().stream('Hi', { headers: { 'x-fixture': 'anthropic-messages-stream' } }));
    expect(es[0]).toEqual({ type: 'start', provider: 'anthropic.messages', modelId: 'claude-sonnet-4-5-20250929', requestId: 'req_anthropic-messages-stream' });
    expect(text(es)).toBe('Hello! How can I help?');
    expect(es.slice(-2)).toEqual([
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'end_turn' },
      { type: 'usage', usage: { inputTokens: 25, outputTokens: 15, totalTokens: 40, cachedInputTokens: 0, cacheWriteInputTokens: 0 } },
    ]);
    expect(es.filter((e) => e.type === 'usage')).toHaveLength(1);
  });

  it('Anthropic stop_sequence; cache tokens count as input', async () => {
    const es = await events(claude().stream('Count', { stop: ', 4', headers: { 'x-fixture': 'anthropic-messages-stream-stop-sequence' } }));
    expect(text(es)).toBe('1, 2, 3');
    expect(es.slice(-2)).toEqual([
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop_sequence' },
      { type: 'usage', usage: { inputTokens: 40, outputTokens: 6, totalTokens: 46, cachedInputTokens: 6, cacheWriteInputTokens: 4 } },
    ]);
    expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ stop_sequences: [', 4'], max_tokens: 1024, stream: true });
  });

  it('Anthropic error event mid-stream: StreamError (overloaded_error) with the partial text', async () => {
    const error = await new Promise<unknown>((resolve) =>
      claude()
        .stream('Hi', { headers: { 'x-fixture': 'anthropic-messages-stream-error' } })
        .subscribe({ error: resolve, complete: () => resolve(undefined) }),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ partialText: 'Partial answ', code: 'overloaded_error', provider: 'anthropic.messages', isRetryable: false });
  });
});
