// The tool loop over real HTTP: the official SDKs against the simulator, which calls every tool the last user
// message names (arguments generated from each tool's JSON Schema) and, once the results are in, answers by
// quoting them. Anthropic runs with thinking on: the simulator signs each thinking block and rejects a later
// step whose assistant turn lost it or changed it, so every two-step loop here also proves the replay.
import { defer, lastValueFrom, tap, toArray, type Observable } from 'rxjs';
import { z } from 'zod';
import type { AgentGeneration } from '../../../src/core/agent-generation.js';
import { GenerationCollector } from '../../../src/core/generation-collector.js';
import type { Generation } from '../../../src/core/generation.js';
import type { LanguageModel } from '../../../src/core/language-model.js';
import type { Message, PromptInput } from '../../../src/core/prompt.js';
import type { GenerationEvent } from '../../../src/core/stream-event.js';
import { isAbortError } from '../../../src/errors/abort-error.js';
import { isRateLimitError } from '../../../src/errors/rate-limit-error.js';
import { tool, type Tool } from '../../../src/models/with-tools/tool.js';
import { withTools } from '../../../src/models/with-tools/with-tools.js';
import { generateFrom } from '../../../src/operators/generate-from.js';
import { createRateLimiter, type RateLimiter } from '../../../src/policies/rate-limiter/rate-limiter.js';
import type { RetryInfo } from '../../../src/policies/retry-generation.js';
import { anthropicMessages } from '../../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../../src/providers/openai/chat-model.js';
import type { SimulatorHandle, SimulatorRoute } from '../../../src/testing/index.js';
import { errorOf, waitUntil } from '../../support/rx-helpers.js';
import { useSharedSimulator } from '../../support/shared-simulator.js';

const sim = useSharedSimulator();

interface ProviderCase {
  readonly name: string;
  readonly route: SimulatorRoute;
  readonly thinking: boolean;
  model(sim: SimulatorHandle): LanguageModel;
}

const PROVIDERS: readonly ProviderCase[] = [
  {
    name: 'OpenAI chat',
    route: 'chat',
    thinking: false,
    model: (s) => openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-sim-agent-0000000000', baseURL: s.openaiBaseURL }),
  },
  {
    name: 'Anthropic messages, thinking on',
    route: 'messages',
    thinking: true,
    model: (s) => anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'sk-ant-sim-agent-000000', baseURL: s.anthropicBaseURL, reasoning: { budgetTokens: 1024 } }),
  },
];

/** Names both tools, and a city for their `city` field. */
const PROMPT = 'Use get_weather and get_time for Lisbon';

/** What the tools did, in order, and each abort with the time it was seen (performance.now()). */
interface ToolLog {
  readonly events: string[];
  readonly aborts: { readonly name: string; readonly at: number }[];
  active: number;
  maxActive: number;
}

const newLog = (): ToolLog => ({ events: [], aborts: [], active: 0, maxActive: 0 });

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (its timer cleared). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A tool taking `{ city }` that works for `ms` (honouring its signal), then answers `answer(city)` or throws `fails`. */
function cityTool(log: ToolLog, name: string, ms: number, answer: (city: string) => unknown, fails?: string): Tool {
  return tool({
    name,
    description: `${name.replace('get_', 'The ')} in a city`,
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }, { signal }) => {
      log.events.push(`start ${name}`);
      log.maxActive = Math.max(log.maxActive, ++log.active);
      signal.addEventListener('abort', () => log.aborts.push({ name, at: performance.now() }), { once: true });
      try {
        await sleep(ms, signal);
      } finally {
        log.active--;
      }
      log.events.push(`end ${name}`);
      if (fails !== undefined) throw new Error(fails);
      return answer(city);
    },
  }) as Tool;
}

/** get_weather (slower) and get_time (quicker), each `{ city }`. */
function cityTools(log: ToolLog, ms: { weather: number; time: number } = { weather: 40, time: 5 }, weatherFails?: string): Tool[] {
  return [
    cityTool(log, 'get_weather', ms.weather, (city) => ({ city, tempC: 21 }), weatherFails),
    cityTool(log, 'get_time', ms.time, (city) => `14:05 in ${city}`),
  ];
}

const toolResults = (g: AgentGeneration): readonly { toolName: string; output: unknown; isError?: boolean }[] =>
  g.messages.filter((m: Message) => m.role === 'tool').flatMap((m) => m.content as readonly { toolName: string; output: unknown; isError?: boolean }[]);

/** Every step's thinking came back signed (and, since the later steps were accepted, replayed intact). */
function expectSignedThinking(steps: readonly Generation[]): void {
  for (const step of steps) expect(step.content[0]).toMatchObject({ type: 'reasoning', text: expect.any(String), signature: expect.stringMatching(/\S/) });
}

/** The sum of a usage field over the steps. */
const sum = (steps: readonly Generation[], key: 'inputTokens' | 'outputTokens' | 'totalTokens'): number => steps.reduce((n, s) => n + (s.usage?.[key] ?? 0), 0);

describe.each(PROVIDERS)('withTools over HTTP: $name', (provider) => {
  it('parallel calls: both tools asked for in one step, run at once, both results sent back, the answer quotes them', async () => {
    const log = newLog();
    const agent = withTools(provider.model(sim()), { tools: cityTools(log) });
    const g = await lastValueFrom(agent.generate(PROMPT));

    expect(g.steps).toHaveLength(2);
    expect(g.steps[0]!.toolCalls.map((c) => [c.toolName, c.input])).toEqual([['get_weather', { city: 'Lisbon' }], ['get_time', { city: 'Lisbon' }]]);
    expect(log.events).toEqual(['start get_weather', 'start get_time', 'end get_time', 'end get_weather']);
    expect(log.maxActive).toBe(2);
    // Results go back in call order, though get_time finished first.
    expect(toolResults(g).map((r) => [r.toolName, r.output])).toEqual([['get_weather', { city: 'Lisbon', tempC: 21 }], ['get_time', '14:05 in Lisbon']]);
    expect(g.text).toContain('The get_weather tool says: "{"city":"Lisbon","tempC":21}"');
    expect(g.text).toContain('The get_time tool says: "14:05 in Lisbon"');
    expect(g).toMatchObject({ finishReason: 'stop', maxStepsReached: false });
    expect(g.usage).toMatchObject({ inputTokens: sum(g.steps, 'inputTokens'), outputTokens: sum(g.steps, 'outputTokens'), totalTokens: sum(g.steps, 'totalTokens') });
    if (provider.thinking) expectSignedThinking(g.steps);
    expect(sim().stats()).toMatchObject({ requestsReceived: 2, requestsCompleted: 2 });
  });

  it('the stream: each step\'s events, a tool-result as each tool finishes; collected, the same AgentGeneration', async () => {
    const log = newLog();
    const agent = withTools(provider.model(sim()), { tools: cityTools(log) });
    const events = await lastValueFrom(agent.stream(PROMPT).pipe(toArray()));

    const outline = events.filter((e) => ['step-start', 'tool-call', 'finish', 'tool-result', 'step-finish'].includes(e.type))
      .map((e) => (e.type === 'tool-call' || e.type === 'tool-result' ? `${e.type}:${e.toolName}` : e.type));
    expect(outline).toEqual([
      'step-start', 'tool-call:get_weather', 'tool-call:get_time', 'finish', 'tool-result:get_time', 'tool-result:get_weather', 'step-finish',
      'step-start', 'finish', 'step-finish',
    ]);
    if (provider.thinking) expect(events.filter((e) => e.type === 'reasoning-signature')).toHaveLength(2);
    const collector = new GenerationCollector(agent.provider, agent.modelId);
    events.forEach((e) => collector.push(e as never));
    const g = collector.result() as AgentGeneration;
    expect(g.steps).toHaveLength(2);
    expect(toolResults(g).map((r) => r.toolName)).toEqual(['get_weather', 'get_time']);
    expect(g.text).toContain('The get_time tool says: "14:05 in Lisbon"');
    if (provider.thinking) expectSignedThinking(g.steps);
  });

  it('a failing tool: its error result reaches the model, and the loop finishes', async () => {
    const log = newLog();
    const agent = withTools(provider.model(sim()), { tools: cityTools(log, undefined, 'the weather station is offline') });
    const g = await lastValueFrom(agent.generate(PROMPT));

    expect(toolResults(g).map((r) => [r.toolName, r.isError ?? false, r.output])).toEqual([
      ['get_weather', true, 'Error: the weather station is offline'],
      ['get_time', false, '14:05 in Lisbon'],
    ]);
    // Anthropic's tool_result carries is_error (the simulator words it so); OpenAI's tool message has no such flag.
    const wording = provider.route === 'messages' ? 'reported an error' : 'says';
    expect(g.text).toContain(`The get_weather tool ${wording}: "Error: the weather station is offline"`);
    expect(g).toMatchObject({ finishReason: 'stop', maxStepsReached: false });
    expect(g.steps).toHaveLength(2);
  });

  it('toolConcurrency: 1 runs the tools one at a time, results still in call order', async () => {
    const log = newLog();
    const agent = withTools(provider.model(sim()), { tools: cityTools(log, { weather: 20, time: 5 }), toolConcurrency: 1 });
    const g = await lastValueFrom(agent.generate(PROMPT));

    expect(log.events).toEqual(['start get_weather', 'end get_weather', 'start get_time', 'end get_time']);
    expect(log.maxActive).toBe(1);
    expect(toolResults(g).map((r) => r.toolName)).toEqual(['get_weather', 'get_time']);
  });

  it('a slow tool cancelled by unsubscribe: every running tool\'s signal aborts before unsubscribe() returns; no request afterwards', async () => {
    const log = newLog();
    const agent = withTools(provider.model(sim()), { tools: cityTools(log, { weather: 60_000, time: 60_000 }) });
    const seen: string[] = [];
    const subscription = agent.stream(PROMPT).subscribe({ next: (e) => seen.push(e.type), error: (e: unknown) => seen.push(`error ${String(e)}`), complete: () => seen.push('complete') });
    await waitUntil(() => log.active === 2, 10_000, 'both tools to start');

    const before = performance.now();
    subscription.unsubscribe();
    const after = performance.now();
    expect(log.aborts.map((a) => a.name).sort()).toEqual(['get_time', 'get_weather']);
    for (const a of log.aborts) {
      expect(a.at).toBeGreaterThanOrEqual(before);
      expect(a.at).toBeLessThanOrEqual(after);
    }

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.events).toEqual(['start get_weather', 'start get_time']); // neither ran on
    expect(sim().stats()).toMatchObject({ requestsReceived: 1, requestsCompleted: 1, requestsAborted: 0 });
    expect(seen.filter((t) => t.startsWith('error') || t === 'complete' || t === 'tool-result')).toEqual([]);
  });

  it('the caller\'s signal aborted while tools run: AbortError at once, every tool aborted, no request afterwards', async () => {
    const log = newLog();
    const controller = new AbortController();
    const agent = withTools(provider.model(sim()), { tools: cityTools(log, { weather: 60_000, time: 60_000 }) });
    const failed = errorOf(agent.generate(PROMPT, { signal: controller.signal }));
    await waitUntil(() => log.active === 2, 10_000, 'both tools to start');

    controller.abort();
    expect(log.aborts).toHaveLength(2); // synchronously, inside abort()
    const error = await failed;
    expect(isAbortError(error)).toBe(true);
    expect(error).toMatchObject({ provider: agent.provider, code: 'aborted' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim().stats()).toMatchObject({ requestsReceived: 1, requestsAborted: 0 });
  });

  it('the caller\'s signal aborted during a later step\'s model call: AbortError, and the HTTP request is aborted', async () => {
    sim().configure({ latencyMs: 150 });
    const log = newLog();
    const controller = new AbortController();
    const agent = withTools(provider.model(sim()), { tools: cityTools(log, { weather: 1, time: 1 }) });
    const failed = errorOf(agent.stream(PROMPT, { signal: controller.signal }));
    await waitUntil(() => sim().stats().requestsReceived === 2, 10_000, 'the second step to reach the simulator');

    controller.abort();
    expect(isAbortError(await failed)).toBe(true);
    await waitUntil(() => sim().stats().requestsAborted === 1, 5_000, 'the simulator to see the abort');
    expect(sim().stats()).toMatchObject({ requestsReceived: 2, requestsCompleted: 1 });
    expect(log.events).toHaveLength(4);
  });

  it.each(['generate', 'stream'] as const)('a 429 on the second step is retried by the loop\'s retry, the tools not run again (%s)', async (mode) => {
    sim().configure({ faults: [{ kind: 'rate-limit', route: provider.route, nth: 2, params: { retryAfterMs: 10 } }] });
    const log = newLog();
    const retries: RetryInfo[] = [];
    const agent = withTools(provider.model(sim()), { tools: cityTools(log, { weather: 1, time: 1 }), retry: { maxAttempts: 3, onRetry: (info) => retries.push(info) } });
    let g: AgentGeneration;
    if (mode === 'generate') g = await lastValueFrom(agent.generate(PROMPT));
    else {
      const collector = new GenerationCollector(agent.provider, agent.modelId);
      await lastValueFrom(agent.stream(PROMPT).pipe(tap((e) => collector.push(e as never)), toArray()));
      g = collector.result() as AgentGeneration;
    }

    expect(retries).toHaveLength(1);
    expect(isRateLimitError(retries[0]!.error)).toBe(true);
    expect(log.events.filter((e) => e.startsWith('start'))).toEqual(['start get_weather', 'start get_time']);
    expect(g.steps).toHaveLength(2);
    expect(g.text).toContain('The get_time tool says: "14:05 in Lisbon"');
    if (provider.thinking) expectSignedThinking(g.steps);
    expect(sim().stats()).toMatchObject({ requestsReceived: 3, faultsInjected: { 'rate-limit': 1 } });
  });

  it('agents inside generateFrom share one rate limiter: every model call of every loop waits for it; a 429 in step 2 is retried, the tools run once', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 40 });
    let acquired = 0;
    const counting: RateLimiter = Object.assign(Object.create(limiter) as RateLimiter, {
      acquire: (tokens?: number) => {
        acquired++;
        return limiter.acquire(tokens);
      },
    });
    // The first attempt of every loop's second step (a conversation with tool results) gets a 429.
    const real = provider.model(sim());
    const hit = new Set<string>();
    const stepTwo = (input: PromptInput): string | undefined =>
      Array.isArray(input) && input.some((m: Message) => m.role === 'tool') ? String((input[0] as { content: unknown }).content) : undefined;
    const faulty = (input: PromptInput, options: Parameters<LanguageModel['generate']>[1]): typeof options => {
      const key = stepTwo(input);
      if (key === undefined || hit.has(key)) return options;
      hit.add(key);
      return { ...options, headers: { 'x-sim-fault': 'rate-limit; retry-after-ms=20' } };
    };
    const model: LanguageModel = {
      provider: real.provider,
      modelId: real.modelId,
      generate: (input, options) => defer(() => real.generate(input, faulty(input, options))) as Observable<Generation>,
      stream: (input, options) => defer(() => real.stream(input, faulty(input, options))) as Observable<GenerationEvent>,
    };
    const log = newLog();
    const retries: RetryInfo[] = [];
    const agent = withTools(model, { tools: cityTools(log, { weather: 5, time: 1 }), rateLimit: counting, retry: { maxAttempts: 4, onRetry: (info) => retries.push(info) } });
    const cities = ['Lisbon', 'Oslo', 'Paris', 'Rome', 'Madrid', 'Vienna'];
    const prompts = cities.map((city) => `Use get_weather and get_time for ${city}`);

    const started = performance.now();
    const out = await lastValueFrom(generateFrom(agent, prompts, { concurrency: 3 }).pipe(toArray()));
    const elapsed = performance.now() - started;

    // Each loop answered with its own city's tool results.
    expect(out.map((g) => /The get_time tool says: "14:05 in (\w+)"/.exec(g.text)?.[1]).sort()).toEqual([...cities].sort());
    expect(out.every((g) => (g as AgentGeneration).steps.length === 2)).toBe(true);
    expect(retries).toHaveLength(cities.length);
    expect(retries.every((r) => isRateLimitError(r.error))).toBe(true);
    expect(log.events.filter((e) => e.startsWith('start'))).toHaveLength(cities.length * 2); // each tool once per loop
    const stats = sim().stats();
    expect(stats).toMatchObject({ requestsReceived: cities.length * 3, faultsInjected: { 'rate-limit': cities.length } });
    expect(acquired).toBe(stats.requestsReceived); // every request, retries included, waited for the limiter
    // 18 requests at 40 per second, one at a time (burst 1): at least 17 gaps of 25 ms.
    expect(elapsed).toBeGreaterThanOrEqual((stats.requestsReceived - 1) * 25 - 5);
  });
});
