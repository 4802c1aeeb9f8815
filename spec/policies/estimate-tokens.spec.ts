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

describe('estimateTokens on huge prompts: linear, bounded work', () => {
  // gpt-tokenizer's BPE merge is quadratic in the length of one pre-token (a run without spaces): 100 KB of
  // "a" took 10 s in one call. The estimate must give it only bounded pieces, and a bounded amount in all.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module estimate-tokens loads (CJS in Jest)
  const tokenizer = require('gpt-tokenizer') as { countTokens: (text: string, options?: unknown) => number };
  let pieces: number[] = [];
  let spy: jest.SpyInstance | undefined;
  const counting = (): void => {
    pieces = [];
    spy = jest.spyOn(tokenizer, 'countTokens').mockImplementation((text: string) => {
      pieces.push(text.length);
      return Math.ceil(text.length / 4);
    });
  };
  beforeAll(() => loadTokenizer());
  afterEach(() => spy?.mockRestore());

  it('never gives the tokenizer a long piece, and counts each character at most once', () => {
    counting();
    estimateTokens('a'.repeat(100_000));
    expect(Math.max(...pieces)).toBeLessThanOrEqual(1024);
    expect(pieces.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100_000);
  });

  it('the work grows linearly with the text, and stops growing past a bound', () => {
    const calls = (text: string): { calls: number; chars: number } => {
      counting();
      estimateTokens(text);
      spy?.mockRestore();
      return { calls: pieces.length, chars: pieces.reduce((a, b) => a + b, 0) };
    };
    const zh = '我们今天讨论一下这个问题的解决方案并且需要考虑性能和内存的限制';
    const small = calls(zh.repeat(1000)); // 32,000 characters
    const double = calls(zh.repeat(2000));
    expect(double.calls).toBeLessThanOrEqual(2 * small.calls + 1);
    const huge = calls('x'.repeat(4_000_000));
    expect(huge.chars).toBeLessThanOrEqual(512 * 1024); // counted exactly up to a bound, the rest extrapolated
  });

  it('stays exact for ordinary text, and close for runs without spaces', () => {
    const prose = Array.from({ length: 3000 }, (_, i) => ['The', 'estimate,', 'counted', 'in', 'pieces;', 'is', 'exact', `word${i % 97}`][i % 8]).join(' ');
    expect(estimateTokens(prose, { maxTokens: 0 })).toBe(tokenizer.countTokens(prose, { disallowedSpecial: new Set() }) + 7);
    const run = 'a'.repeat(8000);
    const exact = tokenizer.countTokens(run, { disallowedSpecial: new Set() }) + 7;
    const estimate = estimateTokens(run, { maxTokens: 0 });
    expect(estimate).toBeGreaterThanOrEqual(exact);
    expect(estimate).toBeLessThanOrEqual(exact * 1.02 + 8);
    const zh = '我们今天讨论一下这个问题的解决方案并且需要考虑性能和内存的限制'.repeat(100);
    const exactZh = tokenizer.countTokens(zh, { disallowedSpecial: new Set() }) + 7;
    expect(estimateTokens(zh, { maxTokens: 0 })).toBeGreaterThanOrEqual(exactZh);
    expect(estimateTokens(zh, { maxTokens: 0 })).toBeLessThanOrEqual(exactZh * 1.02 + 8);
  });

  it('past the exact bound, extrapolates from what it counted, never below one token per 5 bytes', () => {
    const english = 'the quick brown fox jumps over the lazy dog. '.repeat(30_000); // 1.35 MB, 10 tokens per 45 bytes
    const exact = tokenizer.countTokens(english, { disallowedSpecial: new Set() }) + 7;
    const estimate = estimateTokens(english, { maxTokens: 0 });
    expect(estimate).toBeGreaterThanOrEqual(exact);
    expect(estimate).toBeLessThanOrEqual(exact * 1.15);
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
