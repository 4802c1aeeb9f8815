import { toOpenAIChatBody } from '../../../src/providers/openai/chat-body.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('toOpenAIChatBody', () => {
  it('maps settings to OpenAI fields (maxTokens as max_completion_tokens); generate sends no stream fields', () => {
    expect(toOpenAIChatBody('m', messages, { temperature: 0, maxTokens: 5, topP: 0.9, n: 2, stop: 'x' }, { stream: false })).toEqual({
      model: 'm',
      messages,
      temperature: 0,
      max_completion_tokens: 5,
      top_p: 0.9,
      n: 2,
      stop: ['x'],
    });
  });

  it('compatible servers get max_tokens (many do not know max_completion_tokens)', () => {
    expect(toOpenAIChatBody('m', messages, { maxTokens: 5 }, { stream: false, compatible: true })).toEqual({ model: 'm', messages, max_tokens: 5 });
  });

  it('tools, tool choice and reasoning effort', () => {
    const tools = [{ name: 'get_weather', description: 'Weather now', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }];
    expect(toOpenAIChatBody('m', messages, { tools, toolChoice: { toolName: 'get_weather' }, reasoning: { effort: 'low' } }, { stream: false })).toEqual({
      model: 'm',
      messages,
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: tools[0]!.inputSchema } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      reasoning_effort: 'low',
    });
    expect(toOpenAIChatBody('m', messages, { tools, toolChoice: 'required' }, { stream: false })).toMatchObject({ tool_choice: 'required' });
  });

  it('streams ask for usage unless compatible', () => {
    expect(toOpenAIChatBody('m', messages, {}, { stream: true })).toEqual({ model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    expect(toOpenAIChatBody('m', messages, {}, { stream: true, compatible: true })).toEqual({ model: 'm', messages, stream: true });
  });

  it('providerOptions pass through and may override settings but not model, messages or stream', () => {
    const body = toOpenAIChatBody('m', messages, { maxTokens: 5, providerOptions: { seed: 7, max_completion_tokens: 9, model: 'x', stream_options: null } }, { stream: true });
    expect(body).toMatchObject({ seed: 7, max_completion_tokens: 9, model: 'm', stream: true, stream_options: null });
  });
});
