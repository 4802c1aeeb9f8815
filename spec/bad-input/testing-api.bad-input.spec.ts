import { InvalidArgumentError } from '../../src/errors/index.js';
import * as testing from '../../src/testing/index.js';
import { expectInvalid } from './expect-invalid.js';

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

  it('configure() rejects bad options and keeps the old ones', async () => {
    const sim = await testing.startSimulator();
    try {
      expectInvalid(() => sim.configure(null as never), 'configure');
      expectInvalid(() => sim.configure({ port: 1 }), 'port');
      expectInvalid(() => sim.configure({ latencyMs: NaN }), 'latencyMs', { prefix: true });
      const res = await fetch(`${sim.url}/v1/models`);
      expect(res.status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
