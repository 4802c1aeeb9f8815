// The two translations of the UI message stream, each way and round trip: rxllm's events -> chunks (the
// server), chunks -> events (remoteModel). Over HTTP, with the real SDKs and the AI SDK, in the other specs here.
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { isAbortError } from '../../src/errors/abort-error.js';
import { isConnectionError } from '../../src/errors/connection-error.js';
import { isStreamError, type StreamError } from '../../src/errors/stream-error.js';
import { EventsToUiChunks } from '../../src/web/events-to-ui-chunks.js';
import { UiChunksToEvents } from '../../src/web/ui-chunks-to-events.js';
import type { UiMessageChunk } from '../../src/web/ui-message-stream-types.js';

const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
const start: GenerationEvent = { type: 'start', provider: 'anthropic.messages', modelId: 'claude-haiku-4-5', requestId: 'req_1' };

function toChunks(events: readonly GenerationEvent[]): UiMessageChunk[] {
  const t = new EventsToUiChunks();
  return [...t.start(), ...events.flatMap((e) => t.push(e)), ...t.complete()];
}

function toEvents(chunks: readonly UiMessageChunk[]): GenerationEvent[] {
  const t = new UiChunksToEvents('remote', '/api/chat');
  const out = chunks.flatMap((c) => t.push(c));
  expect(t.done).toBe(true);
  return out;
}

/** Whatever a translator throws for these chunks. */
function failure(chunks: readonly UiMessageChunk[]): unknown {
  const t = new UiChunksToEvents('remote', '/api/chat');
  try {
    for (const c of chunks) t.push(c);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('GenerationEvents -> UI message chunks', () => {
  it('text: a part with an id, opened before its deltas and closed at the finish; metadata carries the model, finish and usage', () => {
    expect(toChunks([start, { type: 'text-delta', index: 0, text: 'Hel' }, { type: 'text-delta', index: 0, text: 'lo' }, { type: 'finish', index: 0, finishReason: 'length', rawFinishReason: 'max_tokens' }, { type: 'usage', usage }])).toEqual([
      { type: 'start' },
      { type: 'message-metadata', messageMetadata: { rxllm: { start: { provider: 'anthropic.messages', modelId: 'claude-haiku-4-5', requestId: 'req_1' } } } },
      { type: 'text-start', id: 't0' },
      { type: 'text-delta', id: 't0', delta: 'Hel' },
      { type: 'text-delta', id: 't0', delta: 'lo' },
      { type: 'text-end', id: 't0' },
      { type: 'message-metadata', messageMetadata: { rxllm: { finish: { finishReason: 'length', rawFinishReason: 'max_tokens' } } } },
      { type: 'message-metadata', messageMetadata: { rxllm: { usage } } },
      { type: 'finish', finishReason: 'length' },
    ]);
  });

  it('reasoning then text: separate parts; the signature ends the reasoning part as the AI SDK writes it', () => {
    const chunks = toChunks([
      { type: 'reasoning-delta', index: 0, text: 'Think' },
      { type: 'reasoning-signature', index: 0, signature: 'sig==' },
      { type: 'text-delta', index: 0, text: 'Answer' },
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'end_turn' },
    ]);
    expect(chunks.slice(1, 6)).toEqual([
      { type: 'reasoning-start', id: 'r0' },
      { type: 'reasoning-delta', id: 'r0', delta: 'Think' },
      { type: 'reasoning-end', id: 'r0', providerMetadata: { anthropic: { signature: 'sig==' } } },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Answer' },
    ]);
  });

  it('tool calls: input start, deltas, available; tool results as outputs (an error as output-error); steps', () => {
    const chunks = toChunks([
      { type: 'step-start', step: 1 },
      { type: 'tool-call-start', index: 0, toolCallId: 'c1', toolName: 'get_weather' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'c1', inputDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'c1', inputDelta: '"Oslo"}' },
      { type: 'tool-call', index: 0, toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Oslo' }, rawInput: '{"city":"Oslo"}' },
      { type: 'tool-call', index: 0, toolCallId: 'c2', toolName: 'get_time', input: {}, rawInput: '{}' },
      { type: 'tool-result', toolCallId: 'c1', toolName: 'get_weather', output: { tempC: 3 }, isError: false },
      { type: 'tool-result', toolCallId: 'c2', toolName: 'get_time', output: 'Error: no clock', isError: true },
      { type: 'step-finish', step: 1 },
    ]).filter((c) => c.type !== 'message-metadata');
    expect(chunks).toEqual([
      { type: 'start' },
      { type: 'start-step' },
      { type: 'tool-input-start', toolCallId: 'c1', toolName: 'get_weather' },
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"city":' },
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '"Oslo"}' },
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Oslo' } },
      { type: 'tool-input-start', toolCallId: 'c2', toolName: 'get_time' },
      { type: 'tool-input-available', toolCallId: 'c2', toolName: 'get_time', input: {} },
      { type: 'tool-output-available', toolCallId: 'c1', output: { tempC: 3 } },
      { type: 'tool-output-error', toolCallId: 'c2', errorText: 'Error: no clock' },
      { type: 'finish-step' },
      { type: 'finish' },
    ]);
  });

  it('sends choice 0 only; a refusal is a text part marked as one; without metadata, no message-metadata at all', () => {
    const t = new EventsToUiChunks(false);
    const chunks = [
      ...t.start(),
      ...t.push(start),
      ...t.push({ type: 'text-delta', index: 1, text: 'other choice' }),
      ...t.push({ type: 'refusal-delta', index: 0, text: 'I cannot' }),
      ...t.push({ type: 'finish', index: 1, finishReason: 'stop', rawFinishReason: 'stop' }),
      ...t.push({ type: 'finish', index: 0, finishReason: 'content_filter', rawFinishReason: 'refusal' }),
      ...t.complete(),
    ];
    expect(chunks).toEqual([
      { type: 'start' },
      { type: 'text-start', id: 't0', providerMetadata: { rxllm: { refusal: true } } },
      { type: 'text-delta', id: 't0', delta: 'I cannot' },
      { type: 'text-end', id: 't0' },
      { type: 'finish', finishReason: 'content-filter' },
    ]);
  });

  it('a failure closes the open part, then error (with the facts as metadata); an abort, abort', () => {
    const t = new EventsToUiChunks();
    t.push({ type: 'text-delta', index: 0, text: 'par' });
    expect(t.error('RateLimitError: slow down', { name: 'RateLimitError', isRetryable: true, retryAfterMs: 1000 })).toEqual([
      { type: 'text-end', id: 't0' },
      { type: 'message-metadata', messageMetadata: { rxllm: { error: { name: 'RateLimitError', isRetryable: true, retryAfterMs: 1000 } } } },
      { type: 'error', errorText: 'RateLimitError: slow down' },
    ]);
    expect(new EventsToUiChunks().abort('stopped')).toEqual([{ type: 'abort', reason: 'stopped' }]);
  });
});

describe('UI message chunks -> GenerationEvents', () => {
  const cases: Record<string, GenerationEvent[]> = {
    'text, finish and usage': [start, { type: 'text-delta', index: 0, text: 'Hi ' }, { type: 'text-delta', index: 0, text: 'there' }, { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'end_turn', stopDetails: { type: 'end_turn' } }, { type: 'usage', usage }],
    'reasoning with a signature, redacted reasoning, text': [
      start,
      { type: 'reasoning-delta', index: 0, text: 'Let me think.' },
      { type: 'reasoning-signature', index: 0, signature: 'sig==' },
      { type: 'redacted-reasoning', index: 0, data: 'opaque' },
      { type: 'text-delta', index: 0, text: 'Done' },
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'end_turn' },
      { type: 'usage', usage },
    ],
    'a refusal': [start, { type: 'refusal-delta', index: 0, text: 'No.' }, { type: 'finish', index: 0, finishReason: 'content_filter', rawFinishReason: 'refusal' }],
    'a tool loop of two steps': [
      { type: 'step-start', step: 1 },
      start,
      { type: 'text-delta', index: 0, text: 'Checking.' },
      { type: 'tool-call-start', index: 0, toolCallId: 'c1', toolName: 'get_weather' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'c1', inputDelta: '{"city": "Oslo"}' },
      { type: 'tool-call', index: 0, toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Oslo' }, rawInput: '{"city": "Oslo"}' },
      { type: 'finish', index: 0, finishReason: 'tool_calls', rawFinishReason: 'tool_calls' },
      { type: 'usage', usage },
      { type: 'tool-result', toolCallId: 'c1', toolName: 'get_weather', output: { tempC: 3 }, isError: false },
      { type: 'step-finish', step: 1 },
      { type: 'step-start', step: 2 },
      start,
      { type: 'text-delta', index: 0, text: '3 °C' },
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' },
      { type: 'usage', usage },
      { type: 'step-finish', step: 2 },
    ],
  };

  it.each(Object.entries(cases))('round trip: %s -> the same events', (_name, events) => {
    expect(toEvents(toChunks(events))).toEqual(events);
  });

  it('from a server without rxllm metadata (the AI SDK): start and finish made up per model call, steps kept', () => {
    const chunks: UiMessageChunk[] = [
      { type: 'start', messageId: 'm1' },
      { type: 'start-step' },
      { type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' },
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"q":"rx"}' },
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'search', input: { q: 'rx' } },
      { type: 'tool-output-available', toolCallId: 'c1', output: ['a'] },
      { type: 'finish-step' },
      { type: 'start-step' },
      { type: 'text-start', id: 'x' },
      { type: 'text-delta', id: 'x', delta: 'Found a' },
      { type: 'text-end', id: 'x' },
      { type: 'finish-step' },
      { type: 'finish', finishReason: 'length' },
    ];
    const remote = { type: 'start', provider: 'remote', modelId: '/api/chat' } as const;
    expect(toEvents(chunks)).toEqual([
      { type: 'step-start', step: 1 },
      remote,
      { type: 'tool-call-start', index: 0, toolCallId: 'c1', toolName: 'search' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'c1', inputDelta: '{"q":"rx"}' },
      { type: 'tool-call', index: 0, toolCallId: 'c1', toolName: 'search', input: { q: 'rx' }, rawInput: '{"q":"rx"}' },
      { type: 'finish', index: 0, finishReason: 'tool_calls', rawFinishReason: null },
      { type: 'tool-result', toolCallId: 'c1', toolName: 'search', output: ['a'], isError: false },
      { type: 'step-finish', step: 1 },
      { type: 'step-start', step: 2 },
      remote,
      { type: 'text-delta', index: 0, text: 'Found a' },
      { type: 'finish', index: 0, finishReason: 'length', rawFinishReason: null },
      { type: 'step-finish', step: 2 },
    ]);
  });

  it('skips what rxllm has no event for (sources, files, data parts, preliminary outputs)', () => {
    const chunks = [
      { type: 'start' },
      { type: 'source-url', sourceId: 's', url: 'https://example.com' },
      { type: 'data-weather', data: { t: 1 } },
      { type: 'text-start', id: 'a' },
      { type: 'text-delta', id: 'a', delta: 'ok' },
      { type: 'finish' },
    ] as unknown as UiMessageChunk[];
    expect(toEvents(chunks).map((e) => e.type)).toEqual(['start', 'text-delta', 'finish']);
  });

  it('an error chunk: a StreamError with its text, the text so far and the server\'s retryability (only before content)', () => {
    const before = failure([{ type: 'start' }, { type: 'message-metadata', messageMetadata: { rxllm: { error: { name: 'RateLimitError', isRetryable: true, retryAfterMs: 2000, code: 'rate_limit' } } } }, { type: 'error', errorText: 'RateLimitError: slow down' }]) as StreamError;
    expect(isStreamError(before)).toBe(true);
    expect(before).toMatchObject({ message: 'RateLimitError: slow down', isRetryable: true, retryAfterMs: 2000, code: 'rate_limit', partialText: '', provider: 'remote' });
    const after = failure([{ type: 'text-start', id: 'a' }, { type: 'text-delta', id: 'a', delta: 'Half an ans' }, { type: 'error', errorText: 'An error occurred.' }]) as StreamError;
    expect(after).toMatchObject({ name: 'StreamError', message: 'An error occurred.', partialText: 'Half an ans', isRetryable: false });
  });

  it('abort: AbortError; a stream that breaks off: ConnectionError before content, StreamError with the text after', () => {
    expect(isAbortError(failure([{ type: 'abort', reason: 'server shutting down' }]))).toBe(true);
    const t = new UiChunksToEvents('remote', 'u');
    expect(isConnectionError(t.interrupted('the stream ended before the message finished'))).toBe(true);
    t.push({ type: 'text-start', id: 'a' });
    t.push({ type: 'text-delta', id: 'a', delta: 'Hel' });
    expect(t.interrupted('the stream broke')).toMatchObject({ name: 'StreamError', message: 'remote: the stream broke', partialText: 'Hel' });
  });
});
