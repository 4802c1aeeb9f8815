import { redact, redactKnownSecrets } from '../errors/redact.js';
import type { AssistantPart } from './content.js';
import { makeChoice, makeGeneration, type Choice, type Generation } from './generation.js';
import type { GenerationEvent } from './stream-event.js';
import type { EmbeddingResult } from './embedding-model.js';

// What an upstream sends back can echo the credential it received (proxies and gateways do): in the response
// id or request id, the model, the finish reason, even the text. These remove it once per generation or event:
// the server-given short fields with `redact` (registered secrets and key-shaped strings), the generated content
// (text, reasoning, refusal, tool inputs as text) with `redactKnownSecrets` only (a key-shaped pattern may be
// legitimate content there). Stream content deltas are not checked: a key split across deltas could not be
// caught one delta at a time, and the collected content is checked where rxllm passes it on (tracking
// payloads, `rxllm run` output).

/**
 * `generation` with secrets removed from its request id, model id, raw finish reasons and content (text,
 * reasoning, refusal, tool call inputs); the same object when none shows in it.
 *
 * @example
 * redactGeneration({ ...generation, requestId: `req_${apiKey}` }).requestId; // 'req_[REDACTED]'
 */
export function redactGeneration(generation: Generation): Generation {
  const g = redactIds(generation);
  const choices = redactChoices(generation.choices);
  if (choices === generation.choices) return g;
  const { provider, modelId, requestId, usage } = g;
  return { ...g, ...makeGeneration(choices, { provider, modelId, ...(requestId !== undefined ? { requestId } : {}), ...(usage ? { usage } : {}) }) };
}

/**
 * An embedding result with secrets removed from its server-given fields (model id, request id); the same
 * object when none shows in them. The vectors are numbers: nothing to redact.
 *
 * @example
 * redactEmbeddingResult({ ...result, modelId: apiKey }).modelId; // '[REDACTED]'
 */
export function redactEmbeddingResult(result: EmbeddingResult): EmbeddingResult {
  return redactIds(result);
}

/**
 * A stream event with secrets removed from its server-given fields (`start`: model id and request id;
 * `finish`: raw finish reason); the same object when none shows, and always for content deltas and `usage`.
 */
export function redactGenerationEvent(event: GenerationEvent): GenerationEvent {
  if (event.type === 'start') return redactIds(event);
  if (event.type === 'finish') {
    const rawFinishReason = redactNullable(event.rawFinishReason);
    return rawFinishReason === event.rawFinishReason ? event : { ...event, rawFinishReason };
  }
  return event;
}

/** `value` with secrets removed from its server-given model id and request id: the same object when none shows. */
function redactIds<T extends { readonly modelId: string; readonly requestId?: string }>(value: T): T {
  const modelId = redact(value.modelId);
  const requestId = value.requestId === undefined ? undefined : redact(value.requestId);
  if (modelId === value.modelId && requestId === value.requestId) return value;
  return { ...value, modelId, ...(requestId !== undefined ? { requestId } : {}) };
}

/** The choices with their content and raw finish reason redacted: the same array when nothing changed. */
function redactChoices(choices: readonly Choice[]): readonly Choice[] {
  let changed = false;
  const out = choices.map((c) => {
    const content = redactContent(c.content);
    const rawFinishReason = redactNullable(c.rawFinishReason);
    const refusal = c.refusal === undefined ? undefined : redactKnownSecrets(c.refusal);
    const rawInputs = new Map(c.toolCalls.map((t) => [t.toolCallId, redactKnownSecrets(t.rawInput)] as const));
    const inputsChanged = c.toolCalls.some((t) => rawInputs.get(t.toolCallId) !== t.rawInput);
    if (content === c.content && rawFinishReason === c.rawFinishReason && refusal === c.refusal && !inputsChanged) return c;
    changed = true;
    return makeChoice({
      index: c.index,
      content,
      rawInputs,
      finishReason: c.finishReason,
      rawFinishReason,
      ...(refusal !== undefined ? { refusal } : {}),
      ...(c.stopDetails !== undefined ? { stopDetails: c.stopDetails } : {}),
    });
  });
  return changed ? out : choices;
}

/** Content parts with registered secrets removed from their texts and tool inputs: the same array when none shows. */
function redactContent(content: readonly AssistantPart[]): readonly AssistantPart[] {
  let changed = false;
  const out = content.map((part): AssistantPart => {
    if (part.type === 'text' || part.type === 'reasoning') {
      const text = redactKnownSecrets(part.text);
      if (text === part.text) return part;
      changed = true;
      return { ...part, text };
    }
    if (part.type === 'tool-call') {
      const json = JSON.stringify(part.input ?? {});
      const clean = redactKnownSecrets(json);
      if (clean === json) return part;
      changed = true;
      return { ...part, input: JSON.parse(clean) as unknown };
    }
    return part;
  });
  return changed ? out : content;
}

function redactNullable(value: string | null): string | null {
  return value === null ? null : redact(value);
}
