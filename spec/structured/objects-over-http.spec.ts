// Structured output against the simulator, through the real SDKs: both providers x the three modes x a
// whole response and a stream. The simulator answers JSON that conforms to the schema (response_format
// json_schema, Anthropic output_config.format, forced tools; in JSON mode, a JSON object fitting the prompt).
import { lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import type { LanguageModel } from '../../src/core/language-model.js';
import { InvalidOutputError } from '../../src/errors/index.js';
import { anthropicMessages } from '../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { generateFrom } from '../../src/operators/generate-from.js';
import { generateObject } from '../../src/structured/generate-object.js';
import type { ObjectMode } from '../../src/structured/object-spec.js';
import { extendsPartial } from '../../src/structured/partial-json.js';
import { streamObject } from '../../src/structured/stream-object.js';
import { withSchema, type ObjectGeneration } from '../../src/structured/with-schema.js';
import { useSharedSimulator } from '../support/shared-simulator.js';

const sim = useSharedSimulator();
const Ticket = z.object({
  category: z.enum(['bug', 'billing', 'other']),
  urgent: z.boolean(),
  summary: z.string(),
  tags: z.array(z.string()).min(1).max(4),
  customer: z.object({ name: z.string(), plan: z.enum(['free', 'pro']).nullable() }),
});
type TicketT = z.infer<typeof Ticket>;

const models: Record<string, () => LanguageModel> = {
  openAIChat: () => openAIChat({ model: 'gpt-4o-mini', baseURL: sim().openaiBaseURL, apiKey: 'sk-test-objects-000000' }),
  anthropicMessages: () => anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim().anthropicBaseURL, apiKey: 'sk-ant-test-objects-0000', maxTokens: 2048 }),
};
const PROMPT = 'Classify this support ticket as JSON: "The app crashes when I log in, I am on the pro plan" (keys "category", "urgent").';

describe.each(Object.entries(models))('%s', (_name, model) => {
  describe.each(['native', 'tool'] as ObjectMode[])('mode %s', (mode) => {
    it('generateObject: one object, valid against the schema', async () => {
      const ticket = await lastValueFrom(generateObject(model(), PROMPT, { schema: Ticket, mode, name: 'ticket' }));
      expect(Ticket.safeParse(ticket).success).toBe(true);
    });

    it('streamObject: partial objects that only grow, in several emissions, the last the validated object', async () => {
      const out = await lastValueFrom(streamObject(model(), PROMPT, { schema: Ticket, mode, name: 'ticket' }).pipe(toArray()));
      expect(out.length).toBeGreaterThan(3);
      out.slice(1).forEach((next, i) => expect(extendsPartial(out[i], next)).toBe(true));
      expect(Ticket.safeParse(out.at(-1)).success).toBe(true);
    });
  });

  it('json mode: the schema in the instructions (and OpenAI JSON mode); generate and stream agree', async () => {
    const one = await lastValueFrom(generateObject(model(), PROMPT, { schema: Ticket, mode: 'json' }));
    expect(Ticket.safeParse(one).success).toBe(true);
    const streamed = await lastValueFrom(streamObject(model(), PROMPT, { schema: Ticket, mode: 'json' }).pipe(toArray()));
    expect(streamed.length).toBeGreaterThan(3);
    streamed.slice(1).forEach((next, i) => expect(extendsPartial(streamed[i], next)).toBe(true));
    expect(streamed.at(-1)).toEqual(one);
  });

  it('bulk: objects through generateFrom with concurrency, errors emit', async () => {
    const tagger = withSchema(model(), { schema: Ticket, name: 'ticket' });
    const out = await lastValueFrom(generateFrom(tagger, [PROMPT, PROMPT, PROMPT], { concurrency: 2, errors: 'emit', withIndex: true }).pipe(toArray()));
    expect(out).toHaveLength(3);
    for (const o of out) expect(o.ok && Ticket.safeParse((o.generation as ObjectGeneration<TicketT>).object).success).toBe(true);
  });

  it('a reply that is not the object (x-sim-reply forces plain text) is an InvalidOutputError with the text and the usage', async () => {
    const e = await lastValueFrom(
      generateObject(model(), PROMPT, { schema: Ticket, callOptions: { headers: { 'x-sim-reply': encodeURIComponent('Sorry, no JSON today.') } } }),
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidOutputError);
    expect(e).toMatchObject({ text: 'Sorry, no JSON today.', usage: { totalTokens: expect.any(Number) } });
  });
});

it('OpenAI native mode sends strict: true when the schema allows it (every object closed, every property required)', async () => {
  const model = models.openAIChat!();
  // The simulator rejects a strict schema that breaks the rules with OpenAI's own 400, so success proves the choice.
  await expect(lastValueFrom(generateObject(model, PROMPT, { schema: Ticket }))).resolves.toBeDefined();
  const Open = z.object({ a: z.string(), b: z.string().optional() }); // b optional: strict is not allowed, so not sent
  await expect(lastValueFrom(generateObject(model, 'Make JSON with "a"', { schema: Open }))).resolves.toEqual(expect.objectContaining({ a: expect.any(String) }));
});
