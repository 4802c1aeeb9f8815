import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { InvalidArgumentError, InvalidOutputError } from '../../src/errors/index.js';
import { generateFrom } from '../../src/operators/generate-from.js';
import { generateObject } from '../../src/structured/generate-object.js';
import { extendsPartial } from '../../src/structured/partial-json.js';
import { streamObject } from '../../src/structured/stream-object.js';
import { withSchema, type ObjectGeneration } from '../../src/structured/with-schema.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import { testScheduler } from '../support/test-scheduler.js';

const Ticket = z.object({ category: z.enum(['bug', 'billing', 'other']), urgent: z.boolean(), tags: z.array(z.string()) });
const ticket = { category: 'bug', urgent: true, tags: ['login', 'crash'] };
const json = JSON.stringify(ticket);

describe('generateObject', () => {
  it('asks natively (a json-schema response format, named), reads the text, validates: one object, then complete', async () => {
    const model = fakeModel(json, { provider: 'openai.chat' });
    expect(await firstValueFrom(generateObject(model, 'Classify: the app crashes at login', { schema: Ticket }))).toEqual(ticket);
    expect(model.calls[0]!.options?.responseFormat).toMatchObject({ type: 'json-schema', name: 'response', schema: { type: 'object', required: ['category', 'urgent', 'tags'] } });
  });

  it('json mode: the schema goes in a system message and JSON mode is asked for; a code fence around the answer is fine', async () => {
    const model = fakeModel('```json\n' + json + '\n```', { provider: 'openai.chat' });
    expect(await firstValueFrom(generateObject(model, 'Classify', { schema: Ticket, mode: 'json' }))).toEqual(ticket);
    const [system] = model.calls[0]!.input as { role: string; content: string }[];
    expect(system).toMatchObject({ role: 'system', content: expect.stringContaining('"enum":["bug","billing","other"]') });
    expect(model.calls[0]!.options?.responseFormat).toEqual({ type: 'json' });
  });

  it('tool mode: a forced call of one tool whose input is the object', async () => {
    const model = fakeModel({ toolCalls: [{ toolName: 'ticket', input: ticket }] });
    expect(await firstValueFrom(generateObject(model, 'Classify', { schema: Ticket, mode: 'tool', name: 'ticket', description: 'A support ticket' }))).toEqual(ticket);
    expect(model.calls[0]!.options).toMatchObject({ tools: [{ name: 'ticket', description: 'A support ticket' }], toolChoice: { toolName: 'ticket' } });
  });

  it('an answer that is not JSON, or fails the schema, is an InvalidOutputError with the raw text, the issues and the usage', async () => {
    const notJson = generateObject(fakeModel({ text: 'Sure! Here it is', usage: { inputTokens: 5, outputTokens: 4 } }), 'x', { schema: Ticket });
    const e1 = await firstValueFrom(notJson).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(InvalidOutputError);
    expect(e1).toMatchObject({ name: 'InvalidOutputError', text: 'Sure! Here it is', code: 'invalid_json', usage: { totalTokens: 9 }, isRetryable: false });
    const e2 = await firstValueFrom(generateObject(fakeModel('{"category":"pizza","urgent":"yes","tags":[]}'), 'x', { schema: Ticket })).catch((e: unknown) => e);
    expect(e2).toMatchObject({ code: 'schema_mismatch', issues: [expect.stringMatching(/^category: /), expect.stringMatching(/^urgent: /)] });
  });

  it('a refusal, or an answer cut by the token limit, is an InvalidOutputError too', async () => {
    const refused = await firstValueFrom(generateObject(fakeModel({ refusal: "I can't help." }), 'x', { schema: Ticket })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'InvalidOutputError', code: 'refusal' });
    const cut = await firstValueFrom(generateObject(fakeModel({ text: '{"category":"b', finishReason: 'length' }), 'x', { schema: Ticket })).catch((e: unknown) => e);
    expect(cut).toMatchObject({ name: 'InvalidOutputError', code: 'output_cut' });
  });

  it('repair: n sends the issues back to the model, which answers again; usage covers every attempt', async () => {
    const model = fakeModel([{ text: '{"category":"pizza"}', usage: { inputTokens: 10, outputTokens: 5 } }, { text: json, usage: { inputTokens: 30, outputTokens: 8 } }]);
    const g = await firstValueFrom(withSchema(model, { schema: Ticket, repair: 1 }).generate('Classify'));
    expect(g.object).toEqual(ticket);
    expect(g.usage).toEqual({ inputTokens: 40, outputTokens: 13, totalTokens: 53 });
    const second = model.calls[1]!.input as { role: string; content: unknown }[];
    expect(second.slice(-2)).toMatchObject([{ role: 'assistant' }, { role: 'user', content: expect.stringContaining('category: ') }]);
    // Out of repairs: the last answer's error.
    const stubborn = fakeModel('nope');
    const e = await firstValueFrom(withSchema(stubborn, { schema: Ticket, repair: 2 }).generate('x')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidOutputError);
    expect(stubborn.callCount).toBe(3);
  });

  it('a zod schema transforms the object', async () => {
    const Shout = z.object({ word: z.string().transform((w) => w.toUpperCase()) });
    expect(await firstValueFrom(generateObject(fakeModel('{"word":"hi"}'), 'x', { schema: Shout }))).toEqual({ word: 'HI' });
  });

  it('a JSON Schema object works too (validated with zod\'s fromJSONSchema)', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false };
    expect(await firstValueFrom(generateObject(fakeModel('{"n":3}'), 'x', { schema }))).toEqual({ n: 3 });
    await expect(firstValueFrom(generateObject(fakeModel('{"n":"3"}'), 'x', { schema }))).rejects.toBeInstanceOf(InvalidOutputError);
  });

  it('in bulk: withSchema inside generateFrom, an invalid answer a failure record', async () => {
    const model = fakeModel((input) => (JSON.stringify(input).includes('"bad"') ? 'not json' : json));
    const out = await lastValueFrom(generateFrom(withSchema(model, { schema: Ticket }), ['a', 'bad', 'c'], { errors: 'emit', withIndex: true, ordered: true }).pipe(toArray()));
    expect(out.map((o) => (o.ok ? (o.generation as ObjectGeneration<unknown>).object : o.error.name))).toEqual([ticket, 'InvalidOutputError', ticket]);
  });

  it('bad options throw at once', () => {
    const model = fakeModel('x');
    expect(() => generateObject(model, 'x', { schema: 'nope' as never })).toThrow(InvalidArgumentError);
    expect(() => generateObject(model, 'x', { schema: Ticket, mode: 'yaml' as never })).toThrow(expect.objectContaining({ argument: 'mode' }));
    expect(() => generateObject(model, 'x', { schema: Ticket, shema: 1 } as never)).toThrow(expect.objectContaining({ argument: 'options.shema' }));
    expect(() => streamObject(model, 'x', { schema: Ticket, repair: 1 })).toThrow(expect.objectContaining({ argument: 'repair' }));
  });
});

describe('streamObject', () => {
  const chunks = ['{"cat', 'egory":"b', 'ug","urg', 'ent":tr', 'ue,"tags":["lo', 'gin","cr', 'ash"]}'];

  it('emits partial objects that only grow, then the final object, validated', async () => {
    const out = await lastValueFrom(streamObject(fakeModel({ chunks }), 'x', { schema: Ticket }).pipe(toArray()));
    expect(out.at(-1)).toEqual(ticket);
    out.slice(1).forEach((next, i) => expect(extendsPartial(out[i], next)).toBe(true));
    // A key shows once its value starts; a literal once complete ("tr" is not yet true).
    expect(out.slice(0, 4)).toEqual([{}, { category: 'b' }, { category: 'bug' }, { category: 'bug', urgent: true, tags: ['lo'] }]);
    expect(Object.isFrozen(out[0])).toBe(true);
  });

  it('in virtual time: one emission per growing delta, the final object with the last', () => {
    testScheduler().run(({ expectObservable }) => {
      const model = fakeModel({ chunks: ['{"tags":["a', '","b"', ']}'], latency: 1, tokenInterval: 2 });
      expectObservable(streamObject(model, 'x', { schema: z.object({ tags: z.array(z.string()) }) })).toBe('-a-b-(c|)', {
        a: { tags: ['a'] },
        b: { tags: ['a', 'b'] },
        c: { tags: ['a', 'b'] },
      });
    });
  });

  it('tool mode streams from the forced tool call\'s input deltas', async () => {
    const model = fakeModel({ toolCalls: [{ toolName: 'ticket', input: ticket }] });
    const out = await lastValueFrom(streamObject(model, 'x', { schema: Ticket, mode: 'tool', name: 'ticket' }).pipe(toArray()));
    expect(out.length).toBeGreaterThan(1);
    expect(out.at(-1)).toEqual(ticket);
  });

  it('a code fence around the JSON (json mode) is passed over', async () => {
    const out = await lastValueFrom(streamObject(fakeModel({ chunks: ['```json\n{"n":', '1}\n', '```'] }), 'x', { schema: z.object({ n: z.number() }), mode: 'json' }).pipe(toArray()));
    expect(out).toEqual([{}, { n: 1 }]);
  });

  it('text that can never be JSON errors with InvalidOutputError at once; a value failing the schema at the end', async () => {
    await expect(lastValueFrom(streamObject(fakeModel({ chunks: ['{"a": 1', ' oops'] }), 'x', { schema: Ticket }))).rejects.toMatchObject({ name: 'InvalidOutputError', code: 'invalid_json' });
    await expect(lastValueFrom(streamObject(fakeModel({ chunks: ['{"category":"x"}'] }), 'x', { schema: Ticket }))).rejects.toMatchObject({ code: 'schema_mismatch' });
  });

  it('unsubscribing cancels the model call', () => {
    testScheduler().run(({ expectObservable, expectSubscriptions }) => {
      const model = fakeModel({ chunks: ['{"n":', '1}'], latency: 5 });
      expectObservable(streamObject(model, 'x', { schema: z.object({ n: z.number() }) }), '^--!').toBe('---');
      expectSubscriptions(model.subscriptions).toBe('^--!');
    });
  });
});
