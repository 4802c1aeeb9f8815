import type { Observable } from 'rxjs';
import type { Generation, GenerationEvent } from './generation.js';
import type { PromptInput } from './prompt.js';

/**
 * Generation settings shared by every provider. Any can be set on the model (its default) and overridden
 * per call. Unset values are left to the provider's own defaults.
 */
export interface CallSettings {
  /** Sampling temperature. @default provider default */
  readonly temperature?: number;
  /** The most tokens to generate. @default provider default (Anthropic requires one: rxllm sends 1024) */
  readonly maxTokens?: number;
  /** Stop sequences: generation ends before any of them. @default none */
  readonly stop?: string | readonly string[];
  /** Nucleus sampling. @default provider default */
  readonly topP?: number;
  /** How many choices to generate per prompt (OpenAI only). @default 1 */
  readonly n?: number;
  /** Extra provider-only body fields, sent as they are (e.g. `{ seed: 1 }`, `{ top_k: 5 }`). @default none */
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  /** Extra HTTP headers for the request. @default none */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Per-call options: settings plus cancellation for callers outside RxJS. */
export interface CallOptions extends CallSettings {
  /**
   * Aborts the call. The Observable then errors with `AbortError` (unsubscribing instead ends it silently).
   * @default none
   */
  readonly signal?: AbortSignal;
  /** Tags passed to tracking sinks with this call. @default none */
  readonly tags?: readonly string[];
}

/**
 * The contract every provider meets. Both methods return **cold** Observables: nothing is sent until
 * subscribe, each subscription sends its own request, and unsubscribing aborts it.
 *
 * @example
 * const model = openAIChat({ model: 'gpt-4o-mini' });
 * model.generate('Hello').subscribe((g) => console.log(g.text));
 */
export interface LanguageModel {
  /** The provider key, e.g. `"openai.chat"`, `"openai.completion"`, `"anthropic.messages"`, `"fake"`. */
  readonly provider: string;
  /** The model id requests are sent with. */
  readonly modelId: string;
  /** One call: emits one `Generation`, then completes. */
  generate(input: PromptInput, options?: CallOptions): Observable<Generation>;
  /** One streamed call: emits `GenerationEvent`s as they arrive, then completes. */
  stream(input: PromptInput, options?: CallOptions): Observable<GenerationEvent>;
}
