import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { AssistantPart, ToolResultPart, UserPart } from './content.js';
import { checkPart } from './check-part.js';
import { describe, isPlainObject } from './validate.js';

/** A role in a conversation. */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** Instructions for the whole conversation (OpenAI `system` message, Anthropic `system` field). */
export interface SystemMessage {
  readonly role: 'system';
  readonly content: string;
}

/** What the user says: text, or parts (text and images). */
export interface UserMessage {
  readonly role: 'user';
  readonly content: string | readonly UserPart[];
}

/**
 * What the assistant answered: text, or its parts in order (text, reasoning, tool calls). A `Generation`'s
 * `message` is one, ready to append to the conversation.
 */
export interface AssistantMessage {
  readonly role: 'assistant';
  readonly content: string | readonly AssistantPart[];
}

/** The results of the tools the assistant called, in one message. */
export interface ToolMessage {
  readonly role: 'tool';
  readonly content: readonly ToolResultPart[];
}

/** One message of a conversation. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** One message of a conversation (the name rxllm used before messages had parts; the same type). */
export type ChatMessage = Message;

/**
 * What a model is asked: a plain string (sent as one user message to chat models, as the prompt to
 * completion models) or a list of messages, whose content is a string or a list of parts.
 *
 * @example
 * model.generate('Hello, how are you?');
 * model.generate([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
 * model.generate([{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', image: url }] }]);
 */
export type PromptInput = string | readonly Message[];

/** The parts each role may carry. */
const PARTS_OF: Readonly<Record<ChatRole, ReadonlySet<string> | undefined>> = {
  system: undefined,
  user: new Set(['text', 'image']),
  assistant: new Set(['text', 'reasoning', 'redacted-reasoning', 'tool-call']),
  tool: new Set(['tool-result']),
};

/**
 * Checks a prompt and returns it as a list of messages. Throws `InvalidArgumentError` naming the exact place
 * (`input[2].content[0].toolCallId`) for anything else: not a string nor a non-empty list of messages, an
 * unknown role, content of the wrong kind for its role (a system message takes a string; a tool message a
 * list of tool results), a part that is malformed. An empty string is allowed (the APIs accept it).
 */
export function normalizePrompt(input: unknown, argName = 'input'): Message[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) {
    throw new InvalidArgumentError(argName, `must be a string or an array of chat messages, got ${describe(input)}`);
  }
  if (input.length === 0) throw new InvalidArgumentError(argName, 'must not be an empty array of messages');
  return input.map((m: unknown, i) => checkMessage(m, `${argName}[${i}]`));
}

function checkMessage(m: unknown, at: string): Message {
  if (!isPlainObject(m)) throw new InvalidArgumentError(at, `must be a { role, content } message, got ${describe(m)}`);
  const { role, content } = m;
  if (typeof role !== 'string' || !Object.prototype.hasOwnProperty.call(PARTS_OF, role)) {
    throw new InvalidArgumentError(`${at}.role`, `must be "system", "user", "assistant" or "tool", got ${describe(role)}`);
  }
  const allowed = PARTS_OF[role as ChatRole];
  if (typeof content === 'string' && role !== 'tool') return m as unknown as Message;
  if (allowed === undefined) throw new InvalidArgumentError(`${at}.content`, `must be a string, got ${describe(content)}`);
  if (!Array.isArray(content) || content.length === 0) {
    const expected = role === 'tool' ? 'a non-empty array of tool-result parts' : 'a string or a non-empty array of parts';
    throw new InvalidArgumentError(`${at}.content`, `must be ${expected}, got ${Array.isArray(content) ? 'an empty array' : describe(content)}`);
  }
  content.forEach((part: unknown, j) => checkPart(part, `${at}.content[${j}]`, allowed, role));
  return m as unknown as Message;
}

/**
 * The text of a message for token estimates: its text and reasoning, and the JSON of tool inputs and
 * outputs (images count as nothing here).
 */
export function messageText(message: Message): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  return content.map(partText).join('\n');
}

function partText(part: UserPart | AssistantPart | ToolResultPart): string {
  switch (part.type) {
    case 'text':
    case 'reasoning':
      return part.text;
    case 'tool-call':
      return `${part.toolName} ${jsonText(part.input)}`;
    case 'tool-result':
      return jsonText(part.output);
    default:
      return '';
  }
}

/** The text of a whole prompt (each message's `messageText`, joined by blank lines): for estimates and echoes. */
export function inputText(input: PromptInput): string {
  return typeof input === 'string' ? input : input.map(messageText).join('\n\n');
}

/** A tool input or output as text: a string as it is, anything else as JSON. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

/**
 * The prompt as plain text, for completion models: the text of each message, joined by blank lines. Throws
 * `InvalidArgumentError` naming the part for anything that is not text (an image, a tool call or result, reasoning).
 */
export function promptToText(input: PromptInput, argName = 'input'): string {
  if (typeof input === 'string') return input;
  return input
    .map((m, i) => {
      if (typeof m.content === 'string') return m.content;
      return m.content
        .map((part, j) => {
          if (part.type !== 'text') {
            throw new InvalidArgumentError(`${argName}[${i}].content[${j}]`, `a ${part.type} part cannot be sent as plain text (a completion model takes text only)`);
          }
          return part.text;
        })
        .join('');
    })
    .join('\n\n');
}
