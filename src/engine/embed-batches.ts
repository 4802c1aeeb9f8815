import type { SchedulerLike, Subscription } from 'rxjs';
import { isPlainObject } from '../core/validate.js';
import { countTextTokens, preloadTokenizer } from '../policies/estimate-tokens.js';
import type { EngineSink, Feed } from './run-engine.js';

/** One batch of values as the engine runs it: one request (plus retries). */
export interface EmbedBatch {
  /** The source index of its first value (the others follow in order). */
  readonly first: number;
  /** The values as the source gave them (strings or `EmbedItem`s; checked when the batch starts). */
  readonly items: unknown[];
  /** The text of each value, `undefined` for one that is not a non-empty string (it is never sent). */
  readonly texts: (string | undefined)[];
  /** The input tokens of its texts: exact when `exact`, else an upper bound. */
  tokens: number;
  exact: boolean;
  /** Requests sent for it (attempts subscribed). */
  attempts: number;
}

/** How values are grouped. */
export interface BatchRules {
  /** The most values in a batch. */
  readonly size: number;
  /** The most input tokens in a batch (a single value over it goes alone). */
  readonly maxTokens: number;
  /** Count every value's tokens exactly (a tokens-per-minute limiter reserves them); else only when the bound would not fit. */
  readonly exactTokens: boolean;
  /** How long an open batch waits for more values once a slot is free. */
  readonly maxWaitMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * The text of a valid source value: a non-empty string, or the `value` of an `EmbedItem` (a plain object with
 * `value` and maybe `meta`, nothing else); `undefined` for anything else (`checkEmbedItem` says why).
 */
export function textOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item === '' ? undefined : item;
  if (!isPlainObject(item)) return undefined;
  for (const key of Object.keys(item)) if (key !== 'value' && key !== 'meta') return undefined;
  const text = item['value'];
  return typeof text === 'string' && text !== '' ? text : undefined;
}

/**
 * A feed of batches over a feed of values. Values are pulled only while a request slot is free and no
 * closed batch is waiting for one, and go into the open batch; it closes when it holds `size` values, when
 * the next value would take it over `maxTokens`, when the source ends, or `maxWaitMs` after it got its first
 * value. Closed batches start as slots free up, in order. So at most one batch beyond those in flight is
 * ever held (plus the value that did not fit), whatever the source's size.
 *
 * Tokens: a text has at most as many tokens as its UTF-8 bytes (3 per UTF-16 unit at most), so a batch
 * whose bound fits needs no counting; the tokenizer runs only when the bound does not fit (the batch is
 * then counted exactly), or for every value when `exactTokens`. It is loaded only then, too (its tables
 * weigh ~35 MB).
 */
export function batchingFeed(openValues: (sink: EngineSink<unknown>) => Feed, sink: EngineSink<EmbedBatch>, rules: BatchRules): Feed {
  if (rules.exactTokens) preloadTokenizer(); // every value is counted: exact counts from the first ones on
  const ready: EmbedBatch[] = [];
  let open: EmbedBatch | undefined;
  let nextIndex = 0;
  let timer: Subscription | undefined;
  let valuesEnded = false;
  let ended = false;
  let closed = false;
  let draining = false;

  const tokensOf = (text: string | undefined, exact: boolean): number =>
    text === undefined ? 0 : exact ? countTextTokens(text) : 3 * text.length;
  const countExactly = (batch: EmbedBatch): void => {
    preloadTokenizer(); // the first time counts matter (until it has loaded, counts are approximations)
    batch.tokens = 0;
    for (const text of batch.texts) batch.tokens += tokensOf(text, true);
    batch.exact = true;
  };
  const close = (): void => {
    timer?.unsubscribe();
    timer = undefined;
    if (open === undefined) return;
    ready.push(open);
    open = undefined;
  };
  const drain = (): void => {
    if (draining || closed) return;
    draining = true;
    try {
      while (ready.length > 0 && sink.canStart()) sink.start(ready.shift() as EmbedBatch);
      if (valuesEnded && !ended && !closed && open === undefined && ready.length === 0) {
        ended = true;
        sink.end();
      }
    } finally {
      draining = false;
    }
  };
  const add = (item: unknown): void => {
    const text = textOf(item);
    let tokens = tokensOf(text, open?.exact ?? rules.exactTokens);
    if (open !== undefined && open.tokens + tokens > rules.maxTokens) {
      if (!open.exact) {
        countExactly(open);
        tokens = tokensOf(text, true);
      }
      if (open.tokens + tokens > rules.maxTokens) {
        close();
        tokens = tokensOf(text, rules.exactTokens);
      }
    }
    if (open === undefined) {
      open = { first: nextIndex, items: [], texts: [], tokens: 0, exact: rules.exactTokens, attempts: 0 };
      if (rules.size > 1 && rules.maxWaitMs !== Infinity) timer = rules.scheduler.schedule(onTimeout, rules.maxWaitMs);
    }
    nextIndex++;
    open.items.push(item);
    open.texts.push(text);
    open.tokens += tokens;
    if (open.items.length >= rules.size) close();
    drain();
  };
  const onTimeout = (): void => {
    timer = undefined;
    close();
    demand();
  };
  const values = openValues({
    canStart: () => !closed && ready.length === 0 && sink.canStart(),
    start: add,
    end: () => {
      valuesEnded = true;
      close();
      drain();
    },
    fail: (error) => sink.fail(error),
  });
  const demand = (): void => {
    if (closed) return;
    drain();
    values.demand();
  };
  return {
    demand,
    close: () => {
      if (closed) return;
      closed = true;
      timer?.unsubscribe();
      values.close();
    },
  };
}
