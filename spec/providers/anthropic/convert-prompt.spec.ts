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

describe('convertToAnthropicMessages: parts', () => {
  it('assistant parts become thinking (signed), redacted_thinking, text and tool_use blocks in order; tool results a user turn', () => {
    expect(
      convertToAnthropicMessages([
        { role: 'user', content: 'Weather in Oslo?' },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Look it up.', signature: 'sig' },
            { type: 'redacted-reasoning', data: 'opaque' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'weather', input: { city: 'Oslo' } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: 'weather', output: { tempC: 3 }, isError: true }] },
      ]).messages,
    ).toEqual([
      { role: 'user', content: 'Weather in Oslo?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Look it up.', signature: 'sig' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Oslo' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"tempC":3}', is_error: true }] },
    ]);
  });

  it('tool results followed by a user message merge into one user turn (strings become text blocks)', () => {
    expect(
      convertToAnthropicMessages([
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', toolName: 'f', output: 'ok' }] },
        { role: 'user', content: 'And now?' },
      ]).messages,
    ).toEqual([{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }, { type: 'text', text: 'And now?' }] }]);
  });

  it('images as url or base64 sources', () => {
    const [m] = convertToAnthropicMessages([
      { role: 'user', content: [{ type: 'image', image: 'https://x/y.png' }, { type: 'image', image: 'data:image/gif;base64,R0lG' }] },
    ]).messages;
    expect(m!.content).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lG' } },
    ]);
  });
});
