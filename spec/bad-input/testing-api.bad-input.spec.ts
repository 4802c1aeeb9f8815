import { asyncScheduler } from 'rxjs';
import { InvalidArgumentError } from '../../src/errors/index.js';
import * as testing from '../../src/testing/index.js';
import { expectInvalid } from '../support/invalid-argument.js';

// Every public function of `rxllm/testing` (src/testing/index.ts) with wrong types and invalid settings.

describe('fakeModel, instantModel, fakeGeneration, texts', () => {
  it.each([
    ['fakeModel(42)', () => testing.fakeModel(42 as never), 'script'],
    ['fakeModel(undefined, null)', () => testing.fakeModel(undefined, null as never), 'options'],
    ['fakeModel(undefined, "x")', () => testing.fakeModel(undefined, 'x' as never), 'options'],
    ['fakeModel("x", { provider: 5 })', () => testing.fakeModel('x', { provider: 5 } as never), 'options.provider'],
    ['fakeModel("x", { modelId: "" })', () => testing.fakeModel('x', { modelId: '' }), 'options.modelId'],
    ['fakeModel("x", { scheduler: 5 })', () => testing.fakeModel('x', { scheduler: 5 } as never), 'options.scheduler'],
    ['fakeModel("x", { batch: "yes" })', () => testing.fakeModel('x', { batch: 'yes' } as never), 'options.batch'],
    ['fakeModel({ latency: -1 }) call', () => testing.fakeModel({ latency: -1 }).generate('x'), 'script'],
    ['fakeModel({ latency: NaN }) call', () => testing.fakeModel({ latency: NaN }).generate('x'), 'script'],
    ['fakeModel("x").generate(42)', () => testing.fakeModel('x').generate(42 as never), 'input'],
    ['fakeModel("x").stream([])', () => testing.fakeModel('x').stream([]), 'input'],
    ['instantModel(null)', () => testing.instantModel(null as never), 'options'],
    ['instantModel(5)', () => testing.instantModel(5 as never), 'options'],
    ['instantModel({ text: 5 })', () => testing.instantModel({ text: 5 } as never), 'options.text'],
    ['instantModel({ timing: "later" })', () => testing.instantModel({ timing: 'later' } as never), 'options.timing'],
    ['instantModel().generate(null)', () => testing.instantModel().generate(null as never), 'input'],
    ['fakeGeneration(42)', () => testing.fakeGeneration(42 as never), 'reply'],
    ['fakeGeneration({ latency: NaN })', () => testing.fakeGeneration({ latency: NaN }), 'reply'],
    ['fakeGeneration("x", 5)', () => testing.fakeGeneration('x', 5 as never), 'input'],
    ['fakeGeneration({ error })', () => testing.fakeGeneration({ error: new Error('x') }), 'reply'],
  ])('%s', (_call, call, argument) => {
    expectInvalid(call, argument, { prefix: true });
  });

  it('fakeModel and instantModel accept every option of their type and reject a misspelt one', () => {
    const fake: Required<testing.FakeModelOptions> = { provider: 'p', modelId: 'm', scheduler: asyncScheduler, batch: true };
    const instant: Required<testing.InstantModelOptions> = { text: 'ok', timing: 'microtask' };
    expect(() => testing.fakeModel('x', fake)).not.toThrow();
    expect(() => testing.instantModel(instant)).not.toThrow();
    const e = expectInvalid(() => testing.fakeModel('x', { modelID: 'm' } as never), 'options.modelID');
    expect(e.message).toContain('did you mean "modelId"?');
    expectInvalid(() => testing.fakeModel('x', { latency: 5 } as never), 'options.latency');
    expect(expectInvalid(() => testing.instantModel({ timimg: 'sync' } as never), 'options.timimg').message).toContain('did you mean "timing"?');
  });

  it('a scripted reply accepts every FakeResponse option and rejects a misspelt one (fakeModel at once, fakeGeneration too)', () => {
    const full: Required<testing.FakeResponse> = {
      text: 'a b', chunks: ['a', ' b'], choices: ['a'], latency: 1, tokenInterval: 1, usage: { inputTokens: 1 }, finishReason: 'stop',
      rawFinishReason: 'stop', error: undefined, errorAfterTokens: 0, marbles: '-a|', values: { a: 'x' }, requestId: 'r',
      reasoning: 'think', reasoningSignature: 'sig', refusal: 'no', toolCalls: [{ toolName: 'f', input: {}, toolCallId: 'c' }],
    };
    expect(() => testing.fakeModel(full)).not.toThrow();
    expect(() => testing.fakeModel([full, 'x'])).not.toThrow();
    const e = expectInvalid(() => testing.fakeModel({ text: 'x', latncy: 5 } as never), 'script.latncy');
    expect(e.message).toContain('did you mean "latency"?');
    expectInvalid(() => testing.fakeModel(['ok', { txt: 'x' } as never]), 'script[1].txt');
    let error: unknown;
    testing.fakeModel(() => ({ tokenIntervall: 1 }) as never).generate('x').subscribe({ error: (e: unknown) => (error = e) });
    expect((error as InvalidArgumentError).argument).toBe('script (reply #0).tokenIntervall'); // a function's replies: at subscribe
    expectInvalid(() => testing.fakeGeneration({ txt: 'x' } as never), 'reply.txt');
    expect(() => testing.fakeGeneration('x', 'a', { provider: 'p', modelId: 'm' })).not.toThrow();
    expectInvalid(() => testing.fakeGeneration('x', 'a', { modelID: 'm' } as never), 'who.modelID');
  });

  it('texts() takes no argument and returns an operator', () => {
    expect(typeof testing.texts()).toBe('function');
  });
});

describe('startSimulator', () => {
  it.each([
    ['null', null, 'options'],
    ['a number', 42, 'options'],
    ['port -1', { port: -1 }, 'port'],
    ['port 70000', { port: 70_000 }, 'port'],
    ['port NaN', { port: NaN }, 'port'],
    ['an empty host', { host: '' }, 'host'],
    ['negative latencyMs', { latencyMs: -1 }, 'latencyMs'],
    ['NaN tokensPerSecond', { tokensPerSecond: NaN }, 'tokensPerSecond'],
    ['faults that are not a list', { faults: 5 }, 'faults'],
    ['an unknown fault kind', { faults: [{ kind: 'explode' }] }, 'faults'],
    ['a fault probability above 1', { faults: [{ kind: 'reset', probability: 2 }] }, 'faults'],
    ['zero maxBodyBytes', { maxBodyBytes: 0 }, 'maxBodyBytes'],
    ['a negative rate limit', { rateLimit: -1 }, 'rateLimit'],
    ['a misspelt option', { latency: 5 }, 'options.latency'],
    ['a misspelt rateLimit option', { rateLimit: { rpm: 5 } }, 'rateLimit.rpm'],
    ['a misspelt fault rule option', { faults: [{ kind: 'reset', propability: 0.5 }] }, 'faults[0].propability'],
    ['a misspelt fault parameter', { faults: [{ kind: 'rate-limit', params: { retryAfterMS: 5 } }] }, 'faults[0].params.retryAfterMS'],
  ])('rejects %s (the promise rejects at once, nothing listens)', async (_what, options, argument) => {
    const error: unknown = await testing.startSimulator(options as never).then(
      async (sim) => {
        await sim.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).name).toBe('InvalidArgumentError');
    expect((error as InvalidArgumentError).argument.startsWith(argument)).toBe(true);
  });

  it('accepts every option of SimulatorOptions (and of its rate limits, fault rules and fault parameters)', async () => {
    const params: Required<testing.FaultParams> = { retryAfterMs: 5, retryAfter: 1, type: 'requests', status: 500, after: 0, ms: 1 };
    const rule: Required<testing.FaultRule> = { kind: 'rate-limit', params, probability: 1, nth: 1, every: 1, route: 'chat', times: 1 };
    const rateLimit: Required<testing.RateLimitOptions> = { requestsPerMinute: 60, requestsPerSecond: 10, tokensPerMinute: 1000 };
    const options: Required<testing.SimulatorOptions> = {
      port: 0, host: '127.0.0.1', apiKey: 'sk-sim-0000000000', latencyMs: 0, tokensPerSecond: 0, faults: [rule], seed: 1, rateLimit, maxBodyBytes: 1024, models: ['m'],
    };
    const sim = await testing.startSimulator(options);
    try {
      const { port: _p, host: _h, ...live } = options;
      expect(() => sim.configure(live)).not.toThrow();
    } finally {
      await sim.close();
    }
  });

  it('configure() rejects bad options and keeps the old ones', async () => {
    const sim = await testing.startSimulator();
    try {
      expectInvalid(() => sim.configure(null as never), 'configure');
      expectInvalid(() => sim.configure({ port: 1 }), 'port');
      expectInvalid(() => sim.configure({ latencyMs: NaN }), 'latencyMs', { prefix: true });
      const e = expectInvalid(() => sim.configure({ latencyMS: 5 } as never), 'options.latencyMS');
      expect(e.message).toContain('did you mean "latencyMs"?');
      const res = await fetch(`${sim.url}/v1/models`);
      expect(res.status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
