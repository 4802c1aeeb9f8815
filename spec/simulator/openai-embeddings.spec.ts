import { textVector } from '../../src/simulator/routes/openai-embeddings.js';
import { countTokens } from '../../src/simulator/tokenizer.js';
import { API_KEY, post, rejectionOf, useSimulatorClients, type OpenAIApiError } from './sim-fixture.js';

const cosine = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (v: readonly number[]): number => Math.sqrt(cosine(v, v));

describe('simulator: POST /v1/embeddings with the real OpenAI SDK', () => {
  const { sim, openai } = useSimulatorClients();
  const model = 'text-embedding-3-small';
  const auth = { authorization: `Bearer ${API_KEY}` };

  beforeEach(() => sim().configure({ faults: [], rateLimit: undefined, latencyMs: 0 }));

  it('answers in the real shape: a list of unit vectors by index, the model, usage, a request id', async () => {
    const { data, response } = await openai().embeddings.create({ model, input: ['the quick fox', 'a lazy dog'], encoding_format: 'float' }).withResponse();
    expect(data.object).toBe('list');
    expect(data.model).toBe(model);
    expect(data.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([['embedding', 0, 1536], ['embedding', 1, 1536]]);
    for (const d of data.data) expect(norm(d.embedding)).toBeCloseTo(1, 5);
    const tokens = countTokens('the quick fox') + countTokens('a lazy dog');
    expect(data.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('is deterministic, and texts that share words are closer than texts that do not', async () => {
    const input = ['the cat sat on the mat', 'a cat sat on a mat', 'quarterly revenue grew', 'the cat sat on the mat'];
    const { data } = await openai().embeddings.create({ model, input, encoding_format: 'float' });
    const [a, b, c, again] = data.map((d) => d.embedding);
    expect(again).toEqual(a);
    expect(cosine(a!, b!)).toBeGreaterThan(0.4); // 4 of 6 words shared
    expect(Math.abs(cosine(a!, c!))).toBeLessThan(0.1); // none shared
    expect(a).toEqual(Array.from(new Float32Array(textVector(model, input[0]!, 1536))));
  });

  it('base64 carries the same float32s; the SDK decodes it when it asked for it by default', async () => {
    const float = await openai().embeddings.create({ model, input: 'hello', dimensions: 64, encoding_format: 'float' });
    const raw = await openai().embeddings.create({ model, input: 'hello', dimensions: 64, encoding_format: 'base64' });
    const text = raw.data[0]!.embedding as unknown as string;
    expect(typeof text).toBe('string');
    const bytes = Buffer.from(text, 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4))).toEqual(float.data[0]!.embedding);
    const byDefault = await openai().embeddings.create({ model, input: 'hello', dimensions: 64 });
    expect(byDefault.data[0]!.embedding).toEqual(float.data[0]!.embedding);
  });

  it('dimensions: up to the model\'s length (1536 small, 3072 large); ada-002 refuses it', async () => {
    const large = await openai().embeddings.create({ model: 'text-embedding-3-large', input: 'x', encoding_format: 'float' });
    expect(large.data[0]!.embedding).toHaveLength(3072);
    const over = (await rejectionOf(openai().embeddings.create({ model, input: 'x', dimensions: 1537 }))) as OpenAIApiError;
    expect(over.status).toBe(400);
    expect(over.message).toContain("Invalid value for 'dimensions': integer above maximum value. Expected a value <= 1536, but got 1537 instead.");
    const ada = (await rejectionOf(openai().embeddings.create({ model: 'text-embedding-ada-002', input: 'x', dimensions: 512 }))) as OpenAIApiError;
    expect(ada.message).toContain('This model does not support specifying dimensions.');
    const adaFull = await openai().embeddings.create({ model: 'text-embedding-ada-002', input: 'x', encoding_format: 'float' });
    expect(adaFull.data[0]!.embedding).toHaveLength(1536);
  });

  it('token-list inputs are embedded too, counted by their length', async () => {
    const one = await openai().embeddings.create({ model, input: [1, 2, 3], encoding_format: 'float' });
    expect(one.data).toHaveLength(1);
    expect(one.usage.prompt_tokens).toBe(3);
    const two = await openai().embeddings.create({ model, input: [[1, 2], [3]], encoding_format: 'float' });
    expect(two.data).toHaveLength(2);
    expect(two.usage.prompt_tokens).toBe(3);
  });

  it.each([
    ['an empty string', { input: '' }, "'$.input' is invalid. Please check the API reference"],
    ['an empty string in a list', { input: ['a', ''] }, "'$.input' is invalid."],
    ['an empty list', { input: [] }, "'$.input' is invalid."],
    ['2,049 inputs', { input: Array.from({ length: 2049 }, () => 'x') }, 'array length must be 2048 or less'],
    ['mixed types', { input: ['a', 1] }, "'$.input' is invalid."],
    ['no input', {}, "Missing required parameter: 'input'."],
    ['an unknown encoding_format', { input: 'a', encoding_format: 'hex' }, "Invalid value for 'encoding_format'"],
    ['an input over 8,192 tokens', { input: 'word '.repeat(8200) }, "This model's maximum context length is 8192 tokens"],
    ['over 300,000 tokens in all', { input: Array.from({ length: 40 }, () => 'word '.repeat(8000)) }, 'max 300000 tokens per request'],
  ])('400 for %s, as the real API', async (_what, fields, message) => {
    const res = await post(sim(), '/v1/embeddings', JSON.stringify({ model, ...fields }), auth);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; type: string } };
    expect(body.error.message).toContain(message);
    expect(body.error.type).toBe('invalid_request_error');
  });

  it('faults and rate limits apply like on the generation routes; stats count the route', async () => {
    sim().resetStats();
    sim().configure({ faults: [{ kind: 'server-error', route: 'embeddings', nth: 1 }] });
    expect(((await rejectionOf(openai().embeddings.create({ model, input: 'a' }))) as OpenAIApiError).status).toBe(500);
    await openai().embeddings.create({ model, input: 'a' });
    const reset = await rejectionOf(openai().embeddings.create({ model, input: 'a' }, { headers: { 'x-sim-fault': 'reset' } }));
    expect((reset as Error).constructor.name).toBe('APIConnectionError');
    sim().configure({ faults: [], rateLimit: { tokensPerMinute: 5 } });
    await openai().embeddings.create({ model, input: 'one two three' });
    const limited = (await rejectionOf(openai().embeddings.create({ model, input: 'one two three' }))) as OpenAIApiError;
    expect(limited.status).toBe(429);
    expect(limited.headers?.get('x-ratelimit-limit-tokens')).toBe('5');
    const stats = sim().stats();
    expect(stats.byRoute['/v1/embeddings']).toBe(5);
    expect(stats.faultsInjected['server-error']).toBe(1);
    expect(stats.rateLimited).toBe(1);
  });

  it('waits latencyMs before answering', async () => {
    sim().configure({ latencyMs: 120 });
    const started = Date.now();
    await openai().embeddings.create({ model, input: 'a' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});
