// The settings that let a model call tools and reason: their types and their one check.
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from './known-keys.js';
import { describe, isPlainObject } from './validate.js';

/**
 * A tool the model may call: a name, what it does, and the JSON Schema of its input (an object schema).
 * `tool()` builds one from a zod schema; this plain form is what providers send.
 *
 * @example
 * const weather: ToolDefinition = {
 *   name: 'get_weather',
 *   description: 'The weather in a city now',
 *   inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 * };
 */
export interface ToolDefinition {
  /** 1–64 letters, digits, `_` or `-` (what both APIs accept). */
  readonly name: string;
  /** What the tool does, for the model. @default none */
  readonly description?: string;
  /** A JSON Schema object describing the input (`{ type: 'object', properties, required }`). */
  readonly inputSchema: Readonly<Record<string, unknown>>;
}

/**
 * Whether and which tool the model must call: `'auto'` (it decides), `'none'` (no tool), `'required'`
 * (at least one), or `{ toolName }` (that one).
 */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly toolName: string };

/** How much the model may reason before it answers (reasoning models). */
export interface ReasoningSettings {
  /** OpenAI `reasoning_effort`; for Anthropic it picks a budget (1024 / 2048 / 8192 / 24576 tokens). @default provider default */
  readonly effort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Anthropic `thinking.budget_tokens` (at least 1024, less than `maxTokens`). @default from `effort`, else 4096 */
  readonly budgetTokens?: number;
}

/**
 * The shape the answer must have: any JSON object (`json`: OpenAI JSON mode; elsewhere the prompt asks), or
 * JSON valid against a schema (`json-schema`: OpenAI structured outputs, Anthropic `output_config.format`).
 * `generateObject` / `withSchema` set it for you.
 */
export type ResponseFormat =
  | { readonly type: 'json' }
  | {
      readonly type: 'json-schema';
      readonly schema: Readonly<Record<string, unknown>>;
      /** The schema's name (OpenAI requires one). @default 'response' */
      readonly name?: string;
      readonly description?: string;
      /** OpenAI strict mode. @default true when the schema allows it (every object closed, every property required) */
      readonly strict?: boolean;
    };

const TOOL_NAMES: KnownKeys<ToolDefinition> = { name: true, description: true, inputSchema: true };
const REASONING_NAMES: KnownKeys<ReasoningSettings> = { effort: true, budgetTokens: true };
const EFFORTS: ReadonlySet<unknown> = new Set(['minimal', 'low', 'medium', 'high']);
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks `tools`, `toolChoice`, `reasoning` and `responseFormat` of a settings object, naming each under `prefix`. */
export function checkToolSettings(value: { tools?: unknown; toolChoice?: unknown; reasoning?: unknown; responseFormat?: unknown }, prefix: string): void {
  const { tools, toolChoice, reasoning, responseFormat } = value;
  if (responseFormat !== undefined) checkResponseFormat(responseFormat, `${prefix}responseFormat`);
  const names = new Set<string>();
  if (tools !== undefined) {
    if (!Array.isArray(tools)) throw new InvalidArgumentError(`${prefix}tools`, `must be an array of { name, description?, inputSchema }, got ${describe(tools)}`);
    tools.forEach((t: unknown, i) => names.add(checkTool(t, `${prefix}tools[${i}]`, names)));
  }
  if (toolChoice !== undefined) checkToolChoice(toolChoice, `${prefix}toolChoice`, tools === undefined ? undefined : names);
  if (reasoning !== undefined) {
    const at = `${prefix}reasoning`;
    if (!isPlainObject(reasoning)) throw new InvalidArgumentError(at, `must be an object { effort?, budgetTokens? }, got ${describe(reasoning)}`);
    checkKnownKeys(at, reasoning, REASONING_NAMES);
    if (reasoning.effort !== undefined && !EFFORTS.has(reasoning.effort)) {
      throw new InvalidArgumentError(`${at}.effort`, `must be "minimal", "low", "medium" or "high", got ${describe(reasoning.effort)}`);
    }
    const budget = reasoning.budgetTokens;
    if (budget !== undefined && !(typeof budget === 'number' && Number.isInteger(budget) && budget >= 1024)) {
      throw new InvalidArgumentError(`${at}.budgetTokens`, `must be an integer >= 1024, got ${typeof budget === 'number' ? budget : describe(budget)}`);
    }
  }
}

function checkTool(t: unknown, at: string, seen: ReadonlySet<string>): string {
  if (!isPlainObject(t)) throw new InvalidArgumentError(at, `must be a { name, description?, inputSchema } tool, got ${describe(t)}`);
  checkKnownKeys(at, t, TOOL_NAMES);
  const { name, description, inputSchema } = t;
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw new InvalidArgumentError(`${at}.name`, `must be 1-64 letters, digits, "_" or "-", got ${typeof name === 'string' ? JSON.stringify(name) : describe(name)}`);
  }
  if (seen.has(name)) throw new InvalidArgumentError(`${at}.name`, `"${name}" names another tool too: tool names must be unique`);
  if (description !== undefined && typeof description !== 'string') throw new InvalidArgumentError(`${at}.description`, `must be a string, got ${describe(description)}`);
  if (!isPlainObject(inputSchema)) throw new InvalidArgumentError(`${at}.inputSchema`, `must be a JSON Schema object, got ${describe(inputSchema)}`);
  return name;
}

function checkToolChoice(choice: unknown, at: string, names: ReadonlySet<string> | undefined): void {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return;
  if (!isPlainObject(choice) || typeof choice.toolName !== 'string') {
    throw new InvalidArgumentError(at, `must be "auto", "none", "required" or { toolName }, got ${typeof choice === 'string' ? JSON.stringify(choice) : describe(choice)}`);
  }
  checkKnownKeys(at, choice, { toolName: true });
  if (names !== undefined && !names.has(choice.toolName)) {
    throw new InvalidArgumentError(`${at}.toolName`, `"${choice.toolName}" is not one of the tools given`);
  }
}

function checkResponseFormat(format: unknown, at: string): void {
  if (!isPlainObject(format) || (format.type !== 'json' && format.type !== 'json-schema')) {
    throw new InvalidArgumentError(at, `must be { type: 'json' } or { type: 'json-schema', schema }, got ${describe(format)}`);
  }
  if (format.type === 'json') return checkKnownKeys(at, format, { type: true });
  checkKnownKeys(at, format, { type: true, schema: true, name: true, description: true, strict: true });
  if (!isPlainObject(format.schema)) throw new InvalidArgumentError(`${at}.schema`, `must be a JSON Schema object, got ${describe(format.schema)}`);
  if (format.name !== undefined && (typeof format.name !== 'string' || !TOOL_NAME.test(format.name))) {
    throw new InvalidArgumentError(`${at}.name`, 'must be 1-64 letters, digits, "_" or "-"');
  }
  if (format.description !== undefined && typeof format.description !== 'string') throw new InvalidArgumentError(`${at}.description`, `must be a string, got ${describe(format.description)}`);
  if (format.strict !== undefined && typeof format.strict !== 'boolean') throw new InvalidArgumentError(`${at}.strict`, `must be a boolean, got ${describe(format.strict)}`);
}
