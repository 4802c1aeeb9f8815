import { getEventListeners } from 'node:events';
import { EMPTY, asyncScheduler, catchError, firstValueFrom, lastValueFrom, mergeMap, of, take, timer, toArray, type Observable } from 'rxjs';
import { AbortError, InvalidArgumentError, ServerError } from '../../../src/errors/index.js';
import { isAbortError } from '../../../src/errors/abort-error.js';
import type { Generation } from '../../../src/core/generation.js';
import type { GenerationEvent } from '../../../src/core/stream-event.js';
import type { TrackingEvent } from '../../../src/tracking/tracking-event.js';
import { cache } from '../../../src/models/cache/cache.js';
import type { CachedResult, CacheStore } from '../../../src/models/cache/cache-store.js';
import { LruCacheStore } from '../../../src/models/cache/lru-cache-store.js';
import { ev, gen, marbleModel, syncInfinite } from '../../support/policy-fixtures.js';
import { testScheduler } from '../../support/test-scheduler.js';
import { fakeModel } from '../../../src/testing/fake-model.js';

const none = <T>(): Observable<T> => EMPTY;

describe('cache', () => {
  it('answers an identical generate from the store, synchronously, without calling the model', () => {
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const events: TrackingEvent[] = [];
      const model = marbleModel('m', () => cold<Generation>('--(g|)', { g: gen('Paris') }), none);
      const cached = cache(model, { track: (e) => events.push(e) });
      expectObservable(cached.generate('Capital of France?', { temperature: 0 })).toBe('--(g|)', { g: gen('Paris') });
      expectObservable(cached.generate('Capital of France?', { temperature: 0 }), '----^').toBe('----(g|)', { g: gen('Paris') });
      flush();
      expect(model.calls).toHaveLength(1);
      expect(events).toEqual([{ type: 'cache-hit', key: expect.stringMatching(/^[0-9a-f]{64}$/), at: 4 }]);
      expect(cached.provider).toBe('test');
      expect(cached.modelId).toBe('m');
    });
  });

  it('keys on model, method, input and settings (not tags, headers or signal, nor key order)', async () => {
    let n = 0;
    const model = marbleModel('m', () => of(gen(`answer ${++n}`)), none);
    const cached = cache(model);
    const ask = (input: string, options?: object) => firstValueFrom(cached.generate(input, options)).then((g) => g.text);
    expect(await ask('a', { temperature: 0, maxTokens: 5 })).toBe('answer 1');
    expect(await ask('a', { maxTokens: 5, temperature: 0, tags: ['x'], headers: { 'x-a': '1' }, signal: new AbortController().signal })).toBe('answer 1');
    expect(await ask('a', { temperature: 1, maxTokens: 5 })).toBe('answer 2');
    expect(await ask('b', { temperature: 0, maxTokens: 5 })).toBe('answer 3');
    expect(await ask('a')).toBe('answer 4');
    const other = cache(marbleModel('other', () => of(gen('other model')), none), { store: new LruCacheStore() });
    expect((await firstValueFrom(other.generate('a'))).text).toBe('other model');
    expect(model.calls).toHaveLength(4);
  });

  it('a cached stream replays exactly the events of the original', () => {
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const model = marbleModel('m', none, () => cold<GenerationEvent>('-s-a-b-f-u|', ev));
      const cached = cache(model);
      expectObservable(cached.stream('Hi')).toBe('-s-a-b-f-u|', ev);
      expectObservable(cached.stream('Hi'), '-----------^').toBe('-----------(sabfu|)', ev);
      flush();
      expect(model.calls).toHaveLength(1);
    });
  });

  it('replays on a scheduler when given one', () => {
    testScheduler().run(({ cold, flush }) => {
      const model = marbleModel('m', none, () => cold<GenerationEvent>('-s-a|', ev));
      const cached = cache(model, { scheduler: asyncScheduler });
      const seen: unknown[] = [];
      cached.stream('Hi').subscribe();
      flush();
      cached.stream('Hi').subscribe((e) => seen.push(e));
      expect(seen).toEqual([]); // not synchronous
      flush();
      expect(seen).toEqual([ev.s, ev.a]);
      expect(model.calls).toHaveLength(1);
    });
  });

  it('caches only successful, complete results', () => {
    testScheduler().run(({ cold, flush }) => {
      const answers = [
        cold<Generation>('-#', undefined, new ServerError('boom')),
        cold<Generation>('-(g|)', { g: { ...gen('cut'), finishReason: 'error' as const } }),
        cold<Generation>('-----(g|)', { g: gen('slow') }),
        cold<Generation>('-(g|)', { g: gen('ok') }),
      ];
      let i = 0;
      const model = marbleModel('m', () => answers[i++], none);
      const cached = cache(model);
      cached.generate('x').subscribe({ error: () => undefined });
      flush();
      cached.generate('x').subscribe();
      flush();
      const sub = cached.generate('x').subscribe();
      cold('--u').subscribe(() => sub.unsubscribe()); // cancelled at 2: not stored
      flush();
      const got: Generation[] = [];
      cached.generate('x').subscribe((g) => got.push(g));
      flush();
      cached.generate('x').subscribe((g) => got.push(g));
      expect(got.map((g) => g.text)).toEqual(['ok', 'ok']);
      expect(model.calls).toHaveLength(4);
    });
  });

  it('identical requests in flight share one call; a late stream subscriber still gets every event', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const source = cold<GenerationEvent>('-s-a------b|', ev);
      const model = marbleModel('m', none, () => source);
      const cached = cache(model);
      expectObservable(cached.stream('Hi')).toBe('-s-a------b|', ev);
      const late = cold('---(x|)').pipe(mergeMap(() => cached.stream('Hi')));
      expectObservable(late).toBe('---(sa)---b|', ev);
      expectSubscriptions(source.subscriptions).toBe('^----------!');
      flush();
      expect(model.calls).toHaveLength(1);
    });
  });

  it('the shared call is cancelled only when every subscriber has left', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<GenerationEvent>('-s-a-b-c|', ev);
      const cached = cache(marbleModel('m', none, () => source));
      expectObservable(cached.stream('Hi'), '^--!').toBe('-s-', ev);
      expectObservable(cached.stream('Hi'), '^----!').toBe('-s-a-', ev);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    testScheduler().run(({ cold, flush }) => {
      const model = marbleModel('m', () => cold<Generation>('--(g|)', { g: gen('x') }), none);
      const unshared = cache(model, { shareInFlight: false });
      unshared.generate('a').subscribe();
      unshared.generate('a').subscribe();
      flush();
      expect(model.calls).toHaveLength(2);
    });
  });

  describe("callers' signals (identical calls sharing one request)", () => {
    const named = catchError((e: unknown) => of(isAbortError(e) ? 'AbortError' : String(e)));

    // fakeModel honours a signal in its call options, as the real providers do.
    const texts = (o: Observable<Generation>) => o.pipe(mergeMap((g) => of(g.text)), named);

    it("aborting caller A errors A alone; B still gets the answer; the shared request carries no caller's signal", () => {
      testScheduler().run(({ expectObservable, expectSubscriptions, flush }) => {
        const model = fakeModel({ text: 'Paris', latency: 5 });
        const cached = cache(model);
        const a = new AbortController();
        const b = new AbortController();
        timer(2).subscribe(() => a.abort());
        const seen: unknown[] = [];
        expectObservable(cached.generate('q', { signal: a.signal }).pipe(catchError((e: unknown) => (seen.push(e), of('A aborted'))))).toBe('--(x|)', { x: 'A aborted' });
        expectObservable(texts(cached.generate('q', { signal: b.signal }))).toBe('-----(g|)', { g: 'Paris' });
        expectSubscriptions(model.subscriptions).toBe('^----!'); // one request, not cut by A's abort
        flush();
        expect(model.calls).toHaveLength(1);
        expect(model.calls[0]!.options).toBeUndefined(); // signal stripped: it was the only option
        expect(seen[0]).toBeInstanceOf(AbortError);
        expect(seen[0]).toMatchObject({ name: 'AbortError', code: 'aborted', provider: 'fake' });
      });
    });

    it('in the other order: B aborts and errors at once, A (who started the request) still gets the answer', () => {
      testScheduler().run(({ expectObservable, expectSubscriptions, flush }) => {
        const model = fakeModel({ text: 'Paris', latency: 5 });
        const cached = cache(model);
        const a = new AbortController();
        const b = new AbortController();
        timer(3).subscribe(() => b.abort());
        expectObservable(texts(cached.generate('q', { signal: a.signal, temperature: 0 }))).toBe('-----(g|)', { g: 'Paris' });
        expectObservable(texts(cached.generate('q', { signal: b.signal, temperature: 0 }))).toBe('---(x|)', { x: 'AbortError' });
        expectSubscriptions(model.subscriptions).toBe('^----!');
        flush();
        expect(model.calls[0]!.options).toEqual({ temperature: 0 }); // the settings go up, the signal does not
      });
    });

    it('the shared request is cancelled only when the last caller has aborted', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<GenerationEvent>('-s-a-b-c-f|', ev);
        const cached = cache(marbleModel('m', none, () => source));
        const a = new AbortController();
        const b = new AbortController();
        timer(2).subscribe(() => a.abort());
        timer(5).subscribe(() => b.abort());
        expectObservable(cached.stream('Hi', { signal: a.signal }).pipe(named)).toBe('-s(x|)', { ...ev, x: 'AbortError' });
        expectObservable(cached.stream('Hi', { signal: b.signal }).pipe(named)).toBe('-s-a-(x|)', { ...ev, x: 'AbortError' });
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('an already aborted caller errors at once and neither starts nor joins a request', () => {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const model = marbleModel('m', () => cold<Generation>('--(g|)', { g: gen('x') }), none);
        const cached = cache(model);
        const aborted = new AbortController();
        aborted.abort();
        expectObservable(cached.generate('q', { signal: aborted.signal }).pipe(named)).toBe('(x|)', { x: 'AbortError' });
        flush();
        expect(model.calls).toHaveLength(0);
      });
    });

    it('one signal shared by many callers holds one listener, removed when they end', () => {
      testScheduler().run(({ cold, flush }) => {
        const cached = cache(marbleModel('m', () => cold<Generation>('--(g|)', { g: gen('x') }), none));
        const ac = new AbortController();
        for (let i = 0; i < 20; i++) cached.generate(`q${i % 3}`, { signal: ac.signal }).subscribe();
        expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
        flush();
        expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
      });
    });
  });

  it('works with an asynchronous store (e.g. Redis); a failing store counts as a miss', async () => {
    const data = new Map<string, string>();
    const store: CacheStore = {
      get: async (key) => (data.has(key) ? (JSON.parse(data.get(key) as string) as CachedResult) : undefined),
      set: async (key, value) => {
        data.set(key, JSON.stringify(value));
      },
    };
    const model = marbleModel('m', () => of(gen('stored')), () => of(ev.s, ev.a, ev.b, ev.f, ev.u));
    const cached = cache(model, { store });
    expect((await lastValueFrom(cached.generate('q'))).text).toBe('stored');
    expect((await lastValueFrom(cached.generate('q'))).text).toBe('stored');
    const first = await lastValueFrom(cached.stream('q').pipe(toArray()));
    const replay = await lastValueFrom(cached.stream('q').pipe(toArray()));
    expect(replay).toEqual(first);
    expect(model.calls).toHaveLength(2);
    expect(data.size).toBe(2);

    const broken: CacheStore = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.reject(new Error('redis down')),
    };
    const model2 = marbleModel('m', () => of(gen('live')), none);
    const viaBroken = cache(model2, { store: broken });
    expect((await lastValueFrom(viaBroken.generate('q'))).text).toBe('live');
    expect((await lastValueFrom(viaBroken.generate('q'))).text).toBe('live');
    expect(model2.calls).toHaveLength(2);
    const throwing: CacheStore = {
      get: () => {
        throw new Error('bad');
      },
      set: () => {
        throw new Error('bad');
      },
    };
    expect((await lastValueFrom(cache(model2, { store: throwing }).generate('q'))).text).toBe('live');
  });

  it('throws InvalidArgumentError at once for bad arguments', () => {
    expect(() => cache(undefined as never)).toThrow(InvalidArgumentError);
    const model = marbleModel('m', none, none);
    expect(() => cache(model, { store: {} as never })).toThrow(InvalidArgumentError);
    expect(() => cache(model, { key: 'k' as never })).toThrow(InvalidArgumentError);
  });

  describe('teardown', () => {
    it('unsubscribing downstream ends the model subscription (through a chain)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<GenerationEvent>('-s-a-b-c|', ev);
        const cached = cache(marbleModel('m', none, () => source));
        expectObservable(cached.stream('x').pipe(mergeMap((v) => of(v))), '^----!').toBe('-s-a-', ev);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('works with a synchronous source, and stops it when the consumer has enough', () => {
      const source = syncInfinite(ev.a);
      const cached = cache(marbleModel('m', none, () => source));
      const seen: unknown[] = [];
      cached.stream('x').pipe(take(3)).subscribe((v) => seen.push(v));
      expect(seen).toHaveLength(3);
      expect(source.emitted).toBe(3);
      const model = marbleModel('m', () => of(gen('sync')), none);
      const c = cache(model);
      const out: string[] = [];
      c.generate('x').subscribe((g) => out.push(g.text));
      c.generate('x').subscribe((g) => out.push(g.text));
      expect(out).toEqual(['sync', 'sync']);
      expect(model.calls).toHaveLength(1);
    });
  });
});
