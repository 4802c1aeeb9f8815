import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error.js';
import { convertToAnthropicMessages } from '../../../src/providers/anthropic/convert-prompt.js';

describe('convertToAnthropicMessages', () => {
  it('moves system messages (wherever they are) to system, joined by blank lines', () => {
    expect(
      convertToAnthropicMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Use English.' },
        { role: 'assistant', content: 'Hello' },
      ]),
    ).toEqual({ system: 'Be brief.\n\nUse English.', messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }] });
  });

  it('merges consecutive messages with the same role', () => {
    expect(
      convertToAnthropicMessages([
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: 'c' },
        { role: 'system', content: 's' },
        { role: 'assistant', content: 'd' },
      ]).messages,
    ).toEqual([{ role: 'user', content: 'a\n\nb' }, { role: 'assistant', content: 'c\n\nd' }]);
  });

  it('has no system field without system messages; needs one non-system message', () => {
    expect(convertToAnthropicMessages([{ role: 'user', content: 'x' }])).toEqual({ messages: [{ role: 'user', content: 'x' }] });
    expect(() => convertToAnthropicMessages([{ role: 'system', content: 's' }])).toThrow(InvalidArgumentError);
  });
});
