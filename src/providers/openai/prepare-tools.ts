import type { CallSettings } from '../../core/call-settings.js';
import { openAIResponseFormat } from './response-format.js';

/**
 * The chat API's tool, reasoning and answer-shape fields from rxllm's settings: `tools` as functions
 * (`parameters` = the input schema), `tool_choice` (`{ toolName }` names a function), `reasoning_effort`
 * and `response_format`.
 *
 * @example
 * openAIToolFields({ tools: [{ name: 'f', inputSchema: { type: 'object' } }], toolChoice: { toolName: 'f' } });
 * // { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }], tool_choice: { type: 'function', function: { name: 'f' } } }
 */
export function openAIToolFields(settings: CallSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (settings.tools !== undefined && settings.tools.length > 0) {
    out.tools = settings.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), parameters: t.inputSchema },
    }));
  }
  const choice = settings.toolChoice;
  if (choice !== undefined) out.tool_choice = typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.toolName } };
  if (settings.reasoning?.effort !== undefined) out.reasoning_effort = settings.reasoning.effort;
  if (settings.responseFormat !== undefined) out.response_format = openAIResponseFormat(settings.responseFormat);
  return out;
}
