import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import { fault, useSharedSimulator } from '../support/shared-simulator.js';
import { anthropicFor, openaiFor, rejectionOf } from './sim-fixture.js';

// Pacing, faults and rate limits apply to tool-argument fragments and thinking deltas as to text tokens: each
// is one token step.

const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city', 'unit'] } } }];
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'get_weather for Paris' }], tools };
const anthropicParams = {
  model: 'claude-sonnet-4-6', max_tokens: 2000, thinking: { type: 'enabled' as const, budget_tokens: 1024 },
  messages: [{ role: 'user' as const, content: 'Why is the sky blue?' }],
};

describe('simulator: delivery of rich content', () => {
  const sim = useSharedSimulator();

  it('paces tool-argument fragments at tokens-per-second', async () => {
    const openai = openaiFor(sim());
    const whole = await openai.chat.completions.create(chat);
    const t0 = Date.now();
    await openai.chat.completions.stream(chat, { headers: { 'x-sim-tokens-per-second': '200' } }).finalChatCompletion();
    // every completion token is a fragment, 5 ms apart
    expect(Date.now() - t0).toBeGreaterThanOrEqual(whole.usage!.completion_tokens * 5 - 5);
  });

  it('hidden reasoning takes its time before the first byte', async () => {
    const openai = openaiFor(sim());
    const data = await openai.chat.completions.create({ model: 'o3', messages: chat.messages });
    const reasoning = data.usage!.completion_tokens_details!.reasoning_tokens!;
    const t0 = Date.now();
    const stream = await openai.chat.completions.create({ model: 'o3', messages: chat.messages, stream: true }, { headers: { 'x-sim-tokens-per-second': '4000' } });
    for await (const chunk of stream) {
      expect(Date.now() - t0).toBeGreaterThanOrEqual(reasoning / 4 - 5);
      void chunk;
      break;
    }
  });

  it('stream-error after k fragments: the SDK stream fails after exactly k argument deltas', async () => {
    const stream = await openaiFor(sim()).chat.completions.create({ ...chat, stream: true }, fault('stream-error; after=3'));
    let fragments = 0;
    const e = await rejectionOf((async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments) fragments++;
    })());
    expect(e).toMatchObject({ status: undefined, error: { type: 'server_error' } });
    expect(fragments).toBe(3);
  });

  it('reset after k thinking deltas cuts the Anthropic stream there', async () => {
    const stream = await anthropicFor(sim()).messages.create({ ...anthropicParams, stream: true }, fault('reset; after=4'));
    const deltas: string[] = [];
    const e = await rejectionOf((async () => {
      for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'thinking_delta') deltas.push(event.delta.thinking);
    })());
    expect(e).toMatchObject({ name: 'TypeError', message: 'terminated' });
    expect(deltas).toHaveLength(4);
  });

  it('stall after k steps pauses a thinking stream, then the same message follows', async () => {
    const anthropic = anthropicFor(sim());
    const whole = await anthropic.messages.create(anthropicParams);
    const t0 = Date.now();
    const final = await anthropic.messages.stream(anthropicParams, fault('stall; ms=120; after=10')).finalMessage();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
    expect(final.content).toEqual(whole.content);
  });

  it('malformed mid-stream breaks a tool stream with a parse error', async () => {
    const stream = await openaiFor(sim()).chat.completions.create({ ...chat, stream: true }, fault('malformed; after=2'));
    const e = await rejectionOf((async () => {
      for await (const chunk of stream) void chunk;
    })());
    expect(e).toBeInstanceOf(SyntaxError);
  });

  it('x-sim-cached-tokens reports prompt-cache reads in each provider\'s usage', async () => {
    const headers = { headers: { 'x-sim-cached-tokens': '3' } };
    const openai = await openaiFor(sim()).chat.completions.create(chat, headers);
    expect(openai.usage!.prompt_tokens_details).toEqual({ cached_tokens: 3, audio_tokens: 0 });
    const plain = await anthropicFor(sim()).messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Tell me about rivers' }] });
    const cached = await anthropicFor(sim()).messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Tell me about rivers' }] }, headers);
    expect(cached.usage).toMatchObject({ input_tokens: plain.usage.input_tokens - 3, cache_read_input_tokens: 3, cache_creation_input_tokens: 0 });
  });

  it('x-sim-reply gives exactly that text, even when tools are named', async () => {
    const data = await openaiFor(sim()).chat.completions.create(chat, { headers: { 'x-sim-reply': 'No tools today.' } });
    expect(data.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'No tools today.' } });
  });

  it('a forced tool_choice calls again after the results, as the real APIs do', async () => {
    const openai = openaiFor(sim());
    const first = await openai.chat.completions.create(chat);
    const call = first.choices[0]!.message.tool_calls![0]!;
    const messages: OpenAI.ChatCompletionMessageParam[] = [...chat.messages, first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: 'Sunny' }];
    const auto = await openai.chat.completions.create({ ...chat, messages });
    expect(auto.choices[0]!.finish_reason).toBe('stop');
    const forced = await openai.chat.completions.create({ ...chat, messages, tool_choice: 'required' });
    expect(forced.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('rate limits count tool requests like any other', async () => {
    const limited = await startSimulator({ rateLimit: { requestsPerMinute: 1 } });
    try {
      const anthropic = anthropicFor(limited);
      const params = { model: 'claude-haiku-4-5', max_tokens: 300, tools: [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } }], messages: [{ role: 'user' as const, content: 'get_weather' }] };
      const first: Anthropic.Message = await anthropic.messages.create(params);
      expect(first.stop_reason).toBe('tool_use');
      expect(await rejectionOf(anthropic.messages.create(params))).toMatchObject({ status: 429 });
    } finally {
      await limited.close();
    }
  });
});
