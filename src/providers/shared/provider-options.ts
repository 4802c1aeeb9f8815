import type { CallSettings } from '../../core/call-settings.js';
import type { Tracker } from '../../tracking/tracking-event.js';

/**
 * Options every provider factory takes: which model, how to reach it, default generation settings (any of
 * which a call's options override), SDK behaviour and tracking. Any other name throws `InvalidArgumentError`
 * (`options.temprature is not a known option; did you mean "temperature"?`): provider-only body fields go in
 * `providerOptions`, which is sent as it is.
 */
export interface ProviderOptions<TClient> extends CallSettings, ConnectionOptions<TClient> {}

/**
 * The options of a provider factory that are not request settings: which model, how to reach it, SDK
 * behaviour and tracking. Shared by the generation providers (`ProviderOptions`) and `openAIEmbedding`.
 */
export interface ConnectionOptions<TClient> {
  /** The model id sent with every request, e.g. `"gpt-4o-mini"`. Required. */
  readonly model: string;
  /**
   * The API key. Read at subscribe time from the provider's environment variable when absent
   * (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`); a missing key fails then with `ConfigurationError`.
   * Never printed: rxllm registers it with `registerSecret`.
   * @default the environment variable
   */
  readonly apiKey?: string;
  /** The API's base URL (a proxy, a compatible server, the simulator). @default the SDK's default */
  readonly baseURL?: string;
  /**
   * A ready SDK client: an `OpenAI` / `AzureOpenAI` instance for the OpenAI factories, an `Anthropic` instance
   * for `anthropicMessages` (Azure, a proxy, a custom `fetch`, your own defaults). When given, `apiKey` and `baseURL`
   * are ignored and no key is required; `maxRetries`, `timeout` and `headers` still apply to each request. The
   * client's own credentials (`apiKey`, Anthropic's `authToken`, credential `defaultHeaders`) are registered
   * with `registerSecret` like the `apiKey` option.
   * @default none: rxllm builds one client per model on first subscribe
   */
  readonly client?: TClient;
  /**
   * The SDK's own retries for each request. Off by default so retries happen in one place: rxllm's `retry`
   * operators (which see typed errors and `retryAfterMs`). Set e.g. `2` to let the SDK retry instead.
   * @default 0
   */
  readonly maxRetries?: number;
  /**
   * The SDK's request timeout in milliseconds: the time to wait for the response to start (headers). When it
   * fires the call errors with `TimeoutError` (`timeout: 'first-token'`). For idle and total timeouts use rxllm's
   * timeout operators.
   * @default the SDK's default (10 minutes)
   */
  readonly timeout?: number;
  /** Tracking sinks told about every call (request, first token, response, error, cancel). @default none */
  readonly track?: Tracker | readonly Tracker[];
  /** Tags for every call of this model, passed to tracking sinks (a call's `tags` are added). @default none */
  readonly tags?: readonly string[];
}
