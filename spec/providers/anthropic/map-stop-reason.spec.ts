import { mapAnthropicStopReason } from '../../../src/providers/anthropic/map-stop-reason.js';

it.each([
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['tool_use', 'tool_calls'],
  ['refusal', 'content_filter'],
  ['pause_turn', 'other'],
  [null, 'other'],
])('mapAnthropicStopReason(%p) = %p', (raw, expected) => {
  expect(mapAnthropicStopReason(raw)).toBe(expected);
});
