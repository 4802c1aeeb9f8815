import type { Generation } from '../../src/core/generation.js';
import { redactGeneration, redactGenerationEvent } from '../../src/core/redact-generation.js';
import { registerSecret } from '../../src/errors/redact.js';

const KEY = `gen-secret-${Date.now().toString(36)}-0000`;
registerSecret(KEY);

const clean: Generation = {
  text: 'Hello',
  finishReason: 'stop',
  rawFinishReason: 'stop',
  choices: [{ index: 0, text: 'Hello', finishReason: 'stop', rawFinishReason: 'stop' }],
  provider: 'openai.chat',
  modelId: 'gpt-4o-mini',
  requestId: 'req_123',
};

describe('redactGeneration', () => {
  it('returns the same object when nothing secret shows', () => {
    expect(redactGeneration(clean)).toBe(clean);
  });

  it('redacts the server-given fields and the texts of every choice', () => {
    const g = redactGeneration({
      ...clean,
      text: `a ${KEY}`,
      rawFinishReason: KEY,
      modelId: `m-${KEY}`,
      requestId: 'req_sk-abcdefghijkl',
      choices: [clean.choices[0]!, { index: 1, text: `b ${KEY}`, finishReason: 'other', rawFinishReason: KEY }],
    });
    expect(g).toEqual({
      ...clean,
      text: 'a [REDACTED]',
      rawFinishReason: '[REDACTED]',
      modelId: 'm-[REDACTED]',
      requestId: 'req_[REDACTED]',
      choices: [clean.choices[0], { index: 1, text: 'b [REDACTED]', finishReason: 'other', rawFinishReason: '[REDACTED]' }],
    });
  });

  it('leaves key-shaped words in the generated text (only registered secrets are removed there)', () => {
    const g = { ...clean, text: 'send Bearer tokenlike-value and sk-examplekey123', choices: [] };
    expect(redactGeneration(g)).toBe(g);
  });
});

describe('redactGenerationEvent', () => {
  it('redacts start and finish events, passes the others as they are', () => {
    expect(redactGenerationEvent({ type: 'start', provider: 'p', modelId: KEY, requestId: `r ${KEY}` })).toEqual({
      type: 'start', provider: 'p', modelId: '[REDACTED]', requestId: 'r [REDACTED]',
    });
    expect(redactGenerationEvent({ type: 'finish', index: 0, finishReason: 'other', rawFinishReason: KEY })).toEqual({
      type: 'finish', index: 0, finishReason: 'other', rawFinishReason: '[REDACTED]',
    });
    for (const e of [
      { type: 'text-delta' as const, index: 0, text: KEY },
      { type: 'usage' as const, usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } },
      { type: 'start' as const, provider: 'p', modelId: 'm' },
      { type: 'finish' as const, index: 0, finishReason: 'stop' as const, rawFinishReason: null },
    ]) {
      expect(redactGenerationEvent(e)).toBe(e);
    }
  });
});
