import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import { expectConforms } from './schema-conformance.js';
import { anthropicFor, openaiFor, rejectionOf, useSimulatorClients, type OpenAIApiError } from './sim-fixture.js';

const recipe = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    servings: { type: 'integer', minimum: 1, maximum: 12 },
    difficulty: { type: 'string', enum: ['easy', 'medium', 'hard'] },
    vegetarian: { type: 'boolean' },
    notes: { type: ['string', 'null'] },
    ingredients: {
      type: 'array', minItems: 2, maxItems: 6,
      items: { type: 'object', properties: { name: { type: 'string' }, grams: { type: 'number', minimum: 0 } }, required: ['name', 'grams'], additionalProperties: false },
    },
    steps: { type: 'array', items: { $ref: '#/$defs/step' } },
  },
  required: ['title', 'servings', 'difficulty', 'vegetarian', 'notes', 'ingredients', 'steps'],
  additionalProperties: false,
  $defs: { step: { type: 'object', properties: { order: { type: 'integer' }, text: { type: 'string' } }, required: ['order', 'text'], additionalProperties: false } },
};

describe('simulator: OpenAI structured output', () => {
  const { openai } = useSimulatorClients();
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'A pancake recipe for 4' }];
  const response_format = { type: 'json_schema' as const, json_schema: { name: 'recipe', strict: true, schema: recipe } };

  it('json_schema: the content is JSON conforming to the schema (parse() gives it parsed)', async () => {
    const data = await openai().chat.completions.parse({ model: 'gpt-4o-mini', messages, response_format });
    const parsed = data.choices[0]!.message.parsed;
    expectConforms(recipe, parsed);
    expect(parsed).toEqual(JSON.parse(data.choices[0]!.message.content!));
    expect((parsed as unknown as { servings: number }).servings).toBe(4);
  });

  it('json_schema: streamed in small fragments that add up to the same JSON', async () => {
    const whole = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, response_format });
    const stream = openai().chat.completions.stream({ model: 'gpt-4o-mini', messages, response_format });
    const pieces: string[] = [];
    stream.on('content.delta', (e) => pieces.push(e.delta));
    const final = await stream.finalChatCompletion();
    expect(pieces.join('')).toBe(whole.choices[0]!.message.content);
    expect(pieces.length).toBeGreaterThan(20);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(16);
    expect(final.choices[0]!.message.content).toBe(whole.choices[0]!.message.content);
    expectConforms(recipe, JSON.parse(final.choices[0]!.message.content!));
  });

  it('json_object: an object with the keys the prompt quotes, or {"answer": ...}', async () => {
    const keyed = await openai().chat.completions.create({
      model: 'gpt-4o-mini', response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'Reply in JSON with "name", "age" and "tags" for a cat' }],
    });
    const value = JSON.parse(keyed.choices[0]!.message.content!);
    expectConforms({ type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['name', 'age', 'tags'], additionalProperties: false }, value);
    const plain = await openai().chat.completions.create({ model: 'gpt-4o-mini', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'Tell me about rivers, as json' }] });
    expect(JSON.parse(plain.choices[0]!.message.content!)).toEqual({ answer: expect.any(String) });
  });

  it('a JSON answer cut by max_tokens finishes with length (the SDK helpers then refuse to parse)', async () => {
    const data = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, response_format, max_tokens: 10 });
    expect(data.choices[0]!.finish_reason).toBe('length');
    expect(data.usage!.completion_tokens).toBe(10);
    await expect(openai().chat.completions.parse({ model: 'gpt-4o-mini', messages, response_format, max_tokens: 10 })).rejects.toThrow(/length limit/i);
  });

  it('rejects what the real API rejects', async () => {
    const bad = async (body: Record<string, unknown>): Promise<OpenAIApiError['error']> =>
      ((await rejectionOf(openai().chat.completions.create({ model: 'gpt-4o-mini', messages, ...body } as never))) as OpenAIApiError).error;
    expect(await bad({ response_format: { type: 'json_object' } })).toMatchObject({
      message: "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", param: 'messages',
    });
    expect(await bad({ response_format: { type: 'json_schema', json_schema: { name: 'r', strict: true, schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'], additionalProperties: false } } } }))
      .toMatchObject({ message: "Invalid schema for response_format 'r': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'b'.", code: 'invalid_json_schema' });
    expect(await bad({ response_format: { type: 'json_schema', json_schema: { name: 'r', strict: true, schema: { type: 'object', properties: { list: { type: 'array', items: { type: 'object', properties: {} } } }, required: ['list'], additionalProperties: false } } } }))
      .toMatchObject({ message: "Invalid schema for response_format 'r': In context=('properties', 'list', 'items'), 'additionalProperties' is required to be supplied and to be false." });
    expect(await bad({ response_format: { type: 'json_schema', json_schema: { schema: {} } } })).toMatchObject({ message: "Missing required parameter: 'response_format.json_schema.name'." });
    expect(await bad({ response_format: { type: 'yaml' } })).toMatchObject({ message: "Invalid value: 'yaml'. Supported values are: 'json_object', 'json_schema', and 'text'." });
  });
});

describe('simulator: Anthropic structured output', () => {
  const { anthropic } = useSimulatorClients();
  const params = { model: 'claude-haiku-4-5', max_tokens: 1000, messages: [{ role: 'user' as const, content: 'A pancake recipe for 4' }] };

  it('output_config.format: one text block of conforming JSON (parse() gives parsed_output)', async () => {
    const data = await anthropic().messages.parse({ ...params, output_config: { format: { type: 'json_schema', schema: recipe } } });
    expect(data.content.map((b) => b.type)).toEqual(['text']);
    expectConforms(recipe, data.parsed_output);
    expect(data.stop_reason).toBe('end_turn');
  });

  it('streams the JSON in fragments; the MessageStream ends with the same text', async () => {
    const body = { ...params, output_config: { format: { type: 'json_schema' as const, schema: recipe } } };
    const whole = await anthropic().messages.create(body);
    const pieces: string[] = [];
    const final = await anthropic().messages.stream(body).on('text', (t) => pieces.push(t)).finalMessage();
    expect(pieces.length).toBeGreaterThan(20);
    expect(pieces.join('')).toBe((whole.content[0] as Anthropic.TextBlock).text);
    expect(final.content).toEqual(whole.content);
  });

  it('a forced tool gives a tool_use whose input conforms to the tool schema', async () => {
    const data = await anthropic().messages.create({
      ...params, tools: [{ name: 'record_recipe', input_schema: recipe as Anthropic.Tool.InputSchema }], tool_choice: { type: 'tool', name: 'record_recipe' },
    });
    expect(data.stop_reason).toBe('tool_use');
    expect(data.content).toHaveLength(1);
    expectConforms(recipe, (data.content[0] as Anthropic.ToolUseBlock).input);
  });

  it('rejects a format that is not json_schema', async () => {
    const e = await rejectionOf(anthropic().messages.create({ ...params, output_config: { format: { type: 'xml' } as never } }));
    expect(e).toMatchObject({ status: 400, error: { error: { message: "output_config.format.type: Input should be 'json_schema'" } } });
  });
});

describe('a schema stated in the instructions', () => {
  it('is followed, JSON mode or not, by both providers (as a model follows instructions)', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 9 } }, required: ['city', 'days'], additionalProperties: false };
    const system = `Answer with one JSON object. It must match this JSON Schema:\n${JSON.stringify(schema)}`;
    const sim = await startSimulator();
    try {
      const openai = openaiFor(sim);
      const chat = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: system }, { role: 'user', content: 'Plan a trip to Oslo' }] });
      expectConforms(schema, JSON.parse(chat.choices[0]!.message.content!));
      const anthropic = anthropicFor(sim);
      const msg = await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 512, system, messages: [{ role: 'user', content: 'Plan a trip to Oslo' }] });
      expectConforms(schema, JSON.parse((msg.content[0] as Anthropic.TextBlock).text));
    } finally {
      await sim.close();
    }
  });
});
