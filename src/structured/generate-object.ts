import { map, type Observable } from 'rxjs';
import type { CallOptions } from '../core/call-settings.js';
import type { LanguageModel } from '../core/language-model.js';
import type { PromptInput } from '../core/prompt.js';
import type { InferSchema, SchemaLike } from './schema.js';
import { withSchema, type SchemaOptions } from './with-schema.js';

/** Options of `generateObject` and `streamObject`: the schema options, plus the call's own options. */
export interface GenerateObjectOptions<S extends SchemaLike> extends SchemaOptions<S> {
  /** Settings of the call (temperature, maxTokens, signal, headers...). @default none */
  readonly callOptions?: CallOptions;
}

/**
 * Asks `model` for one object valid against `schema`: emits the object (validated; transformed by a zod
 * schema), then completes; an answer that is not JSON or fails the schema errors with `InvalidOutputError`
 * (raw text, issues, usage), unless `repair: n` gets a valid one within n more tries. Cold: the request is sent
 * on subscribe, and unsubscribing aborts it. For many inputs, use `withSchema` with `generateFrom`.
 *
 * @example
 * const Ticket = z.object({ category: z.enum(['bug', 'billing', 'other']), urgent: z.boolean() });
 * generateObject(model, `Classify: ${text}`, { schema: Ticket }).subscribe((t) => console.log(t.category));
 */
export function generateObject<S extends SchemaLike>(model: LanguageModel, input: PromptInput, options: GenerateObjectOptions<S>): Observable<InferSchema<S>> {
  const { callOptions, ...schemaOptions } = options ?? ({} as GenerateObjectOptions<S>);
  return withSchema(model, schemaOptions as SchemaOptions<S>)
    .generate(input, callOptions)
    .pipe(map((g) => g.object));
}
