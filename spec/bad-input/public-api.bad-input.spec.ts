import { asyncScheduler, firstValueFrom, of, toArray, type Observable } from 'rxjs';
import * as rxllm from '../../src/index.js';
import { instantModel } from '../../src/testing/index.js';
import { expectInvalid } from '../support/invalid-argument.js';

// Every public function of `rxllm` (src/index.ts) with wrong types, empty prompts and invalid settings:
// it throws InvalidArgumentError naming the argument at once — before anything is subscribed or sent.

const m = instantModel();
const key = { apiKey: 'sk-bad-input-0000000000', baseURL: 'http://127.0.0.1:9/v1' };
const providers = {
  openAIChat: (o: unknown) => rxllm.openAIChat(o as never),
  openAICompletion: (o: unknown) => rxllm.openAICompletion(o as never),
  anthropicMessages: (o: unknown) => rxllm.anthropicMessages(o as never),
};

describe.each(Object.entries(providers))('%s', (_name, factory) => {
  it.each([
    ['no options', undefined, 'options'],
    ['null', null, 'options'],
    ['a string', 'gpt-4o-mini', 'options'],
    ['no model', { ...key }, 'model'],
    ['an empty model', { ...key, model: '  ' }, 'model'],
    ['a numeric apiKey', { model: 'x', apiKey: 42 }, 'apiKey'],
    ['a non-http baseURL', { model: 'x', baseURL: 'ftp://host' }, 'baseURL'],
    ['a client that is a string', { model: 'x', client: 'sdk' }, 'client'],
    ['negative maxRetries', { ...key, model: 'x', maxRetries: -1 }, 'maxRetries'],
    ['NaN timeout', { ...key, model: 'x', timeout: NaN }, 'timeout'],
    ['negative timeout', { ...key, model: 'x', timeout: -5 }, 'timeout'],
    ['NaN temperature', { ...key, model: 'x', temperature: NaN }, 'temperature'],
    ['a string temperature', { ...key, model: 'x', temperature: 'hot' }, 'temperature'],
    ['negative maxTokens', { ...key, model: 'x', maxTokens: -1 }, 'maxTokens'],
    ['fractional maxTokens', { ...key, model: 'x', maxTokens: 1.5 }, 'maxTokens'],
    ['topP above 1', { ...key, model: 'x', topP: 2 }, 'topP'],
    ['a numeric stop', { ...key, model: 'x', stop: 42 }, 'stop'],
    ['numeric headers', { ...key, model: 'x', headers: 5 }, 'headers'],
    ['a header value with CR LF', { ...key, model: 'x', headers: { 'x-a': 'v\r\nX-Injected: 1' } }, 'headers["x-a"]'],
    ['a header name with a space', { ...key, model: 'x', headers: { 'x-bad name': 'v' } }, 'headers["x-bad name"]'],
    ['a string tags', { ...key, model: 'x', tags: 'x' }, 'tags'],
    ['a numeric track', { ...key, model: 'x', track: 5 }, 'track'],
  ])('rejects %s', (_what, options, argument) => {
    expectInvalid(() => factory(options), argument);
  });

  const model = factory({ ...key, model: 'x' }) as rxllm.LanguageModel;
  it.each([
    ['undefined', undefined, 'input'],
    ['null', null, 'input'],
    ['a number', 42, 'input'],
    ['an object', { text: 'hi' }, 'input'],
    ['an empty list of messages', [], 'input'],
    ['a message without a role', [{ content: 'hi' }], 'input[0].role'],
    ['a message with a bad role', [{ role: 'robot', content: 'hi' }], 'input[0].role'],
    ['a message with numeric content', [{ role: 'user', content: 1 }], 'input[0].content'],
  ])('generate() and stream() reject a prompt that is %s, before sending anything', (_what, input, argument) => {
    expectInvalid(() => model.generate(input as never), argument);
    expectInvalid(() => model.stream(input as never), argument);
  });

  it.each([
    ['options that are a string', 'fast', 'options'],
    ['NaN temperature', { temperature: NaN }, 'options.temperature'],
    ['zero maxTokens', { maxTokens: 0 }, 'options.maxTokens'],
    ['a signal that is not an AbortSignal', { signal: 5 }, 'options.signal'],
    ['numeric tags', { tags: [1] }, 'options.tags'],
    ['a header value with CR LF', { headers: { 'x-a': 'v\r\nX-Injected: 1' } }, 'options.headers["x-a"]'],
    ['a header name with a space', { headers: { 'x-bad name': 'v' } }, 'options.headers["x-bad name"]'],
  ])('generate() rejects %s', (_what, options, argument) => {
    expectInvalid(() => model.generate('hi', options as never), argument);
    expectInvalid(() => model.stream('hi', options as never), argument);
  });
});

describe('generateBatch (openAICompletion)', () => {
  const model = rxllm.openAICompletion({ ...key, model: 'gpt-3.5-turbo-instruct' });
  it.each([
    ['not a list', 'hi', 'inputs'],
    ['a list holding a number', ['ok', 5], 'inputs[1]'],
  ])('rejects inputs that are %s', (_what, inputs, argument) => {
    expectInvalid(() => model.generateBatch(inputs as never), argument, { prefix: true });
  });
});

describe('generate, generateFrom, generateAll', () => {
  const engines = {
    generate: (model: unknown, options: unknown) => rxllm.generate(model as never, options as never),
    generateFrom: (model: unknown, options: unknown) => rxllm.generateFrom(model as never, [], options as never),
    generateAll: (model: unknown, options: unknown) => rxllm.generateAll(model as never, [], options as never),
  };
  describe.each(Object.entries(engines))('%s', (_name, engine) => {
    it.each([
      ['no model', undefined, {}, 'model'],
      ['a model without generate', { provider: 'x' }, {}, 'model'],
      ['options that are a number', m, 5, 'options'],
      ['negative concurrency', m, { concurrency: -1 }, 'concurrency'],
      ['zero concurrency', m, { concurrency: 0 }, 'concurrency'],
      ['NaN concurrency', m, { concurrency: NaN }, 'concurrency'],
      ['fractional concurrency', m, { concurrency: 1.5 }, 'concurrency'],
      ['string concurrency', m, { concurrency: '4' }, 'concurrency'],
      ['NaN timeout', m, { timeout: NaN }, 'timeout'],
      ['negative timeout', m, { timeout: -1 }, 'timeout'],
      ['NaN idle timeout', m, { timeout: { idle: NaN } }, 'timeout.idle'],
      ['an empty timeout object', m, { timeout: {} }, 'timeout'],
      ['zero retries', m, { retry: 0 }, 'retry'],
      ['NaN retry', m, { retry: NaN }, 'retry'],
      ['negative maxAttempts', m, { retry: { maxAttempts: -1 } }, 'retry.maxAttempts'],
      ['NaN baseDelayMs', m, { retry: { baseDelayMs: NaN } }, 'retry.baseDelayMs'],
      ['an unknown jitter', m, { retry: { jitter: 'x' } }, 'retry.jitter'],
      ['a rateLimit that is not a limiter', m, { rateLimit: {} }, 'rateLimit'],
      ['an unknown errors mode', m, { errors: 'ignore' }, 'errors'],
      ['callOptions that are a string', m, { callOptions: 'x' }, 'callOptions'],
      ['NaN callOptions.temperature', m, { callOptions: { temperature: NaN } }, 'callOptions.temperature'],
      ['negative callOptions.maxTokens', m, { callOptions: { maxTokens: -1 } }, 'callOptions.maxTokens'],
      ['a callOptions.signal that is not a signal', m, { callOptions: { signal: {} } }, 'callOptions.signal'],
      ['a misspelt option', m, { concurency: 2 }, 'options.concurency'],
    ])('rejects %s at once', (_what, model, options, argument) => {
      expectInvalid(() => engine(model, options), argument);
    });
  });

  it.each([
    ['negative reorderBuffer', { reorderBuffer: -1 }, 'reorderBuffer'],
    ['a string ordered', { ordered: 'yes' }, 'ordered'],
    ['a string withIndex', { withIndex: 1 }, 'withIndex'],
  ])('generate rejects %s', (_what, options, argument) => {
    expectInvalid(() => rxllm.generate(m, options as never), argument);
  });

  it.each([
    ['zero batchSize', { batchSize: 0 }, 'batchSize'],
    ['NaN batchSize', { batchSize: NaN }, 'batchSize'],
  ])('generateAll rejects %s', (_what, options, argument) => {
    expectInvalid(() => rxllm.generateAll(m, ['a'], options as never), argument);
  });

  it.each([
    ['undefined', undefined],
    ['a number', 5],
    ['a string', 'abc'],
  ])('generateFrom and generateAll reject a source that is %s', (_what, source) => {
    expectInvalid(() => rxllm.generateFrom(m, source as never), 'source', { prefix: true });
    expectInvalid(() => rxllm.generateAll(m, source as never), 'prompts', { prefix: true });
  });

  it('an invalid prompt in the stream fails that prompt, naming prompts[i]; an empty string is a valid prompt', async () => {
    const out = await firstValueFrom(of<unknown[]>('ok', 42, '', []).pipe(
      (source) => source as Observable<rxllm.PromptInput>,
      rxllm.generate(m, { errors: 'emit', withIndex: true, ordered: true }), toArray()));
    expect(out.map((r) => (r.ok ? 'ok' : `${r.error.name}:${(r.error as rxllm.InvalidArgumentError).argument}`))).toEqual([
      'ok',
      'InvalidArgumentError:prompts[1]',
      'ok',
      'InvalidArgumentError:prompts[3]',
    ]);
  });

  it('a huge prompt (8 MB) is a normal prompt: no hang, one output', async () => {
    const huge = 'word '.repeat(1_600_000);
    const out = await firstValueFrom(of(huge).pipe(rxllm.generate(instantModel({ text: 'ok' })), toArray()));
    expect(out.map((g) => g.text)).toEqual(['ok']);
  });
});

describe('policies', () => {
  it.each([
    ['retryGeneration(-1)', () => rxllm.retryGeneration(-1), 'options'],
    ['retryGeneration("3")', () => rxllm.retryGeneration('3' as never), 'options'],
    ['retryGeneration({ maxTotalTimeMs: NaN })', () => rxllm.retryGeneration({ maxTotalTimeMs: NaN }), 'maxTotalTimeMs'],
    ['retryGeneration({ shouldRetry: 5 })', () => rxllm.retryGeneration({ shouldRetry: 5 } as never), 'shouldRetry'],
    ['retryGeneration({ scheduler: {} })', () => rxllm.retryGeneration({ scheduler: {} } as never), 'scheduler'],
    ['timeoutGeneration()', () => rxllm.timeoutGeneration(undefined as never), 'options'],
    ['timeoutGeneration(NaN)', () => rxllm.timeoutGeneration(NaN), 'options'],
    ['timeoutGeneration(0)', () => rxllm.timeoutGeneration(0), 'options'],
    ['timeoutGeneration({ firstToken: 0 })', () => rxllm.timeoutGeneration({ firstToken: 0 }), 'firstToken'],
    ['timeoutGeneration({ total: -1 })', () => rxllm.timeoutGeneration({ total: -1 }), 'total'],
    ['createRateLimiter()', () => rxllm.createRateLimiter(undefined as never), 'options'],
    ['createRateLimiter({})', () => rxllm.createRateLimiter({}), 'options'],
    ['createRateLimiter({ requestsPerSecond: -1 })', () => rxllm.createRateLimiter({ requestsPerSecond: -1 }), 'requestsPerSecond'],
    ['createRateLimiter({ requestsPerSecond: NaN })', () => rxllm.createRateLimiter({ requestsPerSecond: NaN }), 'requestsPerSecond'],
    ['createRateLimiter({ requestsPerMinute: 0 })', () => rxllm.createRateLimiter({ requestsPerMinute: 0 }), 'requestsPerMinute'],
    ['createRateLimiter({ burst: 0 })', () => rxllm.createRateLimiter({ requestsPerSecond: 1, burst: 0 }), 'burst'],
    ['createRateLimiter({ maxPenaltyMs: -1 })', () => rxllm.createRateLimiter({ requestsPerSecond: 1, maxPenaltyMs: -1 }), 'maxPenaltyMs'],
    ['rateLimit(undefined)', () => rxllm.rateLimit(undefined as never), 'limiter'],
    ['rateLimit({})', () => rxllm.rateLimit({} as never), 'limiter'],
    ['adaptiveConcurrency(-1)', () => rxllm.adaptiveConcurrency(-1), 'options'],
    ['adaptiveConcurrency(NaN)', () => rxllm.adaptiveConcurrency(NaN), 'options'],
    ['adaptiveConcurrency({ min: 0 })', () => rxllm.adaptiveConcurrency({ min: 0 }), 'min'],
    ['adaptiveConcurrency({ min: 5, max: 2 })', () => rxllm.adaptiveConcurrency({ min: 5, max: 2 }), 'max'],
    ['adaptiveConcurrency({ decreaseFactor: 2 })', () => rxllm.adaptiveConcurrency({ decreaseFactor: 2 }), 'decreaseFactor'],
    ['adaptiveConcurrency({ decreaseFactor: NaN })', () => rxllm.adaptiveConcurrency({ decreaseFactor: NaN }), 'decreaseFactor'],
    ['adaptiveConcurrency({ cooldownMs: -1 })', () => rxllm.adaptiveConcurrency({ cooldownMs: -1 }), 'cooldownMs'],
    ['fallback(undefined)', () => rxllm.fallback(undefined as never), 'models'],
    ['fallback([])', () => rxllm.fallback([]), 'models'],
    ['fallback([m, 5])', () => rxllm.fallback([m, 5] as never), 'models[1]'],
    ['fallback([m], { shouldFallback: 5 })', () => rxllm.fallback([m], { shouldFallback: 5 } as never), 'shouldFallback'],
    ['cache(undefined)', () => rxllm.cache(undefined as never), 'model'],
    ['cache(m, { store: 5 })', () => rxllm.cache(m, { store: 5 } as never), 'store'],
    ['cache(m, { store: {} })', () => rxllm.cache(m, { store: {} } as never), 'store'],
    ['new LruCacheStore({ maxEntries: 0 })', () => new rxllm.LruCacheStore({ maxEntries: 0 }), 'maxEntries'],
    ['new LruCacheStore({ maxEntries: NaN })', () => new rxllm.LruCacheStore({ maxEntries: NaN }), 'maxEntries'],
    ['new LruCacheStore({ ttlMs: -1 })', () => new rxllm.LruCacheStore({ ttlMs: -1 }), 'ttlMs'],
    ['cacheKey(undefined)', () => rxllm.cacheKey(undefined as never), 'request'],
    ['cacheKey(null)', () => rxllm.cacheKey(null as never), 'request'],
    ['cacheKey({ options: 5 })', () => rxllm.cacheKey({ provider: 'p', modelId: 'm', method: 'generate', input: 'x', options: 5 as never }), 'request.options'],
    ['trackModel(undefined, fn)', () => rxllm.trackModel(undefined as never, () => undefined), 'model'],
    ['trackModel(m, undefined)', () => rxllm.trackModel(m, undefined as never), 'track'],
    ['trackModel(m, [5])', () => rxllm.trackModel(m, [5] as never), 'track'],
    ['estimateTokens(5)', () => rxllm.estimateTokens(5 as never), 'input'],
    ['estimateTokens("x", { defaultCompletionTokens: NaN })', () => rxllm.estimateTokens('x', { defaultCompletionTokens: NaN } as never), 'defaultCompletionTokens'],
    ['retryDelay(undefined)', () => rxllm.retryDelay(undefined as never, undefined, undefined), 'retry'],
    ['retryDelay(NaN)', () => rxllm.retryDelay(NaN, undefined, undefined), 'retry'],
    ['retryDelay(0)', () => rxllm.retryDelay(0, undefined, undefined), 'retry'],
    ['retryDelay(1, -5)', () => rxllm.retryDelay(1, -5, undefined), 'previousDelayMs'],
    ['retryDelay(1, undefined, e, 5)', () => rxllm.retryDelay(1, undefined, undefined, 5 as never), 'options'],
    ['classifyRateLimit(e, NaN)', () => rxllm.classifyRateLimit(new rxllm.RateLimitError('x'), NaN), 'maxRetryAfterMs'],
    ['classifyRateLimit(e, -1)', () => rxllm.classifyRateLimit(new rxllm.RateLimitError('x'), -1), 'maxRetryAfterMs'],
    ['classifyRateLimit(e, "1")', () => rxllm.classifyRateLimit(new rxllm.RateLimitError('x'), '1' as never), 'maxRetryAfterMs'],
  ])('%s', (_call, call, argument) => {
    expectInvalid(call, argument, { prefix: true });
  });
});

describe('tracking', () => {
  it.each([
    ['callbackSink(undefined)', () => rxllm.callbackSink(undefined as never), 'fn'],
    ['callbackSink(fn, { types: 5 })', () => rxllm.callbackSink(() => undefined, { types: 5 } as never), 'types'],
    ['promptLayerSink(undefined)', () => rxllm.promptLayerSink(undefined as never), 'options'],
    ['promptLayerSink({})', () => rxllm.promptLayerSink({} as never), 'apiKey'],
    ['promptLayerSink({ apiKey: "" })', () => rxllm.promptLayerSink({ apiKey: '' }), 'apiKey'],
    ['promptLayerSink({ url: "ftp://x" })', () => rxllm.promptLayerSink({ apiKey: 'pl_0000000000', url: 'ftp://x' }), 'url'],
    ['dispatchTrackingEvent(undefined, e)', () => rxllm.dispatchTrackingEvent(undefined as never, { type: 'cancel' } as never), 'trackers'],
    ['dispatchTrackingEvent(fn, e)', () => rxllm.dispatchTrackingEvent((() => undefined) as never, { type: 'cancel' } as never), 'trackers'],
    ['new GenerationCollector(undefined, "m")', () => new rxllm.GenerationCollector(undefined as never, 'm'), 'provider'],
    ['new GenerationCollector("p", 5)', () => new rxllm.GenerationCollector('p', 5 as never), 'modelId'],
  ])('%s', (_call, call, argument) => {
    expectInvalid(call, argument, { prefix: true });
  });

  it('the predicates and parsers take anything without throwing', () => {
    for (const v of [undefined, null, 5, NaN, '', {}, [], () => 1]) {
      expect(rxllm.isLlmError(v)).toBe(false);
      expect(rxllm.isGenerationFailure(v)).toBe(false);
      expect(rxllm.parseRetryAfter(v as never)).toBeUndefined();
    }
  });
});

// Misspelt option names: every public options object rejects a key it does not know (naming it, with the
// nearest known name when one is close), and accepts every key of a fully populated valid object — the
// `Required<...>` annotations make the compiler demand every key of each type, so a name forgotten in a
// checker's list fails here.
describe('unknown option names', () => {
  const tracker: rxllm.Tracker = () => undefined;
  const settings: Required<rxllm.CallSettings> = {
    temperature: 0, maxTokens: 4096, stop: ['\n'], topP: 1, n: 1, providerOptions: { seed: 1, any_field: { x: 1 } }, headers: { 'x-a': 'b' },
    tools: [{ name: 'f', description: 'd', inputSchema: { type: 'object' } }], toolChoice: 'auto', reasoning: { effort: 'low', budgetTokens: 2048 },
    responseFormat: { type: 'json' },
  };
  const provider: Required<rxllm.ProviderOptions<object>> = {
    ...settings, model: 'x', apiKey: key.apiKey, baseURL: key.baseURL, client: {}, maxRetries: 0, timeout: 1000, track: tracker, tags: ['t'],
  };
  const chat: Required<rxllm.OpenAIChatOptions> = { ...provider, client: {} as never, compatible: true };
  // The legacy completions API takes text only: tools and reasoning are rejected there (below).
  const textOnly = { tools: undefined, toolChoice: undefined, reasoning: undefined, responseFormat: undefined };
  const completion = { ...chat, ...textOnly, batchSize: 2, batchConcurrency: 1 } satisfies Omit<Required<rxllm.OpenAICompletionOptions>, keyof typeof textOnly>;
  const anthropic: Required<rxllm.AnthropicMessagesOptions> = { ...provider, client: {} as never, n: 1 };
  const call: Required<rxllm.CallOptions> = { ...settings, signal: new AbortController().signal, tags: ['t'] };

  it('the provider factories accept every option of their type', () => {
    expect(rxllm.openAIChat(chat).modelId).toBe('x');
    expect(rxllm.openAICompletion(completion).modelId).toBe('x');
    expect(rxllm.anthropicMessages(anthropic).modelId).toBe('x');
  });

  describe.each(Object.entries(providers))('%s', (name, factory) => {
    it('rejects a misspelt option, suggesting the known one', () => {
      const e = expectInvalid(() => factory({ ...key, model: 'x', temprature: 0 }), 'options.temprature');
      expect(e.message).toContain('is not a known option; did you mean "temperature"?');
      expectInvalid(() => factory({ ...key, modle: 'x' }), 'options.modle');
      expectInvalid(() => factory({ ...key, model: 'x', max_tokens: 5 }), 'options.max_tokens');
    });

    it('points provider-only fields at providerOptions, whose contents are never checked', () => {
      const e = expectInvalid(() => factory({ ...key, model: 'x', seed: 1 }), 'options.seed');
      expect(e.message).toContain('provider-only body fields go in providerOptions');
      expect(() => factory({ ...key, model: 'x', providerOptions: { seed: 1, top_k: 5, whatever: true } })).not.toThrow();
    });

    const model = factory({ ...key, model: 'x' }) as rxllm.LanguageModel;
    it('per-call options: every CallOptions key is accepted, a misspelt one is rejected at once', () => {
      const full = name === 'anthropicMessages' ? { ...call, n: undefined } : name === 'openAICompletion' ? { ...call, ...textOnly } : call;
      expect(() => model.generate('hi', full)).not.toThrow(); // checked at call time, nothing subscribed
      expect(() => model.stream('hi', full)).not.toThrow();
      expectInvalid(() => model.generate('hi', { temprature: 1 } as never), 'options.temprature');
      expectInvalid(() => model.stream('hi', { singal: undefined } as never), 'options.singal');
      expectInvalid(() => model.generate('hi', { model: 'y' } as never), 'options.model');
    });
  });

  it('openAICompletion rejects tools and reasoning, on the model and per call', () => {
    const model = rxllm.openAICompletion({ ...key, model: 'x' });
    expectInvalid(() => rxllm.openAICompletion({ ...key, model: 'x', tools: settings.tools }), 'tools');
    expectInvalid(() => model.generate('hi', { reasoning: { effort: 'low' } }), 'options.reasoning');
    expectInvalid(() => model.stream('hi', { toolChoice: 'none' }), 'options.toolChoice');
    expectInvalid(() => model.generate([{ role: 'user', content: [{ type: 'image', image: 'https://x/y.png' }] }]), 'input[0].content[0]');
  });

  it('generateBatch checks its call options too', () => {
    const model = rxllm.openAICompletion({ ...key, model: 'x' });
    expectInvalid(() => model.generateBatch(['a'], { maxTokns: 5 } as never), 'options.maxTokns');
  });

  const retry: Required<rxllm.RetryOptions> = {
    maxAttempts: 2, maxTotalTimeMs: 1000, baseDelayMs: 1, maxDelayMs: 2, jitter: 'none', maxRetryAfterMs: 5, random: Math.random,
    shouldRetry: () => true, onRetry: () => undefined, track: tracker, scheduler: asyncScheduler, signal: new AbortController().signal,
  };
  const timing: Required<rxllm.RetryTimingOptions> = { baseDelayMs: 1, maxDelayMs: 2, jitter: 'none', maxRetryAfterMs: 5, random: Math.random };
  const timeout: Required<rxllm.TimeoutOptions> = { firstToken: 10, idle: 10, total: 100, scheduler: asyncScheduler };
  const limiter: Required<rxllm.RateLimiterOptions> = {
    requestsPerMinute: 60, requestsPerSecond: 1, tokensPerMinute: 1000, burst: 1, tokenBurst: 10, maxPenaltyMs: 10,
    defaultCompletionTokens: 5, estimateTokens: () => 1, scheduler: asyncScheduler,
  };
  const request: Required<rxllm.RateLimitRequest> = { input: 'hi', maxTokens: 5, signal: new AbortController().signal };
  const adaptive: Required<rxllm.AdaptiveConcurrencyOptions> = {
    min: 1, max: 4, initial: 2, decreaseFactor: 0.5, increaseStep: 1, cooldownMs: 0, scheduler: asyncScheduler,
  };
  const fallbackOptions: Required<rxllm.FallbackOptions> = { shouldFallback: () => true, onFallback: () => undefined, track: tracker, scheduler: asyncScheduler };
  const store = Object.assign(new rxllm.LruCacheStore(), { extraMember: true }); // a store's own members are never checked
  const cacheOptions: Required<rxllm.CacheOptions> = { store, key: () => 'k', shareInFlight: true, scheduler: asyncScheduler, track: tracker };
  const lru: Required<rxllm.LruCacheStoreOptions> = { maxEntries: 5, ttlMs: 10, now: Date.now };
  const trackOptions: Required<rxllm.TrackModelOptions> = { tags: ['t'] };
  const estimate: Required<rxllm.EstimateTokensOptions> = { maxTokens: 5, defaultCompletionTokens: 5 };
  const keyRequest: Required<rxllm.CacheKeyRequest> = { provider: 'p', modelId: 'm', method: 'generate', input: 'x', options: call };
  const sink: Required<rxllm.CallbackSinkOptions> = { types: ['response'] };
  const promptLayer: Required<rxllm.PromptLayerSinkOptions> = {
    apiKey: 'pl_0000000000', url: 'https://example.invalid/track', tags: ['t'], fetch: (() => undefined) as never, onError: () => undefined,
  };
  const generateOptions: Required<rxllm.GenerateOptions> = {
    concurrency: 2, ordered: true, reorderBuffer: 4, errors: 'emit', withIndex: true, callOptions: call, retry, timeout, rateLimit: rxllm.createRateLimiter(limiter),
  };
  const { ordered: _o, withIndex: _w, reorderBuffer: _r, ...generateAllBase } = generateOptions;
  const generateAllOptions: Required<rxllm.GenerateAllOptions> = { ...generateAllBase, batchSize: 3 };

  it('every policy and sink accepts every option of its type', () => {
    expect(() => {
      rxllm.retryGeneration(retry);
      rxllm.retryDelay(1, undefined, undefined, timing);
      rxllm.timeoutGeneration(timeout);
      rxllm.rateLimit(rxllm.createRateLimiter(limiter), request);
      rxllm.adaptiveConcurrency(adaptive);
      rxllm.fallback([m], fallbackOptions);
      rxllm.cache(m, cacheOptions);
      new rxllm.LruCacheStore(lru);
      rxllm.trackModel(m, tracker, trackOptions);
      rxllm.estimateTokens('hi', estimate);
      rxllm.cacheKey(keyRequest);
      rxllm.callbackSink(tracker, sink);
      rxllm.promptLayerSink(promptLayer);
      rxllm.generate(m, generateOptions);
      rxllm.generateFrom(m, [], generateOptions);
      rxllm.generateAll(m, [], generateAllOptions);
    }).not.toThrow();
  });

  it.each([
    ['retryGeneration({ maxAttempt: 3 })', () => rxllm.retryGeneration({ maxAttempt: 3 } as never), 'options.maxAttempt', 'maxAttempts'],
    ['retryDelay(1, _, _, { jiter })', () => rxllm.retryDelay(1, undefined, undefined, { jiter: 'none' } as never), 'options.jiter', 'jitter'],
    ['retryDelay(1, _, _, { maxAttempts })', () => rxllm.retryDelay(1, undefined, undefined, { maxAttempts: 2 } as never), 'options.maxAttempts', undefined],
    ['timeoutGeneration({ totl: 5 })', () => rxllm.timeoutGeneration({ total: 5, totl: 5 } as never), 'options.totl', 'total'],
    ['timeoutGeneration({ firstTokenMs: 5 })', () => rxllm.timeoutGeneration({ firstTokenMs: 5 } as never), 'options.firstTokenMs', 'firstToken'],
    ['createRateLimiter({ requestPerSecond })', () => rxllm.createRateLimiter({ requestPerSecond: 5 } as never), 'options.requestPerSecond', 'requestsPerSecond'],
    ['rateLimit(l, { prompt })', () => rxllm.rateLimit(rxllm.createRateLimiter({ requestsPerSecond: 1 }), { prompt: 'x' } as never), 'request.prompt', undefined],
    ['adaptiveConcurrency({ maximum: 4 })', () => rxllm.adaptiveConcurrency({ maximum: 4 } as never), 'options.maximum', undefined],
    ['adaptiveConcurrency({ cooldown: 4 })', () => rxllm.adaptiveConcurrency({ cooldown: 4 } as never), 'options.cooldown', 'cooldownMs'],
    ['fallback([m], { onFallBack })', () => rxllm.fallback([m], { onFallBack: () => undefined } as never), 'options.onFallBack', 'onFallback'],
    ['cache(m, { shareInflight })', () => rxllm.cache(m, { shareInflight: false } as never), 'options.shareInflight', 'shareInFlight'],
    ['new LruCacheStore({ ttl: 5 })', () => new rxllm.LruCacheStore({ ttl: 5 } as never), 'options.ttl', 'ttlMs'],
    ['trackModel(m, t, { tag })', () => rxllm.trackModel(m, tracker, { tag: ['x'] } as never), 'options.tag', 'tags'],
    ['trackModel(m, t, 5)', () => rxllm.trackModel(m, tracker, 5 as never), 'options', undefined],
    ['estimateTokens("x", { max_tokens })', () => rxllm.estimateTokens('x', { max_tokens: 5 } as never), 'options.max_tokens', 'maxTokens'],
    ['cacheKey({ ..., option })', () => rxllm.cacheKey({ provider: 'p', modelId: 'm', method: 'generate', input: 'x', option: {} } as never), 'request.option', 'options'],
    ['callbackSink(fn, { type })', () => rxllm.callbackSink(tracker, { type: ['response'] } as never), 'options.type', 'types'],
    ['callbackSink(fn, 5)', () => rxllm.callbackSink(tracker, 5 as never), 'options', undefined],
    ['promptLayerSink({ apikey })', () => rxllm.promptLayerSink({ apikey: 'pl_0000000000' } as never), 'options.apikey', 'apiKey'],
    ['generate(m, { retry: { maxAttempt } })', () => rxllm.generate(m, { retry: { maxAttempt: 3 } as never }), 'retry.maxAttempt', 'maxAttempts'],
    ['generate(m, { timeout: { totl } })', () => rxllm.generate(m, { timeout: { totl: 5 } as never }), 'timeout.totl', 'total'],
    ['generate(m, { callOptions: { temprature } })', () => rxllm.generate(m, { callOptions: { temprature: 0 } as never }), 'callOptions.temprature', 'temperature'],
    ['generateAll(m, [], { batchsize })', () => rxllm.generateAll(m, [], { batchsize: 5 } as never), 'options.batchsize', 'batchSize'],
    ['generateAll(m, [], { ordered })', () => rxllm.generateAll(m, [], { ordered: true } as never), 'options.ordered', undefined],
  ])('%s', (_call, call, argument, suggestion) => {
    const e = expectInvalid(call, argument);
    if (suggestion !== undefined) expect(e.message).toContain(`did you mean "${suggestion}"?`);
    else if (argument !== 'options') expect(e.message).toContain('is not a known option');
  });
});
