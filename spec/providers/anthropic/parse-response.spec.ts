import { fromAnthropicResponse } from '../../../src/providers/anthropic/parse-response.js';

it('joins text blocks, normalises the stop reason, counts cache tokens as input', () => {
  const g = fromAnthropicResponse(
    {
      id: 'msg_1',
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'text', text: 'Hello' }, { type: 'tool_use' }, { type: 'text', text: ' world' }],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 1, output_tokens: 20 },
    },
    { provider: 'anthropic.messages', modelId: 'claude-haiku-4-5', requestId: 'req_1' },
  );
  expect(g).toEqual({
    text: 'Hello world',
    finishReason: 'length',
    rawFinishReason: 'max_tokens',
    usage: { inputTokens: 16, outputTokens: 20, totalTokens: 36 },
    choices: [{ index: 0, text: 'Hello world', finishReason: 'length', rawFinishReason: 'max_tokens' }],
    provider: 'anthropic.messages',
    modelId: 'claude-haiku-4-5-20251001',
    requestId: 'req_1',
  });
  expect(fromAnthropicResponse({ id: 'msg_2' }, { provider: 'p', modelId: 'm' })).toMatchObject({ text: '', requestId: 'msg_2', modelId: 'm' });
});
