import { getEventListeners } from 'node:events';
import { Subject, of, switchMap, take } from 'rxjs';
import { AbortError } from '../../../src/errors/abort-error.js';
import { LlmError } from '../../../src/errors/llm-error.js';
import { ServerError } from '../../../src/errors/server-error.js';
import { sdkObservable } from '../../../src/providers/shared/sdk-observable.js';

const mapError = (e: unknown) => new ServerError(String((e as Error).message ?? e));
const abortError = () => new AbortError();

/** A run function that behaves like an SDK call: emits, then waits for its signal or `finish`. */
function fakeCall() {
  const calls: { signal: AbortSignal; emit: (v: number) => void; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const run = (signal: AbortSignal, emit: (v: number) => void) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ signal, emit, resolve, reject });
      signal.addEventListener('abort', () => reject(new Error('aborted by signal')), { once: true });
    });
  return { run, calls };
}

describe('sdkObservable', () => {
  it('is cold: run is called per subscriber, with its own signal', () => {
    const { run, calls } = fakeCall();
    const source = sdkObservable(run, { mapError, abortError });
    expect(calls).toHaveLength(0);
    source.subscribe();
    source.subscribe();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal).not.toBe(calls[1]!.signal);
  });

  it('emits values and completes when run resolves', async () => {
    const { run, calls } = fakeCall();
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => sdkObservable(run, { mapError, abortError }).subscribe({ next: (v) => seen.push(v), complete: resolve }));
    calls[0]!.emit(1);
    calls[0]!.emit(2);
    calls[0]!.resolve();
    await done;
    expect(seen).toEqual([1, 2]);
    expect(calls[0]!.signal.aborted).toBe(false);
  });

  it('maps a rejection through mapError', async () => {
    const { run, calls } = fakeCall();
    const error = new Promise((resolve) => sdkObservable(run, { mapError, abortError }).subscribe({ error: resolve }));
    calls[0]!.reject(new Error('boom'));
    expect(await error).toBeInstanceOf(ServerError);
  });

  it('unsubscribing aborts the signal; the rejection that follows is swallowed', async () => {
    const { run, calls } = fakeCall();
    const observer = { next: jest.fn(), error: jest.fn(), complete: jest.fn() };
    const sub = sdkObservable(run, { mapError, abortError }).subscribe(observer);
    sub.unsubscribe();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.emit(5);
    await new Promise((r) => setImmediate(r));
    expect(observer.next).not.toHaveBeenCalled();
    expect(observer.error).not.toHaveBeenCalled();
    expect(observer.complete).not.toHaveBeenCalled();
  });

  it("the caller's signal aborts the call with AbortError and its listener is removed", async () => {
    const { run, calls } = fakeCall();
    const controller = new AbortController();
    const error = new Promise((resolve) => sdkObservable(run, { mapError, abortError, signal: controller.signal }).subscribe({ error: resolve }));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(await error).toBeInstanceOf(AbortError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a caller abort is an AbortError even when run then resolves quietly (as SDK streams do)', async () => {
    const controller = new AbortController();
    const source = sdkObservable(
      (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
      { mapError, abortError, signal: controller.signal },
    );
    const error = new Promise((resolve) => source.subscribe({ error: resolve, complete: () => resolve('completed') }));
    controller.abort();
    expect(await error).toBeInstanceOf(AbortError);
  });

  it('an already aborted signal errors at once without calling run', () => {
    const run = jest.fn();
    const error = jest.fn();
    sdkObservable(run, { mapError, abortError, signal: AbortSignal.abort() }).subscribe({ error });
    expect(run).not.toHaveBeenCalled();
    expect(error.mock.calls[0]![0]).toBeInstanceOf(AbortError);
  });

  it('a run that throws synchronously errors through mapError', async () => {
    const error = await new Promise((resolve) =>
      sdkObservable<number>(() => {
        throw new Error('sync');
      }, { mapError, abortError }).subscribe({ error: resolve }),
    );
    expect(error).toBeInstanceOf(LlmError);
  });

  it("the last value (the one run resolves with) comes once the call is over: taking it and leaving aborts nothing", async () => {
    const signals: AbortSignal[] = [];
    const finishers: ((v: { value: number }) => void)[] = [];
    const run = (signal: AbortSignal) =>
      new Promise<{ value: number }>((resolve) => {
        signals.push(signal);
        finishers.push(resolve);
      });
    const seen: unknown[] = [];
    const done = new Promise<void>((resolve) =>
      sdkObservable(run, { mapError, abortError })
        .pipe(take(1))
        .subscribe({ next: (v) => seen.push(v), complete: () => (seen.push('complete'), resolve()) }),
    );
    finishers[0]!({ value: 2 });
    await done;
    expect(seen).toEqual([2, 'complete']);
    expect(signals[0]!.aborted).toBe(false); // before: the finished request was aborted when take(1) left
  });

  it('teardown: take(1) ends the inner call (unsubscription chain is not broken)', () => {
    const { run, calls } = fakeCall();
    const seen: number[] = [];
    sdkObservable(run, { mapError, abortError }).pipe(take(1)).subscribe((v) => seen.push(v));
    calls[0]!.emit(1);
    expect(seen).toEqual([1]);
    expect(calls[0]!.signal.aborted).toBe(true);
  });

  it('teardown: switchMap from a synchronous source aborts every superseded call', () => {
    const { run, calls } = fakeCall();
    const sub = of(1, 2, 3)
      .pipe(switchMap(() => sdkObservable(run, { mapError, abortError })))
      .subscribe();
    expect(calls.map((c) => c.signal.aborted)).toEqual([true, true, false]);
    sub.unsubscribe();
    expect(calls[2]!.signal.aborted).toBe(true);
  });

  it('teardown: unsubscribing from a Subject-driven chain aborts the call in flight', () => {
    const { run, calls } = fakeCall();
    const trigger = new Subject<void>();
    const sub = trigger.pipe(switchMap(() => sdkObservable(run, { mapError, abortError }))).subscribe();
    trigger.next();
    sub.unsubscribe();
    expect(calls[0]!.signal.aborted).toBe(true);
  });
});
