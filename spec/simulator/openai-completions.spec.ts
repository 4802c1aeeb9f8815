import type OpenAI from 'openai';
import { countTokens } from '../../src/simulator/tokenizer.js';
import { useSimulatorClients } from './sim-fixture.js';

describe('simulator: POST /v1/completions (legacy) with the real OpenAI SDK', () => {
  const { openai } = useSimulatorClients();
  const model = 'gpt-3.5-turbo-instruct';


  it('answers one prompt with the real shape; max_tokens defaults to 16 like the real API', async () => {
    const { data, response } = await openai().completions.create({ model, prompt: 'Once upon a time' }).withResponse();
    expect(data.id).toMatch(/^cmpl-/);
    expect(data.object).toBe('text_completion');
    expect(data.model).toBe(model);
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0]!.index).toBe(0);
    expect(data.usage!.completion_tokens).toBeLessThanOrEqual(16);
    expect(data.usage!.completion_tokens).toBe(countTokens(data.choices[0]!.text));
    expect(data.usage!.prompt_tokens).toBe(countTokens('Once upon a time'));
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const long = await openai().completions.create({ model, prompt: 'Once upon a time', max_tokens: 200 });
    expect(long.choices[0]!.finish_reason).toBe('stop');
    expect(long.choices[0]!.text.startsWith(data.choices[0]!.text)).toBe(true);
  });

  it('numbers choices promptIndex * n + choiceIndex for several prompts and n > 1', async () => {
    const prompts = ['alpha', 'beta', 'gamma'];
    const data = await openai().completions.create({ model, prompt: prompts, n: 2, max_tokens: 100 });
    expect(data.choices.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    // each prompt's choices are what that prompt alone gives
    const beta = await openai().completions.create({ model, prompt: 'beta', n: 2, max_tokens: 100 });
    expect([data.choices[2]!.text, data.choices[3]!.text]).toEqual(beta.choices.map((c) => c.text));
    expect(data.usage!.prompt_tokens).toBe(3);
    expect(data.usage!.completion_tokens).toBe(data.choices.reduce((n, c) => n + countTokens(c.text), 0));
  });

  it('streams every choice by index, then the include_usage chunk', async () => {
    const whole = await openai().completions.create({ model, prompt: ['a', 'b'], n: 2, max_tokens: 5 });
    const texts = ['', '', '', ''];
    const finishes: (string | null)[] = [null, null, null, null];
    const chunks: OpenAI.Completion[] = [];
    const stream = await openai().completions.create({
      model, prompt: ['a', 'b'], n: 2, max_tokens: 5, stream: true, stream_options: { include_usage: true },
    });
    for await (const chunk of stream) {
      chunks.push(chunk);
      for (const c of chunk.choices) {
        texts[c.index] += c.text;
        if (c.finish_reason) finishes[c.index] = c.finish_reason;
      }
    }
    expect(texts).toEqual(whole.choices.map((c) => c.text));
    expect(finishes).toEqual(['length', 'length', 'length', 'length']);
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toEqual(whole.usage);
  });

  it('stops at a stop sequence', async () => {
    const data = await openai().completions.create(
      { model, prompt: 'x', stop: ['\n'] },
      { headers: { 'x-sim-reply': encodeURIComponent('first line\nsecond line') } },
    );
    expect(data.choices[0]!.text).toBe('first line');
    expect(data.choices[0]!.finish_reason).toBe('stop');
  });

  it('gives each packed prompt its kind of reply; temperature > 0 varies them, 0 repeats them', async () => {
    const prompts = ['Tell me a long story', 'hi', 'List 3 tips for sleep'];
    const body = { model, prompt: prompts, max_tokens: 300 };
    const [story, hi, list] = (await openai().completions.create(body)).choices.map((c) => c.text);
    expect(countTokens(story!)).toBeGreaterThanOrEqual(280);
    expect(countTokens(hi!)).toBeLessThan(30);
    expect(list!.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
    expect((await openai().completions.create(body)).choices.map((c) => c.text)).toEqual([story, hi, list]);
    const a = await openai().completions.create({ ...body, temperature: 1 });
    const b = await openai().completions.create({ ...body, temperature: 1 });
    expect(a.choices.map((c) => c.text)).not.toEqual(b.choices.map((c) => c.text));
    expect(a.usage!.completion_tokens).toBe(a.choices.reduce((n, c) => n + countTokens(c.text), 0));
  });
});
