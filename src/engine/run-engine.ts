import type { Observable, Subscriber, Subscription, TeardownLogic } from 'rxjs';
import { asLlmError } from '../errors/as-llm-error.js';
import { LlmError } from '../errors/llm-error.js';

/**
 * The generate engine: runs one unit of work per item with a (possibly changing) concurrency limit,
 * optionally emitting results in item order, and never takes an item before it can start it.
 *
 * Items come from a `Feed` (a pushing Observable, an Iterable or an AsyncIterable). The engine asks the
 * feed for items with `demand()` whenever a slot may be free; the feed calls `sink.start(item)` for each
 * item while `sink.canStart()` holds. So a pulled source (an iterator) is read one item per free slot.
 */

/** What a feed calls back into. */
export interface EngineSink<I> {
  /** True while another item may be started now. */
  canStart(): boolean;
  /** Starts the work for the next item (its index is the count of items started before it). */
  start(item: I): void;
  /** The source has no more items. */
  end(): void;
  /** The source failed: the output errors with `error`. */
  fail(error: unknown): void;
}

/** A source of items, driven by the engine. */
export interface Feed {
  /** Slots may be free: start items while `sink.canStart()` (now or, for async sources, later). */
  demand(): void;
  /** Stop for good: release the source (unsubscribe, `iterator.return()`). Called once at teardown. */
  close(): void;
}

/** How the engine runs, whatever the work: the concurrency limit and the order of the output. */
export interface EngineRun {
  /** The current concurrency limit (values below 1 count as 1). */
  readonly limit: () => number;
  /** Emits when `limit` may have changed. */
  readonly changes?: Observable<unknown>;
  /** Emit in item order. */
  readonly ordered: boolean;
  /** With `ordered`, how many finished results may wait, given the current limit. */
  readonly reorderBuffer: (limit: number) => number;
}

/** How the engine runs, and the work it runs. */
export interface EngineConfig<I, V, R> extends EngineRun {
  /** The work for one item; may throw (an invalid item), which counts as that item failing. */
  readonly work: (item: I, index: number) => Observable<V>;
  /** Maps the work's first value to the output. */
  readonly toResult: (value: V, item: I, index: number) => R;
  /** Maps a failure to an output record; absent: the output errors with it (errors: 'throw'). */
  readonly toFailure?: (error: LlmError, item: I, index: number) => R;
}

/** Runs the engine for one subscriber. Returns the teardown. */
export function runEngine<I, V, R>(
  subscriber: Subscriber<R>,
  config: EngineConfig<I, V, R>,
  openFeed: (sink: EngineSink<I>) => Feed,
): TeardownLogic {
  let started = 0;
  let emitted = 0; // results emitted; in ordered mode also the index of the next one to emit
  let inFlight = 0;
  let ended = false;
  let closed = false;
  let feed: Feed | undefined = undefined; // set once the feed is open (it may call back before)
  let changesSub: Subscription | undefined = undefined;
  const running = new Set<Subscription>();
  const waiting = new Map<number, R>(); // ordered mode: finished results waiting for an earlier one

  const close = (): void => {
    if (closed) return;
    closed = true;
    changesSub?.unsubscribe();
    for (const s of running) s.unsubscribe();
    running.clear();
    waiting.clear();
    feed?.close();
  };
  const fail = (error: unknown): void => {
    if (closed) return;
    close();
    subscriber.error(error);
  };
  const currentLimit = (): number => {
    const limit = config.limit();
    return limit >= 1 ? limit : 1; // also NaN -> 1: never unbounded, never stalled
  };
  const canStart = (): boolean => {
    if (closed || ended) return false;
    const limit = currentLimit();
    if (inFlight >= limit) return false;
    return !config.ordered || started - emitted < limit + config.reorderBuffer(limit);
  };
  const maybeComplete = (): void => {
    if (!closed && ended && inFlight === 0 && waiting.size === 0) {
      close();
      subscriber.complete();
    }
  };
  const emit = (index: number, result: R): void => {
    if (config.ordered && index !== emitted) {
      waiting.set(index, result);
      return;
    }
    emitted++;
    subscriber.next(result);
    while (config.ordered && !closed && waiting.has(emitted)) {
      const next = waiting.get(emitted) as R;
      waiting.delete(emitted);
      emitted++;
      subscriber.next(next);
    }
  };
  const finish = (index: number, result: R): void => {
    inFlight--;
    emit(index, result);
    maybeComplete();
    if (!closed) feed?.demand();
  };
  const failed = (item: I, index: number, error: unknown): void => {
    if (closed) return;
    if (!config.toFailure) {
      inFlight--;
      fail(error);
      return;
    }
    finish(index, config.toFailure(asLlmError(error), item, index));
  };
  const start = (item: I): void => {
    const index = started++;
    inFlight++;
    let work: Observable<V>;
    try {
      work = config.work(item, index);
    } catch (error) {
      failed(item, index, error);
      return;
    }
    let first: { value: V } | undefined;
    let done = false;
    let sub: Subscription | undefined = undefined; // set when `subscribe` returns (it may settle before)
    const settle = (): void => {
      done = true;
      if (!sub) return;
      running.delete(sub);
      // RxJS delivers error/complete before it tears the source chain down: end the call (its request) now,
      // so the next one starts only after it — the concurrency bound holds even at that instant.
      sub.unsubscribe();
    };
    sub = work.subscribe({
      next: (value) => {
        first ??= { value };
      },
      error: (error: unknown) => {
        settle();
        failed(item, index, error);
      },
      complete: () => {
        settle();
        if (first) finish(index, config.toResult(first.value, item, index));
        else failed(item, index, new LlmError('The request completed without a result'));
      },
    });
    if (done) return;
    if (closed) sub.unsubscribe();
    else running.add(sub);
  };

  subscriber.add(close); // now, not when this returns: a synchronous emission may end the subscriber first
  changesSub = config.changes?.subscribe({ next: () => !closed && feed?.demand(), error: fail });
  if (closed) {
    changesSub?.unsubscribe();
    return;
  }
  feed = openFeed({
    canStart,
    start,
    end: () => {
      ended = true;
      maybeComplete();
    },
    fail,
  });
  if (closed) feed.close();
  else feed.demand();
  return close;
}
