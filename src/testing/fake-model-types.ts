import type { SchedulerLike } from 'rxjs';
import type { LanguageModel } from '../core/language-model.js';
import type { CallOptions } from '../core/call-settings.js';
import type { PromptInput } from '../core/prompt.js';

/** Options of `fakeModel`. */
export interface FakeModelOptions {
  /** The provider key it reports. @default 'fake' */
  readonly provider?: string;
  /** The model id it reports. @default 'fake-model' */
  readonly modelId?: string;
  /** Where time runs. @default asyncScheduler (virtual time inside `TestScheduler.run`) */
  readonly scheduler?: SchedulerLike;
  /** Add `generateBatch` (like the legacy completions model): one call answers a list of prompts. @default false */
  readonly batch?: boolean;
}

/** Which method a call came through. */
export type FakeCallKind = 'generate' | 'stream' | 'batch';

/** One recorded call (one subscription) of a fake model. Times come from its scheduler's `now()`. */
export interface FakeCall {
  /** 0-based, in subscription order. */
  readonly index: number;
  readonly kind: FakeCallKind;
  /** The prompt (a list of prompts for `batch`). */
  readonly input: PromptInput | readonly PromptInput[];
  readonly options: CallOptions | undefined;
  /** When it was subscribed (the frame, inside `TestScheduler.run`). */
  readonly subscribedAt: number;
  /** When it completed, errored or was unsubscribed; `undefined` while active. */
  readonly endedAt: number | undefined;
  /** `active` while running; `cancelled` means unsubscribed before it ended. */
  readonly outcome: 'active' | 'completed' | 'errored' | 'cancelled';
  /** The error it raised, when `errored`. */
  readonly error?: unknown;
}

/** A call's subscription frames, as `expectSubscriptions` reads them (`Infinity`: still subscribed). */
export interface FakeSubscriptionLog {
  subscribedFrame: number;
  unsubscribedFrame: number;
}

/**
 * A scripted `LanguageModel` that records its calls.
 *
 * @example
 * expectSubscriptions(model.subscriptions).toBe(['^--!', '-^---!']);
 * expect(model.maxActive).toBeLessThanOrEqual(2);
 */
export interface FakeModel extends LanguageModel {
  /** Every call so far, in subscription order. */
  readonly calls: readonly FakeCall[];
  /** How many calls so far (`calls.length`). */
  readonly callCount: number;
  /** How many calls are in flight now. */
  readonly active: number;
  /** The most calls ever in flight at once. */
  readonly maxActive: number;
  /**
   * Every call's subscription frames, for `expectSubscriptions(model.subscriptions).toBe([...])`. A live
   * array (like a cold Observable's `subscriptions`): it fills in as calls happen.
   */
  readonly subscriptions: FakeSubscriptionLog[];
  /** Forgets the calls and restarts the script (calls still in flight keep running). */
  reset(): void;
}
