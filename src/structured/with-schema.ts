import { catchError, defer, from, map, of, switchMap, throwError, type Observable } from 'rxjs';
import { sumUsage } from '../core/agent-generation.js';
import { validateCallOptions, type CallOptions } from '../core/call-settings.js';
import type { Generation } from '../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkLanguageModel, type LanguageModel } from '../core/language-model.js';
import { normalizePrompt, type Message, type PromptInput } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { checkNumber, checkOptions, describe } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { isInvalidOutputError, type InvalidOutputError } from '../errors/invalid-output-error.js';
import { defaultObjectMode, invalidOutput, objectCallOptions, objectMessages, objectText, parseObjectText, type ObjectMode, type ObjectSpec } from './object-spec.js';
import { resolveSchema, type InferSchema, type ResolvedSchema, type SchemaLike } from './schema.js';

/** Options of `withSchema` (and of `generateObject` / `streamObject`). */
export interface SchemaOptions<S extends SchemaLike> {
  /** The object's schema: a zod (v4.2+) schema (its type is inferred) or a JSON Schema object. */
  readonly schema: S;
  /** The schema's name (OpenAI needs one; the tool's name in `tool` mode). @default 'response' */
  readonly name?: string;
  /** What the object is, for the model. @default none */
  readonly description?: string;
  /** How the object is asked for (see `ObjectMode`). @default 'native' for OpenAI chat and Anthropic, else 'json' */
  readonly mode?: ObjectMode;
  /**
   * How many times an invalid answer (not JSON, or failing the schema) is sent back to the model with what is
   * wrong, asking again. `generate` only: a stream cannot take back what it emitted.
   * @default 0
   */
  readonly repair?: number;
}

/** A `Generation` whose answer is an object, validated. */
export interface ObjectGeneration<T> extends Generation {
  /** The object, validated (and, for zod, transformed) by the schema. */
  readonly object: T;
}

/** A model that answers objects: a `LanguageModel` whose `generate` answers an `ObjectGeneration`. */
export interface ObjectModel<T> extends LanguageModel {
  /** One object: emits the `ObjectGeneration` (after up to `repair` retries), or errors with `InvalidOutputError`. */
  generate(input: PromptInput, options?: CallOptions): Observable<ObjectGeneration<T>>;
  /** The model's stream with the object asked for (no repair); `streamObject` turns it into partial objects. */
  stream(input: PromptInput, options?: CallOptions): Observable<GenerationEvent>;
}

const OPTION_NAMES: KnownKeys<SchemaOptions<SchemaLike>> = { schema: true, name: true, description: true, mode: true, repair: true };
const MODES: ReadonlySet<unknown> = new Set(['native', 'tool', 'json']);

/** `withSchema`'s options checked: the spec of the request, the validator and the repairs allowed. */
export interface ObjectSetup<T> {
  readonly spec: ObjectSpec;
  readonly schema: ResolvedSchema<T>;
  readonly repair: number;
}

/** Checks `withSchema`-style options (throws `InvalidArgumentError`) and resolves the schema. */
export function objectSetup<S extends SchemaLike>(model: LanguageModel, options: SchemaOptions<S>): ObjectSetup<InferSchema<S>> {
  checkLanguageModel(model);
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  const schema = resolveSchema(options.schema as SchemaLike<InferSchema<S>>, 'schema');
  const name = options.name ?? 'response';
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new InvalidArgumentError('name', 'must be 1-64 letters, digits, "_" or "-"');
  if (options.description !== undefined && typeof options.description !== 'string') throw new InvalidArgumentError('description', `must be a string, got ${describe(options.description)}`);
  if (options.mode !== undefined && !MODES.has(options.mode)) throw new InvalidArgumentError('mode', `must be "native", "tool" or "json", got ${describe(options.mode)}`);
  checkNumber('repair', options.repair, { integer: true });
  const spec: ObjectSpec = {
    jsonSchema: schema.jsonSchema,
    name,
    ...(options.description !== undefined ? { description: options.description } : {}),
    mode: options.mode ?? defaultObjectMode(model.provider),
  };
  return { spec, schema, repair: options.repair ?? 0 };
}

/**
 * The validated object of a Generation: its JSON text read per mode, parsed and validated; an
 * `InvalidOutputError` (text, issues, usage) otherwise.
 */
export function readObject<T>(g: Generation, setup: ObjectSetup<T>): T | Promise<T> {
  const text = objectText(g, setup.spec);
  const value = parseObjectText(g, text);
  const checked = setup.schema.validate(value);
  const accept = (c: Awaited<typeof checked>): T => {
    if (c.ok) return c.value;
    throw invalidOutput(g, text, c.issues, 'schema_mismatch');
  };
  return checked instanceof Promise ? checked.then(accept) : accept(checked);
}

/** `readObject` as an Observable: synchronous when the validation is (so marble tests see it in virtual time). */
export function readObject$<T>(g: Generation, setup: ObjectSetup<T>): Observable<T> {
  return defer(() => {
    const object = readObject(g, setup);
    return object instanceof Promise ? from(object) : of(object);
  });
}

/**
 * A model that answers objects valid against `schema`: each call asks for the object in the mode's way, reads
 * it back, parses and validates it. An invalid answer is an `InvalidOutputError` carrying the raw text, the
 * issues and the usage, or, with `repair: n`, is sent back to the model with the issues, up to n times (the
 * usage then covers every attempt). Since it is a `LanguageModel`, objects work in bulk: `generateFrom`,
 * retries, rate limits (`errors: 'emit'` makes an invalid answer a failure record), and around `withTools`.
 *
 * @example
 * const tagger = withSchema(openAIChat({ model: 'gpt-4o-mini' }), { schema: z.object({ tags: z.array(z.string()) }) });
 * generateFrom(tagger, tickets, { concurrency: 16, errors: 'emit', withIndex: true })
 *   .subscribe((o) => o.ok && save((o.generation as ObjectGeneration<{ tags: string[] }>).object));
 */
export function withSchema<S extends SchemaLike>(model: LanguageModel, options: SchemaOptions<S>): ObjectModel<InferSchema<S>> {
  return objectModel(model, objectSetup(model, options));
}

/** The `withSchema` model of an `ObjectSetup` already checked (`streamObject` resolves its schema once). */
export function objectModel<T>(model: LanguageModel, setup: ObjectSetup<T>): ObjectModel<T> {
  const prepare = (input: PromptInput, callOptions: CallOptions | undefined) => {
    const messages = objectMessages(setup.spec, normalizePrompt(input));
    return { messages, options: objectCallOptions(setup.spec, validateCallOptions(callOptions)) };
  };
  return {
    provider: model.provider,
    modelId: model.modelId,
    generate(input, callOptions) {
      const { messages, options: opts } = prepare(input, callOptions);
      return defer(() => attempt(model, setup, messages, opts, 0, []));
    },
    stream(input, callOptions) {
      const { messages, options: opts } = prepare(input, callOptions);
      return model.stream(messages, opts);
    },
  };
}

/** One attempt; an invalid answer is repaired (sent back with its issues) while repairs are left. */
function attempt<T>(model: LanguageModel, setup: ObjectSetup<T>, messages: readonly Message[], options: CallOptions, n: number, before: readonly Generation[]): Observable<ObjectGeneration<T>> {
  return model.generate(messages, options).pipe(
    switchMap((answer) => {
      // Every attempt's usage counts: the object (or the error) carries their sum.
      const usage = sumUsage([...before, answer].map((x) => x.usage));
      const g: Generation = usage ? { ...answer, usage } : answer;
      return readObject$(g, setup).pipe(
        map((object): ObjectGeneration<T> => ({ ...g, object })),
        catchError((error: unknown) => {
          if (!isInvalidOutputError(error) || n >= setup.repair) return throwError(() => error);
          return attempt(model, setup, [...messages, answer.message, repairMessage(setup, error, answer)], options, n + 1, [...before, answer]);
        }),
      );
    }),
  );
}

/** What the model is told when its answer was invalid: the issues, and to answer again. */
function repairMessage(setup: ObjectSetup<unknown>, error: InvalidOutputError, g: Generation): Message {
  const issues = error.issues.map((i) => `- ${i}`).join('\n');
  const how = setup.spec.mode === 'tool' ? `Call the ${setup.spec.name} tool again with corrected input.` : 'Answer again with only the corrected JSON object.';
  // In tool mode the assistant's call must be answered before the next user turn.
  const call = setup.spec.mode === 'tool' ? g.toolCalls.find((c) => c.toolName === setup.spec.name) : undefined;
  if (call) return { role: 'tool', content: [{ type: 'tool-result', toolCallId: call.toolCallId, toolName: call.toolName, output: `Invalid input:\n${issues}\n${how}`, isError: true }] };
  return { role: 'user', content: `That answer is not valid:\n${issues}\n${how}` };
}
