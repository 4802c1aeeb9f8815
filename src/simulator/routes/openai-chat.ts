import type { RequestControls } from '../control-headers.js';
import {
  planChoices,
  sumTokens,
  variationFor,
  type GenerationPlan,
  type GenerationRoute,
  type PlannedChoice,
  type WireFormat,
} from '../generation-plan.js';
import { newId } from '../ids.js';
import { SSE_DONE, malformedFrame, sseData } from '../sse-writer.js';
import { countTokens } from '../tokenizer.js';
import {
  invalidType,
  invalidValue,
  missingParameter,
  optionalInteger,
  optionalNumber,
  readModel,
  readStop,
  readStreaming,
  requireObject,
} from './openai-validation.js';
import { openaiFinishReason, openaiStreamError, openaiUsage, systemFingerprint, unixSeconds } from './openai-wire.js';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];

/** The text of message `i` (text parts joined); validates its shape. */
function messageText(message: unknown, i: number): { role: string; text: string } {
  const at = `messages[${i}]`;
  if (message === null || typeof message !== 'object' || Array.isArray(message)) throw invalidType(at, 'an object', message);
  const { role, content } = message as Record<string, unknown>;
  if (role === undefined) throw missingParameter(`${at}.role`);
  if (typeof role !== 'string' || !ROLES.includes(role)) {
    throw invalidValue(`${at}.role`, `${JSON.stringify(role)} is not one of ${ROLES.map((r) => `'${r}'`).join(', ')}.`);
  }
  if (typeof content === 'string') return { role, text: content };
  if ((content === undefined || content === null) && role === 'assistant') return { role, text: '' };
  if (content === undefined) throw missingParameter(`${at}.content`);
  if (!Array.isArray(content)) throw invalidType(`${at}.content`, 'one of a string or array of objects', content);
  const texts = content.map((part: unknown, j) => {
    if (part === null || typeof part !== 'object' || typeof (part as { type?: unknown }).type !== 'string') {
      throw invalidType(`${at}.content[${j}]`, 'an object with a string type', part);
    }
    const p = part as { type: string; text?: unknown };
    if (p.type !== 'text') return '';
    if (typeof p.text !== 'string') throw invalidType(`${at}.content[${j}].text`, 'a string', p.text);
    return p.text;
  });
  return { role, text: texts.join('') };
}

function planChat(rawBody: unknown, controls: RequestControls, nextVariation: () => string): GenerationPlan {
  const body = requireObject(rawBody);
  const model = readModel(body);
  const messages = body['messages'];
  if (messages === undefined) throw missingParameter('messages');
  if (!Array.isArray(messages)) throw invalidType('messages', 'an array', messages);
  if (messages.length === 0) {
    throw invalidValue('messages', 'empty array. Expected an array with minimum length 1, but got an empty array instead.');
  }
  const parsed = messages.map(messageText);
  const maxTokens = optionalInteger(body, 'max_completion_tokens', 1) ?? optionalInteger(body, 'max_tokens', 1);
  const n = optionalInteger(body, 'n', 1, 128) ?? 1;
  const temperature = optionalNumber(body, 'temperature', 0, 2);
  optionalNumber(body, 'top_p', 0, 1);
  const { stream, includeUsage } = readStreaming(body);
  const source = {
    seed: `chat\n${model}\n${JSON.stringify(parsed)}`,
    prompt: (parsed.filter((m) => m.role === 'user').at(-1) ?? parsed.at(-1)!).text,
    maxTokens,
    stops: readStop(body),
    variation: variationFor(temperature, nextVariation),
  };
  const choices = planChoices(source, n, 0, controls);
  const promptTokens = parsed.reduce((sum, m) => sum + countTokens(m.text), 0);
  const completionTokens = sumTokens(choices);
  return {
    model, promptTokens, choices, completionTokens, stream, includeUsage,
    estimatedTokens: promptTokens + (maxTokens !== undefined ? maxTokens * n : completionTokens),
  };
}

function chatWire(plan: GenerationPlan): WireFormat {
  const id = newId.chat();
  const created = unixSeconds();
  const fingerprint = systemFingerprint(plan.model);
  const chunk = (choice: PlannedChoice, delta: Record<string, unknown>, finish: string | null): string =>
    sseData({
      id, object: 'chat.completion.chunk', created, model: plan.model, service_tier: 'default', system_fingerprint: fingerprint,
      choices: [{ index: choice.index, delta, logprobs: null, finish_reason: finish }],
      ...(plan.includeUsage ? { usage: null } : {}),
    });
  return {
    json: () => ({
      id, object: 'chat.completion', created, model: plan.model,
      choices: plan.choices.map((c) => ({
        index: c.index,
        message: { role: 'assistant', content: c.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: openaiFinishReason(c),
      })),
      usage: openaiUsage(plan, true),
      service_tier: 'default',
      system_fingerprint: fingerprint,
    }),
    head: () => plan.choices.map((c) => chunk(c, { role: 'assistant', content: '', refusal: null }, null)),
    step: (s) => plan.choices.filter((c) => s < c.tokens.length).map((c) => chunk(c, { content: c.tokens[s] }, null)),
    tail: () => [
      ...plan.choices.map((c) => chunk(c, {}, openaiFinishReason(c))),
      ...(plan.includeUsage
        ? [sseData({ id, object: 'chat.completion.chunk', created, model: plan.model, service_tier: 'default', system_fingerprint: fingerprint, choices: [], usage: openaiUsage(plan, true) })]
        : []),
      SSE_DONE,
    ],
    streamError: (type) => openaiStreamError(type),
    malformed: () => malformedFrame(chunk(plan.choices[0]!, { content: ' malformed' }, null)),
  };
}

/** POST /v1/chat/completions. */
export const openaiChatRoute: GenerationRoute = {
  name: 'chat',
  path: '/v1/chat/completions',
  provider: 'openai',
  plan: planChat,
  wire: chatWire,
};
