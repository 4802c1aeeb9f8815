import { concat, defer, filter, map, type Observable } from 'rxjs';
import { GenerationCollector } from '../core/generation-collector.js';
import type { LanguageModel } from '../core/language-model.js';
import type { PromptInput } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { GenerateObjectOptions } from './generate-object.js';
import { invalidOutput } from './object-spec.js';
import { PartialJsonError, PartialJsonParser } from './partial-json.js';
import type { InferSchema, SchemaLike } from './schema.js';
import { objectModel, objectSetup, readObject$, type SchemaOptions } from './with-schema.js';

/** A deep-partial object: what `streamObject` emits while the JSON grows. */
export type DeepPartial<T> = T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * Streams the object as the model writes it: each emission is a partial object (frozen) that only extends the
 * previous one — strings grow, arrays grow, keys never vanish, a number or literal appears once complete — and
 * the last emission is the final object, validated (and transformed by a zod schema). Parsing is incremental:
 * the work is proportional to the text received, not to deltas × length. In `tool` mode the object streams
 * from the forced tool call's input deltas. An answer that is not JSON or fails the schema errors with
 * `InvalidOutputError`; `repair` does not apply (a stream cannot take back what it emitted).
 *
 * @example
 * streamObject(model, 'Plan a 3-day trip to Oslo', { schema: Trip })
 *   .subscribe((partial) => render(partial)); // { days: [{ title: 'Ar' }] }, { days: [{ title: 'Arrival' }] }, ...
 */
export function streamObject<S extends SchemaLike>(
  model: LanguageModel,
  input: PromptInput,
  options: GenerateObjectOptions<S>,
): Observable<DeepPartial<InferSchema<S>>> {
  const { callOptions, repair, ...schemaOptions } = options ?? ({} as GenerateObjectOptions<S>);
  if (repair !== undefined && repair !== 0) throw new InvalidArgumentError('repair', 'does not apply to streamObject (a stream cannot take back what it emitted): use generateObject');
  const setup = objectSetup(model, schemaOptions as SchemaOptions<S>);
  const events = objectModel(model, setup).stream(input, callOptions);
  return defer(() => {
    const parser = new PartialJsonParser();
    const fences = new FenceFilter();
    const collector = new GenerationCollector(model.provider, model.modelId);
    let toolCallId: string | undefined;
    let last: unknown;
    const piece = (event: GenerationEvent): string | undefined => {
      if (setup.spec.mode === 'tool') {
        if (event.type === 'tool-call-start' && event.toolName === setup.spec.name) toolCallId ??= event.toolCallId;
        return event.type === 'tool-call-delta' && event.toolCallId === toolCallId ? event.inputDelta : undefined;
      }
      return event.type === 'text-delta' && event.index === 0 ? fences.push(event.text) : undefined;
    };
    // One synchronous step per event (no inner Observable per delta); NONE marks an event that shows nothing new.
    const partials = events.pipe(
      map((event): unknown => {
        collector.push(event);
        const text = piece(event);
        if (text === undefined || text === '') return NONE;
        try {
          parser.push(text);
        } catch (error) {
          if (!(error instanceof PartialJsonError)) throw error;
          const g = collector.result();
          throw invalidOutput(g, g.text, [`not valid JSON: ${error.message}`], 'invalid_json');
        }
        const snapshot = parser.snapshot();
        // The complete value goes out once, validated, at the end.
        if (snapshot === undefined || snapshot === last || parser.done) return NONE;
        last = snapshot;
        return snapshot;
      }),
      filter((partial): partial is DeepPartial<InferSchema<S>> => partial !== NONE),
    );
    const final = defer(() => readObject$(collector.result(), setup)) as Observable<DeepPartial<InferSchema<S>>>;
    return concat(partials, final);
  });
}

/** What an event that adds nothing to the partial object maps to. */
const NONE: unique symbol = Symbol('none');

/**
 * Drops a Markdown code fence around streamed JSON (```json ... ```), which some models add in JSON mode:
 * text before the opening brace or bracket of a fenced answer, and the closing fence.
 */
class FenceFilter {
  private state: 'start' | 'fence' | 'body' | 'end' = 'start';
  private fenced = false;
  private head = '';

  push(text: string): string {
    if (this.state === 'body') return this.cutEnd(text);
    if (this.state === 'end') return '';
    this.head += text;
    const trimmed = this.head.trimStart();
    if (this.state === 'start') {
      if (trimmed === '' || '```'.startsWith(trimmed)) return '';
      if (!trimmed.startsWith('```')) {
        this.state = 'body';
        return this.head;
      }
      this.state = 'fence';
      this.fenced = true;
    }
    const nl = trimmed.indexOf('\n');
    if (nl < 0) return '';
    this.state = 'body';
    return this.cutEnd(trimmed.slice(nl + 1));
  }

  private cutEnd(text: string): string {
    if (!this.fenced) return text;
    const end = text.indexOf('```');
    if (end < 0) return text;
    this.state = 'end';
    return text.slice(0, end);
  }
}
