// The soak: many prompts through `generate` (retry, shared rate limiter, adaptive concurrency, timeouts)
// against the simulator injecting a seeded mix of faults, while some pipelines are unsubscribed at random.
// Used by spec/soak/soak.spec.ts (CI size) and scripts/soak.ts (`npm run soak`, bigger numbers).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { from, Observable, type Subscription } from 'rxjs';
import { isLlmError } from '../../src/errors/llm-error.js';
import type { Generation } from '../../src/core/generation.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { CallOptions } from '../../src/core/call-settings.js';
import type { PromptInput } from '../../src/core/prompt.js';
import { adaptiveConcurrency } from '../../src/policies/adaptive-concurrency.js';
import { generate } from '../../src/operators/generate.js';
import type { GenerationOutcome } from '../../src/engine/generate-options.js';
import { createRateLimiter } from '../../src/policies/rate-limiter/rate-limiter.js';
import { trackModel } from '../../src/models/track-model.js';
import { anthropicMessages } from '../../src/providers/anthropic/messages-model.js';
import { GenerationCollector } from '../../src/core/generation-collector.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { seededRandom } from '../../src/simulator/seeded-random.js';
import type { FaultRule } from '../../src/simulator/simulator-options.js';
import { startSimulator } from '../../src/simulator/start-simulator.js';

/** How big a soak is. */
export interface SoakConfig {
  readonly prompts: number;
  readonly pipelines: number;
  /** Share of pipelines unsubscribed at a random moment. */
  readonly cancelShare: number;
  /** Requests per second admitted by the shared rate limiter. */
  readonly requestsPerSecond: number;
  readonly seed: number;
  /** Prompts of the warm-up run (loads SDKs and JIT before the heap is measured). */
  readonly warmup: number;
}

/** What a soak measured. Every count is of prompts unless said otherwise. */
export interface SoakFigures {
  prompts: number;
  generated: number;
  failed: number;
  failedByError: Record<string, number>;
  /** Failures whose error is not an rxllm `LlmError` (must be 0). */
  untypedFailures: number;
  /** Failures typed only as the generic base class `LlmError` ("unexpected error"), with their messages. */
  genericFailures: string[];
  cancelled: number;
  cancelledPipelines: number;
  /** Requests started (trackModel `request` events) and outputs emitted by a pipeline after it was unsubscribed. Must be 0. */
  requestsAfterUnsubscribe: number;
  outputsAfterUnsubscribe: number;
  duplicates: number;
  missing: number;
  requestsReceived: number;
  retries: number;
  faultsInjected: Record<string, number>;
  maxOpenConnections: number;
  openConnectionsAfter: number;
  msUntilConnectionsClosed: number;
  unhandledRejections: string[];
  maxListenersWarnings: number;
  handlesBefore: Record<string, number>;
  handlesAfter: Record<string, number>;
  heapStartMB: number;
  heapEndMB: number;
  rssStartMB: number;
  rssEndMB: number;
  durationMs: number;
}

/** The seeded fault mix (rules tried in order; the simulator's RNG draws each `probability`). */
export const SOAK_FAULTS: readonly FaultRule[] = [
  { kind: 'rate-limit', params: { retryAfterMs: 20 }, probability: 0.03 }, // 429, retry-after honoured ('wait')
  { kind: 'rate-limit', params: { retryAfter: 60 }, probability: 0.02 }, // 429, retry-after past the cap: backoff ('cap')
  { kind: 'rate-limit', params: { type: 'quota' }, probability: 0.003 }, // 429 without retry-after (quota): never retried
  { kind: 'server-error', probability: 0.03 }, // 500
  { kind: 'overloaded', route: 'messages', probability: 0.04 }, // Anthropic 529
  { kind: 'stream-error', params: { after: 2 }, probability: 0.03 }, // an error event mid-stream (500 when not streaming)
  { kind: 'reset', params: { after: 3 }, probability: 0.02 }, // socket destroyed after 3 tokens
  { kind: 'reset', params: { after: 0 }, probability: 0.01 }, // socket destroyed before any byte
  { kind: 'stall', params: { after: 1, ms: 4_000 }, probability: 0.01 }, // cut by the first-token timeout
  { kind: 'malformed', params: { after: 2 }, probability: 0.02 }, // a chunk that is not JSON
];

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `global.gc`, exposed at runtime when node was not started with --expose-gc. */
export function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Active handles and requests by type (timers, sockets, servers...). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

function noMoreThan(now: Record<string, number>, before: Record<string, number>): boolean {
  return Object.entries(now).every(([kind, count]) => count <= (before[kind] ?? 0));
}

/** A model whose `generate` streams (so mid-stream faults hit it) and collects the events into one Generation. */
function streamed(model: LanguageModel): LanguageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    stream: (input: PromptInput, options?: CallOptions) => model.stream(input, options),
    generate: (input: PromptInput, options?: CallOptions) =>
      new Observable<Generation>((subscriber) => {
        const collector = new GenerationCollector(model.provider, model.modelId);
        return model.stream(input, options).subscribe({
          next: (event) => collector.push(event),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            subscriber.next(collector.result());
            subscriber.complete();
          },
        });
      }),
  };
}

interface Ledger {
  readonly size: number;
  readonly seen: Map<number, number>;
  done: boolean;
  cancelled: boolean;
}

/** Runs one soak and returns its figures. The caller asserts on them. */
export async function runSoak(config: SoakConfig, log: (line: string) => void = () => undefined): Promise<SoakFigures> {
  const gc = exposeGc();
  const rejections: string[] = [];
  let maxListenersWarnings = 0;
  const onRejection = (reason: unknown): void => void rejections.push(String(reason));
  const onWarning = (warning: Error): void => {
    if (warning.name === 'MaxListenersExceededWarning') maxListenersWarnings++;
  };
  process.on('unhandledRejection', onRejection);
  process.on('warning', onWarning);
  try {
    if (config.warmup > 0) await soakOnce({ ...config, prompts: config.warmup, pipelines: 4, cancelShare: 0 }, () => undefined);
    gc();
    await sleep(50);
    gc();
    const handlesBefore = activeResources();
    const heapStart = process.memoryUsage();
    const started = Date.now();
    const figures = await soakOnce(config, log);
    figures.durationMs = Date.now() - started;
    // Let closed sockets and cleared timers leave the active list (Node's fetch winds its own timers down
    // within about a second of its last socket); a real leak stays and fails the check.
    const settleStart = Date.now();
    do await sleep(50);
    while (!noMoreThan(activeResources(), handlesBefore) && Date.now() - settleStart < 3_000);
    gc();
    await sleep(50);
    gc();
    const heapEnd = process.memoryUsage();
    return {
      ...figures,
      unhandledRejections: rejections,
      maxListenersWarnings,
      handlesBefore,
      handlesAfter: activeResources(),
      heapStartMB: mb(heapStart.heapUsed),
      heapEndMB: mb(heapEnd.heapUsed),
      rssStartMB: mb(heapStart.rss),
      rssEndMB: mb(heapEnd.rss),
    };
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('warning', onWarning);
  }
}

type Partial0 = Omit<SoakFigures, 'unhandledRejections' | 'maxListenersWarnings' | 'handlesBefore' | 'handlesAfter' | 'heapStartMB' | 'heapEndMB' | 'rssStartMB' | 'rssEndMB'>;

async function soakOnce(config: SoakConfig, log: (line: string) => void): Promise<SoakFigures> {
  const random = seededRandom(config.seed); // a seeded soak replays
  const sim = await startSimulator({ seed: config.seed, latencyMs: 2, faults: SOAK_FAULTS });
  const figures: Partial0 = {
    prompts: config.prompts, generated: 0, failed: 0, failedByError: {}, untypedFailures: 0, genericFailures: [], cancelled: 0, cancelledPipelines: 0, requestsAfterUnsubscribe: 0, outputsAfterUnsubscribe: 0,
    duplicates: 0, missing: 0, requestsReceived: 0, retries: 0, faultsInjected: {}, maxOpenConnections: 0,
    openConnectionsAfter: -1, msUntilConnectionsClosed: -1, durationMs: 0,
  };
  const sampler = setInterval(() => {
    figures.maxOpenConnections = Math.max(figures.maxOpenConnections, sim.stats().openConnections);
  }, 25);
  try {
    const key = 'sk-soak-0000000000000000';
    const settings = { apiKey: key, maxTokens: 12 } as const;
    const models: LanguageModel[] = [
      openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, ...settings }),
      streamed(openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, ...settings })),
      anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, ...settings }),
      streamed(anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, ...settings })),
    ];
    const limiter = createRateLimiter({ requestsPerSecond: config.requestsPerSecond, burst: 10, maxPenaltyMs: 100 });
    const perPipeline = Math.ceil(config.prompts / config.pipelines);
    const ledgers: Ledger[] = [];
    const subscriptions: Subscription[] = [];
    const finished: Promise<void>[] = [];
    const cancelTimers: NodeJS.Timeout[] = [];
    // Roughly how long the soak takes, to spread the cancellations over it.
    const expectedMs = (config.prompts / config.requestsPerSecond) * 1_000;

    for (let p = 0, next = 0; p < config.pipelines && next < config.prompts; p++) {
      const size = Math.min(perPipeline, config.prompts - next);
      const prompts = Array.from({ length: size }, (_, i) => `soak prompt ${next + i}: say something about ${Math.floor(random() * 1e6)}`);
      next += size;
      const ledger: Ledger = { size, seen: new Map(), done: false, cancelled: false };
      ledgers.push(ledger);
      const out = from(prompts).pipe(
        generate(trackModel(models[p % models.length]!, (e) => {
          if (e.type === 'request' && ledger.cancelled) figures.requestsAfterUnsubscribe++;
        }), {
          concurrency: adaptiveConcurrency({ max: 8, min: 1 }),
          rateLimit: limiter,
          retry: {
            maxAttempts: 5,
            baseDelayMs: 20,
            maxDelayMs: 200,
            maxRetryAfterMs: 1_000,
            maxTotalTimeMs: 20_000,
            onRetry: () => void figures.retries++,
          },
          // Loose enough that a CPU-starved machine (client and server share one event loop) does not time
          // out healthy requests: a 600 ms first-token limit turned a busy run into a retry storm.
          timeout: { firstToken: 2_500, total: 10_000 },
          errors: 'emit',
          withIndex: true,
        }),
      );
      finished.push(
        new Promise<void>((resolve) => {
          const sub = out.subscribe({
            next: (r: GenerationOutcome) => {
              if (ledger.cancelled) figures.outputsAfterUnsubscribe++;
              ledger.seen.set(r.index, (ledger.seen.get(r.index) ?? 0) + 1);
              if (r.ok) figures.generated++;
              else {
                figures.failed++;
                if (!isLlmError(r.error)) figures.untypedFailures++;
                else if (r.error.name === 'LlmError') figures.genericFailures.push(r.error.message);
                figures.failedByError[r.error.name] = (figures.failedByError[r.error.name] ?? 0) + 1;
              }
            },
            error: (e: unknown) => {
              rejectionLike(figures, e);
              resolve();
            },
            complete: () => {
              ledger.done = true;
              resolve();
            },
          });
          subscriptions.push(sub);
          if (random() < config.cancelShare) {
            cancelTimers.push(
              setTimeout(() => {
                if (ledger.done) return resolve();
                ledger.cancelled = true;
                sub.unsubscribe();
                resolve();
              }, 50 + random() * expectedMs * 0.8),
            );
          }
        }),
      );
    }
    const progress = setInterval(() => log(`  ${figures.generated + figures.failed} / ${config.prompts} prompts done`), 5_000);
    await Promise.all(finished);
    clearInterval(progress);
    cancelTimers.forEach(clearTimeout);

    for (const ledger of ledgers) {
      let accounted = 0;
      for (const [index, count] of ledger.seen) {
        if (index < 0 || index >= ledger.size) figures.duplicates++;
        if (count > 1) figures.duplicates += count - 1;
        accounted++;
      }
      if (ledger.cancelled) {
        figures.cancelledPipelines++;
        figures.cancelled += ledger.size - accounted;
      } else figures.missing += ledger.size - accounted;
    }
    // Undici keeps a spare connection after an abort and closes it after ~4 s; the simulator reaps
    // never-used connections after 5 s. Wait up to ~7 s for every connection to close.
    const waitStart = Date.now();
    while (sim.stats().openConnections > 0 && Date.now() - waitStart < 7_500) await sleep(50);
    figures.openConnectionsAfter = sim.stats().openConnections;
    figures.msUntilConnectionsClosed = Date.now() - waitStart;
    const stats = sim.stats();
    figures.requestsReceived = stats.requestsReceived;
    figures.faultsInjected = Object.fromEntries(Object.entries(stats.faultsInjected).filter(([, n]) => n > 0));
    subscriptions.forEach((s) => s.unsubscribe());
  } finally {
    clearInterval(sampler);
    await sim.close();
  }
  return { ...figures, unhandledRejections: [], maxListenersWarnings: 0, handlesBefore: {}, handlesAfter: {}, heapStartMB: 0, heapEndMB: 0, rssStartMB: 0, rssEndMB: 0 };
}

/** With errors: 'emit' no pipeline may error: count one as an untyped failure of every prompt it lost. */
function rejectionLike(figures: Partial0, error: unknown): void {
  figures.untypedFailures++;
  figures.failedByError[`pipeline error: ${isLlmError(error) ? error.name : String(error)}`] = 1;
}

/** The figures as printed lines. */
export function formatFigures(f: SoakFigures): string {
  const rows: [string, unknown][] = [
    ['prompts', f.prompts],
    ['  generated', f.generated],
    ['  failed (typed, after retries)', `${f.failed} ${JSON.stringify(f.failedByError)}`],
    ['  cancelled (unsubscribed pipelines)', `${f.cancelled} in ${f.cancelledPipelines} pipelines`],
    ['  requests / outputs after unsubscribe', `${f.requestsAfterUnsubscribe} / ${f.outputsAfterUnsubscribe}`],
    ['  missing / duplicates / untyped', `${f.missing} / ${f.duplicates} / ${f.untypedFailures}`],
    ['  generic LlmError failures', `${f.genericFailures.length} ${[...new Set(f.genericFailures.map((m) => m.replace(/\d+/g, 'N')))].join(' | ')}`],
    ['requests received by the simulator', f.requestsReceived],
    ['faults injected', JSON.stringify(f.faultsInjected)],
    ['retries', f.retries],
    ['max open connections', f.maxOpenConnections],
    ['open connections after', `${f.openConnectionsAfter} (closed within ${f.msUntilConnectionsClosed} ms)`],
    ['unhandled rejections', f.unhandledRejections.length],
    ['MaxListenersExceededWarning', f.maxListenersWarnings],
    ['active resources before', JSON.stringify(f.handlesBefore)],
    ['active resources after', JSON.stringify(f.handlesAfter)],
    ['heap used after GC (MB), start -> end', `${f.heapStartMB} -> ${f.heapEndMB}`],
    ['RSS (MB), start -> end', `${f.rssStartMB} -> ${f.rssEndMB}`],
    ['duration (s)', (f.durationMs / 1000).toFixed(1)],
  ];
  return rows.map(([k, v]) => `${k.padEnd(40)} ${String(v)}`).join('\n');
}
