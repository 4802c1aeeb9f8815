import { toOpenAIChatBody } from '../../../src/providers/openai/chat-body.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('toOpenAIChatBody', () => {
  it('maps settings to OpenAI fields; generate sends no stream fields', () => {
    expect(toOpenAIChatBody('m', messages, { temperature: 0, maxTokens: 5, topP: 0.9, n: 2, stop: 'x' }, { stream: false })).toEqual({
      model: 'm',
      messages,
      temperature: 0,
      max_tokens: 5,
      top_p: 0.9,
      n: 2,
      stop: ['x'],
    });
  });

  it('streams ask for usage unless compatible', () => {
    expect(toOpenAIChatBody('m', messages, {}, { stream: true })).toEqual({ model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    expect(toOpenAIChatBody('m', messages, {}, { stream: true, compatible: true })).toEqual({ model: 'm', messages, stream: true });
  });

  it('providerOptions pass through and may override settings but not model, messages or stream', () => {
    const body = toOpenAIChatBody('m', messages, { maxTokens: 5, providerOptions: { seed: 7, max_tokens: 9, model: 'x', stream_options: null } }, { stream: true });
    expect(body).toMatchObject({ seed: 7, max_tokens: 9, model: 'm', stream: true, stream_options: null });
  });
});
