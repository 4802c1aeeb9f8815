import { lastValueFrom, of, toArray } from 'rxjs';
import { BadRequestError } from '../../src/errors/index.js';
import { generate } from '../../src/operators/generate.js';
import { anthropicMessages } from '../../src/providers/anthropic/messages-model.js';
import { openAIChat } from '../../src/providers/openai/chat-model.js';
import { openAICompletion } from '../../src/providers/openai/completion-model.js';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';

// A prompt bigger than the server accepts is not an argument error (the limit is the server's): it is sent,
// answered 413, and fails at once with a typed, non-retried BadRequestError — no hang, no retry storm.

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ maxBodyBytes: 256 * 1024 });
});
afterAll(() => sim.close());

const HUGE = 'lorem ipsum '.repeat(50_000); // ~600 KB

it.each([
  ['openAIChat', () => openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-huge-000000000', baseURL: sim.openaiBaseURL })],
  ['openAICompletion', () => openAICompletion({ model: 'gpt-3.5-turbo-instruct', apiKey: 'sk-huge-000000000', baseURL: sim.openaiBaseURL })],
  ['anthropicMessages', () => anthropicMessages({ model: 'claude-haiku-4-5', apiKey: 'sk-huge-000000000', baseURL: sim.anthropicBaseURL })],
])('%s: a huge prompt fails with a 413 BadRequestError, not retried, and the next prompt works', async (_name, make) => {
  const model = make();
  sim.resetStats();
  const out = await lastValueFrom(
    of(HUGE, 'small').pipe(generate(model, { retry: { maxAttempts: 4, baseDelayMs: 1 }, errors: 'emit', withIndex: true, ordered: true }), toArray()),
  );
  const [huge, small] = out;
  expect(huge!.ok).toBe(false);
  const error = (huge as { error: BadRequestError }).error;
  expect(error).toBeInstanceOf(BadRequestError);
  expect([error.name, error.statusCode, error.isRetryable]).toEqual(['BadRequestError', 413, false]);
  expect(small!.ok).toBe(true);
  expect(sim.stats().requestsReceived).toBe(2); // one attempt each: the 413 was not retried
});
