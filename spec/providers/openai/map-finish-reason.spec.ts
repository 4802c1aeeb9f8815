import { mapOpenAIFinishReason } from '../../../src/providers/openai/map-finish-reason.js';

it.each([
  ['stop', 'stop'],
  ['length', 'length'],
  ['content_filter', 'content_filter'],
  ['tool_calls', 'tool_calls'],
  ['function_call', 'tool_calls'],
  ['eos', 'stop'],
  [null, 'other'],
  [undefined, 'other'],
  ['something_new', 'other'],
])('mapOpenAIFinishReason(%p) = %p', (raw, expected) => {
  expect(mapOpenAIFinishReason(raw)).toBe(expected);
});
