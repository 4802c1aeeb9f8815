import type { RequestControls } from '../control-headers.js';
import { anthropicErrorBody } from '../error-bodies.js';
import {
  planChoices,
  variationFor,
  type GenerationPlan,
  type GenerationRoute,
  type WireFormat,
} from '../generation-plan.js';
import { newId } from '../ids.js';
import { malformedFrame, sseEvent } from '../sse-writer.js';
import { countTokens } from '../tokenizer.js';
import {
  anthropicInvalid,
  blocksText,
  readAnthropicMessages,
  readMaxTokens,
  readStopSequences,
  readTemperature,
} from './anthropic-validation.js';

function planMessages(rawBody: unknown, controls: RequestControls, nextVariation: () => string): GenerationPlan {
  if (rawBody === null || typeof rawBody !== 'object' || Array.isArray(rawBody)) throw anthropicInvalid('body', 'Input should be a valid dictionary');
  const body = rawBody as Record<string, unknown>;
  const model = body['model'];
  if (model === undefined) throw anthropicInvalid('model', 'Field required');
  if (typeof model !== 'string' || model === '') throw anthropicInvalid('model', 'Input should be a valid string');
  const maxTokens = readMaxTokens(body['max_tokens']);
  const messages = readAnthropicMessages(body['messages']);
  const system = body['system'] === undefined ? '' : blocksText(body['system'], 'system');
  const stream = body['stream'];
  if (stream !== undefined && typeof stream !== 'boolean') throw anthropicInvalid('stream', 'Input should be a valid boolean');
  const temperature = readTemperature(body['temperature']);
  const source = {
    seed: `messages\n${model}\n${system}\n${JSON.stringify(messages)}`,
    prompt: (messages.filter((m) => m.role === 'user').at(-1) ?? messages.at(-1)!).text,
    maxTokens,
    stops: readStopSequences(body['stop_sequences']),
    variation: variationFor(temperature, nextVariation),
  };
  const choices = planChoices(source, 1, 0, controls);
  const promptTokens = countTokens(system) + messages.reduce((sum, m) => sum + countTokens(m.text), 0);
  return {
    model, promptTokens, choices, completionTokens: choices[0]!.tokens.length, stream: stream === true, includeUsage: false,
    estimatedTokens: promptTokens + maxTokens,
  };
}

function messagesWire(plan: GenerationPlan): WireFormat {
  const id = newId.message();
  const choice = plan.choices[0]!;
  const stopReason = choice.finish === 'length' ? 'max_tokens' : choice.finish === 'stop' ? 'stop_sequence' : 'end_turn';
  const usage = (outputTokens: number): Record<string, unknown> => ({
    input_tokens: plan.promptTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens, service_tier: 'standard',
  });
  const message = (content: unknown[], stop: string | null, stopSequence: string | null, outputTokens: number): Record<string, unknown> => ({
    id, type: 'message', role: 'assistant', model: plan.model, content, stop_reason: stop, stop_sequence: stopSequence, usage: usage(outputTokens),
  });
  const delta = (text: string): string => sseEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
  return {
    json: () => message([{ type: 'text', text: choice.text }], stopReason, choice.stopSequence, plan.completionTokens),
    head: () => [
      sseEvent('message_start', { type: 'message_start', message: message([], null, null, 1) }),
      sseEvent('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      sseEvent('ping', { type: 'ping' }),
    ],
    step: (s) => (s < choice.tokens.length ? [delta(choice.tokens[s]!)] : []),
    tail: () => [
      sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 }),
      sseEvent('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: choice.stopSequence },
        usage: { input_tokens: plan.promptTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: plan.completionTokens },
      }),
      sseEvent('message_stop', { type: 'message_stop' }),
    ],
    streamError: (type, requestId) =>
      sseEvent('error', anthropicErrorBody(type ?? 'api_error', type === 'overloaded_error' ? 'Overloaded' : 'Internal server error', requestId)),
    malformed: () => malformedFrame(delta(' malformed')),
  };
}

/** POST /v1/messages (Anthropic). */
export const anthropicMessagesRoute: GenerationRoute = {
  name: 'messages',
  path: '/v1/messages',
  provider: 'anthropic',
  plan: planMessages,
  wire: messagesWire,
};
