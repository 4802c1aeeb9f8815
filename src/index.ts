// The public API of rxllm. Every export is listed explicitly: no `export *`.

// --- model contract -------------------------------------------------------------------------------
export type { FinishReason, Usage, Choice, Generation } from './core/generation.js';
export type { GenerationEvent, StartEvent, TextDeltaEvent, FinishEvent, UsageEvent } from './core/stream-event.js';
export type { LanguageModel } from './core/language-model.js';
export type { CallSettings, CallOptions } from './core/call-settings.js';
export type { ChatRole, ChatMessage, PromptInput } from './core/prompt.js';

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
export { openAIChat } from './providers/openai/chat-model.js';
export type { OpenAIChatOptions } from './providers/openai/chat-model.js';
export { openAICompletion } from './providers/openai/completion-model.js';
export type { OpenAICompletionOptions } from './providers/openai/completion-model.js';
export { anthropicMessages } from './providers/anthropic/messages-model.js';
export type { AnthropicMessagesOptions } from './providers/anthropic/messages-model.js';
export type { ProviderOptions } from './providers/shared/provider-options.js';
export { isBatchLanguageModel } from './core/language-model.js';
export type { BatchLanguageModel } from './core/language-model.js';
export { GenerationCollector } from './core/generation-collector.js';
export { parseRetryAfter } from './providers/shared/parse-retry-after.js';
export type { HeaderSource } from './providers/shared/headers.js';
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
export { DEFAULT_CONCURRENCY } from './engine/generate-options.js';
export type {
  GenerateOptions,
  GenerateOutput,
  ConcurrencyLimit,
  ErrorMode,
  GenerationFailure,
  IndexedGeneration,
  GenerationOutcome,
} from './engine/generate-options.js';
export type { GenerateAllOptions, LLMResult, LLMGeneration, TokenUsage } from './engine/generate-all-options.js';

// --- policies (issue: operators) ------------------------------------------------------------------
export { retryGeneration, DEFAULT_RETRY } from './policies/retry-generation.js';
export type { RetryOptions, RetryInfo } from './policies/retry-generation.js';
export { retryDelay, DEFAULT_RETRY_TIMING } from './policies/retry-timing.js';
export type { RetryTimingOptions, JitterMode } from './policies/retry-timing.js';
export { classifyRateLimit } from './policies/classify-rate-limit.js';
export type { RateLimitAction } from './policies/classify-rate-limit.js';
export { timeoutGeneration } from './policies/timeout-generation.js';
export type { TimeoutOptions } from './policies/timeout-generation.js';
export { MAX_TIMER_MS } from './core/validate.js';
export { createRateLimiter } from './policies/rate-limiter/rate-limiter.js';
export type { RateLimiter, RateLimiterOptions, RateLimitRequest } from './policies/rate-limiter/rate-limiter.js';
export { rateLimit } from './policies/rate-limit.js';
export { estimateTokens, loadTokenizer, DEFAULT_COMPLETION_TOKENS } from './policies/estimate-tokens.js';
export type { EstimateTokensOptions } from './policies/estimate-tokens.js';
export { adaptiveConcurrency } from './policies/adaptive-concurrency.js';
export type { AdaptiveConcurrency, AdaptiveConcurrencyOptions } from './policies/adaptive-concurrency.js';
export { fallback } from './models/fallback.js';
export type { FallbackOptions, FallbackInfo } from './models/fallback.js';
export { cache } from './models/cache/cache.js';
export type { CacheOptions } from './models/cache/cache.js';
export type { CacheStore, CachedResult } from './models/cache/cache-store.js';
export { LruCacheStore } from './models/cache/lru-cache-store.js';
export type { LruCacheStoreOptions } from './models/cache/lru-cache-store.js';
export { cacheKey } from './models/cache/cache-key.js';
export type { CacheKeyRequest } from './models/cache/cache-key.js';
export { trackModel } from './models/track-model.js';
export type { TrackModelOptions } from './models/track-model.js';
