import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';

/** Something to do `at` time units after subscription. */
export interface Planned {
  readonly at: number;
  readonly run: () => void;
}

/**
 * Runs `plan` (sorted by `at`) on `scheduler`, relative to now: entries at 0 run synchronously, the rest
 * from one rescheduled action. Stops as soon as `closed()` is true. Returns the pending action, if any.
 */
export function play(plan: readonly Planned[], scheduler: SchedulerLike, closed: () => boolean): Subscription | undefined {
  let i = 0;
  const runDue = (elapsed: number): void => {
    while (i < plan.length && (plan[i] as Planned).at <= elapsed && !closed()) (plan[i++] as Planned).run();
  };
  runDue(0);
  if (i >= plan.length || closed()) return undefined;
  const first = (plan[i] as Planned).at;
  return scheduler.schedule(
    function (this: SchedulerAction<number>, elapsed?: number) {
      const now = elapsed as number;
      runDue(now);
      if (i < plan.length && !closed()) {
        const next = (plan[i] as Planned).at;
        this.schedule(next, next - now);
      }
    },
    first,
    first,
  );
}
