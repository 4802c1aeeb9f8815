// The tool loop in virtual time: fakeModel scripts tool-calling replies; tools are Observables on the
// TestScheduler, so concurrency, ordering, timeouts and cancellation are checked frame by frame.
import { getEventListeners } from 'node:events';
import { filter, firstValueFrom, lastValueFrom, map, Observable, takeWhile, tap, timer, toArray } from 'rxjs';
import { z } from 'zod';
import type { AgentGeneration } from '../../../src/core/agent-generation.js';
import { GenerationCollector } from '../../../src/core/generation-collector.js';
import type { GenerationEvent, ToolResultEvent } from '../../../src/core/stream-event.js';
import { AbortError, RateLimitError } from '../../../src/errors/index.js';
import { tool } from '../../../src/models/with-tools/tool.js';
import { withTools } from '../../../src/models/with-tools/with-tools.js';
import { generateFrom } from '../../../src/operators/generate-from.js';
import { fakeModel } from '../../../src/testing/fake-model.js';
import { expectInvalid } from '../../support/invalid-argument.js';
import { testScheduler } from '../../support/test-scheduler.js';

/** A tool answering after `ms` frames with `value` (an Observable on the test scheduler), counting its runs. */
const slowTool = (name: string, ms: number, value: unknown = `${name} done`) => {
  const log = { started: 0, unsubscribed: 0, aborted: 0 };
  const t = tool({
    name,
    inputSchema: z.object({}).passthrough(),
    execute: (_input, { signal }) =>
      new Observable<unknown>((subscriber) => {
        log.started++;
        let completed = false;
        signal.addEventListener('abort', () => log.aborted++);
        const inner = timer(ms).subscribe(() => {
          completed = true;
          subscriber.next(value);
          subscriber.complete();
        });
        return () => {
          if (!completed) log.unsubscribed++;
          inner.unsubscribe();
        };
      }),
  });
  return Object.assign(t, { log });
};

const calls = (...names: string[]) => ({ toolCalls: names.map((toolName, k) => ({ toolCallId: `c${k}`, toolName, input: {} })) });

describe('withTools', () => {
  it('runs the loop: model, tools, results back, until the model answers; usage is the sum of the steps', async () => {
    const weather = tool({ name: 'get_weather', inputSchema: z.object({ city: z.string() }), execute: ({ city }) => ({ city, tempC: 3 }) });
    const model = fakeModel([
      { toolCalls: [{ toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Oslo' } }], usage: { inputTokens: 10, outputTokens: 5 } },
      { text: 'It is 3 degrees in Oslo.', usage: { inputTokens: 30, outputTokens: 7 } },
    ]);
    const g: AgentGeneration = await firstValueFrom(withTools(model, { tools: [weather] }).generate('Weather in Oslo?'));
    expect(g.text).toBe('It is 3 degrees in Oslo.');
    expect(g.finishReason).toBe('stop');
    expect(g.steps.map((s) => s.finishReason)).toEqual(['tool_calls', 'stop']);
    expect(g.usage).toEqual({ inputTokens: 40, outputTokens: 12, totalTokens: 52 });
    expect(g.maxStepsReached).toBe(false);
    expect(g.messages).toEqual([
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', output: { city: 'Oslo', tempC: 3 } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'It is 3 degrees in Oslo.' }] },
    ]);
    // The second call saw the question, the assistant's call and the result; both carried the tool definitions.
    expect(model.calls[1]!.input).toEqual([{ role: 'user', content: 'Weather in Oslo?' }, ...g.messages.slice(0, 2)]);
    expect(model.calls.map((c) => c.options?.tools?.map((t) => t.name))).toEqual([['get_weather'], ['get_weather']]);
    expect(model.calls[0]!.options?.tools?.[0]?.inputSchema).toMatchObject({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] });
  });

  it('tools of one step run toolConcurrency at a time; results go back in call order, whatever order they finish in', () => {
    testScheduler().run(({ expectObservable, flush }) => {
      const [a, b, c] = [slowTool('a', 5), slowTool('b', 1), slowTool('c', 3)];
      const model = fakeModel([calls('a', 'b', 'c'), 'done']);
      const agent = withTools(model, { tools: [a, b, c], toolConcurrency: 2 });
      const results = agent.stream('go').pipe(
        filter((e): e is ToolResultEvent => e.type === 'tool-result'),
        map((e) => e.toolName),
      );
      // a and b start at 0; b ends at 1, so c starts then and ends at 4; a ends at 5.
      expectObservable(results).toBe('-b--c(a|)', { a: 'a', b: 'b', c: 'c' });
      flush();
      expect(model.calls[1]!.input).toMatchObject([{}, {}, { role: 'tool', content: [{ toolName: 'a' }, { toolName: 'b' }, { toolName: 'c' }] }]);
    });
  });

  it('the stream: step-start, the model events, a tool-result as each tool finishes, step-finish, next step', () => {
    testScheduler().run(({ expectObservable }) => {
      const model = fakeModel([{ ...calls('a', 'b'), latency: 1 }, { text: 'ok', latency: 1 }]);
      const agent = withTools(model, { tools: [slowTool('a', 3), slowTool('b', 1)] });
      const types = agent.stream('go').pipe(map((e: GenerationEvent) => (e.type === 'tool-result' ? `tool-result:${e.toolName}` : e.type)));
      expectObservable(types.pipe(toArray())).toBe('-----(x|)', {
        x: [
          'step-start', 'start',
          'tool-call-start', 'tool-call-delta', 'tool-call-delta', 'tool-call', // fakeModel streams '{}' in two pieces
          'tool-call-start', 'tool-call-delta', 'tool-call-delta', 'tool-call',
          'finish', 'usage', 'tool-result:b', 'tool-result:a', 'step-finish',
          'step-start', 'start', 'text-delta', 'finish', 'usage', 'step-finish',
        ],
      });
    });
  });

  it('collecting the stream gives the AgentGeneration generate gives (tool results in call order in both)', async () => {
    const script = () => fakeModel([{ ...calls('a', 'b'), latency: 1 }, { text: 'ok', latency: 1 }]);
    const tools = [tool({ name: 'a', inputSchema: { type: 'object' }, execute: () => new Promise((r) => setTimeout(() => r('slow a'), 20)) }), tool({ name: 'b', inputSchema: { type: 'object' }, execute: () => 'quick b' })];
    const generated = await firstValueFrom(withTools(script(), { tools }).generate('go'));
    const collector = new GenerationCollector('fake', 'fake-model');
    await lastValueFrom(withTools(script(), { tools }).stream('go').pipe(tap((e) => collector.push(e)), toArray()));
    expect(collector.result()).toEqual(generated);
    expect(generated.messages[1]).toMatchObject({ role: 'tool', content: [{ toolName: 'a' }, { toolName: 'b' }] });
  });

  it('a tool that throws, an unknown tool, invalid input and a timeout each answer the model with an error result', async () => {
    const boom = tool({ name: 'boom', inputSchema: z.object({}), execute: () => { throw new Error('disk on fire'); } });
    const strict = tool({ name: 'strict', inputSchema: z.object({ n: z.number() }), execute: ({ n }) => n * 2 });
    const rejecting = tool({ name: 'rejecting', inputSchema: { type: 'object' }, execute: () => Promise.reject(new Error('nope')) });
    const hanging = tool({ name: 'hanging', inputSchema: { type: 'object' }, execute: () => new Observable<never>(() => undefined) });
    const model = fakeModel([
      { toolCalls: [
        { toolName: 'boom', input: {} }, { toolName: 'missing', input: {} }, { toolName: 'strict', input: { n: 'x' } },
        { toolName: 'rejecting', input: {} }, { toolName: 'hanging', input: {} }, { toolName: 'strict', input: { n: 2 } },
      ] },
      'recovered',
    ]);
    const g = await firstValueFrom(withTools(model, { tools: [boom, strict, rejecting, hanging], toolTimeoutMs: 20, toolConcurrency: Infinity }).generate('go'));
    const [results] = g.messages.filter((m) => m.role === 'tool').map((m) => m.content as readonly { output: unknown; isError?: boolean }[]);
    expect(results!.map((r) => [r.isError ?? false, String(r.output)])).toEqual([
      [true, 'Error: disk on fire'],
      [true, expect.stringContaining('there is no tool named "missing"')],
      [true, expect.stringMatching(/^Error: invalid input: n: /)],
      [true, 'Error: nope'],
      [true, 'Error: the tool did not answer within 20 ms'],
      [false, '4'],
    ]);
    expect(g.text).toBe('recovered');
  });

  it('an output that cannot be sent to the model (not JSON: circular, a BigInt) is an error result, not the end of the loop', async () => {
    const circular: Record<string, unknown> = { city: 'Oslo' };
    circular.self = circular;
    const looping = tool({ name: 'looping', inputSchema: { type: 'object' }, execute: () => circular });
    const big = tool({ name: 'big', inputSchema: { type: 'object' }, execute: () => ({ n: 10n }) });
    const model = fakeModel([calls('looping', 'big'), 'recovered']);
    const g = await firstValueFrom(withTools(model, { tools: [looping, big] }).generate('go'));
    const [results] = g.messages.filter((m) => m.role === 'tool').map((m) => m.content as readonly { output: unknown; isError?: boolean }[]);
    expect(results!.map((r) => [r.isError ?? false, r.output])).toEqual([
      [true, expect.stringMatching(/^Error: the output cannot be sent to the model \(it is not JSON\): Converting circular structure to JSON/)],
      [true, 'Error: the output cannot be sent to the model (it is not JSON): Do not know how to serialize a BigInt'],
    ]);
    expect(g.text).toBe('recovered');
  });

  it('reaching maxSteps ends the loop with the last generation, its calls not run, and maxStepsReached', async () => {
    const a = slowTool('a', 0);
    const model = fakeModel(calls('a'));
    const g = await firstValueFrom(withTools(model, { tools: [a], maxSteps: 3 }).generate('loop forever'));
    expect(model.callCount).toBe(3);
    expect(a.log.started).toBe(2);
    expect(g).toMatchObject({ maxStepsReached: true, finishReason: 'tool_calls' });
    expect(g.steps).toHaveLength(3);
    expect(g.messages.at(-1)).toMatchObject({ role: 'assistant' });
  });

  it('a 429 on a later step is retried with the loop\'s retry: the tools already run are not run again', () => {
    testScheduler().run(({ expectObservable, flush }) => {
      const a = slowTool('a', 1);
      const model = fakeModel([calls('a'), { error: new RateLimitError('slow down', { retryAfterMs: 2 }) }, 'answered']);
      const agent = withTools(model, { tools: [a], retry: { maxAttempts: 3 } });
      expectObservable(agent.generate('go').pipe(map((g) => g.text))).toBe('---(x|)', { x: 'answered' });
      flush();
      expect(a.log.started).toBe(1);
      expect(model.callCount).toBe(3);
    });
  });

  it('unsubscribing aborts the running tools (signal aborted, Observable unsubscribed) and starts nothing afterwards', () => {
    testScheduler().run(({ expectObservable, flush }) => {
      const [a, b] = [slowTool('a', 10), slowTool('b', 10)];
      const model = fakeModel([calls('a', 'b'), 'never asked']);
      const agent = withTools(model, { tools: [a, b] });
      expectObservable(agent.generate('go'), '^--!').toBe('---');
      flush();
      expect([a.log, b.log]).toEqual([
        { started: 1, unsubscribed: 1, aborted: 1 },
        { started: 1, unsubscribed: 1, aborted: 1 },
      ]);
      expect(model.callCount).toBe(1);
    });
  });

  describe('the caller\'s signal (agent.generate(p, { signal }))', () => {
    /** Runs `agent` with a signal aborted at frame `at`; returns what the stream shows. */
    const abortAt = (at: number, run: (signal: AbortSignal) => Observable<unknown>, cold: (m: string) => Observable<unknown>) => {
      const controller = new AbortController();
      cold(`${'-'.repeat(at)}a`).subscribe(() => controller.abort());
      return run(controller.signal);
    };

    it('aborting it while tools run ends the loop at once with AbortError and aborts every running tool', () => {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const [a, b] = [slowTool('a', 10), slowTool('b', 10)];
        const model = fakeModel([calls('a', 'b'), 'never asked']);
        const agent = withTools(model, { tools: [a, b] });
        const out = abortAt(3, (signal) => agent.generate('go', { signal }), cold);
        expectObservable(out).toBe('---#', undefined, new AbortError('The call was aborted by its signal', { provider: 'fake', code: 'aborted' }));
        flush();
        expect([a.log, b.log]).toEqual([
          { started: 1, unsubscribed: 1, aborted: 1 },
          { started: 1, unsubscribed: 1, aborted: 1 },
        ]);
        expect(model.callCount).toBe(1);
      });
    });

    it('in stream mode too: the events so far, then AbortError; no tool-result, no next step', () => {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const a = slowTool('a', 10);
        const model = fakeModel([calls('a'), 'never asked']);
        const types = abortAt(2, (signal) => withTools(model, { tools: [a] }).stream('go', { signal }), cold).pipe(map((e) => (e as GenerationEvent).type));
        expectObservable(types.pipe(toArray())).toBe('--#', undefined, expect.objectContaining({ name: 'AbortError' }));
        flush();
        expect(a.log).toEqual({ started: 1, unsubscribed: 1, aborted: 1 });
        expect(model.callCount).toBe(1);
      });
    });

    it('aborting it during a retry\'s wait ends the loop at once (the wait does not run out first)', () => {
      testScheduler().run(({ cold, expectObservable, flush }) => {
        const model = fakeModel([calls('a'), { error: new RateLimitError('slow down', { retryAfterMs: 50 }) }, 'answered']);
        const agent = withTools(model, { tools: [slowTool('a', 1)], retry: { maxAttempts: 3 } });
        expectObservable(abortAt(5, (signal) => agent.generate('go', { signal }), cold)).toBe('-----#', undefined, expect.objectContaining({ name: 'AbortError' }));
        flush();
        expect(model.callCount).toBe(2);
      });
    });

    it('a signal aborted before subscribing fails at once: no model call, no tool', () => {
      testScheduler().run(({ expectObservable, flush }) => {
        const a = slowTool('a', 1);
        const model = fakeModel([calls('a'), 'never asked']);
        expectObservable(withTools(model, { tools: [a] }).generate('go', { signal: AbortSignal.abort() })).toBe('#', undefined, expect.objectContaining({ name: 'AbortError' }));
        flush();
        expect(model.callCount).toBe(0);
        expect(a.log.started).toBe(0);
      });
    });

    it('leaves no listener on the signal once the loop ends, however many loops share it', async () => {
      const shared = new AbortController();
      // Synchronous model calls (they hold no listener of their own past their call): the tools are what runs.
      const model = fakeModel((input) => (Array.isArray(input) && input.some((m) => m.role === 'tool') ? 'done' : calls('a')));
      const agent = withTools(model, { tools: [tool({ name: 'a', inputSchema: { type: 'object' }, execute: async () => 'ok' })] });
      const runs = Array.from({ length: 20 }, () => lastValueFrom(agent.generate('go', { signal: shared.signal })));
      expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1); // one listener fanning out to the 20 loops
      await Promise.all(runs);
      expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    });
  });

  it('unsubscribing during a model call cancels it (the unsubscription chain reaches the model)', () => {
    testScheduler().run(({ expectObservable, expectSubscriptions }) => {
      const model = fakeModel({ text: 'slow', latency: 10 });
      expectObservable(withTools(model, { tools: [slowTool('a', 1)] }).stream('go'), '^--!').toBe('s--', { s: { type: 'step-start', step: 1 } });
      expectSubscriptions(model.subscriptions).toBe('^--!');
    });
  });

  it('a synchronous model and synchronous tools stop as soon as the consumer leaves', async () => {
    const model = fakeModel([calls('a'), 'done']);
    const a = tool({ name: 'a', inputSchema: { type: 'object' }, execute: () => 'sync' });
    const seen = await lastValueFrom(withTools(model, { tools: [a] }).stream('go').pipe(takeWhile((e) => e.type !== 'tool-result', true), toArray()));
    expect(seen.at(-1)).toMatchObject({ type: 'tool-result', output: 'sync' });
    expect(model.callCount).toBe(1); // the consumer left at the tool result: the second step never started
  });

  it('is a LanguageModel: an agent inside generateFrom', async () => {
    const a = tool({ name: 'a', inputSchema: { type: 'object' }, execute: () => 'tool says hi' });
    const model = fakeModel((input) => (Array.isArray(input) && input.some((m) => m.role === 'tool') ? 'final' : calls('a')));
    const out = await lastValueFrom(generateFrom(withTools(model, { tools: [a] }), ['x', 'y', 'z'], { concurrency: 2 }).pipe(toArray()));
    expect(out.map((g) => g.text)).toEqual(['final', 'final', 'final']);
  });

  it('bad options and bad calls throw at once', () => {
    const model = fakeModel('x');
    const a = slowTool('a', 1);
    expectInvalid(() => withTools(model, { tools: [] }), 'tools');
    expectInvalid(() => withTools(model, { tools: [{ name: 'a' }] as never }), 'tools[0]');
    expectInvalid(() => withTools(model, { tools: [a, a] }), 'tools[1].name');
    expectInvalid(() => withTools(model, { tools: [a], maxStep: 2 } as never), 'options.maxStep');
    expectInvalid(() => withTools(model, { tools: [a], toolConcurrency: 0 }), 'toolConcurrency');
    expectInvalid(() => withTools(model, { tools: [a] }).generate('x', { tools: [] }), 'options.tools');
    expectInvalid(() => withTools({} as never, { tools: [a] }), 'model');
    expectInvalid(() => tool({ name: 'bad name!', inputSchema: { type: 'object' }, execute: () => 1 }), 'tools[0].name');
    expectInvalid(() => tool({ name: 'x', inputSchema: 'nope' as never, execute: () => 1 }), 'inputSchema');
  });

  it('a JSON Schema tool validates its input with zod\'s fromJSONSchema', async () => {
    const t = tool({ name: 'j', inputSchema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] }, execute: (input) => input });
    expect(await t.validate({ n: 1 })).toEqual({ ok: true, value: { n: 1 } });
    expect(await t.validate({ n: 'x' })).toMatchObject({ ok: false, issues: [expect.stringContaining('n:')] });
  });
});
