import { OpenAIStreamTranslator } from '../../../src/providers/openai/stream-translator.js';

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
