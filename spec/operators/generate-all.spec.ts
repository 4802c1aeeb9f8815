import { firstValueFrom, mergeMap, of } from 'rxjs';
import type { PromptInput } from '../../src/core/prompt.js';
import type { LLMResult } from '../../src/engine/generate-all-options.js';
import { ServerError, type InvalidArgumentError } from '../../src/errors/index.js';
import { generateAll } from '../../src/operators/generate-all.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import { instantModel } from '../../src/testing/instant-model.js';
import { testScheduler } from '../support/test-scheduler.js';

const scheduler = testScheduler;

const info = (index = 0) => ({ finishReason: 'stop' as const, rawFinishReason: 'stop', index });

describe('generateAll', () => {
  it('fans out one request per prompt and returns the LangChain LLMResult in input order', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const latency: Record<string, number> = { 'one two': 5, three: 1, 'four five six': 3 };
      const model = fakeModel((input) => ({ text: `re ${String(input)}`, latency: latency[String(input)] ?? 0 }));
      const expected: LLMResult = {
        generations: [
          [{ text: 're one two', generationInfo: info() }],
          [{ text: 're three', generationInfo: info() }],
          [{ text: 're four five six', generationInfo: info() }],
        ],
        llmOutput: {
          // input words: 2 + 1 + 3; output deltas: 3 + 2 + 4
          tokenUsage: { promptTokens: 6, completionTokens: 9, totalTokens: 15 },
          usage: { inputTokens: 6, outputTokens: 9, totalTokens: 15 },
        },
        failures: [],
      };
      expectObservable(generateAll(model, ['one two', 'three', 'four five six'], { concurrency: 2 })).toBe('-----(r|)', { r: expected });
      flush();
      expect(model.calls.map((c) => [c.kind, c.subscribedAt])).toEqual([['generate', 0], ['generate', 0], ['generate', 1]]);
    });
  });

  it('lists every choice of a prompt (n > 1)', async () => {
    const model = fakeModel({ choices: ['first', 'second'] });
    const result = await firstValueFrom(generateAll(model, ['p'], { callOptions: { n: 2 } }));
    expect(result.generations).toEqual([[{ text: 'first', generationInfo: info(0) }, { text: 'second', generationInfo: info(1) }]]);
    expect(model.calls[0]?.options).toEqual({ n: 2 });
  });

  it('packs prompts into generateBatch requests of batchSize when the model has it', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const model = fakeModel((input) => ({ text: `re ${String(input)}`, latency: 2 }), { batch: true });
      const prompts = ['a', 'b', 'c', 'd', 'e'];
      expectObservable(generateAll(model, prompts, { batchSize: 2, concurrency: 2 })).toBe('----(r|)', {
        r: expect.objectContaining({
          generations: prompts.map((p) => [{ text: `re ${p}`, generationInfo: info() }]),
          llmOutput: expect.objectContaining({ tokenUsage: { promptTokens: 5, completionTokens: 10, totalTokens: 15 } }),
        }),
      });
      flush();
      expect(model.calls.map((c) => [c.kind, c.input, c.subscribedAt])).toEqual([
        ['batch', ['a', 'b'], 0],
        ['batch', ['c', 'd'], 0],
        ['batch', ['e'], 2],
      ]);
    });
  });

  it("errors: 'emit' keeps going and lists the failures (an empty generations entry for each)", async () => {
    const model = fakeModel((input) => (input === 'b' ? { error: new ServerError('nope') } : String(input)));
    const result = await firstValueFrom(generateAll(model, ['a', 'b', 42 as never, 'd'], { errors: 'emit' }));
    expect(result.generations.map((g) => g.map((x) => x.text))).toEqual([['a'], [], [], ['d']]);
    expect(result.failures.map((f) => [f.index, f.error.name])).toEqual([
      [1, 'ServerError'],
      [2, 'InvalidArgumentError'],
    ]);
  });

  it("errors: 'emit' fails every prompt of a failed batch", async () => {
    const model = fakeModel(['x', 'y', { error: new ServerError('nope') }], { batch: true });
    const result = await firstValueFrom(generateAll(model, ['a', 'b', 'c'], { errors: 'emit', batchSize: 2, concurrency: 1 }));
    expect(result.generations.map((g) => g.length)).toEqual([1, 1, 0]);
    expect(result.failures.map((f) => f.index)).toEqual([2]);
  });

  it("errors: 'throw' errors on the first failure and cancels the rest", () => {
    scheduler().run(({ expectObservable, expectSubscriptions }) => {
      const model = fakeModel((input) => (input === 'b' ? { error: new ServerError('nope'), latency: 1 } : { text: 'x', latency: 4 }));
      expectObservable(generateAll(model, ['a', 'b', 'c'])).toBe('-#', undefined, new ServerError('nope'));
      expectSubscriptions(model.subscriptions).toBe(['^!', '^!', '^!']);
    });
  });

  it('throws InvalidArgumentError at once for an invalid prompt, bad prompts or bad options', () => {
    const model = instantModel();
    const argument = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return (e as InvalidArgumentError).argument;
      }
      return undefined;
    };
    expect(argument(() => generateAll(model, ['a', null as never]))).toBe('prompts[1]');
    expect(argument(() => generateAll(model, 'abc' as never))).toBe('prompts');
    expect(argument(() => generateAll(model, 5 as never))).toBe('prompts');
    expect(argument(() => generateAll(model, [], { batchSize: 0 }))).toBe('batchSize');
    expect(argument(() => generateAll(model, [], { ordered: true } as never))).toBe('options.ordered');
    expect(argument(() => generateAll(model, [], { concurrency: -1 }))).toBe('concurrency');
  });

  it('answers an empty list with an empty result', async () => {
    const result = await firstValueFrom(generateAll(instantModel(), []));
    expect(result).toEqual({
      generations: [],
      llmOutput: { tokenUsage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
      failures: [],
    });
  });

  it('rejects a batch answer of the wrong length', async () => {
    const model = { ...instantModel(), generateBatch: () => of([]) };
    await expect(firstValueFrom(generateAll(model, ['a']))).rejects.toThrow('0 generations for 1 prompts');
  });

  describe('teardown', () => {
    it('unsubscribing cancels every request in flight (unsubscription chain)', () => {
      scheduler().run(({ expectObservable, expectSubscriptions }) => {
        const model = fakeModel({ text: 'x', latency: 10 });
        const result = of(['a', 'b'] as PromptInput[]).pipe(mergeMap((prompts) => generateAll(model, prompts)));
        expectObservable(result, '^--!').toBe('');
        expectSubscriptions(model.subscriptions).toBe(['^--!', '^--!']);
      });
    });

    it('works synchronously with a synchronous model', () => {
      let result: LLMResult | undefined;
      generateAll(instantModel(), ['a', 'b']).subscribe((r) => (result = r));
      expect(result?.generations.map((g) => g[0]?.text)).toEqual(['a', 'b']);
    });
  });
});
