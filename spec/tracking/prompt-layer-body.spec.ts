import { makeChoice, makeGeneration, textContent, type Generation } from '../../src/core/generation.js';
import { promptLayerFunctionName, toPromptLayerBody } from '../../src/tracking/prompt-layer-body.js';

const hello = (rawFinishReason: string) => makeChoice({ index: 0, content: textContent('Hello'), finishReason: 'stop', rawFinishReason });
const generation: Generation = makeGeneration([hello('end_turn')], {
  usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
  provider: 'anthropic.messages',
  modelId: 'claude-haiku-4-5',
  requestId: 'req_1',
});
const call = (provider: string) => ({ callId: 'c1', provider, modelId: 'm', stream: false, tags: ['call-tag'] });

describe('toPromptLayerBody', () => {
  it('names the function PromptLayer parses by provider', () => {
    expect(promptLayerFunctionName('openai.chat')).toBe('openai.ChatCompletion.create');
    expect(promptLayerFunctionName('openai.completion')).toBe('openai.Completion.create');
    expect(promptLayerFunctionName('anthropic.messages')).toBe('anthropic.messages.create');
    expect(promptLayerFunctionName('fake')).toBe('openai.ChatCompletion.create');
  });

  it('OpenAI chat: kwargs with messages, an OpenAI-format response, times in seconds, tags, api_key', () => {
    const body = toPromptLayerBody({
      call: call('openai.chat'),
      input: [{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }],
      settings: { temperature: 0, maxTokens: 9, stop: 'x', providerOptions: { seed: 1 } },
      startedAt: 1_700_000_000_000,
      generation: { ...generation, provider: 'openai.chat', choices: [hello('stop')] },
      endedAt: 1_700_000_001_500,
      apiKey: 'pl_key',
      tags: ['sink-tag', 'call-tag'],
    });
    expect(body).toEqual({
      function_name: 'openai.ChatCompletion.create',
      kwargs: { model: 'm', messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }], temperature: 0, max_tokens: 9, stop: ['x'], seed: 1 },
      request_response: {
        id: 'req_1',
        object: 'chat.completion',
        model: 'claude-haiku-4-5',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      },
      request_start_time: 1_700_000_000,
      request_end_time: 1_700_000_001.5,
      tags: ['sink-tag', 'call-tag'],
      api_key: 'pl_key',
    });
  });

  it('legacy completions send engine and prompt; Anthropic sends system and its own response format', () => {
    const base = { input: 'P', settings: {}, startedAt: 0, generation, endedAt: 0, apiKey: 'k', tags: [] };
    const completion = toPromptLayerBody({ ...base, call: call('openai.completion') });
    expect(completion.kwargs).toEqual({ engine: 'm', model: 'm', prompt: 'P' });
    expect(completion.request_response).toMatchObject({ object: 'text_completion', choices: [{ index: 0, text: 'Hello', finish_reason: 'end_turn' }] });
    const anthropic = toPromptLayerBody({ ...base, input: [{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }], call: call('anthropic.messages') });
    expect(anthropic.kwargs).toEqual({ model: 'm', system: 'S', messages: [{ role: 'user', content: 'U' }] });
    expect(anthropic.request_response).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Hello' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 3, output_tokens: 2 },
    });
  });
});
