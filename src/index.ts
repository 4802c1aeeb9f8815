// The public API of rxllm. Every export is listed explicitly: no `export *`. Grouped by the folder each
// concept lives in (see the layout in spec/layout.spec.ts).

// --- core: the model contract ---------------------------------------------------------------------
export type { FinishReason, Usage, Choice, Generation, ToolCall } from './core/generation.js';
export type {
  GenerationEvent,
  ContentEvent,
  StartEvent,
  TextDeltaEvent,
  ReasoningDeltaEvent,
  ReasoningSignatureEvent,
  RedactedReasoningEvent,
  RefusalDeltaEvent,
  ToolCallStartEvent,
  ToolCallDeltaEvent,
  ToolCallEvent,
  FinishEvent,
  UsageEvent,
  StepStartEvent,
  StepFinishEvent,
  ToolResultEvent,
} from './core/stream-event.js';
export type {
  TextPart,
  ImagePart,
  ReasoningPart,
  RedactedReasoningPart,
  ToolCallPart,
  ToolResultPart,
  UserPart,
  AssistantPart,
  ContentPart,
} from './core/content.js';
export type { ToolDefinition, ToolChoice, ReasoningSettings, ResponseFormat } from './core/tool-settings.js';
export { isBatchLanguageModel } from './core/language-model.js';
export type { LanguageModel, BatchLanguageModel } from './core/language-model.js';
export type { CallSettings, CallOptions } from './core/call-settings.js';
export type { ChatRole, ChatMessage, Message, SystemMessage, UserMessage, AssistantMessage, ToolMessage, PromptInput } from './core/prompt.js';
export { GenerationCollector } from './core/generation-collector.js';
export type { AgentGeneration } from './core/agent-generation.js';
export type { EmbeddingModel, EmbeddingResult } from './core/embedding-model.js';
export type { EmbeddingSettings, EmbedCallOptions } from './core/embedding-settings.js';

// --- errors: one family, a cross-realm guard per class --------------------------------------------
export { LlmError, isLlmError } from './errors/llm-error.js';
export { registerSecret } from './errors/redact.js';
export type { LlmErrorOptions } from './errors/llm-error.js';
export { AuthenticationError, isAuthenticationError } from './errors/authentication-error.js';
export { PermissionDeniedError, isPermissionDeniedError } from './errors/permission-denied-error.js';
export { NotFoundError, isNotFoundError } from './errors/not-found-error.js';
export { BadRequestError, isBadRequestError } from './errors/bad-request-error.js';
export { RateLimitError, isRateLimitError } from './errors/rate-limit-error.js';
export type { RateLimitErrorOptions } from './errors/rate-limit-error.js';
export { OverloadedError, isOverloadedError } from './errors/overloaded-error.js';
export { ServerError, isServerError } from './errors/server-error.js';
export { ConnectionError, isConnectionError } from './errors/connection-error.js';
export { StreamError, isStreamError } from './errors/stream-error.js';
export type { StreamErrorOptions } from './errors/stream-error.js';
export { TimeoutError, isTimeoutError } from './errors/timeout-error.js';
export type { TimeoutErrorOptions, TimeoutKind } from './errors/timeout-error.js';
export { AbortError, isAbortError } from './errors/abort-error.js';
export { InvalidArgumentError, isInvalidArgumentError } from './errors/invalid-argument-error.js';
export { ConfigurationError, isConfigurationError } from './errors/configuration-error.js';
export { InvalidOutputError, isInvalidOutputError } from './errors/invalid-output-error.js';
export type { InvalidOutputErrorOptions } from './errors/invalid-output-error.js';

// --- providers ------------------------------------------------------------------------------------
export { openAIChat } from './providers/openai/chat-model.js';
export type { OpenAIChatOptions } from './providers/openai/chat-model.js';
export type { OpenAIClientLike } from './providers/openai/client.js';
export { openAICompletion } from './providers/openai/completion-model.js';
export type { OpenAICompletionOptions } from './providers/openai/completion-model.js';
export { anthropicMessages } from './providers/anthropic/messages-model.js';
export type { AnthropicMessagesOptions } from './providers/anthropic/messages-model.js';
export type { AnthropicClientLike } from './providers/anthropic/client.js';
export { openAIEmbedding } from './providers/openai/embedding-model.js';
export type { OpenAIEmbeddingOptions } from './providers/openai/embedding-model.js';
export type { ProviderOptions, ConnectionOptions } from './providers/shared/provider-options.js';
export { parseRetryAfter } from './providers/shared/parse-retry-after.js';
export type { HeaderSource } from './providers/shared/headers.js';

// --- tracking -------------------------------------------------------------------------------------
export type { CallInfo, TrackingEvent, Tracker } from './tracking/tracking-event.js';
export { callbackSink } from './tracking/callback-sink.js';
export type { CallbackSinkOptions } from './tracking/callback-sink.js';
export { promptLayerSink, PROMPT_LAYER_TRACK_URL } from './tracking/prompt-layer-sink.js';
export type { PromptLayerSink, PromptLayerSinkOptions } from './tracking/prompt-layer-sink.js';
export { dispatchTrackingEvent } from './tracking/dispatch-tracking-event.js';

// --- operators: the engine's public face ----------------------------------------------------------
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
  PromptItem,
  PromptOrItem,
} from './engine/generate-options.js';
export type { GenerateAllOptions, LLMResult, LLMGeneration, TokenUsage } from './engine/generate-all-options.js';
export { embedFrom } from './operators/embed-from.js';
export { DEFAULT_EMBED_BATCH_SIZE, DEFAULT_MAX_BATCH_TOKENS, DEFAULT_MAX_BATCH_WAIT_MS } from './engine/embed-options.js';
export type { EmbedOptions, EmbedItem, EmbedSource, EmbeddedValue, EmbeddingFailure, EmbedOutcome } from './engine/embed-options.js';

// --- policies: per-request operators and the services behind them ---------------------------------
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
export type { RateLimiter, RateLimiterOptions } from './policies/rate-limiter/rate-limiter.js';
export type { RateLimits, RateLimitRequest } from './policies/rate-limiter/rate-limits.js';
export { rateLimit } from './policies/rate-limit.js';
export { redisRateLimiter } from './policies/rate-limiter/redis-rate-limiter.js';
export type { RedisRateLimiter, RedisRateLimiterOptions, RedisClientLike } from './policies/rate-limiter/redis-rate-limiter.js';
export { estimateTokens, countTextTokens, loadTokenizer, DEFAULT_COMPLETION_TOKENS } from './policies/estimate-tokens.js';
export type { EstimateTokensOptions } from './policies/estimate-tokens.js';
export { adaptiveConcurrency } from './policies/adaptive-concurrency.js';
export type { AdaptiveConcurrency, AdaptiveConcurrencyOptions } from './policies/adaptive-concurrency.js';

// --- models: LanguageModel -> LanguageModel wrappers ----------------------------------------------
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
export { tool } from './models/with-tools/tool.js';
export type { Tool, ToolOptions, ToolOutput, ToolExecutionContext } from './models/with-tools/tool.js';
export { withTools } from './models/with-tools/with-tools.js';
export type { WithToolsOptions, ToolModel } from './models/with-tools/with-tools.js';

// --- structured output ----------------------------------------------------------------------------
export type { SchemaLike, ZodLikeSchema, JsonSchema, InferSchema } from './structured/schema.js';
export { generateObject } from './structured/generate-object.js';
export type { GenerateObjectOptions } from './structured/generate-object.js';
export { streamObject } from './structured/stream-object.js';
export type { DeepPartial } from './structured/stream-object.js';
export { withSchema } from './structured/with-schema.js';
export type { SchemaOptions, ObjectGeneration, ObjectModel } from './structured/with-schema.js';
export type { ObjectMode } from './structured/object-spec.js';
export { PartialJsonParser, PartialJsonError, extendsPartial } from './structured/partial-json.js';
export type { PartialJsonParserOptions } from './structured/partial-json.js';

// --- web: a model stream from the server to the page (the Vercel AI SDK's UI Message Stream protocol) ---
export { toUiMessageStreamResponse } from './web/to-ui-message-stream-response.js';
export { pipeUiMessageStream } from './web/pipe-ui-message-stream.js';
export type { UiMessageStreamSink } from './web/pipe-ui-message-stream.js';
export type { UiMessageStreamOptions } from './web/ui-message-stream.js';
export { parseUiMessageRequest } from './web/ui-message-request.js';
export type { UiMessageRequest } from './web/ui-message-request.js';
export { remoteModel } from './web/remote-model.js';
export type { RemoteModelOptions, PerRequest } from './web/remote-model.js';
