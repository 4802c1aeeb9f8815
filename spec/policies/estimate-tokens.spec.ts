import { InvalidArgumentError } from '../../src/errors/index.js';
import { DEFAULT_COMPLETION_TOKENS, estimateTokens, loadTokenizer } from '../../src/policies/estimate-tokens.js';

describe('estimateTokens', () => {
  beforeAll(() => loadTokenizer());

  it('counts the prompt with a real tokenizer, plus framing, plus the completion budget', () => {
    // "Hello, how are you?" is 6 o200k tokens: Hello | , | how | are | you | ?
    expect(estimateTokens('Hello, how are you?', { maxTokens: 100 })).toBe(6 + 4 + 3 + 100);
    expect(estimateTokens('Hello, how are you?')).toBe(6 + 4 + 3 + DEFAULT_COMPLETION_TOKENS);
    expect(estimateTokens('', { defaultCompletionTokens: 0 })).toBe(7);
    const chat = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Hello, how are you?' },
    ];
    expect(estimateTokens(chat, { maxTokens: 10 })).toBe(estimateTokens('Be brief.', { maxTokens: 0 }) + 4 + 6 + 10);
  });

  it('grows with the text (a real BPE count, not characters / 4)', () => {
    const words = 'the quick brown fox jumps over the lazy dog '.repeat(100).trimEnd();
    const n = estimateTokens(words, { maxTokens: 0 }) - 7;
    expect(n).toBe(900); // 9 single-token words, 100 times
    expect(estimateTokens('<|endoftext|>', { maxTokens: 0 })).toBeGreaterThan(7); // special tokens count as text
  });

  it('rejects invalid prompts and options with InvalidArgumentError', () => {
    expect(() => estimateTokens(42 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => estimateTokens([])).toThrow(InvalidArgumentError);
    expect(() => estimateTokens('x', { maxTokens: -1 })).toThrow(InvalidArgumentError);
  });
});

describe('estimateTokens before the tokenizer has loaded', () => {
  it('is not loaded by importing rxllm', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the entry point afresh
      require('../../src/index.js');
      expect(Object.keys(require.cache).some((k) => k.includes('gpt-tokenizer'))).toBe(false);
    });
  });
});
