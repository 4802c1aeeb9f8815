import type { GenerationEvent } from '../../../src/core/stream-event.js';
import { OpenAIStreamTranslator, type OpenAIStreamChunk } from '../../../src/providers/openai/stream-translator.js';

describe('OpenAIStreamTranslator', () => {
  it('start on the first chunk, deltas, finish per choice, usage last', () => {
    const t = new OpenAIStreamTranslator({ provider: 'openai.chat', modelId: 'm', requestId: 'r', n: 1 });
    expect(t.push({ model: 'm-2024', choices: [{ index: 0, delta: { content: '' } }] })).toEqual([{ type: 'start', provider: 'openai.chat', modelId: 'm-2024', requestId: 'r' }]);
    expect(t.push({ choices: [{ index: 0, delta: { content: 'Hi' } }] })).toEqual([{ type: 'text-delta', index: 0, text: 'Hi' }]);
    expect(t.contentStarted).toBe(true);
    expect(t.push({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })).toEqual([{ type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' }]);
    expect(t.push({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2 } })).toEqual([]);
    expect(t.end()).toEqual([{ type: 'usage', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } }]);
    expect(t.partialText).toBe('Hi');
  });

  it('reads legacy completion chunks; closes unfinished choices; no usage when none came', () => {
    const t = new OpenAIStreamTranslator({ provider: 'openai.completion', modelId: 'm', n: 2 });
    const events = [...t.push({ choices: [{ index: 0, text: 'x' }] }), ...t.end()];
    expect(events).toEqual([
      { type: 'start', provider: 'openai.completion', modelId: 'm' },
      { type: 'text-delta', index: 0, text: 'x' },
      { type: 'finish', index: 0, finishReason: 'other', rawFinishReason: null },
      { type: 'finish', index: 1, finishReason: 'other', rawFinishReason: null },
    ]);
  });

  it('an empty stream still starts and finishes', () => {
    const t = new OpenAIStreamTranslator({ provider: 'p', modelId: 'm', n: 1 });
    expect(t.end().map((e) => e.type)).toEqual(['start', 'finish']);
  });
});

describe('OpenAIStreamTranslator: tool calls, reasoning, refusals', () => {
  const translate = (chunks: OpenAIStreamChunk[], n = 1): GenerationEvent[] => {
    const t = new OpenAIStreamTranslator({ provider: 'openai.chat', modelId: 'm', n });
    return [...chunks.flatMap((c) => t.push(c)), ...t.end()];
  };

  it('parallel tool calls keep their own ids; inputs stream as deltas and parse when the choice finishes', () => {
    const events = translate([
      { model: 'm-1', choices: [{ delta: { tool_calls: [{ index: 0, id: 'call_a', function: { name: 'weather', arguments: '' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 1, id: 'call_b', function: { name: 'time', arguments: '{}' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] } }] },
      { choices: [{ delta: {}, finish_reason: 'tool_calls' }] },
    ]);
    expect(events).toEqual([
      { type: 'start', provider: 'openai.chat', modelId: 'm-1' },
      { type: 'tool-call-start', index: 0, toolCallId: 'call_a', toolName: 'weather' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'call_a', inputDelta: '{"city":' },
      { type: 'tool-call-start', index: 0, toolCallId: 'call_b', toolName: 'time' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'call_b', inputDelta: '{}' },
      { type: 'tool-call-delta', index: 0, toolCallId: 'call_a', inputDelta: '"Oslo"}' },
      { type: 'tool-call', index: 0, toolCallId: 'call_a', toolName: 'weather', input: { city: 'Oslo' }, rawInput: '{"city":"Oslo"}' },
      { type: 'tool-call', index: 0, toolCallId: 'call_b', toolName: 'time', input: {}, rawInput: '{}' },
      { type: 'finish', index: 0, finishReason: 'tool_calls', rawFinishReason: 'tool_calls' },
    ]);
  });

  it('reasoning_content (compatible servers) streams as reasoning; a refusal finishes with content_filter', () => {
    const events = translate([
      { model: 'm', choices: [{ delta: { reasoning_content: 'Hmm.' } }] },
      { choices: [{ delta: { refusal: "I can't" } }] },
      { choices: [{ delta: { refusal: ' do that.' }, finish_reason: 'stop' }] },
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'reasoning-delta', index: 0, text: 'Hmm.' },
      { type: 'refusal-delta', index: 0, text: "I can't" },
      { type: 'refusal-delta', index: 0, text: ' do that.' },
      { type: 'finish', index: 0, finishReason: 'content_filter', rawFinishReason: 'stop' },
    ]);
  });

  it('waits for a chunk that names the model or carries a choice before start (Azure model router)', () => {
    const events = translate([{ id: '', model: '', choices: [] }, { id: 'chatcmpl-1', model: 'gpt-4.1-nano', choices: [{ delta: { content: 'Hi' } }] }]);
    expect(events[0]).toEqual({ type: 'start', provider: 'openai.chat', modelId: 'gpt-4.1-nano', requestId: 'chatcmpl-1' });
  });

  it('arguments that do not parse: an InvalidOutputError, unless the output was cut by the token limit (then no tool-call)', () => {
    const bad = (finish: string) => [
      { model: 'm', choices: [{ delta: { tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a": 1' } }] } }] },
      { choices: [{ delta: {}, finish_reason: finish }] },
    ];
    expect(() => translate(bad('tool_calls'))).toThrow(expect.objectContaining({ name: 'InvalidOutputError', text: '{"a": 1' }));
    // The error comes at the end of the stream, with the usage the last chunk reports; the choice gets no finish.
    const t = new OpenAIStreamTranslator({ provider: 'openai.chat', modelId: 'm', n: 1 });
    const seen = bad('tool_calls').flatMap((chunk) => t.push(chunk));
    expect(seen.map((e) => e.type)).toEqual(['start', 'tool-call-start', 'tool-call-delta']);
    t.push({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } });
    expect(() => t.end()).toThrow(expect.objectContaining({ name: 'InvalidOutputError', usage: { inputTokens: 9, outputTokens: 4, totalTokens: 13 } }));
    const cut = translate(bad('length'));
    expect(cut.map((e) => e.type)).toEqual(['start', 'tool-call-start', 'tool-call-delta', 'finish']);
  });

  it('usage with the server total and details', () => {
    const events = translate([{ model: 'm', choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 20, completion_tokens_details: { reasoning_tokens: 4 } } }]);
    expect(events.at(-1)).toEqual({ type: 'usage', usage: { inputTokens: 5, outputTokens: 7, totalTokens: 20, reasoningTokens: 4 } });
  });
});
