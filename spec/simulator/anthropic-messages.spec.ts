import type Anthropic from '@anthropic-ai/sdk';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/start-simulator.js';
import { countTokens } from '../../src/simulator/tokenizer.js';
import { anthropicFor, useSimulatorClients } from './sim-fixture.js';

describe('simulator: POST /v1/messages with the real Anthropic SDK', () => {
  const { sim, anthropic } = useSimulatorClients();
  const model = 'claude-3-5-haiku-latest';
  const messages = [{ role: 'user' as const, content: 'Tell me about rivers' }];


  it('answers with the real message shape and a request-id header', async () => {
    const { data, response } = await anthropic().messages.create({ model, max_tokens: 200, messages }).withResponse();
    expect(data.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model, stop_reason: 'end_turn', stop_sequence: null });
    expect(data.content).toHaveLength(1);
    const block = data.content[0]!;
    expect(block.type).toBe('text');
    const text = block.type === 'text' ? block.text : '';
    expect(data.usage.input_tokens).toBe(countTokens('Tell me about rivers'));
    expect(data.usage.output_tokens).toBe(countTokens(text));
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const again = await anthropic().messages.create({ model, max_tokens: 200, messages });
    expect(again.content).toEqual(data.content);
  });

  it('sends the full SSE event sequence', async () => {
    const stream = await anthropic().messages.create({ model, max_tokens: 200, messages, stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') {
        expect(event.delta.stop_reason).toBe('end_turn');
        expect(event.usage.output_tokens).toBe(countTokens(text));
      }
    }
    const deltas = types.filter((t) => t === 'content_block_delta').length;
    expect(types).toEqual([
      'message_start', 'content_block_start', ...Array<string>(deltas).fill('content_block_delta'),
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    expect(deltas).toBe(countTokens(text));
    const whole = await anthropic().messages.create({ model, max_tokens: 200, messages });
    expect(whole.content[0]).toEqual({ type: 'text', text });
  });

  it('puts event: lines and a ping on the wire', async () => {
    const res = await fetch(`${sim().url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-sim-reply': 'Hi' },
      body: JSON.stringify({ model, max_tokens: 5, messages, stream: true }),
    });
    const frames = (await res.text()).split('\n\n').filter((f) => f !== '');
    expect(frames.map((f) => f.split('\n')[0])).toEqual([
      'event: message_start', 'event: content_block_start', 'event: ping', 'event: content_block_delta',
      'event: content_block_stop', 'event: message_delta', 'event: message_stop',
    ]);
  });

  it('works with the MessageStream helper (text events, finalMessage)', async () => {
    const pieces: string[] = [];
    const stream = anthropic().messages.stream({ model, max_tokens: 3, messages });
    stream.on('text', (t) => pieces.push(t));
    const final = await stream.finalMessage();
    expect(pieces).toHaveLength(3);
    expect(final.stop_reason).toBe('max_tokens');
    expect(final.usage.output_tokens).toBe(3);
    expect(final.content[0]).toEqual({ type: 'text', text: pieces.join('') });
  });

  it('honours stop_sequences with stop_reason stop_sequence', async () => {
    const headers = { 'x-sim-reply': encodeURIComponent('Alpha beta. Gamma delta') };
    const data = await anthropic().messages.create({ model, max_tokens: 50, messages, stop_sequences: ['Gamma'] }, { headers });
    expect(data.stop_reason).toBe('stop_sequence');
    expect(data.stop_sequence).toBe('Gamma');
    expect(data.content[0]).toEqual({ type: 'text', text: 'Alpha beta. ' });
  });

  it('accepts the system prompt as a string or blocks, and content as text blocks', async () => {
    const asString = await anthropic().messages.create({ model, max_tokens: 50, system: 'Be kind.', messages });
    const asBlocks = await anthropic().messages.create({
      model, max_tokens: 50, system: [{ type: 'text', text: 'Be kind.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me about rivers' }] }],
    });
    expect(asBlocks.content).toEqual(asString.content);
    expect(asString.usage.input_tokens).toBe(countTokens('Be kind.') + countTokens('Tell me about rivers'));
    const noSystem = await anthropic().messages.create({ model, max_tokens: 50, messages });
    expect(noSystem.content).not.toEqual(asString.content);
  });

  it('accepts an Authorization: Bearer key, an x-api-key, and any anthropic-version', async () => {
    const keyed = await startSimulator({ apiKey: 'sk-ant-right-key-0001' });
    try {
      const body = JSON.stringify({ model, max_tokens: 5, messages });
      const variants: Record<string, string>[] = [
        { 'x-api-key': 'sk-ant-right-key-0001', 'anthropic-version': '2023-06-01' },
        { authorization: 'Bearer sk-ant-right-key-0001', 'anthropic-version': '2099-01-01' },
        { 'x-api-key': 'sk-ant-right-key-0001' },
      ];
      for (const headers of variants) {
        const res = await fetch(`${keyed.url}/v1/messages`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
        expect(res.status).toBe(200);
      }
    } finally {
      await keyed.close();
    }
  });
});

describe('simulator: messages replies by kind, temperature and max_tokens, with the real Anthropic SDK', () => {
  const model = 'claude-3-5-haiku-latest';
  const sims: SimulatorHandle[] = [];
  const start = async (options: { seed?: number } = {}): Promise<Anthropic> => {
    const sim = await startSimulator(options);
    sims.push(sim);
    return anthropicFor(sim);
  };
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  const textOf = (message: Anthropic.Message): string => message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  // The SDK (1.x) no longer types `temperature`, but sends any body field it is given, as rxllm does.
  const params = <T extends Anthropic.MessageCreateParams>(body: T & { temperature?: number }): T => body;
  const ask = async (anthropic: Anthropic, content: string, extra: { temperature?: number; max_tokens?: number } = {}): Promise<string> =>
    textOf(await anthropic.messages.create(params<Anthropic.MessageCreateParamsNonStreaming>({ model, max_tokens: 1024, messages: [{ role: 'user', content }], ...extra })));

  it('reads temperature: 0 or unset repeats the reply, above 0 varies it, reproducibly from the seed', async () => {
    const [a, b] = [await start(), await start({ seed: 5 })];
    expect(await ask(a, 'Hello, how are you?', { temperature: 0 })).toBe(await ask(b, 'Hello, how are you?'));
    const run = async (anthropic: Anthropic): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 8; i++) out.push(await ask(anthropic, 'Hello, how are you?', { temperature: 1 }));
      return out;
    };
    const first = await run(await start({ seed: 5 }));
    expect(new Set(first).size).toBeGreaterThanOrEqual(5);
    expect(await run(await start({ seed: 5 }))).toEqual(first);
  });

  it('a story streams close to max_tokens (2000), ending with end_turn; output_tokens counts the streamed text', async () => {
    const anthropic = await start();
    let text = '';
    let outputTokens = -1;
    let stopReason: string | null = null;
    const stream = await anthropic.messages.create(params<Anthropic.MessageCreateParamsStreaming>({
      model, max_tokens: 2000, temperature: 0.8, messages: [{ role: 'user', content: 'Write me a long story about a lighthouse' }], stream: true,
    }));
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') {
        outputTokens = event.usage.output_tokens;
        stopReason = event.delta.stop_reason;
      }
    }
    expect(stopReason).toBe('end_turn');
    expect(outputTokens).toBe(countTokens(text));
    expect(outputTokens).toBeGreaterThanOrEqual(1900);
    expect(outputTokens).toBeLessThanOrEqual(2000);
  });

  it('"hi" gets small talk, whatever max_tokens allows; a code request a fenced block', async () => {
    const anthropic = await start();
    expect(countTokens(await ask(anthropic, 'hi', { max_tokens: 4000 }))).toBeLessThan(30);
    expect(await ask(anthropic, 'Write a bash script that counts lines')).toMatch(/\n```bash\n[\s\S]+\n```\n/);
  });

  it('a temperature out of 0..1 is a 400 in Anthropic\'s shape', async () => {
    const anthropic = await start();
    const body = params<Anthropic.MessageCreateParamsNonStreaming>({ model, max_tokens: 5, temperature: 1.5, messages: [{ role: 'user', content: 'hi' }] });
    const error = await anthropic.messages.create(body).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, error: { type: 'error', error: { type: 'invalid_request_error', message: 'temperature: Input should be less than or equal to 1' } } });
  });
});
