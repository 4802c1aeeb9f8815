import { merge, mergeMap, of, take, timer } from 'rxjs';
import { RateLimitError, ServerError } from '../../src/errors/index.js';
import { adaptiveConcurrency } from '../../src/policies/adaptive-concurrency.js';
import { ev, syncInfinite } from '../support/policy-fixtures.js';
import { invalidArgumentOf } from '../support/invalid-argument.js';
import { testScheduler } from '../support/test-scheduler.js';

const tooMany = () => new RateLimitError('slow down', { retryAfterMs: 100 });
const quiet = { error: () => undefined };

describe('adaptiveConcurrency', () => {
  it('starts at max, cuts multiplicatively on a 429 and says so on changes', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ max: 8 });
      const seen: number[] = [];
      c.changes.subscribe((n) => seen.push(n));
      expect(c.limit).toBe(8);
      cold('--#', undefined, tooMany()).pipe(c.observe()).subscribe(quiet);
      flush();
      expect(c.limit).toBe(4);
      expect(seen).toEqual([4]);
    });
  });

  it('a burst of 429s from one wave counts once', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ max: 16 });
      for (const m of ['--#', '---#', '----#', '-----#', '--------#']) cold(m, undefined, tooMany()).pipe(c.observe()).subscribe(quiet);
      flush();
      expect(c.limit).toBe(8);
    });
  });

  it('by default (no cooldown) a 429 from a request started after the cut cuts again at once', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ max: 16 });
      cold('-#', undefined, tooMany()).pipe(c.observe()).subscribe(quiet); // cut at 1: 16 -> 8
      cold('--x').pipe(mergeMap(() => cold('-#', undefined, tooMany()).pipe(c.observe()))).subscribe(quiet); // new wave, at 3: 8 -> 4
      flush();
      expect(c.limit).toBe(4);
    });
  });

  it('once per cooldown window: a later wave cuts again only after cooldownMs', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ max: 16, cooldownMs: 100 });
      const attempt = (at: number, marbles: string) =>
        timer(at).pipe(mergeMap(() => cold(marbles, undefined, tooMany()).pipe(c.observe()))).subscribe(quiet);
      attempt(0, '-----#'); // cut at 5: 16 -> 8
      attempt(10, '----------#'); // started after the cut, fails at 20: inside the cooldown, ignored
      attempt(30, '-'.repeat(80) + '#'); // fails at 110: past the cooldown, cuts: 8 -> 4
      attempt(111, '-#'); // fails at 112: cooldown again
      flush();
      expect(c.limit).toBe(4);
    });
  });

  it('a 429 from a request started before the last cut does not cut again, even after the cooldown', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ max: 16, cooldownMs: 10 });
      cold('-#', undefined, tooMany()).pipe(c.observe()).subscribe(quiet); // cut at 1
      cold('-'.repeat(50) + '#', undefined, tooMany()).pipe(c.observe()).subscribe(quiet); // old wave, at 50
      flush();
      expect(c.limit).toBe(8);
    });
  });

  it('grows by increaseStep after each round of `limit` successes, up to max', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ initial: 2, max: 4 });
      const seen: number[] = [];
      c.changes.subscribe((n) => seen.push(n));
      const succeed = (n: number) => {
        for (let i = 0; i < n; i++) cold('-a|').pipe(c.observe()).subscribe();
        flush();
      };
      succeed(1);
      expect(c.limit).toBe(2);
      succeed(1); // 2 successes at limit 2: +1
      expect(c.limit).toBe(3);
      succeed(3);
      expect(c.limit).toBe(4);
      succeed(20);
      expect(c.limit).toBe(4);
      expect(seen).toEqual([3, 4]);
    });
  });

  it('successes of requests started before a cut do not count towards growth', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ initial: 4, max: 8 });
      for (let i = 0; i < 4; i++) cold('----a|').pipe(c.observe()).subscribe(); // old wave, succeed at 5
      cold('-#', undefined, tooMany()).pipe(c.observe()).subscribe(quiet); // cut at 1: 4 -> 2
      flush();
      expect(c.limit).toBe(2);
      cold('-a|').pipe(c.observe()).subscribe();
      cold('-a|').pipe(c.observe()).subscribe();
      flush();
      expect(c.limit).toBe(3);
    });
  });

  it('stays within min, and ignores quota errors, other errors and cancellations', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ min: 3, max: 8, initial: 4, cooldownMs: 0 });
      const fail = (e: unknown) => {
        cold('-#', undefined, e).pipe(c.observe()).subscribe(quiet);
        flush();
      };
      fail(tooMany());
      expect(c.limit).toBe(3);
      fail(tooMany());
      expect(c.limit).toBe(3);
      const d = adaptiveConcurrency({ max: 8, cooldownMs: 0 });
      for (const e of [new RateLimitError('no credit', { quotaExceeded: true }), new ServerError('boom'), new Error('x')]) {
        cold('-#', undefined, e).pipe(d.observe()).subscribe(quiet);
      }
      const sub = cold('-----a|').pipe(d.observe()).subscribe();
      cold('--x').subscribe(() => sub.unsubscribe());
      flush();
      expect(d.limit).toBe(8);
    });
  });

  it('decreaseFactor and increaseStep shape the steps; a number means max', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = adaptiveConcurrency({ max: 10, decreaseFactor: 0.75, increaseStep: 2, cooldownMs: 0 });
      cold('-#', undefined, tooMany()).pipe(c.observe()).subscribe(quiet);
      flush();
      expect(c.limit).toBe(7);
      for (let i = 0; i < 7; i++) cold('-a|').pipe(c.observe()).subscribe();
      flush();
      expect(c.limit).toBe(9);
    });
    expect(adaptiveConcurrency(5).limit).toBe(5);
    expect(adaptiveConcurrency().limit).toBe(16);
  });

  it('throws InvalidArgumentError at once for bad options', () => {
    expect(invalidArgumentOf(() => adaptiveConcurrency(0))).toBe('options');
    expect(invalidArgumentOf(() => adaptiveConcurrency({ min: 0 }))).toBe('min');
    expect(invalidArgumentOf(() => adaptiveConcurrency({ min: 4, max: 2 }))).toBe('max');
    expect(invalidArgumentOf(() => adaptiveConcurrency({ max: 4, initial: 5 }))).toBe('initial');
    expect(invalidArgumentOf(() => adaptiveConcurrency({ decreaseFactor: 1 }))).toBe('decreaseFactor');
    expect(invalidArgumentOf(() => adaptiveConcurrency({ increaseStep: 0.5 }))).toBe('increaseStep');
    expect(invalidArgumentOf(() => adaptiveConcurrency(null as never))).toBe('options');
  });

  describe('observe() teardown', () => {
    it('unsubscribing downstream ends the source subscription (through a chain)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const c = adaptiveConcurrency();
        const source = cold('-s-a-b-c|', ev);
        expectObservable(source.pipe(c.observe(), mergeMap((x) => of(x))), '^----!').toBe('-s-a-', ev);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('works with a synchronous source, and stops it when the consumer has enough', () => {
      const c = adaptiveConcurrency();
      const source = syncInfinite(ev.a);
      const seen: unknown[] = [];
      merge(source.pipe(c.observe(), take(3))).subscribe((x) => seen.push(x));
      expect(seen).toHaveLength(3);
      expect(source.emitted).toBe(3);
    });
  });
});
