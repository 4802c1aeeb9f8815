import { fromOpenAIChatResponse } from '../../../src/providers/openai/parse-chat-response.js';

const info = { provider: 'openai.chat', modelId: 'gpt-4o-mini' };

describe('fromOpenAIChatResponse', () => {
  it('builds a Generation with every choice in index order', () => {
    const g = fromOpenAIChatResponse(
      {
        id: 'chatcmpl-1',
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          { index: 1, message: { content: 'B' }, finish_reason: 'length' },
          { index: 0, message: { content: 'A' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 4 },
      },
      { ...info, requestId: 'req_9' },
    );
    expect(g).toEqual({
      text: 'A',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      choices: [
        { index: 0, text: 'A', finishReason: 'stop', rawFinishReason: 'stop' },
        { index: 1, text: 'B', finishReason: 'length', rawFinishReason: 'length' },
      ],
      provider: 'openai.chat',
      modelId: 'gpt-4o-mini-2024-07-18',
      requestId: 'req_9',
    });
  });

  it('falls back to the response id, the requested model, empty text; no usage when none was reported', () => {
    const g = fromOpenAIChatResponse({ id: 'chatcmpl-2', choices: [{ message: { content: null }, finish_reason: null }] }, info);
    expect(g).toMatchObject({ text: '', finishReason: 'other', rawFinishReason: null, modelId: 'gpt-4o-mini', requestId: 'chatcmpl-2' });
    expect(g).not.toHaveProperty('usage');
    expect(fromOpenAIChatResponse({}, info).choices).toHaveLength(1);
  });
});
