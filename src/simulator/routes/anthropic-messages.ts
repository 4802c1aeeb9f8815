import { variationFor, type GenerationPlan, type GenerationRoute, type PlanEnv } from '../generation-plan.js';
import { toolCallId } from '../ids.js';
import { spacedJson } from '../json-text.js';
import { countTokens } from '../tokenizer.js';
import type { RequestControls } from '../control-headers.js';
import { lastUserMessage, planChatTurn, type TurnStyle } from '../turn/plan-turn.js';
import type { TurnRequest } from '../turn/turn-request.js';
import { anthropicSeedView, readAnthropicConversation, type AnthropicMessage } from './anthropic-content.js';
import { readAnthropicToolChoice, readAnthropicTools, readOutputFormat, readThinking } from './anthropic-options.js';
import { checkThinkingBlocks } from './anthropic-thinking-check.js';
import { anthropicInvalid, blocksText, readMaxTokens, readStopSequences, readTemperature } from './anthropic-validation.js';
import { messagesWire } from './anthropic-wire.js';

const ANTHROPIC_STYLE: TurnStyle = {
  provider: 'anthropic',
  toolCallId: toolCallId.anthropic,
  argumentsJson: spacedJson,
  preamble: true,
};

/** Prompt tokens of a message: its text, images, tool calls and results (thinking sent back is not counted). */
function messageTokens(m: AnthropicMessage): number {
  return m.blocks.reduce((n, b) => {
    switch (b.type) {
      case 'text': return n + countTokens(b.text);
      case 'image': return n + b.image.tokens;
      case 'tool_use': return n + countTokens(b.name) + countTokens(JSON.stringify(b.input));
      case 'tool_result': return n + countTokens(b.content);
      default: return n;
    }
  }, 0);
}

function planMessages(rawBody: unknown, controls: RequestControls, env: PlanEnv): GenerationPlan {
  if (rawBody === null || typeof rawBody !== 'object' || Array.isArray(rawBody)) throw anthropicInvalid('body', 'Input should be a valid dictionary');
  const body = rawBody as Record<string, unknown>;
  const model = body['model'];
  if (model === undefined) throw anthropicInvalid('model', 'Field required');
  if (typeof model !== 'string' || model === '') throw anthropicInvalid('model', 'Input should be a valid string');
  const maxTokens = readMaxTokens(body['max_tokens']);
  const { messages, toolResults } = readAnthropicConversation(body['messages']);
  const system = body['system'] === undefined ? '' : blocksText(body['system'], 'system');
  const stream = body['stream'];
  if (stream !== undefined && typeof stream !== 'boolean') throw anthropicInvalid('stream', 'Input should be a valid boolean');
  const temperature = readTemperature(body['temperature']);
  const tools = readAnthropicTools(body['tools']);
  const { choice, parallel } = readAnthropicToolChoice(body['tool_choice'], tools);
  const thinking = readThinking(body['thinking'], maxTokens, temperature, choice);
  checkThinkingBlocks(messages, thinking !== undefined, env.signer);
  const lastUser = lastUserMessage(messages);
  const request: TurnRequest = {
    seed: `messages\n${model}\n${system}\n${JSON.stringify(messages.map(anthropicSeedView))}`,
    variation: variationFor(temperature, () => env.nextVariation()),
    prompt: lastUser.text,
    instructions: system,
    maxTokens,
    stops: readStopSequences(body['stop_sequences']),
    tools,
    toolChoice: choice,
    parallelToolCalls: parallel,
    toolResults,
    images: lastUser.blocks.flatMap((b) => (b.type === 'image' ? [b.image] : [])),
    outputFormat: readOutputFormat(body),
    thinking,
    reasoningEffort: undefined,
  };
  const promptTokens = countTokens(system) + messages.reduce((sum, m) => sum + messageTokens(m), 0);
  const fields = {
    model, promptTokens, stream: stream === true, includeUsage: false, reasoningContent: false,
    refusalExplanation: controls.refusal === '' ? undefined : controls.refusal,
  };
  return planChatTurn(request, 1, fields, controls, ANTHROPIC_STYLE, env);
}

/** POST /v1/messages (Anthropic). */
export const anthropicMessagesRoute: GenerationRoute = {
  name: 'messages',
  path: '/v1/messages',
  provider: 'anthropic',
  plan: planMessages,
  wire: messagesWire,
};
