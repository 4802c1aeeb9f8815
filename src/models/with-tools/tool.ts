import type { Observable } from 'rxjs';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import type { Message } from '../../core/prompt.js';
import { checkToolSettings, type ToolDefinition } from '../../core/tool-settings.js';
import { checkOptions, describe } from '../../core/validate.js';
import { resolveSchema, type InferSchema, type ResolvedSchema, type SchemaLike } from '../../structured/schema.js';

/** What a tool's `execute` is told besides its input. */
export interface ToolExecutionContext {
  /** Aborts when the call is no longer wanted: the loop was unsubscribed or its caller's `signal` aborted, or the tool timed out. */
  readonly signal: AbortSignal;
  /** The id of the call being answered. */
  readonly toolCallId: string;
  /** The conversation so far, up to the assistant message that asked for this call. */
  readonly messages: readonly Message[];
}

/** What `execute` may return: the output, a Promise of it, an Observable or an async iterable (the last value is the output). */
export type ToolOutput<O> = O | PromiseLike<O> | Observable<O> | AsyncIterable<O>;

/** Options of `tool()`. */
export interface ToolOptions<S extends SchemaLike, O> {
  /** The name the model calls it by: 1–64 letters, digits, `_` or `-`. */
  readonly name: string;
  /** What it does, for the model. @default none */
  readonly description?: string;
  /** The input's schema: a zod (v4.2+) schema (the input type is inferred) or a JSON Schema object. */
  readonly inputSchema: S;
  /** Runs the tool on validated input. Should honour `context.signal`. */
  execute(input: InferSchema<S>, context: ToolExecutionContext): ToolOutput<O>;
}

/** A tool ready for `withTools`: its definition as providers take it, a validator and `execute`. */
export interface Tool<I = unknown, O = unknown> extends ToolDefinition {
  /** Checks (and, for zod, transforms) an input the model produced. */
  readonly validate: ResolvedSchema<I>['validate'];
  execute(input: I, context: ToolExecutionContext): ToolOutput<O>;
}

const OPTION_NAMES: KnownKeys<ToolOptions<SchemaLike, unknown>> = { name: true, description: true, inputSchema: true, execute: true };

/**
 * Defines a tool the model may call. The input is validated against `inputSchema` before `execute` runs
 * (a call whose input fails it answers the model with the issues instead); the JSON Schema sent to the
 * provider is derived from a zod schema (`toJSONSchema()`) or is the object given.
 *
 * @example
 * const weather = tool({
 *   name: 'get_weather',
 *   description: 'The weather in a city now',
 *   inputSchema: z.object({ city: z.string() }),
 *   execute: async ({ city }, { signal }) => (await fetch(`https://wttr.in/${city}?format=j1`, { signal })).json(),
 * });
 * const agent = withTools(openAIChat({ model: 'gpt-4o-mini' }), { tools: [weather] });
 */
export function tool<S extends SchemaLike, O>(options: ToolOptions<S, O>): Tool<InferSchema<S>, O> {
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  if (typeof options.execute !== 'function') throw new InvalidArgumentError('execute', `must be a function, got ${describe(options.execute)}`);
  const schema = resolveSchema(options.inputSchema as SchemaLike<InferSchema<S>>, 'inputSchema');
  const definition: ToolDefinition = {
    name: options.name,
    ...(options.description !== undefined ? { description: options.description } : {}),
    inputSchema: schema.jsonSchema,
  };
  checkToolSettings({ tools: [definition] }, '');
  return { ...definition, validate: schema.validate, execute: options.execute as Tool<InferSchema<S>, O>['execute'] };
}
