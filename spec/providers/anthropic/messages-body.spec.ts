import { ANTHROPIC_DEFAULT_MAX_TOKENS, toAnthropicBody } from '../../../src/providers/anthropic/messages-body.js';

describe('toAnthropicBody', () => {
  it('always sends max_tokens (1024 by default), system separately, stop as stop_sequences', () => {
    expect(ANTHROPIC_DEFAULT_MAX_TOKENS).toBe(1024);
    expect(
      toAnthropicBody('c', [{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }], { temperature: 0.2, topP: 0.5, stop: 'END' }, { stream: false }),
    ).toEqual({ model: 'c', max_tokens: 1024, system: 'S', messages: [{ role: 'user', content: 'U' }], temperature: 0.2, top_p: 0.5, stop_sequences: ['END'] });
  });

  it('maxTokens, stream and providerOptions', () => {
    expect(toAnthropicBody('c', [{ role: 'user', content: 'U' }], { maxTokens: 50, providerOptions: { top_k: 5 } }, { stream: true })).toEqual({
      model: 'c',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'U' }],
      top_k: 5,
      stream: true,
    });
  });
});
