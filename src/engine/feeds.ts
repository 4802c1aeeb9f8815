import { Subscription, type Observable, type Observer } from 'rxjs';
import type { EngineSink, Feed } from './run-engine.js';

/**
 * The three feeds of the generate engine. A pushing Observable must be buffered (it does not wait); an
 * Iterable or AsyncIterable is pulled one item per free slot, so only the items in progress are held.
 */

/**
 * Feeds from a pushing Observable. An item that arrives while a slot is free starts at once (so a
 * synchronous source stops as soon as the output is unsubscribed); others wait in a FIFO queue.
 */
export function observableFeed<I>(source: Observable<I>, sink: EngineSink<I>): Feed {
  let queue: I[] = [];
  let head = 0;
  let complete = false;
  let draining = false;
  let stopped = false;
  let upstream: UpstreamObserver<I> | undefined;
  const subscribe = (): void => {
    // Assigned before subscribing, so `close()` can stop a synchronous source while it is still emitting.
    upstream = new UpstreamObserver<I>({
      next: (item) => {
        if (head === queue.length && !draining && sink.canStart()) sink.start(item);
        else queue.push(item);
      },
      error: (error) => sink.fail(error),
      complete: () => {
        complete = true;
        demand();
      },
    });
    source.subscribe(upstream);
  };
  const demand = (): void => {
    if (stopped || draining) return; // a running loop below re-checks `canStart` on every turn
    if (!upstream) return subscribe();
    draining = true;
    try {
      while (head < queue.length && sink.canStart()) {
        const item = queue[head] as I;
        queue[head++] = undefined as I; // let it be collected
        sink.start(item);
      }
      if (head === queue.length) {
        queue = [];
        head = 0;
        if (complete) sink.end();
      } else if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
    } finally {
      draining = false;
    }
  };
  const close = (): void => {
    stopped = true;
    upstream?.unsubscribe();
  };
  return { demand, close };
}

/**
 * An Observer that is also the Subscription its source sees as `subscriber`: unsubscribing it sets
 * `closed` at once, so a synchronous source looping on `!subscriber.closed` stops mid-loop.
 */
class UpstreamObserver<T> extends Subscription implements Observer<T> {
  constructor(private readonly target: Observer<T>) {
    super();
  }
  next(value: T): void {
    if (!this.closed) this.target.next(value);
  }
  error(error: unknown): void {
    if (this.closed) return;
    this.unsubscribe();
    this.target.error(error);
  }
  complete(): void {
    if (this.closed) return;
    this.unsubscribe();
    this.target.complete();
  }
}

/**
 * How to pull `source` item by item: its async iterator (preferred) or its iterator, afresh for each feed
 * opened; `undefined` when it is neither iterable (strings are iterable: callers reject them first).
 */
export function pulledFeed<I>(source: unknown): ((sink: EngineSink<I>) => Feed) | undefined {
  if (typeof (source as Partial<AsyncIterable<I>> | null | undefined)?.[Symbol.asyncIterator] === 'function') {
    return (sink) => asyncIterableFeed(source as AsyncIterable<I>, sink);
  }
  if (typeof (source as Partial<Iterable<I>> | null | undefined)?.[Symbol.iterator] === 'function') {
    return (sink) => iterableFeed(source as Iterable<I>, sink);
  }
  return undefined;
}

/** Feeds from a synchronous iterator: `next()` is called only when a slot is free. */
export function iterableFeed<I>(iterable: Iterable<I>, sink: EngineSink<I>): Feed {
  let iterator: Iterator<I>;
  let done = false;
  let pulling = false;
  const stop = (error: unknown): void => {
    done = true;
    sink.fail(error);
  };
  try {
    iterator = iterable[Symbol.iterator]();
  } catch (error) {
    stop(error);
    return { demand: () => undefined, close: () => undefined };
  }
  return {
    demand: () => {
      if (pulling) return; // the running loop re-checks `canStart` on every turn
      pulling = true;
      try {
        while (!done && sink.canStart()) {
          let step: IteratorResult<I>;
          try {
            step = iterator.next();
          } catch (error) {
            stop(error);
            return;
          }
          if (step.done) {
            done = true;
            sink.end();
          } else {
            sink.start(step.value);
          }
        }
      } finally {
        pulling = false;
      }
    },
    close: () => {
      if (done) return;
      done = true;
      try {
        iterator.return?.();
      } catch {
        // the output is already finished: nowhere to report a failing `return()`
      }
    },
  };
}

/** Feeds from an async iterator: one `next()` at a time, and only when a slot is free. */
export function asyncIterableFeed<I>(iterable: AsyncIterable<I>, sink: EngineSink<I>): Feed {
  let iterator: AsyncIterator<I>;
  let done = false;
  let pending = false;
  const stop = (error: unknown): void => {
    done = true;
    sink.fail(error);
  };
  try {
    iterator = iterable[Symbol.asyncIterator]();
  } catch (error) {
    stop(error);
    return { demand: () => undefined, close: () => undefined };
  }
  const demand = (): void => {
    if (pending || done || !sink.canStart()) return;
    pending = true;
    let next: Promise<IteratorResult<I>>;
    try {
      next = Promise.resolve(iterator.next());
    } catch (error) {
      stop(error);
      return;
    }
    next.then(
      (step) => {
        pending = false;
        if (done) return;
        if (step.done) {
          done = true;
          sink.end();
          return;
        }
        sink.start(step.value);
        demand();
      },
      (error: unknown) => {
        pending = false;
        if (!done) stop(error);
      },
    );
  };
  return {
    demand,
    close: () => {
      if (done) return;
      done = true;
      try {
        void Promise.resolve(iterator.return?.()).catch(() => undefined);
      } catch {
        // as above: nowhere to report it
      }
    },
  };
}
