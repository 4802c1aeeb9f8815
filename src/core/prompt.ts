import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { describe } from './validate.js';

/** A role in a chat conversation. */
export type ChatRole = 'system' | 'user' | 'assistant';

/** One message of a chat conversation. */
export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/**
 * What a model is asked: a plain string (sent as one user message to chat models, as the prompt to
 * completion models) or a list of chat messages.
 *
 * @example
 * model.generate('Hello, how are you?');
 * model.generate([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
 */
export type PromptInput = string | readonly ChatMessage[];

const ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant']);

/**
 * Checks a prompt and returns it as a list of messages. Throws `InvalidArgumentError` (naming `argName`)
 * for anything that is not a string or a non-empty list of `{ role, content }` messages with string content.
 * An empty string is allowed (the APIs accept it); `null`, numbers, objects and empty lists are not.
 */
export function normalizePrompt(input: unknown, argName = 'input'): ChatMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) {
    throw new InvalidArgumentError(argName, `must be a string or an array of chat messages, got ${describe(input)}`);
  }
  if (input.length === 0) throw new InvalidArgumentError(argName, 'must not be an empty array of messages');
  return input.map((m: unknown, i) => {
    if (typeof m !== 'object' || m === null) {
      throw new InvalidArgumentError(`${argName}[${i}]`, `must be a { role, content } message, got ${describe(m)}`);
    }
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (typeof role !== 'string' || !ROLES.has(role)) {
      throw new InvalidArgumentError(`${argName}[${i}].role`, `must be "system", "user" or "assistant", got ${describe(role)}`);
    }
    if (typeof content !== 'string') {
      throw new InvalidArgumentError(`${argName}[${i}].content`, `must be a string, got ${describe(content)}`);
    }
    return { role: role as ChatRole, content };
  });
}

/** The prompt as plain text, for completion models: message contents joined by blank lines. */
export function promptToText(input: PromptInput): string {
  return typeof input === 'string' ? input : input.map((m) => m.content).join('\n\n');
}
