import type { GenerationEvent } from '../../../src/core/stream-event.js';
import { AnthropicStreamTranslator, type AnthropicStreamEvent } from '../../../src/providers/anthropic/stream-translator.js';

describe('AnthropicStreamTranslator', () => {
  it('translates the documented event flow into start, deltas, finish and ONE usage', () => {
    const t = new AnthropicStreamTranslator({ provider: 'anthropic.messages', modelId: 'c' });
    const events = [
      ...t.push({ type: 'message_start', message: { id: 'msg_1', model: 'c-1', usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 2 } } }),
      ...t.push({ type: 'content_block_start', content_block: { type: 'text', text: '' } }),
      ...t.push({ type: 'ping' }),
      ...t.push({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'Hi' } }),
      ...t.push({ type: 'content_block_delta', delta: { type: 'input_json_delta' } }),
      ...t.push({ type: 'content_block_stop' }),
      ...t.push({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } }),
      ...t.push({ type: 'message_stop' }),
      ...t.end(),
    ];
    expect(events).toEqual([
      { type: 'start', provider: 'anthropic.messages', modelId: 'c-1', requestId: 'msg_1' },
      { type: 'text-delta', index: 0, text: 'Hi' },
      { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'end_turn' },
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19, cachedInputTokens: 2 } },
    ]);
    expect(t.partialText).toBe('Hi');
  });

  it('reports thinking tokens as reasoningTokens: the count of the last message_delta wins', () => {
    const t = new AnthropicStreamTranslator({ provider: 'a', modelId: 'c' });
    t.push({ type: 'message_start', message: { id: 'msg_1', usage: { input_tokens: 10, output_tokens: 1, output_tokens_details: { thinking_tokens: 0 } } } });
    t.push({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 90, output_tokens_details: { thinking_tokens: 61 } } });
    t.push({ type: 'message_stop' });
    expect(t.end().at(-1)).toEqual({ type: 'usage', usage: { inputTokens: 10, outputTokens: 90, totalTokens: 100, reasoningTokens: 61 } });
  });

  it('uses the header request id; finishes with other when message_stop came without a stop reason', () => {
    const t = new AnthropicStreamTranslator({ provider: 'a', modelId: 'c', requestId: 'req_h' });
    expect([...t.push({ type: 'message_start', message: { id: 'msg_x' } }), ...t.push({ type: 'message_stop' }), ...t.end()]).toEqual([
      { type: 'start', provider: 'a', modelId: 'c', requestId: 'req_h' },
      { type: 'finish', index: 0, finishReason: 'other', rawFinishReason: null },
    ]);
  });

  it('a stream that ends before message_stop is a StreamError: retryable before any text, with the partial text after', () => {
    const empty = new AnthropicStreamTranslator({ provider: 'a', modelId: 'c' });
    empty.push({ type: 'ping' });
    expect(() => empty.end()).toThrow(expect.objectContaining({ name: 'StreamError', code: 'incomplete_stream', isRetryable: true, partialText: '' }));
    const cut = new AnthropicStreamTranslator({ provider: 'a', modelId: 'c', requestId: 'req_h' });
    cut.push({ type: 'message_start', message: { id: 'msg_x' } });
    cut.push({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'Hal' } });
    expect(() => cut.end()).toThrow(expect.objectContaining({ name: 'StreamError', isRetryable: false, partialText: 'Hal', requestId: 'req_h' }));
  });
});

describe('AnthropicStreamTranslator: thinking, tool use, refusals, corrupt streams', () => {
  const run = (events: AnthropicStreamEvent[]): GenerationEvent[] => {
    const t = new AnthropicStreamTranslator({ provider: 'anthropic.messages', modelId: 'c' });
    return [...events.flatMap((e) => t.push(e)), ...t.end()];
  };
  const start: AnthropicStreamEvent = { type: 'message_start', message: { id: 'msg_1', model: 'c-1', usage: { input_tokens: 5, output_tokens: 1 } } };

  it('thinking deltas closed by a signature, redacted thinking, then a tool_use block as a tool call', () => {
    const events = run([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Look it up.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city": ' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 40 } },
      { type: 'message_stop' },
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'reasoning-delta', index: 0, text: 'Look it up.' },
      { type: 'reasoning-signature', index: 0, signature: 'sig' },
      { type: 'redacted-reasoning', index: 0, data: 'opaque' },
      { type: 'tool-call-start', index: 0, toolCallId: 'toolu_1', toolName: 'weather' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'toolu_1', inputDelta: '{"city": ' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'toolu_1', inputDelta: '"Oslo"}' },
      { type: 'tool-call', index: 0, toolCallId: 'toolu_1', toolName: 'weather', input: { city: 'Oslo' }, rawInput: '{"city": "Oslo"}' },
      { type: 'finish', index: 0, finishReason: 'tool_calls', rawFinishReason: 'tool_use' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 40, totalTokens: 45 } },
    ]);
  });

  it('the same message_start twice is ignored; a second message with another id is a StreamError', () => {
    expect(run([start, start, { type: 'message_stop' }]).map((e) => e.type)).toEqual(['start', 'finish', 'usage']);
    const spliced = { type: 'message_start', message: { id: 'msg_2' } };
    expect(() => run([start, { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f' } }, spliced])).toThrow(
      expect.objectContaining({ name: 'StreamError', code: 'spliced_stream', isRetryable: false }),
    );
  });

  it('a refusal: the explanation as refusal text, content_filter, the stop details on the finish', () => {
    const details = { type: 'refusal', category: 'cyber', explanation: 'Blocked.' };
    const events = run([start, { type: 'message_delta', delta: { stop_reason: 'refusal', stop_details: details }, usage: { output_tokens: 5 } }, { type: 'message_stop' }]);
    expect(events.slice(1, 3)).toEqual([
      { type: 'refusal-delta', index: 0, text: 'Blocked.' },
      { type: 'finish', index: 0, finishReason: 'content_filter', rawFinishReason: 'refusal', stopDetails: details },
    ]);
  });

  it('tool input cut by max_tokens is no error (the call is left incomplete); otherwise unparseable input is an InvalidOutputError', () => {
    const cut = (stop: string): AnthropicStreamEvent[] => [
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a": "unfini' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: stop }, usage: { output_tokens: 12 } },
      { type: 'message_stop' },
    ];
    expect(run(cut('max_tokens')).map((e) => e.type)).toEqual(['start', 'tool-call-start', 'tool-call-delta', 'finish', 'usage']);
    expect(() => run(cut('tool_use'))).toThrow(expect.objectContaining({ name: 'InvalidOutputError', text: '{"a": "unfini', usage: expect.objectContaining({ outputTokens: 12 }) }));
  });

  it('an error raised mid-stream carries the usage known so far', () => {
    const t = new AnthropicStreamTranslator({ provider: 'a', modelId: 'c' });
    t.push(start);
    expect(() => t.end()).toThrow(expect.objectContaining({ code: 'incomplete_stream', usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 } }));
  });
});
