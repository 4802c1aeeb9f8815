// How a message goes on the wire, modelled on recorded Anthropic traffic: content blocks (`thinking` with its
// `signature`, `redacted_thinking`, `text`, `tool_use`), and the event sequence: `message_start`, then per
// block `content_block_start` (a `ping` after the first), one delta per token (`thinking_delta`, `text_delta`,
// `input_json_delta`; a tool_use block opens with an empty `partial_json`, a thinking block closes with an empty
// `thinking_delta` and its `signature_delta`), `content_block_stop`; then `message_delta` (stop reason, stop
// details, usage) and `message_stop`.
import { anthropicErrorBody } from '../error-bodies.js';
import { partTokens, type GenerationPlan, type PlannedChoice, type PlannedPart, type WireFormat } from '../generation-plan.js';
import { newId } from '../ids.js';
import { parsePartialJson } from '../json-text.js';
import { malformedFrame, sseEvent } from '../sse-writer.js';
import { TimelineBuilder, lazy } from '../stream-timeline.js';

/** Anthropic's `stop_reason` for a choice. */
function stopReason(choice: PlannedChoice): string {
  switch (choice.finish) {
    case 'length': return 'max_tokens';
    case 'stop': return 'stop_sequence';
    case 'tool-calls': return 'tool_use';
    case 'refusal': return 'refusal';
    default: return 'end_turn';
  }
}

/** The block a part becomes in a non-streaming response (a tool input the token limit cut is read leniently). */
function block(part: PlannedPart): Record<string, unknown> {
  switch (part.type) {
    case 'thinking': return { type: 'thinking', thinking: part.text, signature: part.signature };
    case 'redacted-thinking': return { type: 'redacted_thinking', data: part.data };
    case 'tool-call': return { type: 'tool_use', id: part.id, name: part.name, input: part.complete ? part.input : parsePartialJson(part.json), caller: { type: 'direct' } };
    default: return { type: 'text', text: part.text };
  }
}

/** The block as `content_block_start` opens it. */
function openBlock(part: PlannedPart): Record<string, unknown> {
  switch (part.type) {
    case 'thinking': return { type: 'thinking', thinking: '', signature: '' };
    case 'redacted-thinking': return block(part);
    case 'tool-call': return { type: 'tool_use', id: part.id, name: part.name, input: {}, caller: { type: 'direct' } };
    default: return { type: 'text', text: '' };
  }
}

function delta(part: PlannedPart, token: string): Record<string, unknown> {
  if (part.type === 'thinking') return { type: 'thinking_delta', thinking: token };
  if (part.type === 'tool-call') return { type: 'input_json_delta', partial_json: token };
  return { type: 'text_delta', text: token };
}

/** How a planned message goes on the wire (see the file comment). */
export function messagesWire(plan: GenerationPlan): WireFormat {
  const id = newId.message();
  const choice = plan.choices[0]!;
  const stopDetails = choice.finish === 'refusal'
    ? { type: 'refusal', category: null, explanation: plan.refusalExplanation ?? 'The simulator declined this request (x-sim-refusal).' }
    : null;
  const counts = {
    input_tokens: plan.promptTokens - plan.cachedTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: plan.cachedTokens,
  };
  const usage = (outputTokens: number, thinking: number): Record<string, unknown> => ({
    ...counts, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens, output_tokens_details: { thinking_tokens: thinking }, service_tier: 'standard',
  });
  const message = (content: unknown[], stop: string | null, stopSequence: string | null, details: unknown, final: boolean): Record<string, unknown> => ({
    id, type: 'message', role: 'assistant', model: plan.model, content, stop_reason: stop, stop_sequence: stopSequence, stop_details: details,
    usage: final ? usage(plan.completionTokens, choice.reasoningTokens) : usage(1, 0),
  });
  const event = (type: string, payload: Record<string, unknown>): string => sseEvent(type, { type, ...payload });

  const timeline = lazy(() => {
    const b = new TimelineBuilder().start(event('message_start', { message: message([], null, null, null, false) }));
    if (choice.parts.length === 0) b.start(event('ping', {}));
    choice.parts.forEach((part, index) => {
      b.frame(event('content_block_start', { index, content_block: openBlock(part) }));
      if (index === 0) b.frame(event('ping', {}));
      if (part.type === 'tool-call') b.frame(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } }));
      for (const token of partTokens(part)) b.token(event('content_block_delta', { index, delta: delta(part, token) }));
      if (part.type === 'thinking') {
        b.frame(
          event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: '' } }),
          event('content_block_delta', { index, delta: { type: 'signature_delta', signature: part.signature } }),
        );
      }
      b.frame(event('content_block_stop', { index }));
    });
    return b.build();
  });
  return {
    json: () => message(choice.parts.map(block), stopReason(choice), choice.stopSequence, stopDetails, true),
    head: () => timeline().head,
    steps: choice.parts.reduce((n, p) => n + partTokens(p).length, 0),
    step: (s) => timeline().steps[s] ?? [],
    tail: () => [
      ...timeline().tail,
      event('message_delta', {
        delta: { stop_reason: stopReason(choice), stop_sequence: choice.stopSequence, stop_details: stopDetails },
        usage: { ...counts, output_tokens: plan.completionTokens, output_tokens_details: { thinking_tokens: choice.reasoningTokens } },
      }),
      event('message_stop', {}),
    ],
    streamError: (type, requestId) =>
      sseEvent('error', anthropicErrorBody(type ?? 'api_error', type === 'overloaded_error' ? 'Overloaded' : 'Internal server error', requestId)),
    malformed: () => malformedFrame(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' malformed' } })),
  };
}
