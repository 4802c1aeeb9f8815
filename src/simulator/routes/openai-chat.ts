import { countTokens } from '../tokenizer.js';
import { variationFor, type GenerationPlan, type GenerationRoute, type PlanEnv } from '../generation-plan.js';
import { toolCallId } from '../ids.js';
import type { RequestControls } from '../control-headers.js';
import { lastUserMessage, planChatTurn, type TurnStyle } from '../turn/plan-turn.js';
import type { TurnRequest } from '../turn/turn-request.js';
import { readChatMessages, seedView } from './openai-chat-messages.js';
import { readReasoningEffort, readResponseFormat, readToolChoice, readTools } from './openai-chat-options.js';
import { chatWire } from './openai-chat-wire.js';
import { optionalInteger, optionalNumber, readModel, readStop, readStreaming, requireObject } from './openai-validation.js';

const OPENAI_STYLE: TurnStyle = {
  provider: 'openai',
  toolCallId: toolCallId.openai,
  argumentsJson: (value) => JSON.stringify(value),
  preamble: false,
};

function planChat(rawBody: unknown, controls: RequestControls, env: PlanEnv): GenerationPlan {
  const body = requireObject(rawBody);
  const model = readModel(body);
  const { messages, toolResults } = readChatMessages(body['messages']);
  const maxTokens = optionalInteger(body, 'max_completion_tokens', 1) ?? optionalInteger(body, 'max_tokens', 1);
  const n = optionalInteger(body, 'n', 1, 128) ?? 1;
  const temperature = optionalNumber(body, 'temperature', 0, 2);
  optionalNumber(body, 'top_p', 0, 1);
  const { stream, includeUsage } = readStreaming(body);
  const tools = readToolChoice(body, readTools(body));
  const lastUser = lastUserMessage(messages);
  const request: TurnRequest = {
    seed: `chat\n${model}\n${JSON.stringify(messages.map(seedView))}`,
    variation: variationFor(temperature, () => env.nextVariation()),
    prompt: lastUser.text,
    instructions: messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.text).join('\n'),
    maxTokens,
    stops: readStop(body),
    tools: tools.tools,
    toolChoice: tools.choice,
    parallelToolCalls: tools.parallel,
    toolResults,
    images: lastUser.images,
    outputFormat: readResponseFormat(body, messages.map((m) => m.text).join('\n')),
    thinking: controls.reasoningContent ? { budget: Number.POSITIVE_INFINITY, omitted: false } : undefined,
    reasoningEffort: readReasoningEffort(body, model),
  };
  const promptTokens = messages.reduce((sum, m) => sum + countTokens(m.text)
    + m.images.reduce((t, image) => t + image.tokens, 0)
    + m.toolCalls.reduce((t, call) => t + countTokens(call.name) + countTokens(call.arguments), 0), 0);
  const fields = { model, promptTokens, stream, includeUsage, reasoningContent: controls.reasoningContent, refusalExplanation: undefined };
  return planChatTurn(request, n, fields, controls, OPENAI_STYLE, env);
}

/** POST /v1/chat/completions. */
export const openaiChatRoute: GenerationRoute = {
  name: 'chat',
  path: '/v1/chat/completions',
  provider: 'openai',
  plan: planChat,
  wire: chatWire,
};
