import { convertToOpenAIMessages } from '../../../src/providers/openai/convert-prompt.js';

it('passes messages through one to one, as copies', () => {
  const input = [
    { role: 'system' as const, content: 'S' },
    { role: 'user' as const, content: 'a' },
    { role: 'user' as const, content: 'b' },
  ];
  const out = convertToOpenAIMessages(input);
  expect(out).toEqual(input);
  expect(out[0]).not.toBe(input[0]);
});

describe('parts', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

  it('user parts: text and images (URLs as they are, bytes as data URLs)', () => {
    expect(
      convertToOpenAIMessages([
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', image: 'https://x/y.jpg' }, { type: 'image', image: png }] },
      ]),
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://x/y.jpg' } },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(png).toString('base64')}` } },
        ],
      },
    ]);
  });

  it('an assistant turn with tool calls, then one tool message per result (non-string output as JSON); reasoning is not sent back', () => {
    expect(
      convertToOpenAIMessages([
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Two lookups.' },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: { city: 'Oslo' } },
            { type: 'tool-call', toolCallId: 'call_2', toolName: 'time', input: {} },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', output: { tempC: 3 } },
            { type: 'tool-result', toolCallId: 'call_2', toolName: 'time', output: '12:00', isError: false },
          ],
        },
      ]),
    ).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_2', type: 'function', function: { name: 'time', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"tempC":3}' },
      { role: 'tool', tool_call_id: 'call_2', content: '12:00' },
    ]);
  });

  it('an assistant turn with text and a tool call keeps the text', () => {
    const [m] = convertToOpenAIMessages([
      { role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: { a: 1 } }] },
    ]);
    expect(m).toEqual({ role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] });
  });

  it('bytes of an unknown image format need a mediaType', () => {
    expect(() => convertToOpenAIMessages([{ role: 'user', content: [{ type: 'image', image: new Uint8Array([1, 2, 3]) }] }])).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', argument: 'input[0].content[0].mediaType' }),
    );
    const [m] = convertToOpenAIMessages([{ role: 'user', content: [{ type: 'image', image: new Uint8Array([1, 2, 3]), mediaType: 'image/heic' }] }]);
    expect(m).toEqual({ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/heic;base64,AQID' } }] });
  });
});
