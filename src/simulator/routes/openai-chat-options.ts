// The OpenAI chat options that shape a turn: `tools`, `tool_choice`, `parallel_tool_calls`,
// `response_format` and reasoning (`reasoning_effort`, reasoning models), validated as the real API does.
import type { OutputFormat, ToolChoice, ToolSpec } from '../turn/turn-request.js';
import {
  invalidType, missingParameter, openaiBadRequest, optionalBoolean, optionalObject, readName, unsupportedValue,
} from './openai-validation.js';
import { strictSchemaProblem } from './openai-strict-schema.js';
import { isPlainObject } from '../../core/validate.js';

const MAX_TOOLS = 128;
const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
/** Models that reason by default (hidden reasoning tokens at `medium` effort). */
const REASONING_MODEL = /^(o\d|gpt-5)/i;

function readTool(raw: unknown, i: number): ToolSpec {
  const at = `tools[${i}]`;
  if (!isPlainObject(raw)) throw invalidType(at, 'an object', raw);
  const type = raw['type'];
  if (type === undefined) throw missingParameter(`${at}.type`);
  if (type === 'custom') throw openaiBadRequest(`Invalid value for '${at}.type': the simulator supports 'function' tools only.`, `${at}.type`, 'invalid_value');
  if (type !== 'function') throw unsupportedValue(`${at}.type`, type, ['function', 'custom']);
  const fn = optionalObject(raw, 'function', `${at}.function`);
  if (fn === undefined) throw missingParameter(`${at}.function`);
  const name = readName(fn, `${at}.function.name`);
  if (fn['description'] !== undefined && fn['description'] !== null && typeof fn['description'] !== 'string') {
    throw invalidType(`${at}.function.description`, 'a string', fn['description']);
  }
  const parameters = optionalObject(fn, 'parameters', `${at}.function.parameters`);
  const param = `${at}.function.parameters`;
  if (parameters !== undefined && parameters['type'] !== undefined && parameters['type'] !== 'object') {
    throw openaiBadRequest(
      `Invalid schema for function '${name}': schema must be a JSON Schema of 'type: "object"', got 'type: ${JSON.stringify(parameters['type'])}'.`,
      param, 'invalid_function_parameters',
    );
  }
  if (optionalBoolean(fn, 'strict', `${at}.function.strict`) === true) {
    const problem = strictSchemaProblem(parameters ?? { type: 'object', properties: {} });
    if (problem !== undefined) throw openaiBadRequest(`Invalid schema for function '${name}': ${problem}`, param, 'invalid_function_parameters');
  }
  return { name, schema: parameters };
}

/** `tools`: function tools only (custom tools are not simulated). */
export function readTools(body: Record<string, unknown>): ToolSpec[] {
  const tools = body['tools'];
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) throw invalidType('tools', 'an array', tools);
  if (tools.length === 0) {
    throw openaiBadRequest("Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'tools', 'empty_array');
  }
  if (tools.length > MAX_TOOLS) {
    throw openaiBadRequest(`Invalid 'tools': array too long. Expected an array with maximum length ${MAX_TOOLS}, but got an array with length ${tools.length} instead.`, 'tools', 'array_above_max_length');
  }
  return tools.map(readTool);
}

function onlyWithTools(key: string): never {
  throw openaiBadRequest(`Invalid value for '${key}': '${key}' is only allowed when 'tools' are specified.`, key);
}

function namedChoice(tools: readonly ToolSpec[], name: unknown): ToolChoice {
  if (typeof name !== 'string' || !tools.some((t) => t.name === name)) {
    throw openaiBadRequest("Tool choice 'function' not found in 'tools' parameter.", 'tool_choice');
  }
  return { mode: 'named', name };
}

/**
 * `tool_choice` (`none`, `auto`, `required`, `{ type: 'function', function: { name } }`, or
 * `{ type: 'allowed_tools', allowed_tools: { mode, tools } }`, which narrows `tools`) and `parallel_tool_calls`.
 */
export function readToolChoice(body: Record<string, unknown>, tools: ToolSpec[]): { choice: ToolChoice; tools: ToolSpec[]; parallel: boolean } {
  const raw = body['tool_choice'];
  const parallel = optionalBoolean(body, 'parallel_tool_calls');
  if (tools.length === 0) {
    if (raw !== undefined && raw !== null) onlyWithTools('tool_choice');
    if (parallel !== undefined) onlyWithTools('parallel_tool_calls');
    return { choice: { mode: 'none' }, tools, parallel: true };
  }
  const result = (choice: ToolChoice, narrowed = tools): { choice: ToolChoice; tools: ToolSpec[]; parallel: boolean } =>
    ({ choice, tools: narrowed, parallel: parallel ?? true });
  if (raw === undefined || raw === null || raw === 'auto') return result({ mode: 'auto' });
  if (raw === 'none' || raw === 'required') return result({ mode: raw });
  if (typeof raw === 'string') throw unsupportedValue('tool_choice', raw, ['none', 'auto', 'required']);
  if (!isPlainObject(raw)) throw invalidType('tool_choice', 'one of a string or object', raw);
  if (raw['type'] === 'function') {
    const fn = optionalObject(raw, 'function', 'tool_choice.function');
    if (fn === undefined) throw missingParameter('tool_choice.function');
    return result(namedChoice(tools, fn['name']));
  }
  if (raw['type'] === 'allowed_tools') {
    const allowed = optionalObject(raw, 'allowed_tools', 'tool_choice.allowed_tools');
    if (allowed === undefined) throw missingParameter('tool_choice.allowed_tools');
    const mode = allowed['mode'];
    if (mode !== 'auto' && mode !== 'required') throw unsupportedValue('tool_choice.allowed_tools.mode', mode, ['auto', 'required']);
    const list = allowed['tools'];
    if (!Array.isArray(list)) throw invalidType('tool_choice.allowed_tools.tools', 'an array', list);
    const names = list.map((t) => (isPlainObject(t) && isPlainObject(t['function']) ? t['function']['name'] : undefined));
    for (const name of names) namedChoice(tools, name);
    return result({ mode }, tools.filter((t) => names.includes(t.name)));
  }
  throw unsupportedValue('tool_choice.type', raw['type'], ['function', 'allowed_tools', 'custom']);
}

/** `response_format`: text (nothing), `json_object` (the messages must say "json"), or `json_schema`. */
export function readResponseFormat(body: Record<string, unknown>, conversationText: string): OutputFormat | undefined {
  const format = optionalObject(body, 'response_format');
  if (format === undefined) return undefined;
  const type = format['type'];
  if (type === undefined) throw missingParameter('response_format.type');
  if (type === 'text') return undefined;
  if (type === 'json_object') {
    if (!/json/i.test(conversationText)) {
      throw openaiBadRequest("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages');
    }
    return { kind: 'json-object' };
  }
  if (type !== 'json_schema') throw unsupportedValue('response_format.type', type, ['json_object', 'json_schema', 'text']);
  const spec = optionalObject(format, 'json_schema', 'response_format.json_schema');
  if (spec === undefined) throw missingParameter('response_format.json_schema');
  const name = readName(spec, 'response_format.json_schema.name');
  const schema = optionalObject(spec, 'schema', 'response_format.json_schema.schema') ?? { type: 'object' };
  if (optionalBoolean(spec, 'strict', 'response_format.json_schema.strict') === true) {
    const problem = strictSchemaProblem(schema);
    if (problem !== undefined) throw openaiBadRequest(`Invalid schema for response_format '${name}': ${problem}`, 'response_format', 'invalid_json_schema');
  }
  return { kind: 'json-schema', schema };
}

/** The hidden reasoning effort: `reasoning_effort`, else `medium` for reasoning models (o1, o3, o4, gpt-5...). */
export function readReasoningEffort(body: Record<string, unknown>, model: string): string | undefined {
  const effort = body['reasoning_effort'];
  if (effort === undefined || effort === null) return REASONING_MODEL.test(model) ? 'medium' : undefined;
  if (typeof effort !== 'string' || !EFFORTS.includes(effort)) throw unsupportedValue('reasoning_effort', effort, EFFORTS);
  return effort;
}
