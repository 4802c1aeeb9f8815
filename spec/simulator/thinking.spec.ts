import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import { countTokens } from '../../src/simulator/tokenizer.js';
import { anthropicFor, eventsOf, post, rejectionOf, useSimulatorClients, type AnthropicApiError } from './sim-fixture.js';

const model = 'claude-sonnet-4-6';
const thinking = { type: 'enabled' as const, budget_tokens: 1024 };
const tools: Anthropic.Tool[] = [{ name: 'get_weather', input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }];
const ask = (content: string): Anthropic.MessageParam[] => [{ role: 'user', content }];
const message = (e: unknown): string => ((e as AnthropicApiError).error as { error: { message: string } }).error.message;

describe('simulator: Anthropic extended thinking', () => {
  const { sim, anthropic } = useSimulatorClients();

  it('answers with a signed thinking block first, counted in output_tokens', async () => {
    const data = await anthropic().messages.create({ model, max_tokens: 2000, thinking, messages: ask('Why is the sky blue?') });
    expect(data.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    const block = data.content[0] as Anthropic.ThinkingBlock;
    expect(block.thinking.length).toBeGreaterThan(40);
    expect(block.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const text = (data.content[1] as Anthropic.TextBlock).text;
    expect(data.usage.output_tokens).toBe(countTokens(block.thinking) + countTokens(text));
    expect(data.usage.output_tokens_details).toEqual({ thinking_tokens: countTokens(block.thinking) });
  });

  it('streams thinking as the recording shows: thinking_delta tokens, an empty one, the signature_delta, then the text block', async () => {
    const body = { model, max_tokens: 2000, thinking, messages: ask('Why is the sky blue?'), stream: true };
    const res = await post(sim(), '/v1/messages', JSON.stringify(body), { 'anthropic-version': '2023-06-01' });
    const events = eventsOf(await res.text()).map(([, data]) => data);
    expect(events[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    expect(events[2]).toEqual({ type: 'ping' });
    const block0 = events.filter((e) => e.type === 'content_block_delta' && e.index === 0).map((e) => e.delta);
    expect(block0.slice(-2)).toEqual([{ type: 'thinking_delta', thinking: '' }, { type: 'signature_delta', signature: expect.any(String) }]);
    expect(block0.slice(0, -2).every((d) => d.type === 'thinking_delta' && d.thinking !== '')).toBe(true);
    const whole = await anthropic().messages.create({ model, max_tokens: 2000, thinking, messages: ask('Why is the sky blue?') });
    expect(block0.slice(0, -2).map((d) => d.thinking).join('')).toBe((whole.content[0] as Anthropic.ThinkingBlock).thinking);
    expect(block0.at(-1)!.signature).toBe((whole.content[0] as Anthropic.ThinkingBlock).signature);
    const final = await anthropic().messages.stream({ model, max_tokens: 2000, thinking, messages: ask('Why is the sky blue?') }).finalMessage();
    expect(final.content).toEqual(whole.content);
  });

  it('accepts its thinking blocks back in a tool loop', async () => {
    const params = { model, max_tokens: 2000, thinking, tools, messages: ask('Ask get_weather about Lima') };
    const first = await anthropic().messages.create(params);
    expect(first.content.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_use']);
    const use = first.content[2] as Anthropic.ToolUseBlock;
    const next = await anthropic().messages.create({
      ...params,
      messages: [...params.messages, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'Sunny, 24 degrees' }] }],
    });
    expect(next.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    expect((next.content[1] as Anthropic.TextBlock).text).toContain('Sunny, 24 degrees');
  });

  describe('verification failures (the real API 400s)', () => {
    let first: Anthropic.Message;
    const params = { model, max_tokens: 2000, thinking, tools, messages: ask('Ask get_weather about Lima') };
    const resultFor = (content: Anthropic.ContentBlockParam[]): Anthropic.MessageParam[] => {
      const use = content.find((b) => b.type === 'tool_use') as Anthropic.ToolUseBlockParam;
      return [...params.messages, { role: 'assistant', content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'ok' }] }];
    };
    beforeAll(async () => {
      first = await anthropic().messages.create(params);
    });
    const blocks = (): Anthropic.ContentBlockParam[] => first.content.map((b) => ({ ...b })) as Anthropic.ContentBlockParam[];

    it('altered thinking text in the latest assistant message: "cannot be modified"', async () => {
      const content = blocks();
      (content[0] as Anthropic.ThinkingBlockParam).thinking += ' (edited)';
      const e = await rejectionOf(anthropic().messages.create({ ...params, messages: resultFor(content) }));
      expect((e as AnthropicApiError).status).toBe(400);
      expect(message(e)).toBe('messages.1.content.0: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified. These blocks must remain as they were in the original response.');
    });

    it('a wrong or empty signature: "Invalid `signature` in `thinking` block"', async () => {
      for (const signature of ['', 'c3ludGhldGlj', first.content[0]!.type === 'thinking' ? `${(first.content[0] as Anthropic.ThinkingBlock).signature.slice(0, -4)}AAA=` : '']) {
        const content = blocks();
        (content[0] as Anthropic.ThinkingBlockParam).signature = signature;
        expect(message(await rejectionOf(anthropic().messages.create({ ...params, messages: resultFor(content) })))).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
      }
    });

    it('an altered block in an earlier turn: "Invalid `signature`"', async () => {
      const content = blocks();
      (content[0] as Anthropic.ThinkingBlockParam).thinking = 'Something else.';
      const messages: Anthropic.MessageParam[] = [...resultFor(content), { role: 'assistant', content: 'Done.' }, ...ask('Thanks')];
      expect(message(await rejectionOf(anthropic().messages.create({ ...params, messages })))).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
    });

    it('a missing signature field', async () => {
      const content = blocks();
      delete (content[0] as Partial<Anthropic.ThinkingBlockParam>).signature;
      expect(message(await rejectionOf(anthropic().messages.create({ ...params, messages: resultFor(content) })))).toBe('messages.1.content.0.thinking.signature: Field required');
    });

    it('a tool loop whose assistant turn lost its thinking block', async () => {
      const content = blocks().slice(1);
      expect(message(await rejectionOf(anthropic().messages.create({ ...params, messages: resultFor(content) })))).toBe(
        'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking',
      );
      const toolOnly = blocks().slice(2);
      expect(message(await rejectionOf(anthropic().messages.create({ ...params, messages: resultFor(toolOnly) })))).toContain('but found `tool_use`');
    });

    it('thinking in the final assistant message while thinking is off', async () => {
      const { thinking: _off, ...noThinking } = params;
      const e = await rejectionOf(anthropic().messages.create({ ...noThinking, messages: [...ask('hi'), { role: 'assistant', content: [blocks()[0]!] }] }));
      expect(message(e)).toBe('messages.1.content.0: When thinking is disabled, an `assistant` message in the final position cannot contain `thinking`. To use thinking blocks, enable `thinking` in your request.');
    });

    it('a signature from another simulator', async () => {
      const other = await startSimulator();
      try {
        const e = await rejectionOf(anthropicFor(other).messages.create({ ...params, messages: resultFor(blocks()) }));
        expect(message(e)).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
      } finally {
        await other.close();
      }
    });

    it('bad thinking parameters', async () => {
      const bad = (body: Record<string, unknown>): Promise<unknown> => rejectionOf(anthropic().messages.create({ model, max_tokens: 2000, messages: ask('hi'), ...body } as never));
      expect(message(await bad({ thinking: { type: 'enabled', budget_tokens: 512 } }))).toBe('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
      expect(message(await bad({ thinking: { type: 'enabled', budget_tokens: 2000 } }))).toMatch(/^`max_tokens` must be greater than `thinking.budget_tokens`\./);
      expect(message(await bad({ thinking, temperature: 0.5 }))).toMatch(/^`temperature` may only be set to 1 when thinking is enabled\./);
      expect(message(await bad({ thinking, tools, tool_choice: { type: 'any' } }))).toBe('Thinking may not be enabled when tool_choice forces tool use.');
    });
  });

  it('x-sim-thinking: redacted sends a redacted_thinking block, accepted back unchanged only', async () => {
    const params = { model, max_tokens: 2000, thinking, tools, messages: ask('Ask get_weather about Lima') };
    const headers = { headers: { 'x-sim-thinking': 'redacted' } };
    const first = await anthropic().messages.create(params, headers);
    expect(first.content.map((b) => b.type)).toEqual(['redacted_thinking', 'text', 'tool_use']);
    const data = (first.content[0] as Anthropic.RedactedThinkingBlock).data;
    expect(data).toMatch(/^[A-Za-z0-9+/]{100,}=*$/);
    expect(first.usage.output_tokens_details!.thinking_tokens).toBeGreaterThan(10);
    const streamed = await anthropic().messages.stream(params, headers).finalMessage();
    expect(streamed.content).toEqual(first.content);
    const use = first.content[2] as Anthropic.ToolUseBlock;
    const loop = (content: Anthropic.ContentBlockParam[]): Anthropic.MessageParam[] =>
      [...params.messages, { role: 'assistant', content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'ok' }] }];
    const next = await anthropic().messages.create({ ...params, messages: loop(first.content as Anthropic.ContentBlockParam[]) });
    expect(next.stop_reason).toBe('end_turn');
    const altered = [{ type: 'redacted_thinking' as const, data: `A${data.slice(1)}` }, ...(first.content.slice(1) as Anthropic.ContentBlockParam[])];
    expect(message(await rejectionOf(anthropic().messages.create({ ...params, messages: loop(altered) })))).toBe('messages.1.content.0: Invalid `data` in `redacted_thinking` block');
  });

  it('adaptive thinking, and display: omitted (empty text, still signed and counted)', async () => {
    const adaptive = await anthropic().messages.create({ model, max_tokens: 300, thinking: { type: 'adaptive' }, messages: ask('Why is the sky blue?') });
    expect(adaptive.content[0]!.type).toBe('thinking');
    const omitted = await anthropic().messages.create({ model, max_tokens: 2000, thinking: { ...thinking, display: 'omitted' }, messages: ask('Why is the sky blue?') });
    expect(omitted.content[0]).toEqual({ type: 'thinking', thinking: '', signature: expect.any(String) });
    expect(omitted.usage.output_tokens_details!.thinking_tokens).toBeGreaterThan(10);
  });
});

describe('simulator: OpenAI reasoning', () => {
  const { openai } = useSimulatorClients();
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Why is the sky blue?' }];

  it('reasoning models and reasoning_effort report reasoning_tokens, counted in completion_tokens but never sent', async () => {
    const plain = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(plain.usage!.completion_tokens_details!.reasoning_tokens).toBe(0);
    const reasoning = await openai().chat.completions.create({ model: 'o4-mini', messages });
    const details = reasoning.usage!.completion_tokens_details!;
    expect(details.reasoning_tokens! % 64).toBe(0);
    expect(details.reasoning_tokens).toBeGreaterThanOrEqual(192);
    expect(reasoning.usage!.completion_tokens).toBe(details.reasoning_tokens! + countTokens(reasoning.choices[0]!.message.content!));
    const high = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, reasoning_effort: 'high' });
    expect(high.usage!.completion_tokens_details!.reasoning_tokens).toBeGreaterThanOrEqual(512);
    const none = await openai().chat.completions.create({ model: 'gpt-5-mini', messages, reasoning_effort: 'none' });
    expect(none.usage!.completion_tokens_details!.reasoning_tokens).toBe(0);
  });

  it('max_completion_tokens covers reasoning: when reasoning uses it all, content is empty and finish_reason length', async () => {
    const data = await openai().chat.completions.create({ model: 'o3', messages, max_completion_tokens: 100 });
    expect(data.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: '' } });
    expect(data.usage).toMatchObject({ completion_tokens: 100, completion_tokens_details: { reasoning_tokens: 100 } });
  });

  it('rejects an unknown reasoning_effort', async () => {
    const e = await rejectionOf(openai().chat.completions.create({ model: 'o3', messages, reasoning_effort: 'extreme' as never }));
    expect(e).toMatchObject({ status: 400, error: { message: expect.stringMatching(/^Invalid value: 'extreme'\. Supported values are: 'none', 'minimal'/), param: 'reasoning_effort' } });
  });

  it('x-sim-reasoning-content streams reasoning_content deltas first (DeepSeek style), counted as reasoning tokens', async () => {
    const headers = { 'x-sim-reasoning-content': '1' };
    const whole = await openai().chat.completions.create({ model: 'deepseek-reasoner', messages }, { headers });
    const msg = whole.choices[0]!.message as OpenAI.ChatCompletionMessage & { reasoning_content: string };
    expect(msg.reasoning_content.length).toBeGreaterThan(40);
    expect(whole.usage!.completion_tokens_details!.reasoning_tokens).toBe(countTokens(msg.reasoning_content));
    const stream = await openai().chat.completions.create({ model: 'deepseek-reasoner', messages, stream: true }, { headers });
    const deltas: Array<Record<string, unknown>> = [];
    for await (const chunk of stream) if (chunk.choices[0]) deltas.push(chunk.choices[0].delta as Record<string, unknown>);
    expect(deltas[0]).toEqual({ role: 'assistant', content: null, reasoning_content: '' });
    const firstContent = deltas.findIndex((d) => typeof d['content'] === 'string' && d['content'] !== '');
    expect(deltas.slice(1, firstContent).map((d) => d['reasoning_content']).join('')).toBe(msg.reasoning_content);
    expect(deltas.slice(firstContent).map((d) => d['content'] ?? '').join('')).toBe(msg.content);
  });
});
