import { asyncScheduler, of } from 'rxjs';
import { checkEmbedValues, type EmbeddingResult } from '../core/embedding-model.js';
import { validateEmbedCallOptions, type EmbedCallOptions } from '../core/embedding-settings.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkCount, checkNumber, checkOptions, checkScheduler, describe } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { textVector } from '../simulator/routes/openai-embeddings.js';
import { FakeCallLog, checkFakeIdentity, scriptedReplies } from './fake-calls.js';
import type { FakeEmbedding, FakeEmbeddingOptions, FakeEmbeddingReply, FakeEmbeddingScript } from './fake-embedding-types.js';
import { words } from './fake-timeline.js';

/** Every `FakeEmbeddingOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<FakeEmbeddingOptions> = { dimensions: true, maxBatchSize: true, provider: true, modelId: true, scheduler: true };
/** Every `FakeEmbeddingReply` name. */
const REPLY_NAMES: KnownKeys<FakeEmbeddingReply> = { latency: true, error: true, embeddings: true, inputTokens: true, requestId: true };

/**
 * A scripted `EmbeddingModel` for tests. Each call answers one vector per value: deterministic unit vectors
 * made from the text (the simulator's rule: texts sharing words point alike), of `dimensions` numbers (a
 * call's own `dimensions` wins). Latency, errors, usage and the vectors themselves come from `script`; time
 * runs on `options.scheduler` (virtual time inside `TestScheduler.run`), so `embedFrom` pipelines are
 * testable with marbles. Every subscription is one call, recorded in `calls`; a `signal` is honoured.
 *
 * @param script The replies. @default `{}`: every call answers at once
 * @param options Vector length, batch limit, provider key, model id, scheduler.
 * @example
 * const model = fakeEmbedding({ latency: 5 }, { dimensions: 4 });
 * embedFrom(model, ['a', 'b', 'c'], { batchSize: 2 }).subscribe((r) => console.log(r.index, r.embedding));
 * // model.calls.map((c) => c.input) -> [['a', 'b'], ['c']]
 */
export function fakeEmbedding(script: FakeEmbeddingScript = {}, options: FakeEmbeddingOptions = {}): FakeEmbedding {
  checkFakeEmbeddingOptions(options);
  const draw = scriptedReplies<readonly string[], FakeEmbeddingReply>('fakeEmbedding', script, checkFakeEmbeddingReply);
  const { dimensions = 8, maxBatchSize, provider = 'fake', modelId = 'fake-embedding' } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const log = new FakeCallLog<'embed', readonly string[], EmbedCallOptions>(scheduler, provider);
  let replies = 0;

  const answer = (values: readonly string[], reply: FakeEmbeddingReply, size: number): EmbeddingResult => {
    const embeddings = reply.embeddings ? reply.embeddings.map((v) => [...v]) : values.map((text) => textVector(modelId, text, size));
    if (embeddings.length !== values.length) {
      throw new InvalidArgumentError('script', `gave ${embeddings.length} embeddings for ${values.length} values`);
    }
    const inputTokens = reply.inputTokens === undefined ? values.reduce((n, v) => n + words(v).length, 0) : reply.inputTokens;
    return {
      embeddings,
      ...(inputTokens !== null ? { usage: { inputTokens, outputTokens: 0, totalTokens: inputTokens } } : {}),
      provider,
      modelId,
      ...(reply.requestId !== undefined ? { requestId: reply.requestId } : {}),
    };
  };

  return {
    provider,
    modelId,
    ...(maxBatchSize !== undefined ? { maxBatchSize } : {}),
    embed(values: readonly string[], callOptions?: EmbedCallOptions) {
      checkEmbedValues(values, maxBatchSize);
      const call = validateEmbedCallOptions(callOptions);
      if (values.length === 0) return of({ embeddings: [], provider, modelId });
      const input = [...values];
      const size = call.dimensions ?? dimensions;
      return log.call<EmbeddingResult>('embed', input, callOptions, (out) => {
        const index = replies++;
        const reply = draw(input, index);
        checkFakeEmbeddingReply(reply, `script (reply #${index})`);
        const latency = reply.latency ?? 0;
        if (latency === Infinity) return [];
        const result = reply.error === undefined ? answer(input, reply, size) : undefined; // a bad script throws now
        return [{
          at: latency,
          run: () => {
            if (result === undefined) return out.error(reply.error);
            out.next(result);
            out.complete();
          },
        }];
      });
    },
    get calls() {
      return log.calls;
    },
    get callCount() {
      return log.calls.length;
    },
    get active() {
      return log.active;
    },
    get maxActive() {
      return log.maxActive;
    },
    get subscriptions() {
      return log.logs;
    },
    reset() {
      log.reset();
      replies = 0;
    },
  };
}

function checkFakeEmbeddingReply(reply: FakeEmbeddingReply, name: string): void {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    throw new InvalidArgumentError(name, `must be a FakeEmbeddingReply object, got ${describe(reply)}`);
  }
  checkKnownKeys(name, reply, REPLY_NAMES);
  checkNumber(`${name}.latency`, reply.latency, { allowInfinity: true });
  if (reply.inputTokens !== null) checkNumber(`${name}.inputTokens`, reply.inputTokens, { integer: true });
  const e: unknown = reply.embeddings;
  if (e !== undefined && !(Array.isArray(e) && e.every((v) => Array.isArray(v) && v.every((x) => typeof x === 'number')))) {
    throw new InvalidArgumentError(`${name}.embeddings`, 'must be an array of number arrays');
  }
  if (reply.requestId !== undefined && typeof reply.requestId !== 'string') {
    throw new InvalidArgumentError(`${name}.requestId`, `must be a string, got ${describe(reply.requestId)}`);
  }
}

function checkFakeEmbeddingOptions(options: unknown): asserts options is FakeEmbeddingOptions {
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  const o = options as FakeEmbeddingOptions;
  checkCount('options.dimensions', o.dimensions ?? 1, 1);
  if (o.dimensions === Infinity) throw new InvalidArgumentError('options.dimensions', 'must be a finite integer');
  if (o.maxBatchSize !== undefined) checkCount('options.maxBatchSize', o.maxBatchSize, 1);
  checkFakeIdentity(o);
  checkScheduler('options.scheduler', o.scheduler);
}
