import { redact, redactKnownSecrets } from '../errors/redact.js';
import type { Choice, Generation } from './generation.js';
import type { GenerationEvent } from './stream-event.js';

// What an upstream sends back can echo the credential it received (proxies and gateways do): in the response
// id or request id, the model, the finish reason, even the text. These remove it once per generation or event:
// the server-given short fields with `redact` (registered secrets and key-shaped strings), the generated text
// with `redactKnownSecrets` only (a key-shaped pattern may be legitimate content there). Stream `text-delta`
// events are not checked: a key split across deltas could not be caught one delta at a time, and the
// collected text is checked where rxllm passes it on (tracking payloads, `rxllm run` output).

/**
 * `generation` with secrets removed from its request id, model id, raw finish reasons and texts; the same
 * object when none shows in it.
 *
 * @example
 * redactGeneration({ ...generation, requestId: `req_${apiKey}` }).requestId; // 'req_[REDACTED]'
 */
export function redactGeneration(generation: Generation): Generation {
  const text = redactKnownSecrets(generation.text);
  const rawFinishReason = redactNullable(generation.rawFinishReason);
  const modelId = redact(generation.modelId);
  const requestId = generation.requestId === undefined ? undefined : redact(generation.requestId);
  // choices[0].text is usually the very same string as text: it is searched once.
  const redactText = (t: string): string => (t === generation.text ? text : redactKnownSecrets(t));
  const choices = redactChoices(generation.choices, redactText);
  if (
    text === generation.text &&
    rawFinishReason === generation.rawFinishReason &&
    modelId === generation.modelId &&
    requestId === generation.requestId &&
    choices === generation.choices
  ) {
    return generation;
  }
  return { ...generation, text, rawFinishReason, modelId, ...(requestId !== undefined ? { requestId } : {}), choices };
}

/**
 * A stream event with secrets removed from its server-given fields (`start`: model id and request id;
 * `finish`: raw finish reason); the same object when none shows, and always for `text-delta` and `usage`.
 */
export function redactGenerationEvent(event: GenerationEvent): GenerationEvent {
  if (event.type === 'start') {
    const modelId = redact(event.modelId);
    const requestId = event.requestId === undefined ? undefined : redact(event.requestId);
    return modelId === event.modelId && requestId === event.requestId ? event : { ...event, modelId, ...(requestId !== undefined ? { requestId } : {}) };
  }
  if (event.type === 'finish') {
    const rawFinishReason = redactNullable(event.rawFinishReason);
    return rawFinishReason === event.rawFinishReason ? event : { ...event, rawFinishReason };
  }
  return event;
}

function redactChoices(choices: readonly Choice[], redactText: (text: string) => string): readonly Choice[] {
  let changed = false;
  const out = choices.map((c) => {
    const text = redactText(c.text);
    const rawFinishReason = redactNullable(c.rawFinishReason);
    if (text === c.text && rawFinishReason === c.rawFinishReason) return c;
    changed = true;
    return { ...c, text, rawFinishReason };
  });
  return changed ? out : choices;
}

function redactNullable(value: string | null): string | null {
  return value === null ? null : redact(value);
}
