import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { Generation } from '../core/generation.js';
import { normalizePrompt, type PromptInput } from '../core/prompt.js';
import type { FakeReply } from './fake-response.js';
import { buildTimeline } from './fake-timeline.js';

/** The names `who` may hold (any other throws `InvalidArgumentError`). */
const WHO_NAMES: KnownKeys<{ readonly provider?: string; readonly modelId?: string }> = { provider: true, modelId: true };

/**
 * The exact `Generation` a `fakeModel` emits for `reply` to `input` (usage counted the same way), to use
 * as an expected marble value.
 *
 * @param reply The scripted reply (a text or a `FakeResponse` without `error`).
 * @param input The prompt (its words are the counted input tokens). @default ''
 * @param who The provider key and model id of the fake. @default `{ provider: 'fake', modelId: 'fake-model' }`
 * @example
 * expectObservable(cold('a|').pipe(generate(fakeModel('hi')))).toBe('a|', { a: fakeGeneration('hi', 'a') });
 */
export function fakeGeneration(
  reply: FakeReply,
  input: PromptInput = '',
  who: { readonly provider?: string; readonly modelId?: string } = {},
): Generation {
  normalizePrompt(input, 'input');
  checkKnownKeys('who', who, WHO_NAMES);
  const { end } = buildTimeline(reply, input, { provider: who.provider ?? 'fake', modelId: who.modelId ?? 'fake-model' }, 'reply');
  if (!end?.generation) throw new InvalidArgumentError('reply', 'must end with a generation (no error, not stalled)');
  return end.generation;
}
