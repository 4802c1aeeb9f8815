import { planReply, seededReplyText } from '../../src/simulator/reply-text.js';
import { countTokens, tokenize } from '../../src/simulator/tokenizer.js';

describe('tokenize', () => {
  it('splits words and punctuation with their leading space; the tokens add up to the text', () => {
    expect(tokenize('Hello, world!')).toEqual(['Hello', ',', ' world', '!']);
    expect(tokenize("  it's 42 ")).toEqual(["  it's", ' 42', ' ']);
    expect(tokenize('')).toEqual([]);
    for (const text of ['Héllo wörld 👋 ok', 'a\n\nb\tc', '...', ' x', 'emoji🎉end']) {
      expect(tokenize(text).join('')).toBe(text);
    }
    expect(countTokens('one two three')).toBe(3);
  });
});

describe('seededReplyText', () => {
  it('is deterministic per seed, and differs between seeds', () => {
    expect(seededReplyText('a')).toBe(seededReplyText('a'));
    expect(seededReplyText('a')).not.toBe(seededReplyText('b'));
    const tokens = countTokens(seededReplyText('anything'));
    expect(tokens).toBeGreaterThanOrEqual(10);
    expect(tokens).toBeLessThanOrEqual(60);
  });
});

describe('planReply', () => {
  const text = 'Alpha beta gamma. Delta epsilon';

  it('keeps the whole text when nothing cuts it', () => {
    expect(planReply(text, undefined, [])).toMatchObject({ text, finish: 'natural', stopSequence: null });
    expect(planReply(text, 100, [])).toMatchObject({ text, finish: 'natural' });
  });

  it('cuts at max tokens with finish length', () => {
    expect(planReply(text, 2, [])).toEqual({ text: 'Alpha beta', tokens: ['Alpha', ' beta'], finish: 'length', stopSequence: null });
  });

  it('cuts before the earliest stop sequence, if it completes within max tokens', () => {
    expect(planReply(text, undefined, ['epsilon', '.'])).toMatchObject({ text: 'Alpha beta gamma', finish: 'stop', stopSequence: '.' });
    expect(planReply(text, 4, ['.'])).toMatchObject({ text: 'Alpha beta gamma', finish: 'stop' });
    expect(planReply(text, 3, ['.'])).toMatchObject({ text: 'Alpha beta gamma', finish: 'length' });
    expect(planReply(text, undefined, ['', 'zzz'])).toMatchObject({ finish: 'natural' });
  });
});
