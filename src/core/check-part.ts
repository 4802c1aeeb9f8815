import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from './known-keys.js';
import type { ContentPart, ImagePart, ReasoningPart, RedactedReasoningPart, TextPart, ToolCallPart, ToolResultPart } from './content.js';
import { describe, isPlainObject } from './validate.js';

/** The members of each part type (any other is a misspelling, and an error). */
const MEMBERS: { readonly [T in ContentPart['type']]: KnownKeys<Extract<ContentPart, { type: T }>> } = {
  text: { type: true, text: true } satisfies KnownKeys<TextPart>,
  image: { type: true, image: true, mediaType: true } satisfies KnownKeys<ImagePart>,
  reasoning: { type: true, text: true, signature: true } satisfies KnownKeys<ReasoningPart>,
  'redacted-reasoning': { type: true, data: true } satisfies KnownKeys<RedactedReasoningPart>,
  'tool-call': { type: true, toolCallId: true, toolName: true, input: true } satisfies KnownKeys<ToolCallPart>,
  'tool-result': { type: true, toolCallId: true, toolName: true, output: true, isError: true } satisfies KnownKeys<ToolResultPart>,
};

/**
 * Throws `InvalidArgumentError` naming `at` (or the member at fault) unless `part` is a well-formed part of
 * one of the `allowed` types for a `role` message.
 */
export function checkPart(part: unknown, at: string, allowed: ReadonlySet<string>, role: string): void {
  if (!isPlainObject(part)) throw new InvalidArgumentError(at, `must be a { type, ... } part, got ${describe(part)}`);
  const type = part.type;
  if (typeof type !== 'string' || !allowed.has(type)) {
    const list = [...allowed].map((t) => `"${t}"`).join(', ');
    throw new InvalidArgumentError(`${at}.type`, `a ${role} message takes parts of type ${list}, got ${typeof type === 'string' ? JSON.stringify(type) : describe(type)}`);
  }
  checkKnownKeys(at, part, MEMBERS[type as ContentPart['type']]);
  const str = (key: string, { empty = true } = {}): void => {
    const v = part[key];
    if (typeof v !== 'string' || (!empty && v === '')) throw new InvalidArgumentError(`${at}.${key}`, `must be a ${empty ? '' : 'non-empty '}string, got ${describe(v)}`);
  };
  switch (type) {
    case 'text':
      return str('text');
    case 'image': {
      const { image, mediaType } = part;
      const isUrl = typeof image === 'string' && /^(https?:\/\/|data:)/i.test(image);
      if (!isUrl && !(image instanceof Uint8Array)) {
        throw new InvalidArgumentError(`${at}.image`, `must be an http(s) URL, a data: URL or a Uint8Array, got ${typeof image === 'string' ? 'another string' : describe(image)}`);
      }
      if (mediaType !== undefined) str('mediaType', { empty: false });
      return;
    }
    case 'reasoning':
      str('text');
      if (part.signature !== undefined) str('signature');
      return;
    case 'redacted-reasoning':
      return str('data', { empty: false });
    case 'tool-call':
      str('toolCallId', { empty: false });
      return str('toolName', { empty: false });
    case 'tool-result':
      str('toolCallId', { empty: false });
      str('toolName', { empty: false });
      if (part.isError !== undefined && typeof part.isError !== 'boolean') {
        throw new InvalidArgumentError(`${at}.isError`, `must be a boolean, got ${describe(part.isError)}`);
      }
      return;
  }
}
