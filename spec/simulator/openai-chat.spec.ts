import type OpenAI from 'openai';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/start-simulator.js';
import { countTokens } from '../../src/simulator/tokenizer.js';
import { openaiFor, useSimulatorClients } from './sim-fixture.js';

describe('simulator: POST /v1/chat/completions with the real OpenAI SDK', () => {
  const { openai } = useSimulatorClients();
  const messages = [{ role: 'user' as const, content: 'Tell me about rivers' }];


  it('answers a non-streaming call with the real response shape and headers', async () => {
    const { data, response } = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse();
    expect(data.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('gpt-4o-mini');
    expect(typeof data.created).toBe('number');
    expect(data.system_fingerprint).toMatch(/^fp_/);
    expect(data.choices).toHaveLength(1);
    const choice = data.choices[0]!;
    expect(choice.index).toBe(0);
    expect(choice.message.role).toBe('assistant');
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.content!.length).toBeGreaterThan(10);
    expect(data.usage).toMatchObject({
      prompt_tokens: countTokens('Tell me about rivers'),
      completion_tokens: countTokens(choice.message.content!),
      total_tokens: countTokens('Tell me about rivers') + countTokens(choice.message.content!),
    });
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(Number(response.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(0);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBeNull();
  });

  it('gives the same answer to the same request, and another to another prompt', async () => {
    const a = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages });
    const b = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages });
    const c = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Something else' }] });
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content);
    expect(c.choices[0]!.message.content).not.toBe(a.choices[0]!.message.content);
    expect(b.id).not.toBe(a.id);
  });

  it('streams chunks whose deltas add up to the non-streaming text, then [DONE]', async () => {
    const whole = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages });
    const stream = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]!.id)).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(whole.choices[0]!.message.content);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
    // one content chunk per token
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(whole.usage!.completion_tokens);
  });

  it('sends the include_usage chunk (empty choices) last when asked', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.total_tokens).toBe(last.usage!.prompt_tokens + last.usage!.completion_tokens);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('gives n choices, numbered, each streamed with its own finish', async () => {
    const data = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, n: 3 });
    expect(data.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(data.choices.map((c) => c.message.content)).size).toBe(3);
    const total = data.choices.reduce((n, c) => n + countTokens(c.message.content!), 0);
    expect(data.usage!.completion_tokens).toBe(total);

    const texts = ['', '', ''];
    const finishes: (string | null)[] = [null, null, null];
    for await (const chunk of await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, n: 3, stream: true })) {
      for (const c of chunk.choices) {
        texts[c.index] += c.delta.content ?? '';
        if (c.finish_reason) finishes[c.index] = c.finish_reason;
      }
    }
    expect(texts).toEqual(data.choices.map((c) => c.message.content));
    expect(finishes).toEqual(['stop', 'stop', 'stop']);
  });

  it('honours max_tokens (and max_completion_tokens) with finish_reason length', async () => {
    const full = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages });
    const cut = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 3 });
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(cut.usage!.completion_tokens).toBe(3);
    expect(full.choices[0]!.message.content!.startsWith(cut.choices[0]!.message.content!)).toBe(true);
    const cut2 = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, max_completion_tokens: 2 });
    expect(cut2.usage!.completion_tokens).toBe(2);
    expect(cut2.choices[0]!.finish_reason).toBe('length');
  });

  it('honours stop sequences with finish_reason stop, streaming or not', async () => {
    const headers = { 'x-sim-reply': encodeURIComponent('One two. END three four') };
    const data = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, stop: ['END', 'four'] }, { headers });
    expect(data.choices[0]!.message.content).toBe('One two. ');
    expect(data.choices[0]!.finish_reason).toBe('stop');
    let text = '';
    let finish: string | null = null;
    for await (const chunk of await openai().chat.completions.create({ model: 'gpt-4o-mini', messages, stop: 'two', stream: true }, { headers })) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('One ');
    expect(finish).toBe('stop');
  });

  it('replies with the x-sim-reply text exactly (URI-decoded), unicode included', async () => {
    const reply = 'Héllo, wörld! 👋  Two spaces.\nNew line ';
    const data = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages }, { headers: { 'x-sim-reply': encodeURIComponent(reply) } });
    expect(data.choices[0]!.message.content).toBe(reply);
    expect(data.usage!.completion_tokens).toBe(countTokens(reply));
  });

  it('accepts content parts and other roles', async () => {
    const data = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'text', text: ' there' }] },
        { role: 'assistant', content: null, refusal: null },
        { role: 'user', content: 'Again' },
      ],
    });
    expect(data.usage!.prompt_tokens).toBe(countTokens('Be brief.') + countTokens('Hi there') + countTokens('Again'));
  });
});

describe('simulator: chat SSE bytes on the wire', () => {
  it('sends data: lines separated by blank lines and ends with data: [DONE]', async () => {
    const sim = await startSimulator();
    try {
      const res = await fetch(`${sim.openaiBaseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sim-reply': 'Hi%20there' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }),
      });
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const frames = (await res.text()).split('\n\n').filter((f) => f !== '');
      expect(frames.every((f) => f.startsWith('data: '))).toBe(true);
      expect(frames.at(-1)).toBe('data: [DONE]');
      const deltas = frames.slice(0, -1).map((f) => JSON.parse(f.slice(6)) as { choices: { delta: { content?: string } }[] });
      expect(deltas.map((d) => d.choices[0]!.delta.content ?? '')).toEqual(['', 'Hi', ' there', '']);
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: chat replies by kind, temperature and max_tokens, with the real OpenAI SDK', () => {
  const sims: SimulatorHandle[] = [];
  const start = async (options: { seed?: number } = {}): Promise<OpenAI> => {
    const sim = await startSimulator(options);
    sims.push(sim);
    return openaiFor(sim);
  };
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  const ask = async (openai: OpenAI, content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}): Promise<string> =>
    (await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra })).choices[0]!.message.content!;

  it('at temperature 0 or unset, the same request gets the same reply, on any simulator whatever its seed', async () => {
    const [a, b] = [await start(), await start({ seed: 99 })];
    for (const temperature of [undefined, 0]) {
      const first = await ask(a, 'Hello, how are you?', { temperature });
      expect(await ask(a, 'Hello, how are you?', { temperature })).toBe(first);
      expect(await ask(b, 'Hello, how are you?', { temperature })).toBe(first);
    }
  });

  it('above 0, replies vary from call to call, and the same seed with the same requests replays them', async () => {
    const run = async (openai: OpenAI): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 10; i++) out.push(await ask(openai, 'Hello, how are you?', { temperature: 0.9, max_tokens: 60 }));
      return out;
    };
    const first = await run(await start({ seed: 7 }));
    expect(new Set(first).size).toBeGreaterThanOrEqual(7);
    expect(await run(await start({ seed: 7 }))).toEqual(first);
    expect(await run(await start({ seed: 8 }))).not.toEqual(first);
  });

  it('a new seed in configure restarts the variations', async () => {
    const sim = await startSimulator({ seed: 3 });
    sims.push(sim);
    const openai = openaiFor(sim);
    const first = [await ask(openai, 'What is RxJS?', { temperature: 1 }), await ask(openai, 'What is RxJS?', { temperature: 1 })];
    sim.configure({ seed: 3 });
    expect([await ask(openai, 'What is RxJS?', { temperature: 1 }), await ask(openai, 'What is RxJS?', { temperature: 1 })]).toEqual(first);
  });

  it('the last user message decides the kind of reply', async () => {
    const openai = await start();
    const data = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You write long stories.' },
        { role: 'user', content: 'Write a Python function to chunk a list' },
        { role: 'assistant', content: 'Here you go.' },
        { role: 'user', content: 'Thanks!' },
      ],
    });
    expect(data.choices[0]!.message.content).toMatch(/welcome|help|pleasure|Any time/);
    expect(await ask(openai, 'Write a Python function to chunk a list')).toMatch(/\n```python\n[\s\S]+\n```\n/);
    expect((await ask(openai, 'List 4 ideas for a talk')).split('\n').filter((l) => l.startsWith('- '))).toHaveLength(4);
  });

  it('a story streams close to max_tokens (2000), ending naturally; usage counts the streamed text', async () => {
    const openai = await start();
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me a long story' }], max_tokens: 2000, temperature: 0.7,
      stream: true, stream_options: { include_usage: true },
    });
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(finish).toBe('stop');
    expect(usage!.completion_tokens).toBe(countTokens(text));
    expect(usage!.completion_tokens).toBeGreaterThanOrEqual(1900);
    expect(usage!.completion_tokens).toBeLessThanOrEqual(2000);
    expect(text.split('\n\n').length).toBeGreaterThan(10);
  });

  it('without max_tokens a story is a few hundred tokens; "hi" stays short', async () => {
    const openai = await start();
    const story = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me a story' }] });
    expect(story.usage!.completion_tokens).toBe(countTokens(story.choices[0]!.message.content!));
    expect(story.usage!.completion_tokens).toBeGreaterThanOrEqual(250);
    expect(story.usage!.completion_tokens).toBeLessThanOrEqual(500);
    expect(countTokens(await ask(openai, 'hi', { max_tokens: 2000 }))).toBeLessThan(30);
  });

  it('x-sim-reply wins at any temperature; a temperature out of 0..2 is a 400', async () => {
    const openai = await start();
    const headers = { 'x-sim-reply': encodeURIComponent('Exactly this.') };
    const data = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], temperature: 1.5 }, { headers });
    expect(data.choices[0]!.message.content).toBe('Exactly this.');
    const error = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], temperature: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, param: 'temperature', code: 'invalid_value' });
  });
});
