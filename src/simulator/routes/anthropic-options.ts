// The Anthropic options that shape a turn: `tools`, `tool_choice`, `thinking` and `output_config.format`
// (structured outputs), validated with the real API's messages.
import { SimHttpError } from '../error-bodies.js';
import type { OutputFormat, ToolChoice, ToolSpec } from '../turn/turn-request.js';
import { anthropicInvalid } from './anthropic-validation.js';
import { isPlainObject } from '../../core/validate.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

function plain(message: string): SimHttpError {
  return new SimHttpError('bad-request', { message });
}

/** `tools`: custom tools (`{ name, description?, input_schema }`); server tools (with a `type`) are accepted but never called. */
export function readAnthropicTools(value: unknown): ToolSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw anthropicInvalid('tools', 'Input should be a valid list');
  const tools: ToolSpec[] = [];
  value.forEach((tool: unknown, i) => {
    if (!isPlainObject(tool)) throw anthropicInvalid(`tools.${i}`, 'Input should be a valid dictionary or object');
    if (tool['type'] !== undefined && tool['type'] !== null && tool['type'] !== 'custom') return;
    const at = `tools.${i}.custom`;
    const name = tool['name'];
    if (name === undefined) throw anthropicInvalid(`${at}.name`, 'Field required');
    if (typeof name !== 'string') throw anthropicInvalid(`${at}.name`, 'Input should be a valid string');
    if (!TOOL_NAME.test(name)) throw anthropicInvalid(`${at}.name`, "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
    if (tool['description'] !== undefined && typeof tool['description'] !== 'string') throw anthropicInvalid(`${at}.description`, 'Input should be a valid string');
    const schema = tool['input_schema'];
    if (schema === undefined) throw anthropicInvalid(`${at}.input_schema`, 'Field required');
    if (!isPlainObject(schema)) throw anthropicInvalid(`${at}.input_schema`, 'Input should be a valid dictionary or object');
    if (schema['type'] !== 'object') throw anthropicInvalid(`${at}.input_schema.type`, "Input should be 'object'");
    if (['oneOf', 'allOf', 'anyOf'].some((k) => k in schema)) throw anthropicInvalid(`${at}.input_schema`, 'input_schema does not support oneOf, allOf, or anyOf at the top level');
    if (tools.some((t) => t.name === name)) throw plain('tools: Tool names must be unique.');
    tools.push({ name, schema });
  });
  return tools;
}

/** `tool_choice`: `auto`, `any`, `none`, or `{ type: 'tool', name }`; and `disable_parallel_tool_use`. */
export function readAnthropicToolChoice(value: unknown, tools: readonly ToolSpec[]): { choice: ToolChoice; parallel: boolean } {
  if (value === undefined || value === null) return { choice: { mode: tools.length > 0 ? 'auto' : 'none' }, parallel: true };
  if (!isPlainObject(value)) throw anthropicInvalid('tool_choice', 'Input should be a valid dictionary or object');
  const type = value['type'];
  const disable = value['disable_parallel_tool_use'];
  if (disable !== undefined && typeof disable !== 'boolean') throw anthropicInvalid(`tool_choice.${String(type)}.disable_parallel_tool_use`, 'Input should be a valid boolean');
  const parallel = disable !== true;
  switch (type) {
    case 'auto': return { choice: { mode: 'auto' }, parallel };
    case 'none': return { choice: { mode: 'none' }, parallel };
    case 'any': return { choice: { mode: 'required' }, parallel };
    case 'tool': {
      const name = value['name'];
      if (name === undefined) throw anthropicInvalid('tool_choice.tool.name', 'Field required');
      if (typeof name !== 'string') throw anthropicInvalid('tool_choice.tool.name', 'Input should be a valid string');
      if (!tools.some((t) => t.name === name)) throw plain(`tool_choice: Tool '${name}' not found in tools.`);
      return { choice: { mode: 'named', name }, parallel };
    }
    default:
      throw anthropicInvalid('tool_choice', "Input tag found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
  }
}

/** The thinking configuration: `enabled` (with its budget), `adaptive`, or off. */
export interface ThinkingConfig {
  readonly budget: number;
  readonly omitted: boolean;
}

/**
 * `thinking`: `{ type: 'enabled', budget_tokens }` (at least 1024 and below `max_tokens`), `{ type: 'adaptive' }`,
 * `{ type: 'disabled' }`; `display: 'omitted'` leaves the text out. Thinking allows `temperature` 1 only, and no
 * forced tool use.
 */
export function readThinking(value: unknown, maxTokens: number, temperature: number | undefined, choice: ToolChoice): ThinkingConfig | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw anthropicInvalid('thinking', 'Input should be a valid dictionary or object');
  const type = value['type'];
  if (type === 'disabled') return undefined;
  if (type !== 'enabled' && type !== 'adaptive') {
    throw anthropicInvalid('thinking', "Input tag found using 'type' does not match any of the expected tags: 'adaptive', 'disabled', 'enabled'");
  }
  const display = value['display'];
  if (display !== undefined && display !== null && display !== 'summarized' && display !== 'omitted') {
    throw anthropicInvalid(`thinking.${type}.display`, "Input should be 'summarized' or 'omitted'");
  }
  let budget = maxTokens - 1;
  if (type === 'enabled') {
    const raw = value['budget_tokens'];
    if (raw === undefined) throw anthropicInvalid('thinking.enabled.budget_tokens', 'Field required');
    if (typeof raw !== 'number' || !Number.isInteger(raw)) throw anthropicInvalid('thinking.enabled.budget_tokens', 'Input should be a valid integer');
    if (raw < 1024) throw anthropicInvalid('thinking.enabled.budget_tokens', 'Input should be greater than or equal to 1024');
    if (raw >= maxTokens) throw plain(`\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${DOCS}#max-tokens-and-context-window-size`);
    budget = raw;
  }
  if (temperature !== undefined && temperature !== 1) {
    throw plain(`\`temperature\` may only be set to 1 when thinking is enabled. Please consult our documentation at ${DOCS}#important-considerations-when-using-extended-thinking`);
  }
  if (choice.mode === 'required' || choice.mode === 'named') throw plain('Thinking may not be enabled when tool_choice forces tool use.');
  return { budget, omitted: display === 'omitted' };
}

/** Structured outputs: `output_config.format` (`{ type: 'json_schema', schema }`), or the older `output_format`. */
export function readOutputFormat(body: Record<string, unknown>): OutputFormat | undefined {
  const config = body['output_config'];
  let format: unknown;
  let at = 'output_format';
  if (config !== undefined && config !== null) {
    if (!isPlainObject(config)) throw anthropicInvalid('output_config', 'Input should be a valid dictionary or object');
    format = config['format'];
    at = 'output_config.format';
  } else {
    format = body['output_format'];
  }
  if (format === undefined || format === null) return undefined;
  if (!isPlainObject(format)) throw anthropicInvalid(at, 'Input should be a valid dictionary or object');
  if (format['type'] !== 'json_schema') throw anthropicInvalid(`${at}.type`, "Input should be 'json_schema'");
  const schema = format['schema'];
  if (schema === undefined) throw anthropicInvalid(`${at}.schema`, 'Field required');
  if (!isPlainObject(schema)) throw anthropicInvalid(`${at}.schema`, 'Input should be a valid dictionary');
  return { kind: 'json-schema', schema };
}
