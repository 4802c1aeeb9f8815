import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { useSharedSimulator } from '../support/shared-simulator.js';
import { anthropicFor, chunksOf, openaiFor, post, rejectionOf, type AnthropicApiError, type OpenAIApiError } from './sim-fixture.js';

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/** The start of a 320×240 JPEG (SOI, APP0, SOF0): enough for the format and size. */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
  Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0xf0, 0x01, 0x40, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]),
  Buffer.alloc(1200, 0x55),
]).toString('base64');

describe('simulator: refusals on request (x-sim-refusal)', () => {
  const sim = useSharedSimulator();
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Tell me about rivers' }];

  it('OpenAI: message.refusal, content null, finish_reason stop', async () => {
    const data = await openaiFor(sim()).chat.completions.create({ model: 'gpt-4o', messages }, { headers: { 'x-sim-refusal': '1' } });
    expect(data.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: null, refusal: "I'm sorry, but I can't help with that request." } });
    const own = await openaiFor(sim()).chat.completions.create({ model: 'gpt-4o', messages }, { headers: { 'x-sim-refusal': encodeURIComponent('Not today.') } });
    expect(own.choices[0]!.message.refusal).toBe('Not today.');
    expect(own.usage!.completion_tokens).toBe(3); // "Not", " today", "."
  });

  it('OpenAI streams refusal deltas as the recording shows (role chunk with refusal "")', async () => {
    const res = await post(sim(), '/v1/chat/completions', JSON.stringify({ model: 'gpt-4o', messages, stream: true }), { 'x-sim-refusal': 'true' });
    const deltas = chunksOf(await res.text()).map((c) => c.choices[0]);
    expect(deltas[0].delta).toEqual({ role: 'assistant', content: null, refusal: '' });
    expect(deltas.slice(1, -1).every((c) => Object.keys(c.delta).join() === 'refusal')).toBe(true);
    expect(deltas.slice(1, -1).map((c) => c.delta.refusal).join('')).toBe("I'm sorry, but I can't help with that request.");
    expect(deltas.at(-1)).toMatchObject({ delta: {}, finish_reason: 'stop' });
    const final = await openaiFor(sim()).chat.completions.stream({ model: 'gpt-4o', messages }, { headers: { 'x-sim-refusal': '1' } }).finalChatCompletion();
    expect(final.choices[0]!.message).toMatchObject({ content: null, refusal: "I'm sorry, but I can't help with that request." });
  });

  it('Anthropic: stop_reason refusal with stop_details, no content (JSON and SSE)', async () => {
    const anthropic = anthropicFor(sim());
    const params = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Tell me about rivers' }] };
    const data = await anthropic.messages.create(params, { headers: { 'x-sim-refusal': encodeURIComponent('Blocked for the demo.') } });
    expect(data).toMatchObject({ content: [], stop_reason: 'refusal', stop_details: { type: 'refusal', category: null, explanation: 'Blocked for the demo.' } });
    const res = await post(sim(), '/v1/messages', JSON.stringify({ ...params, stream: true }), { 'anthropic-version': '2023-06-01', 'x-sim-refusal': '1' });
    const frames = (await res.text()).split('\n\n').filter((f) => f !== '');
    expect(frames.map((f) => f.split('\n')[0])).toEqual(['event: message_start', 'event: ping', 'event: message_delta', 'event: message_stop']);
    expect(JSON.parse(frames[2]!.split('\n')[1]!.slice(6)).delta).toMatchObject({ stop_reason: 'refusal', stop_details: { type: 'refusal' } });
    const final = await anthropic.messages.stream(params, { headers: { 'x-sim-refusal': '1' } }).finalMessage();
    expect(final).toMatchObject({ content: [], stop_reason: 'refusal', stop_details: { type: 'refusal' } });
  });

  it('a bad x-sim-refusal / x-sim-thinking header is a 400 naming it', async () => {
    const e = await rejectionOf(openaiFor(sim()).chat.completions.create({ model: 'gpt-4o', messages }, { headers: { 'x-sim-refusal': '%E0%A4%A' } }));
    expect((e as OpenAIApiError).error).toMatchObject({ message: 'Invalid x-sim-refusal header: not URI-encoded', param: 'x-sim-refusal' });
    const t = await rejectionOf(openaiFor(sim()).chat.completions.create({ model: 'gpt-4o', messages }, { headers: { 'x-sim-thinking': 'loud' } }));
    expect((t as OpenAIApiError).error).toMatchObject({ param: 'x-sim-thinking' });
  });
});

describe('simulator: images', () => {
  const sim = useSharedSimulator();

  it('OpenAI: accepts data: and https image parts, counts their tokens and mentions them', async () => {
    const openai = openaiFor(sim());
    const text = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What is this?' }] });
    const data = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'low' } },
        ],
      }],
    });
    expect(data.choices[0]!.message.content).toMatch(/^I see 2 images \(PNG, 1×1, 70 B; from example\.com\)\. /);
    // 1×1 at high detail: 85 + 170 × 1 tile; a low-detail URL: 85
    expect(data.usage!.prompt_tokens).toBe(text.usage!.prompt_tokens + 255 + 85);
  });

  it('OpenAI rejects an image that is not one, and images outside user messages', async () => {
    const openai = openaiFor(sim());
    const e = await rejectionOf(openai.chat.completions.create({
      model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,aGVsbG8=' } }] }],
    }));
    expect((e as OpenAIApiError).error).toMatchObject({
      message: "You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].", code: 'invalid_image_format',
    });
    const role = await rejectionOf(openai.chat.completions.create({
      model: 'gpt-4o', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://example.com/x.png' } }] } as never, { role: 'user', content: 'hi' }],
    }));
    expect((role as OpenAIApiError).status).toBe(400);
  });

  it('Anthropic: accepts base64 and URL image blocks, sizes them, counts width × height / 750', async () => {
    const anthropic = anthropicFor(sim());
    const base = await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'Describe it.' }] });
    const data = await anthropic.messages.create({
      model: 'claude-haiku-4-5', max_tokens: 200,
      messages: [{
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: JPEG } },
          { type: 'image', source: { type: 'url', url: 'https://images.example.org/a.webp' } },
          { type: 'text', text: 'Describe it.' },
        ],
      }],
    });
    const text = (data.content[0] as Anthropic.TextBlock).text;
    expect(text).toMatch(/^I see 2 images \(JPEG, 320×240, 1\.2 KB; from images\.example\.org\)\. /);
    expect(data.usage.input_tokens).toBe(base.usage.input_tokens + Math.ceil((320 * 240) / 750) + 1600);
  });

  it('Anthropic rejects a media type that does not match the bytes, with the real message', async () => {
    const e = await rejectionOf(anthropicFor(sim()).messages.create({
      model: 'claude-haiku-4-5', max_tokens: 200,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: JPEG } }] }],
    }));
    expect(((e as AnthropicApiError).error as { error: { message: string } }).error.message)
      .toBe('messages.0.content.0.image.source.base64: The image was specified using the image/png media type, but the image appears to be a image/jpeg image');
  });
});
