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

// --- operators (issue: operators) -----------------------------------------------------------------
