// toUiMessageStreamResponse and pipeUiMessageStream without HTTP: the frames they write for a stream, their
// options, their teardown (the unsubscription chain; a synchronous source) and their argument checks.
import { NEVER, Subject, concat, defer, finalize, of, throwError, type Observable } from 'rxjs';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { AbortError } from '../../src/errors/abort-error.js';
import { RateLimitError } from '../../src/errors/rate-limit-error.js';
import { pipeUiMessageStream, type UiMessageStreamSink } from '../../src/web/pipe-ui-message-stream.js';
import { toUiMessageStreamResponse } from '../../src/web/to-ui-message-stream-response.js';
import { uiMessageStreamFrames } from '../../src/web/ui-message-stream.js';
import { expectInvalid } from '../support/invalid-argument.js';

const answer: GenerationEvent[] = [
  { type: 'start', provider: 'openai.chat', modelId: 'gpt-4o-mini' },
  { type: 'text-delta', index: 0, text: 'Hi' },
  { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' },
];

/** The chunks of an SSE text (the JSON of each `data:` event but [DONE], which ends it). */
function chunksOf(sse: string): unknown[] {
  const events = sse.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
  expect(events[events.length - 1]).toBe('[DONE]');
  return events.slice(0, -1).map((e) => JSON.parse(e) as unknown);
}

/** A sink that records what is written to it, as a Node response would receive it. */
function recordingSink(): UiMessageStreamSink & { head?: [number, Record<string, string>]; written: string[]; ended: boolean; close(): void; listeners: number } {
  const closers = new Set<() => void>();
  return {
    written: [],
    ended: false,
    get listeners() {
      return closers.size;
    },
    writeHead(status, headers) {
      this.head = [status, headers];
    },
    write(chunk) {
      this.written.push(chunk);
    },
    end() {
      this.ended = true;
    },
    on(_event, listener) {
      closers.add(listener);
    },
    removeListener(_event, listener) {
      closers.delete(listener);
    },
    close() {
      for (const listener of [...closers]) listener();
    },
  };
}

describe('toUiMessageStreamResponse', () => {
  it('a Response of the protocol: status 200, its headers, start ... finish, [DONE]', async () => {
    const response = toUiMessageStreamResponse(of(...answer));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(chunksOf(await response.text()).map((c) => (c as { type: string }).type)).toEqual(['start', 'message-metadata', 'text-start', 'text-delta', 'text-end', 'message-metadata', 'finish']);
  });

  it('status and headers options; metadata: false sends no message-metadata', async () => {
    const response = toUiMessageStreamResponse(of(...answer), { status: 201, headers: { 'x-chat-id': 'c1' }, metadata: false });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-chat-id')).toBe('c1');
    expect(chunksOf(await response.text()).map((c) => (c as { type: string }).type)).toEqual(['start', 'text-start', 'text-delta', 'text-end', 'finish']);
  });
});

describe('the error chunk', () => {
  const framesText = (events$: Observable<GenerationEvent>, options = {}): Promise<string> => toUiMessageStreamResponse(events$, options).text();

  it('an rxllm error: its name and redacted message, its facts as metadata; the stream still ends with [DONE]', async () => {
    const chunks = chunksOf(await framesText(concat(of(answer[1]!), throwError(() => new RateLimitError('openai.chat: HTTP 429: slow down', { retryAfterMs: 500 })))));
    expect(chunks.slice(-3)).toEqual([
      { type: 'text-end', id: 't0' },
      { type: 'message-metadata', messageMetadata: { rxllm: { error: { name: 'RateLimitError', isRetryable: true, retryAfterMs: 500 } } } },
      { type: 'error', errorText: 'RateLimitError: openai.chat: HTTP 429: slow down' },
    ]);
  });

  it('anything else: a generic text, never its message; errorText chooses (and falls back when it throws)', async () => {
    const bug = throwError(() => new TypeError('cannot read x of undefined at /srv/app.js:12'));
    expect(chunksOf(await framesText(bug)).at(-1)).toEqual({ type: 'error', errorText: 'An error occurred.' });
    expect(chunksOf(await framesText(bug, { errorText: (e: unknown) => `Sorry (${(e as Error).name})` })).at(-1)).toEqual({ type: 'error', errorText: 'Sorry (TypeError)' });
    const throwing = (): string => {
      throw new Error('oops');
    };
    expect(chunksOf(await framesText(bug, { errorText: throwing })).at(-1)).toEqual({ type: 'error', errorText: 'An error occurred.' });
  });

  it('a tool output that cannot be sent as JSON fails the stream with an error chunk, not the server', async () => {
    const result: GenerationEvent = { type: 'tool-result', toolCallId: 'c', toolName: 't', output: { n: 1n }, isError: false };
    expect(chunksOf(await framesText(of(result))).at(-1)).toEqual({ type: 'error', errorText: 'An error occurred.' });
  });

  it('the server\'s own signal aborting (AbortError): an abort chunk', async () => {
    expect(chunksOf(await framesText(throwError(() => new AbortError())))).toEqual([{ type: 'start' }, { type: 'abort', reason: 'The call was aborted by its signal' }]);
  });
});

describe('uiMessageStreamFrames teardown', () => {
  it('a synchronous source: every frame at once, then complete', () => {
    const frames: string[] = [];
    let completed = false;
    uiMessageStreamFrames(of(...answer)).subscribe({ next: (f) => frames.push(f), complete: () => (completed = true) });
    expect(completed).toBe(true);
    expect(frames.at(-1)).toBe('data: [DONE]\n\n');
  });

  it('the unsubscription chain: unsubscribing the frames unsubscribes the events', () => {
    let unsubscribed = false;
    const subscription = uiMessageStreamFrames(NEVER.pipe(finalize(() => (unsubscribed = true)))).subscribe();
    expect(unsubscribed).toBe(false);
    subscription.unsubscribe();
    expect(unsubscribed).toBe(true);
  });
});

describe('pipeUiMessageStream', () => {
  it('writes the headers at once, a frame per chunk, then ends the response', () => {
    const events = new Subject<GenerationEvent>();
    const res = recordingSink();
    pipeUiMessageStream(events, res, { headers: { 'x-a': '1' } });
    expect(res.head).toEqual([200, expect.objectContaining({ 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1', 'x-a': '1' })]);
    expect(res.written).toEqual(['data: {"type":"start"}\n\n']);
    for (const e of answer) events.next(e);
    events.complete();
    expect(res.ended).toBe(true);
    expect(chunksOf(res.written.join('')).at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('the client going away (close) unsubscribes; nothing is written after; its listener is removed', () => {
    let unsubscribed = false;
    const res = recordingSink();
    const subscription = pipeUiMessageStream(NEVER.pipe(finalize(() => (unsubscribed = true))), res);
    expect(res.listeners).toBe(1);
    res.close();
    expect(unsubscribed).toBe(true);
    expect(subscription.closed).toBe(true);
    expect(res.listeners).toBe(0);
    expect(res.ended).toBe(false);
  });

  it('a client gone before the stream begins (res.destroyed): nothing is subscribed, nothing written', () => {
    let subscribed = false;
    const res = Object.assign(recordingSink(), { destroyed: true });
    const subscription = pipeUiMessageStream(defer(() => ((subscribed = true), NEVER)), res);
    expect(subscription.closed).toBe(true);
    expect(subscribed).toBe(false);
    expect(res.head).toBeUndefined();
    expect(res.written).toEqual([]);
  });

  it('returns the subscription: unsubscribing stops it', () => {
    let unsubscribed = false;
    const res = recordingSink();
    pipeUiMessageStream(NEVER.pipe(finalize(() => (unsubscribed = true))), res).unsubscribe();
    expect(unsubscribed).toBe(true);
    expect(res.listeners).toBe(0);
  });
});

describe('argument checks', () => {
  it.each([
    ['toUiMessageStreamResponse', (events$: unknown, options?: unknown) => toUiMessageStreamResponse(events$ as never, options as never)],
    ['pipeUiMessageStream', (events$: unknown, options?: unknown) => pipeUiMessageStream(events$ as never, recordingSink(), options as never)],
  ])('%s: InvalidArgumentError for a bad events$ or option', (_name, call) => {
    expectInvalid(() => call([]), 'events$');
    expectInvalid(() => call(of(), { stauts: 200 }), 'options.stauts');
    expectInvalid(() => call(of(), { status: 99 }), 'options.status');
    expectInvalid(() => call(of(), { status: 600 }), 'options.status');
    expectInvalid(() => call(of(), { headers: { 'x-bad': 'a\nb' } }), 'options.headers["x-bad"]');
    expectInvalid(() => call(of(), { errorText: 'nope' }), 'options.errorText');
    expectInvalid(() => call(of(), { metadata: 'yes' }), 'options.metadata');
  });

  it('pipeUiMessageStream: a res that is not a response', () => {
    expectInvalid(() => pipeUiMessageStream(of(), {} as never), 'res');
    expectInvalid(() => pipeUiMessageStream(of(), undefined as never), 'res');
  });
});
