import { AnthropicStreamTranslator } from '../../../src/providers/anthropic/stream-translator.js';

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
