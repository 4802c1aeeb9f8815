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

  it('tools with input_schema and tool_choice (required is any, a name is tool)', () => {
    const tools = [{ name: 'weather', description: 'Now', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }];
    const body = (toolChoice?: 'auto' | 'none' | 'required' | { toolName: string }) =>
      toAnthropicBody('c', [{ role: 'user', content: 'U' }], { tools, ...(toolChoice ? { toolChoice } : {}) }, { stream: false });
    expect(body()).toMatchObject({ tools: [{ name: 'weather', description: 'Now', input_schema: tools[0]!.inputSchema }] });
    expect(body()).not.toHaveProperty('tool_choice');
    expect(body('auto').tool_choice).toEqual({ type: 'auto' });
    expect(body('none').tool_choice).toEqual({ type: 'none' });
    expect(body('required').tool_choice).toEqual({ type: 'any' });
    expect(body({ toolName: 'weather' }).tool_choice).toEqual({ type: 'tool', name: 'weather' });
  });

  it('reasoning turns thinking on with a budget; max_tokens must exceed it (unset: budget + 1024)', () => {
    const u = [{ role: 'user' as const, content: 'U' }];
    expect(toAnthropicBody('c', u, { reasoning: { budgetTokens: 2048 } }, { stream: false })).toMatchObject({ max_tokens: 3072, thinking: { type: 'enabled', budget_tokens: 2048 } });
    expect(toAnthropicBody('c', u, { reasoning: { effort: 'high' }, maxTokens: 30000 }, { stream: false })).toMatchObject({ max_tokens: 30000, thinking: { budget_tokens: 24576 } });
    expect(toAnthropicBody('c', u, { reasoning: {} }, { stream: false })).toMatchObject({ thinking: { budget_tokens: 4096 } });
    expect(() => toAnthropicBody('c', u, { reasoning: { budgetTokens: 2048 }, maxTokens: 2048 }, { stream: false })).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', argument: 'maxTokens' }),
    );
  });
});
