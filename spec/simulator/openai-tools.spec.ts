import type OpenAI from 'openai';
import { expectConforms } from './schema-conformance.js';
import { chunksOf, post, rejectionOf, useSimulatorClients, type OpenAIApiError } from './sim-fixture.js';

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: ['integer', 'null'], minimum: 1, maximum: 7 } },
  required: ['city', 'unit', 'days'],
  additionalProperties: false,
};
const timeSchema = { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] };
const tools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: weatherSchema } },
  { type: 'function', function: { name: 'get_time', parameters: timeSchema } },
];
const model = 'gpt-4o-mini';
const ask = (content: string): OpenAI.ChatCompletionMessageParam[] => [{ role: 'user', content }];

describe('simulator: OpenAI tool calling', () => {
  const { sim, openai } = useSimulatorClients();

  it('calls the tool the last user message names, with arguments from its schema (JSON)', async () => {
    const data = await openai().chat.completions.create({ model, messages: ask('Use get_weather for Paris, please'), tools });
    const choice = data.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message).toMatchObject({ role: 'assistant', content: null, refusal: null });
    expect(choice.message.tool_calls).toHaveLength(1);
    const call = choice.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(call.type).toBe('function');
    expect(call.function.name).toBe('get_weather');
    const args = JSON.parse(call.function.arguments);
    expectConforms(weatherSchema, args);
    expect(args.city).toBe('Paris');
    expect(data.usage!.completion_tokens).toBeGreaterThan(3);
  });

  it('is deterministic: the same request gets the same ids and arguments', async () => {
    const a = await openai().chat.completions.create({ model, messages: ask('get_weather in Oslo'), tools });
    const b = await openai().chat.completions.create({ model, messages: ask('get_weather in Oslo'), tools });
    expect(b.choices[0]!.message.tool_calls).toEqual(a.choices[0]!.message.tool_calls);
  });

  it('makes parallel calls in order of mention, each with its own index and id, and honours parallel_tool_calls: false', async () => {
    const data = await openai().chat.completions.create({ model, messages: ask('First get_time, then get_weather for Rome'), tools });
    const calls = data.choices[0]!.message.tool_calls as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(calls.map((c) => c.function.name)).toEqual(['get_time', 'get_weather']);
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
    const one = await openai().chat.completions.create({ model, messages: ask('First get_time, then get_weather for Rome'), tools, parallel_tool_calls: false });
    expect(one.choices[0]!.message.tool_calls!.map((c) => (c as OpenAI.ChatCompletionMessageFunctionToolCall).function.name)).toEqual(['get_time']);
  });

  it('answers in text when no tool is named', async () => {
    const data = await openai().chat.completions.create({ model, messages: ask('Tell me about rivers'), tools });
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.choices[0]!.message.tool_calls).toBeUndefined();
    expect(data.choices[0]!.message.content!.length).toBeGreaterThan(10);
  });

  it('honours tool_choice: none, required, a named function, allowed_tools', async () => {
    const none = await openai().chat.completions.create({ model, messages: ask('get_weather in Oslo'), tools, tool_choice: 'none' });
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();
    const required = await openai().chat.completions.create({ model, messages: ask('Tell me about rivers'), tools, tool_choice: 'required' });
    expect((required.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.name).toBe('get_weather');
    const named = await openai().chat.completions.create({ model, messages: ask('get_weather in Oslo'), tools, tool_choice: { type: 'function', function: { name: 'get_time' } } });
    const namedCalls = named.choices[0]!.message.tool_calls as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(namedCalls.map((c) => c.function.name)).toEqual(['get_time']);
    expectConforms(timeSchema, JSON.parse(namedCalls[0]!.function.arguments));
    const allowed = await openai().chat.completions.create({
      model, messages: ask('Tell me about rivers'), tools,
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_time' } }] } },
    });
    expect((allowed.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.name).toBe('get_time');
  });

  it('streams the calls as the real API does: header first, small argument fragments, then finish_reason tool_calls', async () => {
    const res = await post(sim(), '/v1/chat/completions', JSON.stringify({ model, messages: ask('get_weather and get_time for Tokyo'), tools, stream: true }));
    const chunks = chunksOf(await res.text());
    const deltas = chunks.map((c) => c.choices[0]?.delta);
    expect(deltas[0]).toEqual({
      role: 'assistant', content: null, refusal: null,
      tool_calls: [{ index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: '' } }],
    });
    const secondHeader = deltas.findIndex((d) => d?.tool_calls?.[0]?.index === 1);
    expect(deltas[secondHeader].tool_calls[0]).toEqual({ index: 1, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_time', arguments: '' } });
    const fragments = (index: number): string[] => deltas.filter((d) => d?.tool_calls?.[0]?.index === index && d.tool_calls[0].id === undefined).map((d) => d.tool_calls[0].function.arguments);
    for (const [index, schema] of [[0, weatherSchema], [1, timeSchema]] as const) {
      const parts = fragments(index);
      expect(parts.length).toBeGreaterThan(3);
      expect(parts.every((p) => p.length <= 12)).toBe(true);
      expectConforms(schema, JSON.parse(parts.join('')));
    }
    expect(chunks.at(-1)!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
  });

  it('the SDK stream helper accepts the streamed calls (finalChatCompletion equals the JSON answer)', async () => {
    const params = { model, messages: ask('get_weather and get_time for Tokyo'), tools };
    const whole = await openai().chat.completions.create(params);
    const stream = openai().chat.completions.stream(params);
    const argDeltas: string[] = [];
    stream.on('tool_calls.function.arguments.delta', (e) => argDeltas.push(e.arguments_delta));
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(final.choices[0]!.message.tool_calls).toEqual(whole.choices[0]!.message.tool_calls);
    expect(argDeltas.length).toBeGreaterThan(6);
  });

  it('answers tool results in text, quoting them', async () => {
    const first = await openai().chat.completions.create({ model, messages: ask('get_weather and get_time for Tokyo'), tools });
    const calls = first.choices[0]!.message.tool_calls as OpenAI.ChatCompletionMessageFunctionToolCall[];
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      ...ask('get_weather and get_time for Tokyo'),
      first.choices[0]!.message,
      { role: 'tool', tool_call_id: calls[0]!.id, content: '{"temperature": 21, "sky": "clear"}' },
      { role: 'tool', tool_call_id: calls[1]!.id, content: [{ type: 'text', text: '14:05 JST' }] },
    ];
    const answer = await openai().chat.completions.create({ model, messages, tools });
    const text = answer.choices[0]!.message.content!;
    expect(answer.choices[0]!.finish_reason).toBe('stop');
    expect(text).toContain('The get_weather tool says: "{"temperature": 21, "sky": "clear"}"');
    expect(text).toContain('The get_time tool says: "14:05 JST"');
    const streamed = await openai().chat.completions.stream({ model, messages, tools }).finalChatCompletion();
    expect(streamed.choices[0]!.message.content).toBe(text);
  });

  it('max_tokens cuts the arguments: finish_reason length, arguments as far as they went', async () => {
    const data = await openai().chat.completions.create({ model, messages: ask('get_weather for Lima'), tools, max_tokens: 4 });
    const call = data.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(data.choices[0]!.finish_reason).toBe('length');
    expect(call.function.arguments).toBe('{"city":"Lima');
    expect(data.usage!.completion_tokens).toBe(4);
  });

  it('n choices each get their own calls and ids', async () => {
    const data = await openai().chat.completions.create({ model, messages: ask('get_weather for Lima'), tools, n: 2 });
    const ids = data.choices.map((c) => c.message.tool_calls![0]!.id);
    expect(data.choices.map((c) => c.finish_reason)).toEqual(['tool_calls', 'tool_calls']);
    expect(new Set(ids).size).toBe(2);
    const streamed = await openai().chat.completions.stream({ model, messages: ask('get_weather for Lima'), tools, n: 2 }).finalChatCompletion();
    expect(streamed.choices.map((c) => c.message.tool_calls)).toEqual(data.choices.map((c) => c.message.tool_calls));
  });

  describe('validation, with the real API errors', () => {
    const bad = async (body: Record<string, unknown>): Promise<OpenAIApiError> =>
      (await rejectionOf(openai().chat.completions.create({ model, messages: ask('hi'), ...body } as never))) as OpenAIApiError;
    const call = { id: 'call_abc', type: 'function', function: { name: 'get_time', arguments: '{}' } };

    it('a tool message that answers no preceding tool call', async () => {
      const e = await bad({ messages: [...ask('hi'), { role: 'tool', tool_call_id: 'call_nope', content: 'x' }] });
      expect(e.status).toBe(400);
      expect(e.error).toEqual({
        message: "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        type: 'invalid_request_error', param: 'messages.[1].role', code: null,
      });
      const wrongId = await bad({ messages: [...ask('hi'), { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_other', content: 'x' }] });
      expect(wrongId.error).toMatchObject({ param: 'messages.[2].role' });
    });

    it('tool calls that are not all answered', async () => {
      const second = { ...call, id: 'call_def' };
      const e = await bad({ messages: [...ask('hi'), { role: 'assistant', content: null, tool_calls: [call, second] }, { role: 'tool', tool_call_id: 'call_abc', content: 'x' }, ...ask('and?')] });
      expect(e.error).toEqual({
        message: "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_def",
        type: 'invalid_request_error', param: 'messages.[3].role', code: null,
      });
    });

    it('a tool_choice naming an unknown function, or tool_choice without tools', async () => {
      const e = await bad({ tools, tool_choice: { type: 'function', function: { name: 'nope' } } });
      expect(e.error).toMatchObject({ message: "Tool choice 'function' not found in 'tools' parameter.", param: 'tool_choice' });
      const without = await bad({ tool_choice: 'auto' });
      expect(without.error).toMatchObject({ message: "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", param: 'tool_choice' });
      const value = await bad({ tools, tool_choice: 'sometimes' });
      expect(value.error).toMatchObject({ message: "Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required'.", code: 'invalid_value' });
    });

    it('a bad tools shape', async () => {
      expect((await bad({ tools: [] })).error).toMatchObject({ code: 'empty_array', param: 'tools' });
      expect((await bad({ tools: {} })).error).toMatchObject({ message: "Invalid type for 'tools': expected an array, but got an object instead.", code: 'invalid_type' });
      expect((await bad({ tools: [{ type: 'function' }] })).error).toMatchObject({ message: "Missing required parameter: 'tools[0].function'.", param: 'tools[0].function' });
      expect((await bad({ tools: [{ type: 'function', function: { name: 'fs.read' } }] })).error).toMatchObject({
        message: "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
      });
      expect((await bad({ tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'string' } } }] })).error).toMatchObject({
        message: 'Invalid schema for function \'f\': schema must be a JSON Schema of \'type: "object"\', got \'type: "string"\'.', code: 'invalid_function_parameters',
      });
      expect((await bad({ tools: [{ type: 'function', function: { name: 'f', strict: true, parameters: { type: 'object', properties: { a: { type: 'string' } } } } }] })).error).toMatchObject({
        message: "Invalid schema for function 'f': In context=(), 'additionalProperties' is required to be supplied and to be false.",
      });
      expect((await bad({ tools: [{ type: 'retrieval' }] })).error).toMatchObject({ message: "Invalid value: 'retrieval'. Supported values are: 'function' and 'custom'." });
      expect((await bad({ messages: [...ask('hi'), { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f' } }] }] })).error)
        .toMatchObject({ message: "Missing required parameter: 'messages[1].tool_calls[0].function.arguments'." });
    });
  });
});
