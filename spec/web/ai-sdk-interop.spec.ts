// Interop with the Vercel AI SDK (the real `ai` package), both ways: its own chat client (DefaultChatTransport,
// which useChat uses, and readUIMessageStream) reads rxllm's server stream; remoteModel reads a server written
// with the AI SDK (createUIMessageStream, served by its pipeUIMessageStreamToResponse or as the Response of
// createUIMessageStreamResponse).
import { convertToModelMessages, createUIMessageStream, createUIMessageStreamResponse, DefaultChatTransport, pipeUIMessageStreamToResponse, readUIMessageStream, streamText, type UIMessage, type UIMessageChunk, type UIMessageStreamWriter } from 'ai';
import { MockLanguageModelV3, convertArrayToReadableStream } from 'ai/test';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { isStreamError } from '../../src/errors/stream-error.js';
import { tool } from '../../src/models/with-tools/tool.js';
import { withTools } from '../../src/models/with-tools/with-tools.js';
import { anthropicMessages } from '../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { remoteModel } from '../../src/web/remote-model.js';
import { errorOf } from '../support/rx-helpers.js';
import { useSharedSimulator } from '../support/shared-simulator.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startUiStreamServer, type Serve, type UiStreamServer } from '../support/ui-stream-server.js';

const sim = useSharedSimulator();
const openai = (): LanguageModel => openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-server-0000', baseURL: sim().openaiBaseURL });
const cityTools = [
  tool({ name: 'get_weather', description: 'The weather in a city', inputSchema: z.object({ city: z.string() }), execute: ({ city }) => ({ city, tempC: 21 }) }),
  tool({ name: 'get_time', description: 'The time in a city', inputSchema: z.object({ city: z.string() }), execute: ({ city }) => `14:05 in ${city}` }),
];

describe('the AI SDK\'s chat client <- rxllm server', () => {
  let server: UiStreamServer | undefined;
  afterEach(() => server?.close());

  /** Sends `messages` as useChat does and reads the answer as useChat does: the last UIMessage, and any errors. */
  async function chat(serve: Serve, messages: UIMessage[]): Promise<{ message: UIMessage; errors: string[] }> {
    server = await startUiStreamServer(serve, 'pipe');
    const transport = new DefaultChatTransport({ api: server.url });
    const stream = await transport.sendMessages({ trigger: 'submit-message', chatId: 'chat-1', messageId: undefined, messages, abortSignal: undefined });
    const errors: string[] = [];
    let message: UIMessage | undefined;
    for await (const snapshot of readUIMessageStream({ stream, onError: (e) => errors.push(e instanceof Error ? e.message : String(e)) })) message = snapshot;
    return { message: message!, errors };
  }
  const ask = (text: string): UIMessage[] => [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }];
  const serverText = (events: readonly GenerationEvent[]): string => events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');

  it('a model\'s answer: one text part with the whole text; rxllm\'s facts in message.metadata.rxllm', async () => {
    const { message, errors } = await chat((input) => openai().stream(input), ask('Tell me about reactive streams'));
    expect(errors).toEqual([]);
    const events = server!.served[0]!.events;
    expect(message.role).toBe('assistant');
    expect(message.parts).toEqual([{ type: 'text', text: serverText(events), state: 'done' }]);
    expect(message.metadata).toMatchObject({ rxllm: { start: { provider: 'openai.chat', modelId: 'gpt-4o-mini' }, finish: { finishReason: 'stop' }, usage: { inputTokens: expect.any(Number) } } });
  });

  it('Anthropic thinking: a reasoning part carrying its signature where the AI SDK keeps it', async () => {
    const thinking = anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'sk-ant-0000', baseURL: sim().anthropicBaseURL, reasoning: { budgetTokens: 1024 } });
    const { message } = await chat((input) => thinking.stream(input), ask('Why is the sky blue?'));
    const signature = server!.served[0]!.events.find((e) => e.type === 'reasoning-signature');
    expect(message.parts[0]).toMatchObject({ type: 'reasoning', text: expect.stringMatching(/\S/), state: 'done', providerMetadata: { anthropic: { signature: (signature as { signature: string }).signature } } });
    expect(message.parts[1]).toMatchObject({ type: 'text', state: 'done' });
  });

  it('an agent: steps, each tool call a tool part with its input and output; the message sent back reads as the same conversation', async () => {
    const serve: Serve = (input) => withTools(openai(), { tools: cityTools }).stream(input);
    const { message } = await chat(serve, ask('Use get_weather and get_time for Lisbon'));
    expect(message.parts.map((p) => p.type)).toEqual(['step-start', 'tool-get_weather', 'tool-get_time', 'step-start', 'text']);
    expect(message.parts[1]).toMatchObject({ type: 'tool-get_weather', state: 'output-available', input: { city: 'Lisbon' }, output: { city: 'Lisbon', tempC: 21 } });
    expect(message.parts[2]).toMatchObject({ type: 'tool-get_time', state: 'output-available', input: { city: 'Lisbon' }, output: '14:05 in Lisbon' });

    // useChat sends the whole conversation next time: the server reads back the steps, calls and results.
    const agentGeneration = server!.served[0]!.events;
    await server!.close();
    const next = await chat((input) => openai().stream(input), [...ask('Use get_weather and get_time for Lisbon'), message, { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Thanks' }] }]);
    expect(next.errors).toEqual([]);
    const input = server!.served[0]!.input;
    expect(input.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(input[1]).toEqual({ role: 'assistant', content: [
      { type: 'tool-call', toolCallId: expect.any(String), toolName: 'get_weather', input: { city: 'Lisbon' } },
      { type: 'tool-call', toolCallId: expect.any(String), toolName: 'get_time', input: { city: 'Lisbon' } },
    ] });
    expect(input[2]!.content).toEqual([
      { type: 'tool-result', toolCallId: expect.any(String), toolName: 'get_weather', output: { city: 'Lisbon', tempC: 21 } },
      { type: 'tool-result', toolCallId: expect.any(String), toolName: 'get_time', output: '14:05 in Lisbon' },
    ]);
    expect(input[3]).toEqual({ role: 'assistant', content: [{ type: 'text', text: serverText(agentGeneration.filter((_e, i) => i > agentGeneration.findIndex((e) => e.type === 'step-finish'))) }] });
  });

  it('a failure on the server reaches the client\'s onError as the error text, never the key', async () => {
    sim().configure({ faults: [{ kind: 'server-error', params: { status: 503 } }] });
    const { errors } = await chat((input) => openai().stream(input), ask('Hi'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^(OverloadedError|ServerError): openai\.chat: HTTP 503/);
    expect(errors[0]).not.toContain('sk-server-0000');
  });
});

describe('remoteModel <- a server written with the AI SDK', () => {
  /** What the AI SDK server writes: a two-step tool loop (reasoning, a tool call, its output; then text). */
  function writeAgentTurn(writer: UIMessageStreamWriter): void {
    const chunks: UIMessageChunk[] = [
      { type: 'start', messageId: 'msg-1' },
      { type: 'start-step' },
      { type: 'reasoning-start', id: 'r1' },
      { type: 'reasoning-delta', id: 'r1', delta: 'The user wants the weather.' },
      { type: 'reasoning-end', id: 'r1' },
      { type: 'tool-input-start', toolCallId: 'call-1', toolName: 'get_weather' },
      { type: 'tool-input-delta', toolCallId: 'call-1', inputTextDelta: '{"city":' },
      { type: 'tool-input-delta', toolCallId: 'call-1', inputTextDelta: '"Oslo"}' },
      { type: 'tool-input-available', toolCallId: 'call-1', toolName: 'get_weather', input: { city: 'Oslo' } },
      { type: 'tool-output-available', toolCallId: 'call-1', output: { tempC: 3 } },
      { type: 'finish-step' },
      { type: 'start-step' },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'It is ' },
      { type: 'text-delta', id: 't1', delta: '3 °C in Oslo.' },
      { type: 'text-end', id: 't1' },
      { type: 'finish-step' },
      { type: 'finish', finishReason: 'stop' },
    ];
    for (const chunk of chunks) writer.write(chunk);
  }

  const expected: GenerationEvent[] = [
    { type: 'step-start', step: 1 },
    { type: 'start', provider: 'remote', modelId: 'ai-sdk-server' },
    { type: 'reasoning-delta', index: 0, text: 'The user wants the weather.' },
    { type: 'tool-call-start', index: 0, toolCallId: 'call-1', toolName: 'get_weather' },
    { type: 'tool-call-delta', index: 0, toolCallId: 'call-1', inputDelta: '{"city":' },
    { type: 'tool-call-delta', index: 0, toolCallId: 'call-1', inputDelta: '"Oslo"}' },
    { type: 'tool-call', index: 0, toolCallId: 'call-1', toolName: 'get_weather', input: { city: 'Oslo' }, rawInput: '{"city":"Oslo"}' },
    { type: 'finish', index: 0, finishReason: 'tool_calls', rawFinishReason: null },
    { type: 'tool-result', toolCallId: 'call-1', toolName: 'get_weather', output: { tempC: 3 }, isError: false },
    { type: 'step-finish', step: 1 },
    { type: 'step-start', step: 2 },
    { type: 'start', provider: 'remote', modelId: 'ai-sdk-server' },
    { type: 'text-delta', index: 0, text: 'It is ' },
    { type: 'text-delta', index: 0, text: '3 °C in Oslo.' },
    { type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: null },
    { type: 'step-finish', step: 2 },
  ];

  let httpServer: TestServer | undefined;
  afterEach(async () => {
    await httpServer?.close();
    httpServer = undefined;
  });

  /** A node:http server answering with the AI SDK's own pipeUIMessageStreamToResponse. */
  async function aiSdkServer(execute: (writer: UIMessageStreamWriter) => void | Promise<void>): Promise<string> {
    httpServer = await startTestServer((_req, res) =>
      pipeUIMessageStreamToResponse({ response: res, stream: createUIMessageStream({ execute: ({ writer }) => execute(writer), onError: (e) => `Server says: ${e instanceof Error ? e.message : String(e)}` }) }),
    );
    return `${httpServer.url}/api/chat`;
  }

  it('reads its steps, reasoning, tool call and output, and text; generate gives an AgentGeneration of two steps', async () => {
    const url = await aiSdkServer(writeAgentTurn);
    const model = remoteModel({ url, modelId: 'ai-sdk-server' });
    expect(await lastValueFrom(model.stream('Weather in Oslo?').pipe(toArray()))).toEqual(expected);
    const g = await firstValueFrom(model.generate('Weather in Oslo?'));
    expect(g).toMatchObject({ provider: 'remote', modelId: 'ai-sdk-server', text: 'It is 3 °C in Oslo.', finishReason: 'stop', steps: [{ finishReason: 'tool_calls', reasoning: 'The user wants the weather.' }, { text: 'It is 3 °C in Oslo.' }] });
    // The request is the one useChat sends: the AI SDK's server reads it as UI messages.
    expect(JSON.parse(httpServer!.requests[0]!.body)).toEqual({ trigger: 'submit-message', messages: [{ id: 'm0', role: 'user', parts: [{ type: 'text', text: 'Weather in Oslo?' }] }] });
  });

  it('reads the Response of createUIMessageStreamResponse (a fetch-style server, called directly)', async () => {
    const fetchFromAiSdk = (() => Promise.resolve(createUIMessageStreamResponse({ stream: createUIMessageStream({ execute: ({ writer }) => writeAgentTurn(writer) }) }))) as typeof fetch;
    const model = remoteModel({ url: 'http://server.invalid/api/chat', modelId: 'ai-sdk-server', fetch: fetchFromAiSdk });
    expect(await lastValueFrom(model.stream('Weather in Oslo?').pipe(toArray()))).toEqual(expected);
  });

  it('its error chunk (a failing execute) becomes a StreamError with the text so far', async () => {
    const url = await aiSdkServer(async (writer) => {
      writer.write({ type: 'start' });
      writer.write({ type: 'text-start', id: 't' });
      writer.write({ type: 'text-delta', id: 't', delta: 'Half' });
      throw new Error('the database is down');
    });
    const error = await errorOf(remoteModel({ url }).stream('Hi'));
    expect(isStreamError(error)).toBe(true);
    expect(error).toMatchObject({ message: 'Server says: the database is down', partialText: 'Half', isRetryable: false });
  });

  it('reads streamText\'s answer (the usual AI SDK route: convertToModelMessages, streamText, pipeUIMessageStreamToResponse), which read the whole conversation', async () => {
    const mock = new MockLanguageModelV3({
      doStream: () =>
        Promise.resolve({
          stream: convertArrayToReadableStream([
            { type: 'stream-start', warnings: [] },
            { type: 'response-metadata', id: 'resp-1', modelId: 'mock-model', timestamp: new Date(0) },
            { type: 'text-start', id: '1' },
            { type: 'text-delta', id: '1', delta: 'Three ' },
            { type: 'text-delta', id: '1', delta: 'degrees' },
            { type: 'text-end', id: '1' },
            {
              type: 'finish',
              finishReason: { unified: 'length', raw: 'max_tokens' },
              usage: { inputTokens: { total: 9, noCache: 9, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 2, text: 2, reasoning: 0 } },
            },
          ]),
        }),
    });
    httpServer = await startTestServer((req, res) => {
      const { messages } = JSON.parse(req.body) as { messages: UIMessage[] };
      void convertToModelMessages(messages).then((converted) => streamText({ model: mock, messages: converted, allowSystemInMessages: true }).pipeUIMessageStreamToResponse(res));
    });
    const model = remoteModel({ url: `${httpServer.url}/api/chat`, modelId: 'vercel' });
    const events = await lastValueFrom(
      model
        .stream([
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Weather in Oslo?' },
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Oslo' } }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'get_weather', output: { tempC: 3 } }] },
        ])
        .pipe(toArray()),
    );
    expect(events).toEqual([
      { type: 'step-start', step: 1 },
      { type: 'start', provider: 'remote', modelId: 'vercel' },
      { type: 'text-delta', index: 0, text: 'Three ' },
      { type: 'text-delta', index: 0, text: 'degrees' },
      { type: 'finish', index: 0, finishReason: 'length', rawFinishReason: null },
      { type: 'step-finish', step: 1 },
    ]);
    // convertToModelMessages read remoteModel's UI messages as the same conversation.
    expect(mock.doStreamCalls[0]!.prompt).toMatchObject([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'get_weather', output: { type: 'json', value: { tempC: 3 } } }] },
    ]);
  });
});
