import type { GenerationEvent } from '../../src/core/stream-event.js';
import {
  AbortError,
  ConfigurationError,
  InvalidArgumentError,
  RateLimitError,
  ServerError,
} from '../../src/errors/index.js';
import { fakeGeneration } from '../../src/testing/fake-generation.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import { testScheduler } from '../support/test-scheduler.js';

const scheduler = testScheduler;

const start: GenerationEvent = { type: 'start', provider: 'fake', modelId: 'fake-model' };
const delta = (text: string, index = 0): GenerationEvent => ({ type: 'text-delta', index, text });
const finish = (index = 0): GenerationEvent => ({ type: 'finish', index, finishReason: 'stop', rawFinishReason: 'stop' });
const usage = (inputTokens: number, outputTokens: number): GenerationEvent => ({
  type: 'usage',
  usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
});

describe('fakeModel', () => {
  describe('timing in virtual time', () => {
    const reply = { text: 'Hello big world', latency: 2, tokenInterval: 5 };

    it('streams the first token after latency, then one every tokenInterval', () => {
      scheduler().run(({ expectObservable }) => {
        const model = fakeModel(reply);
        expectObservable(model.stream('Say hi')).toBe('--(sa)-b----(cfu|)', {
          s: start,
          a: delta('Hello'),
          b: delta(' big'),
          c: delta(' world'),
          f: finish(),
          u: usage(2, 3),
        });
      });
    });

    it('generate() emits the whole generation at the frame of the last token', () => {
      scheduler().run(({ expectObservable }) => {
        const model = fakeModel(reply);
        const g = fakeGeneration(reply, 'Say hi');
        expect(g).toMatchObject({ text: 'Hello big world', usage: { inputTokens: 2, outputTokens: 3, totalTokens: 5 } });
        expectObservable(model.generate('Say hi')).toBe('------------(g|)', { g });
      });
    });

    it('answers synchronously with no latency', () => {
      const model = fakeModel('now');
      const seen: string[] = [];
      model.generate('x').subscribe((g) => seen.push(g.text));
      expect(seen).toEqual(['now']);
    });

    it('never answers with latency Infinity; unsubscribing ends the call', () => {
      scheduler().run(({ expectObservable, expectSubscriptions }) => {
        const model = fakeModel({ text: 'never', latency: Infinity });
        expectObservable(model.generate('x'), '^---!').toBe('-');
        expectSubscriptions(model.subscriptions).toBe('^---!');
      });
    });

    it('interleaves several choices', () => {
      scheduler().run(({ expectObservable }) => {
        const model = fakeModel({ choices: ['a b', 'c'], latency: 1, tokenInterval: 5 });
        expectObservable(model.stream('p')).toBe('-(sac)(bfgu|)', {
          s: start,
          a: delta('a'),
          c: delta('c', 1),
          b: delta(' b'),
          f: finish(0),
          g: finish(1),
          u: usage(1, 3),
        });
      });
    });
  });

  describe('errors', () => {
    it('raises the error after k tokens (stream) and at the same frame (generate)', () => {
      scheduler().run(({ expectObservable }) => {
        const boom = new ServerError('boom');
        const reply = { text: 'a b c', latency: 1, tokenInterval: 5, error: boom, errorAfterTokens: 2 };
        const model = fakeModel(reply);
        expectObservable(model.stream('p')).toBe('-(sa)-b----#', { s: start, a: delta('a'), b: delta(' b') }, boom);
        expectObservable(model.generate('p')).toBe('-----------#', undefined, boom);
      });
    });

    it('raises an error before any token (no start event) by default', () => {
      scheduler().run(({ expectObservable }) => {
        const limited = new RateLimitError('slow down', { retryAfterMs: 5 });
        const model = fakeModel({ error: limited, latency: 3 });
        expectObservable(model.stream('p')).toBe('---#', undefined, limited);
      });
    });

    it('fails a call beyond the end of a list with ConfigurationError', () => {
      const model = fakeModel(['one']);
      model.generate('a').subscribe();
      let error: unknown;
      model.generate('b').subscribe({ error: (e: unknown) => (error = e) });
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain('reply #1');
    });

    it.each([
      [{ latency: -1 }, 'script.latency'],
      [{ tokenInterval: NaN }, 'script.tokenInterval'],
      [{ errorAfterTokens: 1.5 }, 'script.errorAfterTokens'],
      [{ chunks: 'abc' }, 'script.chunks'],
      [{ marbles: 'a(b' }, 'script.marbles'],
      [42, 'script'],
    ])('rejects a bad script %p naming %s', (bad, argument) => {
      expect(() => fakeModel(bad as never)).toThrow(InvalidArgumentError);
      try {
        fakeModel(bad as never);
      } catch (e) {
        expect((e as InvalidArgumentError).argument).toBe(argument);
      }
    });

    it('raises a bad reply from a script function as the call error', () => {
      const model = fakeModel(() => ({ latency: -5 }));
      let error: unknown;
      model.generate('a').subscribe({ error: (e: unknown) => (error = e) });
      expect(error).toBeInstanceOf(InvalidArgumentError);
    });

    it('honours an AbortSignal', () => {
      scheduler().run(({ expectObservable, cold }) => {
        const controller = new AbortController();
        cold('--a').subscribe(() => controller.abort());
        const model = fakeModel({ text: 'x', latency: 5 });
        expectObservable(model.generate('p', { signal: controller.signal })).toBe('--#', undefined, new AbortError());
      });
    });
  });

  describe('marble replies', () => {
    it('streams letters as deltas and finishes at |', () => {
      scheduler().run(({ expectObservable }) => {
        const reply = { marbles: '-a----b-|', values: { a: 'Hel', b: 'lo' } };
        const model = fakeModel(reply);
        expectObservable(model.stream('p')).toBe('-(sa)-b-(fu|)', {
          s: start,
          a: delta('Hel'),
          b: delta('lo'),
          f: finish(),
          u: usage(1, 2),
        });
        expectObservable(model.generate('p')).toBe('--------(g|)', { g: fakeGeneration(reply, 'p') });
        expect(fakeGeneration(reply, 'p').text).toBe('Hello');
      });
    });

    it('raises the error at # and stalls without a terminal', () => {
      scheduler().run(({ expectObservable }) => {
        const e = new ServerError('mid-stream');
        const model = fakeModel([{ marbles: '-a 3ms #', error: e }, { marbles: '-a-' }]);
        expectObservable(model.stream('p')).toBe('-(sa)#', { s: start, a: delta('a') }, e);
        expectObservable(model.stream('p'), '^------!').toBe('-(sa)', { s: start, a: delta('a') });
      });
    });
  });

  describe('recording', () => {
    it('records kind, input, options, frames and outcome of every call', () => {
      scheduler().run(({ cold, flush }) => {
        const model = fakeModel([{ text: 'c', latency: 9 }, { text: 'a', latency: 2 }, { error: new ServerError('x'), latency: 1 }]);
        model.generate('zero').subscribe().unsubscribe();
        cold('-x').subscribe(() => model.generate('one', { temperature: 0 }).subscribe());
        cold('--x').subscribe(() => model.stream('two').subscribe({ error: () => undefined }));
        flush();
        expect(model.calls).toEqual([
          { index: 0, kind: 'generate', input: 'zero', options: undefined, subscribedAt: 0, endedAt: 0, outcome: 'cancelled' },
          { index: 1, kind: 'generate', input: 'one', options: { temperature: 0 }, subscribedAt: 1, endedAt: 3, outcome: 'completed' },
          expect.objectContaining({ index: 2, kind: 'stream', input: 'two', subscribedAt: 2, endedAt: 3, outcome: 'errored' }),
        ]);
        expect(model.calls[2]?.error).toBeInstanceOf(ServerError);
        expect(model.callCount).toBe(3);
      });
    });

    it('exposes subscription frames for expectSubscriptions, and active/maxActive counters', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const model = fakeModel({ text: 'ok', latency: 3 });
        cold('a-b').subscribe(() => model.generate('p').subscribe());
        expectObservable(model.generate('q'), '^!');
        expectSubscriptions(model.subscriptions).toBe(['^--!', '^!', '--^--!']);
        cold('--a').subscribe(() => expect(model.active).toBe(2));
        cold('------a').subscribe(() => {
          expect(model.active).toBe(0);
          expect(model.maxActive).toBe(2);
        });
      });
    });

    it('passes the prompt and the reply index to a script function; reset() restarts it', () => {
      const model = fakeModel((input, index) => `${String(input)}#${index}`);
      const out: string[] = [];
      for (const p of ['a', 'b']) model.generate(p).subscribe((g) => out.push(g.text));
      model.reset();
      model.generate('c').subscribe((g) => out.push(g.text));
      expect(out).toEqual(['a#0', 'b#1', 'c#0']);
      expect(model.calls).toHaveLength(1);
    });

    it('echoes the prompt by default', () => {
      const out: string[] = [];
      fakeModel().generate([{ role: 'user', content: 'echo me' }]).subscribe((g) => out.push(g.text));
      expect(out).toEqual(['echo me']);
    });
  });

  describe('batch', () => {
    it('answers a list of prompts in one call, when the slowest reply is done', () => {
      scheduler().run(({ expectObservable, flush }) => {
        const model = fakeModel((input) => ({ text: `re ${String(input)}`, latency: input === 'b' ? 4 : 1 }), { batch: true });
        expectObservable(model.generateBatch(['a', 'b'])).toBe('----(g|)', {
          g: [fakeGeneration({ text: 're a' }, 'a'), fakeGeneration({ text: 're b' }, 'b')],
        });
        flush();
        expect(model.calls.map((c) => c.kind)).toEqual(['batch']);
      });
    });

    it('fails the batch at the earliest error', () => {
      scheduler().run(({ expectObservable }) => {
        const e = new ServerError('x');
        const model = fakeModel([{ text: 'a', latency: 5 }, { error: e, latency: 2 }], { batch: true });
        expectObservable(model.generateBatch(['a', 'b'])).toBe('--#', undefined, e);
      });
    });

    it('has no generateBatch unless asked', () => {
      expect('generateBatch' in fakeModel('x')).toBe(false);
    });
  });
});
