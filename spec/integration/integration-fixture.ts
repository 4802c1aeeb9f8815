// Shared helpers of the integration specs: real providers over real HTTP against the embedded simulator.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { anthropicMessages, openAIChat, openAICompletion } from '../../src/index.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { SimulatorHandle } from '../../src/testing/index.js';

export const KEY = 'sk-integration-test-0000000000';

/** The three real providers, pointed at `sim`. SDK retries stay off (rxllm's policies retry). */
export function modelsFor(sim: SimulatorHandle): Record<'chat' | 'completion' | 'messages', LanguageModel> {
  return {
    chat: openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: sim.openaiBaseURL }),
    completion: openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: KEY, baseURL: sim.openaiBaseURL }),
    messages: anthropicMessages({ model: 'claude-haiku-4-5', apiKey: KEY, baseURL: sim.anthropicBaseURL, maxTokens: 64 }),
  };
}

/** Every value of a finite Observable. */
export function collect<T>(source: Observable<T>): Promise<T[]> {
  return lastValueFrom(source.pipe(toArray()), { defaultValue: [] });
}

/** The error the Observable ends with (rejects if it completes); `seen` gets its values. */
export function errorOf<T>(source: Observable<T>, seen: T[] = []): Promise<unknown> {
  return new Promise((resolve, reject) =>
    source.subscribe({ next: (v) => seen.push(v), error: resolve, complete: () => reject(new Error('expected an error, got completion')) }),
  );
}

/** Polls `condition` every few ms until it holds (rejects after `timeoutMs`, naming `what`). */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Samples the requests in flight at the server (received, not yet answered or aborted) every ms while
 * it runs; `stop()` returns the highest count seen. Sampling can miss a peak but never invents one.
 */
export function watchInFlight(sim: SimulatorHandle): { stop(): number } {
  let max = 0;
  const sample = () => {
    const s = sim.stats();
    max = Math.max(max, s.requestsReceived - s.requestsCompleted - s.requestsAborted);
  };
  const timer = setInterval(sample, 1);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}

/** An idle simulator: no latency, no pace, no faults, no limits, fresh counters. */
export function resetSim(sim: SimulatorHandle): void {
  sim.configure({ latencyMs: 0, tokensPerSecond: 0, faults: [], rateLimit: undefined });
  sim.resetStats();
}

/** Prompts `p0`, `p1`... */
export const prompts = (n: number, prefix = 'Prompt'): string[] => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

/**
 * A pass-through HTTP proxy in front of `sim` that drops the listed response headers, e.g. `retry-after-ms`
 * (the simulator always sends it) to see what a client does with a `retry-after` in seconds alone.
 */
export async function headerDroppingProxy(sim: SimulatorHandle, drop: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(sim.url);
  const server = createServer((req, res) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const headers = { ...answer.headers };
        for (const name of drop) delete headers[name];
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
