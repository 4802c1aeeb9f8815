import { InvalidOutputError } from '../../../src/errors/invalid-output-error.js';
import { fromOpenAIChatResponse } from '../../../src/providers/openai/parse-chat-response.js';

const info = { provider: 'openai.chat', modelId: 'gpt-4o-mini' };
const textChoice = (index: number, text: string, finish: string) => ({
  index,
  text,
  finishReason: finish,
  rawFinishReason: finish,
  content: [{ type: 'text', text }],
  toolCalls: [],
  reasoning: '',
});

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
    const { index: _index, ...first } = textChoice(0, 'A', 'stop');
    expect(g).toEqual({
      ...first,
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      choices: [textChoice(0, 'A', 'stop'), textChoice(1, 'B', 'length')],
      provider: 'openai.chat',
      modelId: 'gpt-4o-mini-2024-07-18',
      requestId: 'req_9',
      message: { role: 'assistant', content: [{ type: 'text', text: 'A' }] },
    });
  });

  it('falls back to the response id, the requested model, empty text; no usage when none was reported', () => {
    const g = fromOpenAIChatResponse({ id: 'chatcmpl-2', choices: [{ message: { content: null }, finish_reason: null }] }, info);
    expect(g).toMatchObject({ text: '', finishReason: 'other', rawFinishReason: null, modelId: 'gpt-4o-mini', requestId: 'chatcmpl-2', content: [] });
    expect(g).not.toHaveProperty('usage');
    expect(fromOpenAIChatResponse({}, info).choices).toHaveLength(1);
  });

  it('reads tool calls (arguments parsed, raw text kept), reasoning of compatible servers and usage details', () => {
    const g = fromOpenAIChatResponse(
      {
        choices: [
          {
            message: {
              content: null,
              reasoning_content: 'The user wants weather.',
              tool_calls: [
                { id: 'call_a', function: { name: 'get_weather', arguments: '{"city": "Oslo"}' } },
                { id: 'call_b', function: { name: 'get_time', arguments: '' } },
              ],
            },
            finish_reason: 'tool_calls',
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 30, total_tokens: 45, prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 20 } },
      },
      info,
    );
    expect(g.finishReason).toBe('tool_calls');
    expect(g.reasoning).toBe('The user wants weather.');
    expect(g.toolCalls).toEqual([
      { toolCallId: 'call_a', toolName: 'get_weather', input: { city: 'Oslo' }, rawInput: '{"city": "Oslo"}' },
      { toolCallId: 'call_b', toolName: 'get_time', input: {}, rawInput: '' },
    ]);
    expect(g.content.map((p) => p.type)).toEqual(['reasoning', 'tool-call', 'tool-call']);
    expect(g.usage).toEqual({ inputTokens: 10, outputTokens: 30, totalTokens: 45, cachedInputTokens: 8, reasoningTokens: 20 });
  });

  it('a refusal finishes with content_filter, never a plain stop', () => {
    const g = fromOpenAIChatResponse({ choices: [{ message: { content: null, refusal: "I can't help with that." }, finish_reason: 'stop' }] }, info);
    expect(g).toMatchObject({ refusal: "I can't help with that.", finishReason: 'content_filter', rawFinishReason: 'stop', text: '' });
  });

  it('arguments that do not parse are an InvalidOutputError, unless the output was cut by the token limit', () => {
    const bad = {
      choices: [{ message: { tool_calls: [{ id: 'call_a', function: { name: 'f', arguments: '{"city": "Os' } }] }, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 20, completion_tokens: 6, total_tokens: 26 },
    };
    expect(() => fromOpenAIChatResponse(bad, info)).toThrow(InvalidOutputError);
    expect(() => fromOpenAIChatResponse(bad, info)).toThrow(
      expect.objectContaining({ text: '{"city": "Os', code: 'invalid_tool_input', usage: { inputTokens: 20, outputTokens: 6, totalTokens: 26 } }),
    );
    const cut = { choices: [{ ...bad.choices[0]!, finish_reason: 'length' }] };
    expect(fromOpenAIChatResponse(cut, info)).toMatchObject({ finishReason: 'length', toolCalls: [], content: [] });
  });
});
