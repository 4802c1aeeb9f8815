import type Anthropic from '@anthropic-ai/sdk';
import { expectConforms } from './schema-conformance.js';
import { eventsOf, post, rejectionOf, useSimulatorClients, type AnthropicApiError } from './sim-fixture.js';

const weatherSchema = {
  type: 'object' as const,
  properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['location'],
};
const searchSchema = { type: 'object' as const, properties: { query: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 20 } }, required: ['query', 'limit'] };
const tools: Anthropic.Tool[] = [
  { name: 'get_weather', description: 'Weather for a place', input_schema: weatherSchema },
  { name: 'web_search', input_schema: searchSchema },
];
const model = 'claude-haiku-4-5';
const ask = (content: string): Anthropic.MessageParam[] => [{ role: 'user', content }];

describe('simulator: Anthropic tool use', () => {
  const { sim, anthropic } = useSimulatorClients();

  it('calls the named tool after a short text, with input from its schema (JSON)', async () => {
    const data = await anthropic().messages.create({ model, max_tokens: 500, messages: ask('Ask get_weather about Paris'), tools });
    expect(data.stop_reason).toBe('tool_use');
    expect(data.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
    const use = data.content[1] as Anthropic.ToolUseBlock;
    expect(use.id).toMatch(/^toolu_01[A-Za-z0-9]{22}$/);
    expect(use.name).toBe('get_weather');
    expectConforms(weatherSchema, use.input);
    expect(use.input).toMatchObject({ location: 'Paris' });
    expect((data.content[0] as Anthropic.TextBlock).text).toContain('get_weather');
  });

  it('parallel calls in order of mention; disable_parallel_tool_use keeps one', async () => {
    const data = await anthropic().messages.create({ model, max_tokens: 500, messages: ask('Use web_search for "rain gear" and get_weather for Oslo'), tools });
    const uses = data.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    expect(uses.map((u) => u.name)).toEqual(['web_search', 'get_weather']);
    expect(uses[0]!.input).toMatchObject({ query: 'rain gear' });
    expectConforms(searchSchema, uses[0]!.input);
    const one = await anthropic().messages.create({
      model, max_tokens: 500, messages: ask('Use web_search for "rain gear" and get_weather for Oslo'), tools, tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });
    expect(one.content.filter((b) => b.type === 'tool_use')).toHaveLength(1);
  });

  it('honours tool_choice none, any and tool (forced calls come without text)', async () => {
    const none = await anthropic().messages.create({ model, max_tokens: 500, messages: ask('Ask get_weather about Paris'), tools, tool_choice: { type: 'none' } });
    expect(none.content.map((b) => b.type)).toEqual(['text']);
    expect(none.stop_reason).toBe('end_turn');
    const any = await anthropic().messages.create({ model, max_tokens: 500, messages: ask('Tell me about rivers'), tools, tool_choice: { type: 'any' } });
    expect(any.content.map((b) => [b.type, (b as Anthropic.ToolUseBlock).name])).toEqual([['tool_use', 'get_weather']]);
    const forced = await anthropic().messages.create({ model, max_tokens: 500, messages: ask('Ask get_weather about Paris'), tools, tool_choice: { type: 'tool', name: 'web_search' } });
    expect(forced.content.map((b) => [b.type, (b as Anthropic.ToolUseBlock).name])).toEqual([['tool_use', 'web_search']]);
    expectConforms(searchSchema, (forced.content[0] as Anthropic.ToolUseBlock).input);
  });

  it('streams tool_use blocks as the recording shows: start with input {}, an empty partial_json, fragments, stop', async () => {
    const res = await post(sim(), '/v1/messages', JSON.stringify({ model, max_tokens: 500, messages: ask('Ask get_weather about Paris'), tools, stream: true }), { 'anthropic-version': '2023-06-01' });
    const events = eventsOf(await res.text());
    const start = events.find(([name, e]) => name === 'content_block_start' && e.content_block.type === 'tool_use')!;
    expect(start[1]).toEqual({
      type: 'content_block_start', index: 1,
      content_block: { type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'get_weather', input: {}, caller: { type: 'direct' } },
    });
    const fragments = events.filter(([name, e]) => name === 'content_block_delta' && e.index === 1).map(([, e]) => e.delta);
    expect(fragments[0]).toEqual({ type: 'input_json_delta', partial_json: '' });
    expect(fragments.length).toBeGreaterThan(4);
    const json = fragments.map((d) => d.partial_json).join('');
    expect(json).toMatch(/^\{"location": "Paris"/);
    expectConforms(weatherSchema, JSON.parse(json));
    expect(events.map(([name]) => name).slice(-4)).toEqual(['content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(events.find(([name]) => name === 'message_delta')![1].delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null, stop_details: null });
  });

  it('the SDK MessageStream assembles the same message as the JSON answer', async () => {
    const params = { model, max_tokens: 500, messages: ask('Use web_search for "rain gear" and get_weather for Oslo'), tools };
    const whole = await anthropic().messages.create(params);
    const stream = anthropic().messages.stream(params);
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const final = await stream.finalMessage();
    expect(final.content).toEqual(whole.content);
    expect(final.stop_reason).toBe('tool_use');
    expect(final.usage.output_tokens).toBe(whole.usage.output_tokens);
    expect(partials.length).toBeGreaterThan(8);
  });

  it('answers tool results (string or blocks, errors too) in text that quotes them', async () => {
    const first = await anthropic().messages.create({ model, max_tokens: 500, messages: ask('Use web_search for "rain gear" and get_weather for Oslo'), tools });
    const uses = first.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    const messages: Anthropic.MessageParam[] = [
      ...ask('Use web_search for "rain gear" and get_weather for Oslo'),
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: uses[0]!.id, content: 'Service unavailable', is_error: true },
          { type: 'tool_result', tool_use_id: uses[1]!.id, content: [{ type: 'text', text: 'Light rain, 9 degrees' }] },
        ],
      },
    ];
    const answer = await anthropic().messages.create({ model, max_tokens: 500, messages, tools });
    expect(answer.stop_reason).toBe('end_turn');
    const text = (answer.content[0] as Anthropic.TextBlock).text;
    expect(text).toContain('The web_search tool reported an error: "Service unavailable".');
    expect(text).toContain('The get_weather tool says: "Light rain, 9 degrees".');
  });

  it('max_tokens cuts a tool call: stop_reason max_tokens, the input read from what was sent (JSON and stream agree)', async () => {
    const params = { model, max_tokens: 5, messages: ask('Ask get_weather about Paris'), tools, tool_choice: { type: 'tool' as const, name: 'get_weather' } };
    const data = await anthropic().messages.create(params);
    expect(data.stop_reason).toBe('max_tokens');
    expect(data.usage.output_tokens).toBe(5);
    const final = await anthropic().messages.stream(params).finalMessage();
    expect(final.content).toEqual(data.content);
  });

  describe('validation, with the real API errors', () => {
    const bad = async (body: Record<string, unknown>): Promise<AnthropicApiError> =>
      (await rejectionOf(anthropic().messages.create({ model, max_tokens: 500, messages: ask('hi'), ...body } as never))) as AnthropicApiError;
    const use = { type: 'tool_use', id: 'toolu_01abc', name: 'get_weather', input: { location: 'Oslo' } };
    const message = (e: AnthropicApiError): string => (e.error as { error: { message: string } }).error.message;

    it('tool_use without a tool_result right after, and a tool_result that answers nothing', async () => {
      const e = await bad({ tools, messages: [...ask('hi'), { role: 'assistant', content: [use] }, ...ask('and?')] });
      expect(e.status).toBe(400);
      expect(e.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      expect(message(e)).toBe('messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01abc. Each `tool_use` block must have a corresponding `tool_result` block in the next message.');
      const orphan = await bad({ tools, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01zzz', content: 'x' }] }] });
      expect(message(orphan)).toBe('messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01zzz. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.');
    });

    it('a bad tool definition or tool_choice', async () => {
      expect(message(await bad({ tools: [{ name: 'x' }] }))).toBe('tools.0.custom.input_schema: Field required');
      expect(message(await bad({ tools: [{ name: 'a.b', input_schema: { type: 'object' } }] }))).toBe("tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
      expect(message(await bad({ tools: [{ name: 'x', input_schema: { type: 'string' } }] }))).toBe("tools.0.custom.input_schema.type: Input should be 'object'");
      expect(message(await bad({ tools, tool_choice: { type: 'tool', name: 'nope' } }))).toContain("'nope'");
    });
  });
});
