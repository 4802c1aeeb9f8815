import { makeChoice, makeGeneration, textContent, type Generation } from '../../src/core/generation.js';
import { redactGeneration, redactGenerationEvent } from '../../src/core/redact-generation.js';
import { registerSecret } from '../../src/errors/redact.js';

const KEY = `gen-secret-${Date.now().toString(36)}-0000`;
registerSecret(KEY);

const choice = (index: number, text: string, raw: string, extra: Partial<Parameters<typeof makeChoice>[0]> = {}) =>
  makeChoice({ index, content: textContent(text), finishReason: 'stop', rawFinishReason: raw, ...extra });
const gen = (choices: ReturnType<typeof makeChoice>[], facts: { modelId?: string; requestId?: string } = {}): Generation =>
  makeGeneration(choices, { provider: 'openai.chat', modelId: facts.modelId ?? 'gpt-4o-mini', requestId: facts.requestId ?? 'req_123' });
const clean = gen([choice(0, 'Hello', 'stop')]);

describe('redactGeneration', () => {
  it('returns the same object when nothing secret shows', () => {
    expect(redactGeneration(clean)).toBe(clean);
  });

  it('redacts the server-given fields and the content of every choice: texts, reasoning, refusal, tool inputs, the message', () => {
    const g = redactGeneration(
      gen(
        [
          makeChoice({
            index: 0,
            content: [
              { type: 'reasoning', text: `think ${KEY}` },
              { type: 'text', text: `a ${KEY}` },
              { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: { q: KEY } },
            ],
            finishReason: 'stop',
            rawFinishReason: KEY,
            refusal: `no ${KEY}`,
          }),
          choice(1, `b ${KEY}`, KEY),
        ],
        { modelId: `m-${KEY}`, requestId: 'req_sk-abcdefghijkl' },
      ),
    );
    expect(g).toMatchObject({
      text: 'a [REDACTED]',
      reasoning: 'think [REDACTED]',
      refusal: 'no [REDACTED]',
      rawFinishReason: '[REDACTED]',
      modelId: 'm-[REDACTED]',
      requestId: 'req_[REDACTED]',
      toolCalls: [{ input: { q: '[REDACTED]' }, rawInput: '{"q":"[REDACTED]"}' }],
      choices: [{ text: 'a [REDACTED]' }, { text: 'b [REDACTED]', rawFinishReason: '[REDACTED]' }],
    });
    expect(JSON.stringify(g)).not.toContain(KEY);
    expect(g.message.content).toEqual(g.content);
  });

  it('leaves key-shaped words in the generated text (only registered secrets are removed there)', () => {
    const g = gen([choice(0, 'send Bearer tokenlike-value and sk-examplekey123', 'stop')]);
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
