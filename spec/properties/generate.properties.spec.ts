import fc from 'fast-check';
import { concatMap, from, map, timer, type Observable } from 'rxjs';
import type { PromptInput } from '../../src/core/prompt.js';
import type { GenerateOptions, GenerationOutcome } from '../../src/engine/generate-options.js';
import { BadRequestError, OverloadedError, RateLimitError, ServerError } from '../../src/errors/index.js';
import { generateFrom } from '../../src/operators/generate-from.js';
import { generate } from '../../src/operators/generate.js';
import type { FakeModel } from '../../src/testing/fake-model-types.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import type { FakeResponse } from '../../src/testing/fake-response.js';
import { testScheduler } from '../support/test-scheduler.js';

// Invariants of the generate engine for random fault schedules, arrival times and options, checked in
// virtual time (fakeModel inside TestScheduler.run): count in = count out with errors: 'emit', input order
// with ordered: true, the concurrency bound never exceeded, no request after unsubscribe.

/** One scripted reply, drawn by fast-check. Replies are consumed in call order (retries included). */
type Step =
  | { readonly kind: 'ok'; readonly latency: number; readonly tokens: number }
  | { readonly kind: 'server' | 'overloaded' | 'bad-request'; readonly latency: number }
  | { readonly kind: 'rate-limit'; readonly latency: number; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'stall' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('ok' as const), latency: fc.integer({ min: 0, max: 12 }), tokens: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('server' as const, 'overloaded' as const, 'bad-request' as const), latency: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rate-limit' as const), latency: fc.integer({ min: 0, max: 4 }), retryAfterMs: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stall' as const) }) },
);

function reply(s: Step): FakeResponse {
  switch (s.kind) {
    case 'ok':
      return { text: Array.from({ length: s.tokens }, (_, i) => `w${i}`).join(' '), latency: s.latency, tokenInterval: 1 };
    case 'server':
      return { error: new ServerError('boom', { statusCode: 500 }), latency: s.latency };
    case 'overloaded':
      return { error: new OverloadedError('busy', { statusCode: 529 }), latency: s.latency };
    case 'bad-request':
      return { error: new BadRequestError('no', { statusCode: 400 }), latency: s.latency };
    case 'rate-limit':
      return { error: new RateLimitError('slow down', s.retryAfterMs === undefined ? {} : { retryAfterMs: s.retryAfterMs }), latency: s.latency };
    case 'stall':
      return { latency: Infinity };
  }
}

interface Case {
  readonly prompts: number;
  readonly gaps: readonly number[];
  readonly schedule: readonly Step[];
  readonly concurrency: number;
  readonly ordered: boolean;
  readonly reorderBuffer: number | undefined;
  readonly retry: number | undefined;
  readonly timeout: number | undefined;
}

const aCase: fc.Arbitrary<Case> = fc
  .record({
    prompts: fc.integer({ min: 0, max: 25 }),
    gapsSeed: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 25, maxLength: 25 }),
    schedule: fc.array(step, { minLength: 1, maxLength: 30 }),
    concurrency: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(Infinity)),
    ordered: fc.boolean(),
    reorderBuffer: fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Infinity)), { nil: undefined }),
    retry: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    // Above the slowest scripted reply (12 + 3 token intervals): only stalls time out.
    timeout: fc.option(fc.integer({ min: 20, max: 40 }), { nil: undefined }),
  })
  .map(({ gapsSeed, ...rest }) => ({ ...rest, gaps: gapsSeed.slice(0, rest.prompts) }));

function options(c: Case): GenerateOptions & { errors: 'emit'; withIndex: true } {
  return {
    concurrency: c.concurrency,
    ordered: c.ordered,
    ...(c.reorderBuffer === undefined ? {} : { reorderBuffer: c.reorderBuffer }),
    // A stalled reply never ends: without a timeout it would hold its slot forever, so always bound it.
    timeout: c.timeout ?? 50,
    ...(c.retry === undefined ? {} : { retry: { maxAttempts: c.retry, jitter: 'none', baseDelayMs: 1, maxDelayMs: 4 } }),
    errors: 'emit',
    withIndex: true,
  };
}

const model = (c: Case): FakeModel => fakeModel((_input, i) => reply(c.schedule[i % c.schedule.length]!));

/** The prompts, arriving after the drawn gaps (virtual ms). */
const source = (c: Case): Observable<PromptInput> =>
  from(c.gaps.map((gap, i) => [gap, `p${i}`] as const)).pipe(concatMap(([gap, p]) => timer(gap).pipe(map(() => p))));

interface Run {
  readonly out: GenerationOutcome[];
  readonly completed: boolean;
  readonly model: FakeModel;
}

function run(c: Case, unsubscribeAt?: number, pulled = false): Run {
  const out: GenerationOutcome[] = [];
  let completed = false;
  const m = model(c);
  testScheduler().run(({ flush }) => {
    const prompts = c.gaps.map((_, i) => `p${i}`);
    const o$ = pulled ? generateFrom(m, prompts, options(c)) : source(c).pipe(generate(m, options(c)));
    const sub = o$.subscribe({ next: (r) => out.push(r), complete: () => (completed = true) });
    if (unsubscribeAt !== undefined) timer(unsubscribeAt).subscribe(() => sub.unsubscribe());
    flush();
  });
  return { out, completed, model: m };
}

const params = { numRuns: 150 };

/** The most calls in flight at once, frame by frame (a call ending at frame t and one starting at t do not overlap). */
function maxOverlap(m: FakeModel): number {
  const edges = m.calls.flatMap((c) => [
    { at: c.subscribedAt, delta: 1 },
    { at: c.endedAt ?? Infinity, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (now += e.delta));
  return max;
}

describe('generate: properties under random fault schedules and options', () => {
  it('count in = count out: every prompt yields exactly one generation or failure (errors: "emit")', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const { out, completed, model: m } = run(c);
        expect(completed).toBe(true);
        expect(out.map((r) => r.index).sort((a, b) => a - b)).toEqual(c.gaps.map((_, i) => i));
        for (const r of out) expect(r.input).toBe(`p${r.index}`);
        expect(m.active).toBe(0);
      }),
      params,
    );
  });

  it('with ordered: true, results come in input order', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const { out } = run({ ...c, ordered: true });
        expect(out.map((r) => r.index)).toEqual(c.gaps.map((_, i) => i));
      }),
      params,
    );
  });

  it('never has more requests in flight than the concurrency limit (retries keep their slot)', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const { model: m } = run(c);
        // Frame by frame, a request cancelled at frame t no longer counts at t.
        expect(maxOverlap(m)).toBeLessThanOrEqual(c.concurrency);
        // Exactly, moment by moment, even at the frame a timeout cuts a request.
        expect(m.maxActive).toBeLessThanOrEqual(c.concurrency);
        if (c.gaps.length > 0) expect(m.maxActive).toBeGreaterThanOrEqual(1);
      }),
      params,
    );
  });

  // RxJS delivers a timeout's error before it tears the timed-out call down; the engine ends the call
  // itself before it starts the next one, so the bound holds at that instant too.
  it('exactly at a timeout, the next request starts only after the timed-out one was cancelled', () => {
    const c: Case = { prompts: 2, gaps: [0, 0], schedule: [{ kind: 'stall' }, { kind: 'ok', latency: 1, tokens: 1 }], concurrency: 1, ordered: false, reorderBuffer: undefined, retry: undefined, timeout: 20 };
    expect(run(c).model.maxActive).toBe(1);
  });

  it('sends no request after unsubscribe, and every request in flight is cancelled then', () => {
    fc.assert(
      fc.property(aCase, fc.integer({ min: 0, max: 60 }), (c, at) => {
        const { model: m } = run(c, at);
        for (const call of m.calls) {
          expect(call.subscribedAt).toBeLessThanOrEqual(at);
          expect(call.endedAt).toBeDefined();
          expect(call.endedAt!).toBeLessThanOrEqual(at);
        }
        expect(m.active).toBe(0);
      }),
      params,
    );
  });

  it('generateFrom keeps the same invariants (count, order, bound, nothing after unsubscribe)', () => {
    fc.assert(
      fc.property(aCase, fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), (c, at) => {
        const { out, completed, model: m } = run(c, at, true);
        expect(maxOverlap(m)).toBeLessThanOrEqual(c.concurrency);
        const indices = out.map((r) => r.index);
        expect(new Set(indices).size).toBe(indices.length);
        if (c.ordered) expect(indices).toEqual([...indices].sort((a, b) => a - b));
        if (at === undefined) {
          expect(completed).toBe(true);
          expect([...indices].sort((a, b) => a - b)).toEqual(c.gaps.map((_, i) => i));
        } else for (const call of m.calls) expect(call.subscribedAt).toBeLessThanOrEqual(at);
        expect(m.active).toBe(0);
      }),
      params,
    );
  });
});
