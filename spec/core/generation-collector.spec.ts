import { GenerationCollector } from '../../src/core/generation-collector.js';

it('builds the Generation a stream amounts to and reports the first token', () => {
  const c = new GenerationCollector('openai.chat', 'm');
  expect(c.push({ type: 'start', provider: 'openai.chat', modelId: 'm-1', requestId: 'r' })).toBe(false);
  expect(c.push({ type: 'text-delta', index: 0, text: 'He' })).toBe(true);
  expect(c.push({ type: 'text-delta', index: 1, text: 'X' })).toBe(false);
  expect(c.push({ type: 'text-delta', index: 0, text: 'llo' })).toBe(false);
  c.push({ type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' });
  c.push({ type: 'finish', index: 1, finishReason: 'length', rawFinishReason: 'length' });
  c.push({ type: 'usage', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } });
  expect(c.result()).toEqual({
    text: 'Hello',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    choices: [
      { index: 0, text: 'Hello', finishReason: 'stop', rawFinishReason: 'stop' },
      { index: 1, text: 'X', finishReason: 'length', rawFinishReason: 'length' },
    ],
    provider: 'openai.chat',
    modelId: 'm-1',
    requestId: 'r',
  });
  expect(new GenerationCollector('p', 'm').result()).toMatchObject({ text: '', finishReason: 'other', choices: [{ index: 0 }] });
});
