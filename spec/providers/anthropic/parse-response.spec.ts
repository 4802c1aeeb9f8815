import { fromAnthropicResponse } from '../../../src/providers/anthropic/parse-response.js';

it('joins text blocks (server tool blocks are passed over), normalises the stop reason, counts cache tokens as input and thinking tokens as reasoning', () => {
  const g = fromAnthropicResponse(
    {
      id: 'msg_1',
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'text', text: 'Hello' }, { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }, { type: 'text', text: ' world' }],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 1, output_tokens: 20, output_tokens_details: { thinking_tokens: 4 } },
    },
    { provider: 'anthropic.messages', modelId: 'claude-haiku-4-5', requestId: 'req_1' },
  );
  const choice = {
    text: 'Hello world',
    finishReason: 'length',
    rawFinishReason: 'max_tokens',
    content: [{ type: 'text', text: 'Hello world' }],
    toolCalls: [],
    reasoning: '',
  };
  expect(g).toEqual({
    ...choice,
    usage: { inputTokens: 16, outputTokens: 20, totalTokens: 36, cachedInputTokens: 5, cacheWriteInputTokens: 1, reasoningTokens: 4 },
    choices: [{ index: 0, ...choice }],
    provider: 'anthropic.messages',
    modelId: 'claude-haiku-4-5-20251001',
    requestId: 'req_1',
    message: { role: 'assistant', content: [{ type: 'text', text: 'Hello world' }] },
  });
  expect(fromAnthropicResponse({ id: 'msg_2' }, { provider: 'p', modelId: 'm' })).toMatchObject({ text: '', requestId: 'msg_2', modelId: 'm' });
});
