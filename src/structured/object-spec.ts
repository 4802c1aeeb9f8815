// How an object is asked for in each mode, and how it is read back from a Generation: the one place that
// knows the three modes.
import type { CallOptions } from '../core/call-settings.js';
import type { Generation } from '../core/generation.js';
import type { Message } from '../core/prompt.js';
import { InvalidOutputError } from '../errors/invalid-output-error.js';
import type { JsonSchema } from './schema.js';

/**
 * How the object is asked for:
 * - `native`: the provider's structured outputs (OpenAI `response_format` json_schema, strict where the schema
 *   allows; Anthropic `output_config.format`): the answer's text is the JSON;
 * - `tool`: a forced call of one tool whose input is the object (streamed from the tool-call deltas);
 * - `json`: JSON mode (OpenAI `json_object`) and the schema in the instructions, for servers without schema support.
 */
export type ObjectMode = 'native' | 'tool' | 'json';

/** What asking for one object needs. */
export interface ObjectSpec {
  readonly jsonSchema: JsonSchema;
  /** The schema's (or the tool's) name. */
  readonly name: string;
  readonly description?: string;
  readonly mode: ObjectMode;
}

/** The default mode of a model: `native` for OpenAI chat and Anthropic, else `json` (any server understands instructions). */
export function defaultObjectMode(provider: string): ObjectMode {
  return provider === 'openai.chat' || provider === 'anthropic.messages' ? 'native' : 'json';
}

/** The call options of an object request: the caller's, plus the response format or the forced tool. */
export function objectCallOptions(spec: ObjectSpec, callOptions: CallOptions | undefined): CallOptions {
  const base = callOptions ?? {};
  const describe = spec.description !== undefined ? { description: spec.description } : {};
  switch (spec.mode) {
    case 'native':
      return { ...base, responseFormat: { type: 'json-schema', schema: spec.jsonSchema, name: spec.name, ...describe } };
    case 'json':
      return { ...base, responseFormat: { type: 'json' } };
    case 'tool':
      return { ...base, tools: [{ name: spec.name, ...describe, inputSchema: spec.jsonSchema }], toolChoice: { toolName: spec.name } };
  }
}

/** The messages of an object request: in `json` mode, the schema goes in a system message first (the mode's only guide). */
export function objectMessages(spec: ObjectSpec, messages: readonly Message[]): readonly Message[] {
  if (spec.mode !== 'json') return messages;
  const instructions = `Answer with one JSON object and nothing else (no prose, no code fences). It must match this JSON Schema:\n${JSON.stringify(spec.jsonSchema)}`;
  return [{ role: 'system', content: instructions }, ...messages];
}

/**
 * The JSON text of the object in a Generation: the text (code fences stripped) in `native` and `json`
 * modes, the forced tool's raw input in `tool` mode. A refusal, an answer cut by the token limit or a
 * missing tool call is an `InvalidOutputError`.
 */
export function objectText(g: Generation, spec: ObjectSpec): string {
  if (g.refusal !== undefined) throw invalidOutput(g, g.refusal, [`the model refused: ${g.refusal || '(no reason given)'}`], 'refusal');
  let text: string;
  if (spec.mode === 'tool') {
    const call = g.toolCalls.find((c) => c.toolName === spec.name);
    if (call === undefined) throw invalidOutput(g, g.text, [`the model did not call the ${spec.name} tool`], 'missing_tool_call');
    text = call.rawInput;
  } else {
    text = stripFences(g.text);
  }
  if (g.finishReason === 'length') throw invalidOutput(g, text, ['the output was cut by the token limit (raise maxTokens)'], 'output_cut');
  return text;
}

/** JSON text as a value, or an `InvalidOutputError` carrying the text and the parse error. */
export function parseObjectText(g: Generation, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidOutput(g, text, [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`], 'invalid_json');
  }
}

/** The invalid-output error of a generation: its text, issues, usage, provider and request id. */
export function invalidOutput(g: Generation, text: string, issues: readonly string[], code: string): InvalidOutputError {
  return new InvalidOutputError(`${g.provider}: the answer is not the object asked for: ${issues.join('; ')}`, {
    text,
    issues,
    code,
    provider: g.provider,
    ...(g.requestId !== undefined ? { requestId: g.requestId } : {}),
    ...(g.usage !== undefined ? { usage: g.usage } : {}),
  });
}

/** Text without a surrounding Markdown code fence (```json ... ```), which some models add in JSON mode. */
export function stripFences(text: string): string {
  const fenced = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n?\s*```\s*$/.exec(text);
  return fenced ? fenced[1]! : text;
}
