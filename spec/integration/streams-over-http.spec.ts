// The stream pipelines of spec/operators (timeoutGeneration + retryGeneration), run by the real providers
// over real HTTP against the simulator: a stream is retried only before its first token; after it, a
// failure is a StreamError carrying the text received so far.
import { firstValueFrom, type Observable } from 'rxjs';
import { ConnectionError, StreamError, TimeoutError, retryGeneration, timeoutGeneration, type RetryInfo } from '../../src/index.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import type { TimeoutOptions } from '../../src/policies/timeout-generation.js';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';
import { collect, errorOf, modelsFor, resetSim, waitUntil } from './integration-fixture.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => resetSim(sim));

const PROMPT = 'Tell me a short story about a lighthouse';
const text = (events: readonly GenerationEvent[]) => events.map((e) => (e.type === 'text-delta' && e.index === 0 ? e.text : '')).join('');

describe.each(['chat', 'messages', 'completion'] as const)('streams over HTTP: %s', (route) => {
  let fullText: string;
  let retries: RetryInfo[];
  const pipeline = (timeout: TimeoutOptions = { firstToken: 300, idle: 300 }): Observable<GenerationEvent> =>
    modelsFor(sim)[route].stream(PROMPT).pipe(
      timeoutGeneration(timeout),
      retryGeneration({ maxAttempts: 3, baseDelayMs: 10, onRetry: (i) => retries.push(i) }),
    );

  beforeEach(async () => {
    retries = [];
    fullText = (await firstValueFrom(modelsFor(sim)[route].generate(PROMPT))).text;
    expect(fullText.split(' ').length).toBeGreaterThan(4);
    sim.resetStats();
  });

  it('a stall before the first token fires the first-token timeout, and the stream is retried', async () => {
    sim.configure({ faults: [{ kind: 'stall', params: { ms: 5_000, after: 0 }, nth: 1 }] });
    const events = await collect(pipeline());
    expect(text(events)).toBe(fullText);
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
    expect(retries.map((i) => i.error)).toEqual([expect.objectContaining({ name: 'TimeoutError', timeout: 'first-token' })]);
    await waitUntil(() => sim.stats().requestsAborted === 1, 2_000, 'the stalled request to be aborted');
    expect(sim.stats()).toMatchObject({ requestsReceived: 2, faultsInjected: expect.objectContaining({ stall: 1 }) });
  });

  it('a stall after 3 tokens fires the idle timeout: not retried, a StreamError with the partial text', async () => {
    sim.configure({ faults: [{ kind: 'stall', params: { ms: 5_000, after: 3 }, nth: 1 }] });
    const seen: GenerationEvent[] = [];
    const error = await errorOf(pipeline(), seen);
    expect(error).toBeInstanceOf(StreamError);
    const streamError = error as StreamError;
    expect(streamError.partialText).toBe(text(seen));
    expect(streamError.partialText.length).toBeGreaterThan(0);
    expect(fullText.startsWith(streamError.partialText)).toBe(true);
    expect(streamError.partialText).not.toBe(fullText);
    expect(streamError.cause).toBeInstanceOf(TimeoutError);
    expect(streamError.cause).toMatchObject({ timeout: 'idle', timeoutMs: 300 });
    expect(retries).toEqual([]);
    await waitUntil(() => sim.stats().requestsAborted === 1, 2_000, 'the stalled request to be aborted');
    expect(sim.stats().requestsReceived).toBe(1);
  });

  it('an error event before the first token is retried; after 3 tokens it is a StreamError with the partial text', async () => {
    sim.configure({ faults: [{ kind: 'stream-error', params: { after: 0 }, nth: 1 }] });
    expect(text(await collect(pipeline()))).toBe(fullText);
    expect(retries.map((i) => (i.error as Error).name)).toEqual(['StreamError']);

    retries = [];
    sim.configure({ faults: [{ kind: 'stream-error', params: { after: 3 }, nth: 1 }] });
    const seen: GenerationEvent[] = [];
    const error = (await errorOf(pipeline(), seen)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.partialText).toBe(text(seen));
    expect(error.partialText.length).toBeGreaterThan(0);
    expect(fullText.startsWith(error.partialText)).toBe(true);
    expect(retries).toEqual([]);
    expect(sim.stats().faultsInjected['stream-error']).toBe(2);
  });

  it('a connection reset before any byte is retried; after 3 tokens it is a StreamError with the partial text', async () => {
    sim.configure({ faults: [{ kind: 'reset', params: { after: 0 }, nth: 1 }] });
    expect(text(await collect(pipeline()))).toBe(fullText);
    expect(retries.map((i) => i.error)).toEqual([expect.any(ConnectionError)]);

    retries = [];
    sim.configure({ faults: [{ kind: 'reset', params: { after: 3 }, nth: 1 }] });
    const seen: GenerationEvent[] = [];
    const error = (await errorOf(pipeline(), seen)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.partialText).toBe(text(seen));
    expect(error.partialText.length).toBeGreaterThan(0);
    expect(fullText.startsWith(error.partialText)).toBe(true);
    expect(retries).toEqual([]);
    expect(sim.stats().faultsInjected.reset).toBe(2);
  });
});
