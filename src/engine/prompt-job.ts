import { mergeCallOptions, validateCallOptions, type CallOptions } from '../core/call-settings.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { normalizePrompt, type PromptInput } from '../core/prompt.js';
import { isPlainObject } from '../core/validate.js';
import type { PromptItem } from './generate-options.js';
import type { EngineSink } from './run-engine.js';

/** Every `PromptItem` name (any other makes the item invalid). */
const ITEM_NAMES: KnownKeys<PromptItem> = { input: true, callOptions: true, meta: true };

/** One prompt as the engine runs it: what the source gave (a prompt or a `PromptItem`) and its requests so far. */
export interface PromptJob {
  /** As the source gave it: checked when its work starts (an invalid one fails that prompt alone). */
  readonly item: unknown;
  /** Requests sent for it (attempts subscribed): 1 + retries; 0 while none was sent. */
  attempts: number;
}

/** True for a `{ input, callOptions?, meta? }` item: a plain object with an `input` member. */
export function isPromptItem(value: unknown): value is PromptItem {
  return isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, 'input');
}

/** A sink that wraps each source item in its job before the engine starts it. */
export function jobSink(sink: EngineSink<PromptJob>): EngineSink<unknown> {
  return { canStart: sink.canStart, start: (item) => sink.start({ item, attempts: 0 }), end: sink.end, fail: sink.fail };
}

/**
 * The checked prompt of job `index` and its effective call options (an item's own over `base`). Throws
 * `InvalidArgumentError` naming `prompts[index]` (or the member at fault) for an invalid prompt or item.
 */
export function checkJob(job: PromptJob, index: number, base: CallOptions | undefined): { input: PromptInput; callOptions?: CallOptions } {
  const at = `prompts[${index}]`;
  const { item } = job;
  if (!isPromptItem(item)) {
    checkPrompt(item, at);
    return { input: item, ...(base ? { callOptions: base } : {}) };
  }
  checkKnownKeys(at, item, ITEM_NAMES);
  checkPrompt(item.input, `${at}.input`);
  const callOptions = mergeCallOptions(base, item.callOptions === undefined ? undefined : validateCallOptions(item.callOptions, `${at}.callOptions`));
  return { input: item.input, ...(callOptions ? { callOptions } : {}) };
}

/** What an outcome reports of its job: the prompt (an item's `input`), the item's `meta` if it has one, and the attempts. */
export function jobFacts(job: PromptJob): { input: PromptInput; meta?: unknown; attempts: number } {
  const { item, attempts } = job;
  if (!isPromptItem(item)) return { input: item as PromptInput, attempts };
  const hasMeta = Object.prototype.hasOwnProperty.call(item, 'meta');
  return { input: item.input, ...(hasMeta ? { meta: item.meta } : {}), attempts };
}

/** Throws `InvalidArgumentError` naming `argument` unless `input` is a valid prompt. */
export function checkPrompt(input: unknown, argument: string): asserts input is PromptInput {
  if (typeof input !== 'string') normalizePrompt(input, argument);
}
