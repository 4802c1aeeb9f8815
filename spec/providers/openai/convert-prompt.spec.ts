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
