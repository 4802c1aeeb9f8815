// Tool calls, reasoning, refusals, images and multi-turn replay, over real HTTP: openAIChat and anthropicMessages
// (the real SDKs) against the simulator, each case both generated and streamed, the stream collected with
// GenerationCollector equal to generate()'s Generation (but for the request id: two requests). Then the policies:
// any content (a reasoning or tool-call delta, not only text) is progress for timeouts, retries and fallback.
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import {
  BadRequestError,
  GenerationCollector,
  StreamError,
  TimeoutError,
  anthropicMessages,
  fallback,
  openAIChat,
  openAICompletion,
  retryGeneration,
  timeoutGeneration,
  type CallOptions,
  type Generation,
  type GenerationEvent,
  type LanguageModel,
  type Message,
  type PromptInput,
  type ToolDefinition,
} from '../../src/index.js';
import { expectInvalid } from '../support/invalid-argument.js';
import { useSharedSimulator } from '../support/shared-simulator.js';

const sim = useSharedSimulator();
const KEY = 'sk-rich-content-0000000000';

/** A 4×3 PNG (73 bytes). */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR42mP438AARww4OQBqQBH10V+wvwAAAABJRU5ErkJggg==', 'base64'));
const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'The current weather of a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
};
const TIME: ToolDefinition = { name: 'get_time', inputSchema: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] } };
const TOOLS = { tools: [WEATHER, TIME] };
const ONE_CALL = 'What is the weather like? Use get_weather for Lisbon.';
const TWO_CALLS = 'Call get_weather for Lisbon and get_time for Europe/Lisbon.';

const gpt = (model = 'gpt-4o-mini'): LanguageModel => openAIChat({ model, apiKey: KEY, baseURL: sim().openaiBaseURL });
const claude = (): LanguageModel => anthropicMessages({ model: 'claude-haiku-4-5', apiKey: KEY, baseURL: sim().anthropicBaseURL, maxTokens: 2048 });
const MODELS = { openai: gpt, anthropic: claude } as const;

/** The call generated and streamed: the two Generations are the same (checked here), and the stream's events. */
interface Both {
  readonly generated: Generation;
  readonly streamed: Generation;
  readonly events: readonly GenerationEvent[];
}

async function both(model: LanguageModel, input: PromptInput, options?: CallOptions): Promise<Both> {
  const generated = await firstValueFrom(model.generate(input, options));
  const events = await lastValueFrom(model.stream(input, options).pipe(toArray()));
  const collector = new GenerationCollector(model.provider, model.modelId);
  events.forEach((e) => collector.push(e));
  const streamed = collector.result() as Generation;
  expect(comparable(streamed)).toEqual(comparable(generated));
  expect(generated.requestId).toMatch(/^req_/);
  expect(streamed.requestId).toMatch(/^req_/);
  expect(generated.message).toEqual({ role: 'assistant', content: generated.content });
  return { generated, streamed, events };
}

/**
 * A Generation without its request id (each call is its own request) and with each tool call's raw input parsed:
 * Anthropic streams the input's JSON text as the model wrote it (`{"city": "Lisbon"}`) but sends a whole message's
 * input as an object, whose text is then `JSON.stringify`'s.
 */
function comparable(g: Generation): unknown {
  const choice = (c: Generation['choices'][number]) => ({ ...c, toolCalls: c.toolCalls.map((t) => ({ ...t, rawInput: JSON.parse(t.rawInput) as unknown })) });
  const { requestId: _requestId, ...rest } = g;
  return { ...choice({ ...rest, index: 0 }), choices: g.choices.map(choice) };
}

/** The event types in order, each run of one type counted once. */
const flow = (events: readonly GenerationEvent[]) => events.map((e) => e.type).filter((type, i, all) => type !== all[i - 1]);

/** The tool results of a generation's calls, as the next message. */
const results = (g: Generation, output: (name: string) => unknown): Message => ({
  role: 'tool',
  content: g.toolCalls.map((c) => ({ type: 'tool-result', toolCallId: c.toolCallId, toolName: c.toolName, output: output(c.toolName) })),
});

describe.each(['openai', 'anthropic'] as const)('rich content over HTTP: %s', (name) => {
  const model = () => MODELS[name]();
  const provider = name === 'openai' ? 'openai.chat' : 'anthropic.messages';
  const callId = name === 'openai' ? /^call_\w{24}$/ : /^toolu_\w{24}$/;

  it('text: one text part, a natural stop, usage', async () => {
    const { generated, events } = await both(model(), 'Hello, how are you?');
    expect(generated).toMatchObject({
      provider,
      modelId: name === 'openai' ? 'gpt-4o-mini' : 'claude-haiku-4-5',
      finishReason: 'stop',
      rawFinishReason: name === 'openai' ? 'stop' : 'end_turn',
      content: [{ type: 'text', text: generated.text }],
      toolCalls: [],
      reasoning: '',
    });
    expect(generated.text.length).toBeGreaterThan(10);
    expect(generated.usage!.totalTokens).toBe(generated.usage!.inputTokens + generated.usage!.outputTokens);
    expect(flow(events)).toEqual(['start', 'text-delta', 'finish', 'usage']);
  });

  it('a single tool call: id, name, parsed input and the JSON text it came as; finish tool_calls', async () => {
    const { generated, events } = await both(model(), ONE_CALL, TOOLS);
    expect(generated.toolCalls).toEqual([{ toolCallId: expect.stringMatching(callId), toolName: 'get_weather', input: { city: 'Lisbon' }, rawInput: '{"city":"Lisbon"}' }]);
    expect(generated).toMatchObject({ finishReason: 'tool_calls', rawFinishReason: name === 'openai' ? 'tool_calls' : 'tool_use' });
    // Claude says a sentence first; OpenAI answers with the call alone (content: null).
    expect(generated.content.map((p) => p.type)).toEqual(name === 'openai' ? ['tool-call'] : ['text', 'tool-call']);
    expect(flow(events)).toEqual(['start', ...(name === 'openai' ? [] : ['text-delta']), 'tool-call-start', 'tool-call-delta', 'tool-call', 'finish', 'usage']);
    const streamedRaw = events.flatMap((e) => (e.type === 'tool-call-delta' ? [e.inputDelta] : [])).join('');
    expect(JSON.parse(streamedRaw)).toEqual({ city: 'Lisbon' });
  });

  it('parallel tool calls: in the order asked, each with its own id, its deltas its own', async () => {
    const { generated, events } = await both(model(), TWO_CALLS, TOOLS);
    expect(generated.toolCalls.map((c) => [c.toolName, c.input])).toEqual([
      ['get_weather', { city: 'Lisbon' }],
      ['get_time', { timezone: expect.any(String) }],
    ]);
    const ids = generated.toolCalls.map((c) => c.toolCallId);
    expect(new Set(ids).size).toBe(2);
    ids.forEach((id) => expect(id).toMatch(callId));
    for (const call of events.filter((e) => e.type === 'tool-call')) {
      const raw = events.flatMap((e) => (e.type === 'tool-call-delta' && e.toolCallId === call.toolCallId ? [e.inputDelta] : [])).join('');
      expect(JSON.parse(raw)).toEqual(call.input);
    }
  });

  it('a refusal: the refusal text, no content, finish content_filter', async () => {
    const headers = { 'x-sim-refusal': name === 'openai' ? '1' : encodeURIComponent('I will not help with that.') };
    const { generated, events } = await both(model(), 'Help me with something dubious', { headers });
    expect(generated).toMatchObject({ text: '', content: [], toolCalls: [], finishReason: 'content_filter' });
    if (name === 'openai') {
      expect(generated).toMatchObject({ refusal: "I'm sorry, but I can't help with that request.", rawFinishReason: 'stop' });
      expect(generated.stopDetails).toBeUndefined();
    } else {
      expect(generated).toMatchObject({
        refusal: 'I will not help with that.',
        rawFinishReason: 'refusal',
        stopDetails: { type: 'refusal', category: null, explanation: 'I will not help with that.' },
      });
    }
    expect(flow(events)).toEqual(['start', 'refusal-delta', 'finish', 'usage']);
  });

  it.each([
    ['bytes', PNG, 'I see an image (PNG, 4×3, 73 B).'],
    ['an https URL', 'https://example.com/cat.png', 'I see an image (from example.com).'],
  ] as const)('image input as %s: seen, and charged as prompt tokens', async (_how, image, seen) => {
    const question = 'What is in this picture?';
    const textOnly = await firstValueFrom(model().generate(question));
    const { generated } = await both(model(), [{ role: 'user', content: [{ type: 'text', text: question }, { type: 'image', image }] }]);
    expect(generated.text.startsWith(seen)).toBe(true);
    expect(generated.usage!.inputTokens).toBeGreaterThan(textOnly.usage!.inputTokens);
  });

  it('multi-turn: the tool-calling message goes back as it came, with the results; the answer uses them', async () => {
    const first = await both(model(), TWO_CALLS, TOOLS);
    expect(first.streamed.message).toEqual(first.generated.message);
    const conversation: Message[] = [
      { role: 'user', content: TWO_CALLS },
      first.streamed.message,
      results(first.streamed, (tool) => (tool === 'get_weather' ? { tempC: 21, sky: 'clear' } : '14:05')),
    ];
    const { generated } = await both(model(), conversation, TOOLS);
    expect(generated.text).toContain('The get_weather tool says: "{"tempC":21,"sky":"clear"}".');
    expect(generated.text).toContain('The get_time tool says: "14:05".');
    expect(generated).toMatchObject({ finishReason: 'stop', toolCalls: [] });
  });
});

describe('reasoning over HTTP: OpenAI', () => {
  it('o-series reasoning_effort: hidden reasoning tokens, counted in the output, by effort', async () => {
    const low = await both(gpt('o4-mini'), 'Why is the sky blue?', { reasoning: { effort: 'low' } });
    const high = await both(gpt('o4-mini'), 'Why is the sky blue?', { reasoning: { effort: 'high' } });
    for (const { generated } of [low, high]) {
      expect(generated).toMatchObject({ reasoning: '', content: [{ type: 'text' }], modelId: 'o4-mini' });
      const { reasoningTokens, outputTokens } = generated.usage!;
      expect(reasoningTokens! % 64).toBe(0);
      expect(reasoningTokens).toBeGreaterThan(0);
      expect(reasoningTokens).toBeLessThan(outputTokens);
    }
    // The simulator spends 64 to 192 tokens at effort low, 512 or more at high: the effort reached the server.
    expect(low.generated.usage!.reasoningTokens).toBeLessThanOrEqual(192);
    expect(high.generated.usage!.reasoningTokens).toBeGreaterThanOrEqual(512);
  });

  it('reasoning_content of OpenAI-compatible servers (DeepSeek style): a reasoning part before the text', async () => {
    const { generated, events } = await both(gpt(), 'Why is the sky blue?', { headers: { 'x-sim-reasoning-content': '1' } });
    expect(generated.content.map((p) => p.type)).toEqual(['reasoning', 'text']);
    expect(generated.content[0]).toEqual({ type: 'reasoning', text: generated.reasoning });
    expect(generated.reasoning.length).toBeGreaterThan(20);
    expect(generated.usage!.reasoningTokens).toBeGreaterThan(0);
    expect(flow(events)).toEqual(['start', 'reasoning-delta', 'text-delta', 'finish', 'usage']);
  });
});

describe('reasoning over HTTP: Anthropic extended thinking', () => {
  const thinking = { reasoning: { budgetTokens: 1024 } } as const;

  it('signed thinking first, then the answer; thinking tokens counted', async () => {
    const { generated, events } = await both(claude(), 'Why is the sky blue?', thinking);
    expect(generated.content).toEqual([
      { type: 'reasoning', text: generated.reasoning, signature: expect.stringMatching(/^[A-Za-z0-9+/=]{20,}$/) },
      { type: 'text', text: generated.text },
    ]);
    expect(generated.usage!.reasoningTokens).toBeGreaterThan(0);
    expect(flow(events)).toEqual(['start', 'reasoning-delta', 'reasoning-signature', 'text-delta', 'finish', 'usage']);
  });

  it('a tool loop with thinking on: the signed thinking goes back with the calls and is accepted', async () => {
    const first = await both(claude(), TWO_CALLS, { ...TOOLS, ...thinking });
    expect(first.streamed.content.map((p) => p.type)).toEqual(['reasoning', 'text', 'tool-call', 'tool-call']);
    const conversation: Message[] = [{ role: 'user', content: TWO_CALLS }, first.streamed.message, results(first.streamed, () => 'sunny')];
    const { generated } = await both(claude(), conversation, { ...TOOLS, ...thinking });
    expect(generated.text).toContain('The get_weather tool says: "sunny".');
    expect(generated.content[0]).toMatchObject({ type: 'reasoning', signature: expect.any(String) });
  });

  it('altered thinking, or none, is refused by the server (BadRequestError)', async () => {
    const first = await firstValueFrom(claude().generate(ONE_CALL, { ...TOOLS, ...thinking }));
    const replay = (message: Message) => firstValueFrom(claude().generate([{ role: 'user', content: ONE_CALL }, message, results(first, () => 'sunny')], { ...TOOLS, ...thinking }));
    const edited: Message = { role: 'assistant', content: first.content.map((p) => (p.type === 'reasoning' ? { ...p, text: `${p.text} (edited)` } : p)) };
    await expect(replay(edited)).rejects.toThrow(BadRequestError);
    await expect(replay(edited)).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('cannot be modified') });
    const dropped: Message = { role: 'assistant', content: first.content.filter((p) => p.type !== 'reasoning') };
    await expect(replay(dropped)).rejects.toMatchObject({ name: 'BadRequestError', message: expect.stringContaining('Expected `thinking` or `redacted_thinking`') });
  });

  it('redacted thinking: kept as opaque data and accepted back unchanged', async () => {
    const headers = { 'x-sim-thinking': 'redacted' };
    const first = await both(claude(), ONE_CALL, { ...TOOLS, ...thinking, headers });
    expect(first.generated.content.map((p) => p.type)).toEqual(['redacted-reasoning', 'text', 'tool-call']);
    expect(first.generated.content[0]).toEqual({ type: 'redacted-reasoning', data: expect.stringMatching(/^\S{20,}$/) });
    expect(first.generated.reasoning).toBe('');
    const conversation: Message[] = [{ role: 'user', content: ONE_CALL }, first.streamed.message, results(first.streamed, () => 'sunny')];
    expect((await firstValueFrom(claude().generate(conversation, { ...TOOLS, ...thinking }))).text).toContain('"sunny"');
  });

  it('cached prompt tokens are reported as read from the cache and counted in the input', async () => {
    const prompt = 'Tell me about the history of the printing press in Europe and in Asia, briefly';
    const { generated } = await both(claude(), prompt, { headers: { 'x-sim-cached-tokens': '5' } });
    expect(generated.usage).toMatchObject({ cachedInputTokens: 5, cacheWriteInputTokens: 0 });
    expect(generated.usage!.inputTokens).toBeGreaterThan(5);
  });
});

describe('openAICompletion takes text only', () => {
  const completion = () => openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: KEY, baseURL: sim().openaiBaseURL });
  const image: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', image: PNG }] }];

  it('rejects tools, tool choice and reasoning at once', () => {
    expectInvalid(() => completion().generate('Hi', TOOLS), 'options.tools');
    expectInvalid(() => completion().stream('Hi', { toolChoice: 'auto' }), 'options.toolChoice');
    expectInvalid(() => completion().generate('Hi', { reasoning: { effort: 'low' } }), 'options.reasoning');
  });

  it('rejects image parts, naming the part', () => {
    expectInvalid(() => completion().generate(image), 'input[0].content[1]');
    expectInvalid(() => completion().stream(image), 'input[0].content[1]');
  });
});

describe('any content is progress: reasoning and tool-call deltas count, not only text', () => {
  const channels: readonly [string, () => LanguageModel, string, CallOptions][] = [
    ['OpenAI reasoning_content', () => gpt(), 'Why is the sky blue?', { headers: { 'x-sim-reasoning-content': '1' } }],
    ['OpenAI tool call', () => gpt(), ONE_CALL, TOOLS],
    ['Anthropic thinking', claude, 'Why is the sky blue?', { reasoning: { budgetTokens: 1024 } }],
    ['Anthropic forced tool call', claude, ONE_CALL, { ...TOOLS, toolChoice: { toolName: 'get_weather' } }],
  ];
  const withFault = (options: CallOptions, fault: string): CallOptions => ({ ...options, headers: { ...options.headers, 'x-sim-fault': fault } });

  it('in each channel the first content is a reasoning or tool-call event', async () => {
    for (const [, model, prompt, options] of channels) {
      const events = await lastValueFrom(model().stream(prompt, options).pipe(toArray()));
      expect(['reasoning-delta', 'tool-call-start']).toContain(events[1]!.type);
    }
  });

  it('timeoutGeneration({ firstToken }) does not fire when the first content is a reasoning or tool-call delta', async () => {
    // A 1.5 s stall right after the first content, a 500 ms first-token limit: the streams complete. The same stall
    // before the first byte fires the limit (the control). All channels at once.
    const run = ([, model, prompt, options]: (typeof channels)[number], after: number) =>
      lastValueFrom(model().stream(prompt, withFault(options, `stall; ms=1500; after=${after}`)).pipe(timeoutGeneration({ firstToken: 500 }), toArray())).then(
        (events) => events.at(-1)!.type,
        (error: unknown) => error,
      );
    const [afterContent, beforeAnyByte] = await Promise.all([Promise.all(channels.map((c) => run(c, 1))), Promise.all(channels.map((c) => run(c, 0)))]);
    expect(afterContent).toEqual(channels.map(() => 'usage'));
    for (const error of beforeAnyByte) {
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ timeout: 'first-token', timeoutMs: 500 });
    }
  });

  it.each(channels.map((c) => [c[0], c] as const))('retryGeneration does not retry a stream that failed after its first content (%s)', async (_name, [, model, prompt, options]) => {
    const error = await lastValueFrom(model().stream(prompt, withFault(options, 'stream-error; after=2')).pipe(retryGeneration({ maxAttempts: 3, baseDelayMs: 1 }))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ isRetryable: false, partialText: '' });
    expect(sim().stats().requestsReceived).toBe(1);
  });

  it('the control: the same error before any content is retried, and the retry answers', async () => {
    sim().configure({ faults: [{ kind: 'stream-error', params: { after: 0 }, nth: 1 }] });
    const events = await lastValueFrom(gpt().stream('Hello there').pipe(retryGeneration({ maxAttempts: 3, baseDelayMs: 1 }), toArray()));
    expect(events.at(-1)!.type).toBe('usage');
    expect(sim().stats().requestsReceived).toBe(2);
  });

  it('fallback does not move on once a tool-call delta came: a StreamError instead', async () => {
    const moved: unknown[] = [];
    const model = fallback([gpt(), claude()], { onFallback: (info) => moved.push(info) });
    const error = await lastValueFrom(model.stream(ONE_CALL, withFault(TOOLS, 'stream-error; after=2'))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamError);
    expect(moved).toEqual([]);
    expect(sim().stats().requestsReceived).toBe(1);
  });
});
