// The public API of rxllm. Every export is listed explicitly: no `export *`.

// --- model contract -------------------------------------------------------------------------------
export type {
  FinishReason,
  Usage,
  Choice,
  Generation,
  GenerationEvent,
  StartEvent,
  TextDeltaEvent,
  FinishEvent,
  UsageEvent,
} from './model/generation.js';
export type { CallSettings, CallOptions, LanguageModel } from './model/language-model.js';
export type { ChatRole, ChatMessage, PromptInput } from './model/prompt.js';

// --- errors ---------------------------------------------------------------------------------------
export {
  LlmError,
  isLlmError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  BadRequestError,
  RateLimitError,
  OverloadedError,
  ServerError,
  ConnectionError,
  StreamError,
  TimeoutError,
  AbortError,
  InvalidArgumentError,
  ConfigurationError,
} from './errors/index.js';
export type { LlmErrorOptions, RateLimitErrorOptions, StreamErrorOptions, TimeoutErrorOptions, TimeoutKind } from './errors/index.js';

// --- tracking -------------------------------------------------------------------------------------
export type { CallInfo, TrackingEvent, Tracker } from './tracking/tracking-event.js';

// --- providers (issue: providers) -----------------------------------------------------------------
export { openAIChat } from './providers/openai-chat.js';
export type { OpenAIChatOptions } from './providers/openai-chat.js';
export { openAICompletion } from './providers/openai-completion.js';
export type { OpenAICompletionOptions } from './providers/openai-completion.js';
export { anthropicMessages } from './providers/anthropic-messages.js';
export type { AnthropicMessagesOptions } from './providers/anthropic-messages.js';
export type { ProviderOptions } from './providers/provider-options.js';
export { isBatchLanguageModel } from './providers/batch-language-model.js';
export type { BatchLanguageModel } from './providers/batch-language-model.js';
export { GenerationCollector } from './providers/collect-generation.js';
export { parseRetryAfter } from './providers/parse-retry-after.js';
export type { HeaderSource } from './providers/header-internals.js';
export { callbackSink } from './tracking/callback-sink.js';
export type { CallbackSinkOptions } from './tracking/callback-sink.js';
export { promptLayerSink, PROMPT_LAYER_TRACK_URL } from './tracking/prompt-layer-sink.js';
export type { PromptLayerSink, PromptLayerSinkOptions } from './tracking/prompt-layer-sink.js';
export { dispatchTrackingEvent } from './tracking/dispatch-tracking-event.js';

// --- operators (issue: operators) -----------------------------------------------------------------
// generate engine: generate, generateFrom, generateAll
export { generate } from './operators/generate.js';
export { generateFrom } from './operators/generate-from.js';
export type { PromptSource } from './operators/generate-from.js';
export { generateAll } from './operators/generate-all.js';
export { isGenerationFailure } from './operators/is-generation-failure.js';
export { DEFAULT_CONCURRENCY } from './operators/generate-options.js';
export type {
  GenerateOptions,
  GenerateOutput,
  ConcurrencyLimit,
  ErrorMode,
  GenerationFailure,
  IndexedGeneration,
  GenerationOutcome,
} from './operators/generate-options.js';
export type { GenerateAllOptions, LLMResult, LLMGeneration, TokenUsage } from './operators/generate-all-options.js';

// --- policies (issue: operators) ------------------------------------------------------------------
export { retryGeneration, DEFAULT_RETRY } from './operators/retry-generation.js';
export type { RetryOptions, RetryInfo } from './operators/retry-generation.js';
export { retryDelay, DEFAULT_RETRY_TIMING } from './operators/retry-timing.js';
export type { RetryTimingOptions, JitterMode } from './operators/retry-timing.js';
export { classifyRateLimit } from './operators/classify-rate-limit.js';
export type { RateLimitAction } from './operators/classify-rate-limit.js';
export { timeoutGeneration } from './operators/timeout-generation.js';
export type { TimeoutOptions } from './operators/timeout-generation.js';
export { createRateLimiter } from './operators/rate-limiter.js';
export type { RateLimiter, RateLimiterOptions, RateLimitRequest } from './operators/rate-limiter.js';
export { rateLimit } from './operators/rate-limit.js';
export { redisRateLimiter } from './operators/redis-rate-limiter.js';
export type { RedisRateLimiter, RedisRateLimiterOptions, RedisClientLike } from './operators/redis-rate-limiter.js';
export { estimateTokens, loadTokenizer, DEFAULT_COMPLETION_TOKENS } from './operators/estimate-tokens.js';
export type { EstimateTokensOptions } from './operators/estimate-tokens.js';
export { adaptiveConcurrency } from './operators/adaptive-concurrency.js';
export type { AdaptiveConcurrency, AdaptiveConcurrencyOptions } from './operators/adaptive-concurrency.js';
export { fallback } from './operators/fallback.js';
export type { FallbackOptions, FallbackInfo } from './operators/fallback.js';
export { cache } from './operators/cache.js';
export type { CacheOptions } from './operators/cache.js';
export type { CacheStore, CachedResult } from './operators/cache-store.js';
export { LruCacheStore } from './operators/lru-cache-store.js';
export type { LruCacheStoreOptions } from './operators/lru-cache-store.js';
export { cacheKey } from './operators/cache-key.js';
export type { CacheKeyRequest } from './operators/cache-key.js';
export { trackModel } from './operators/track-model.js';
export type { TrackModelOptions } from './operators/track-model.js';
