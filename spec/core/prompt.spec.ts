import { normalizePrompt, promptToText } from '../../src/core/prompt.js';
import { InvalidArgumentError } from '../../src/errors/index.js';

describe('normalizePrompt', () => {
  it('turns a string into one user message', () => {
    expect(normalizePrompt('hi')).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('keeps a valid message list', () => {
    const msgs = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
    ] as const;
    expect(normalizePrompt(msgs)).toEqual(msgs);
  });

  it.each([
    [null, 'input'],
    [42, 'input'],
    [{}, 'input'],
    [[], 'input'],
    [[{ role: 'robot', content: 'x' }], 'input[0].role'],
    [[{ role: 'user', content: 5 }], 'input[0].content'],
    [['x'], 'input[0]'],
  ])('rejects %p naming %s', (bad, arg) => {
    try {
      normalizePrompt(bad);
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect((e as InvalidArgumentError).argument).toBe(arg);
    }
  });

  it('promptToText joins message contents', () => {
    expect(promptToText([{ role: 'system', content: 'a' }, { role: 'user', content: 'b' }])).toBe('a\n\nb');
  });
});
