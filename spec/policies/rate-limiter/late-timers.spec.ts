// A busy event loop fires timers late. The limiter must not lose that time: with burst 1 and 50/s, every
// late timer used to push all later admissions back, so a loaded machine got well under 50 requests/s
// (measured: 21.3 ms between admissions instead of 20; the 500-prompt quota run took 11.2-12 s instead of
// 10 s with event-loop delays up to ~200 ms). Now the held-back requests go when the timer fires (up to
// 250 ms' worth) and the spacing resumes on the original schedule.
import { VirtualTimeScheduler, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { createRateLimiter } from '../../../src/index.js';

/** A virtual clock whose timers fire `lateMs(dueTime)` after they were due, like a loaded event loop. */
function lateScheduler(lateMs: number | ((due: number) => number)): { scheduler: SchedulerLike; flush: () => void } {
  const virtual = new VirtualTimeScheduler();
  const late = typeof lateMs === 'number' ? () => lateMs : lateMs;
  const scheduler: SchedulerLike = {
    now: () => virtual.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T) {
      return virtual.schedule(work, delay + late(virtual.now() + delay), state);
    },
  };
  return { scheduler, flush: () => virtual.flush() };
}

function admissionTimes(options: { burst?: number; lateMs: number | ((due: number) => number); count: number }): number[] {
  const { scheduler, flush } = lateScheduler(options.lateMs);
  const limiter = createRateLimiter({ requestsPerSecond: 50, burst: options.burst, scheduler });
  const times: number[] = [];
  for (let i = 0; i < options.count; i++) limiter.acquire().subscribe(() => times.push(scheduler.now()));
  flush();
  return times;
}

const gaps = (times: readonly number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('createRateLimiter with timers that fire late', () => {
  it('keeps the configured rate: 100 admissions at 50/s take 99 × 20 ms (+ one late timer), not 99 × 25 ms', () => {
    const times = admissionTimes({ lateMs: 5, count: 100 });
    expect(times).toHaveLength(100);
    expect(times[99]).toBeLessThanOrEqual(99 * 20 + 5);
    expect(times[99]).toBeGreaterThanOrEqual(99 * 20);
  });

  it('still spaces requests: a late timer earns credit for its delay only, so any second holds at most rate + burst', () => {
    const g = gaps(admissionTimes({ lateMs: 5, count: 50 }));
    expect(Math.min(...g)).toBeGreaterThanOrEqual(15);
    const times = admissionTimes({ lateMs: 5, count: 200 });
    for (let i = 0; i + 51 < times.length; i++) expect(times[i + 51]! - times[i]!).toBeGreaterThan(1000);
  });

  it('after a hiccup (one timer 84 ms late) lets the held-back requests go at once, then is back on schedule', () => {
    const times = admissionTimes({ lateMs: (due) => (due === 100 ? 84 : 0), count: 12 });
    expect(times).toEqual([0, 20, 40, 60, 80, 184, 184, 184, 184, 184, 200, 220]);
  });

  it('makes up at most 250 ms of a long stall (12.5 requests at 50/s)', () => {
    const times = admissionTimes({ lateMs: (due) => (due === 100 ? 1000 : 0), count: 30 });
    const atOnce = times.filter((t) => t === 1100).length;
    expect(atOnce).toBe(13); // the one due at 100, plus 250 ms of credit (12.5 requests)
    const g = gaps(times.filter((t) => t > 1100));
    expect(g.every((x) => x === 20)).toBe(true);
  });

  it('an idle limiter earns no credit: after a pause, requests are spaced by the burst as before', () => {
    const { scheduler, flush } = lateScheduler(5);
    const limiter = createRateLimiter({ requestsPerSecond: 50, scheduler });
    const times: number[] = [];
    const take = () => limiter.acquire().subscribe(() => times.push(scheduler.now()));
    take();
    take();
    flush();
    scheduler.schedule(() => {
      take();
      take();
      take();
    }, 1000);
    flush();
    // the first waits for its turn (its timer 5 ms late), the next one gets those 5 ms back
    expect(gaps(times.slice(2))).toEqual([25, 20]);
  });
});
