// Anthropic `messages` with content blocks: text, image (base64 or URL), tool_use (assistant), tool_result
// (user), thinking and redacted_thinking (assistant), validated as the real API does, including that every
// tool_use is answered by a tool_result in the next message and every tool_result answers one.
import { IMAGE_MEDIA_TYPES, decodeBase64, imageFromBytes, httpUrl, imageFromUrl, sniffImage } from '../turn/image-info.js';
import type { ImageInfo, ToolResult } from '../turn/turn-request.js';
import { anthropicInvalid } from './anthropic-validation.js';
import { isPlainObject } from '../../core/validate.js';

/** A content block as the checks and the seed need it. */
export type AnthropicBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly image: ImageInfo }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: unknown }
  | { readonly type: 'tool_result'; readonly toolUseId: string; readonly content: string; readonly isError: boolean }
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string }
  | { readonly type: 'other'; readonly blockType: string };

/** One message of the conversation, its blocks validated. */
export interface AnthropicMessage {
  readonly role: 'user' | 'assistant';
  readonly blocks: readonly AnthropicBlock[];
  /** The text blocks joined. */
  readonly text: string;
}

const MEDIA_TYPES = "'image/jpeg', 'image/png', 'image/gif' or 'image/webp'";

function requireString(block: Record<string, unknown>, key: string, at: string): string {
  if (block[key] === undefined) throw anthropicInvalid(`${at}.${key}`, 'Field required');
  if (typeof block[key] !== 'string') throw anthropicInvalid(`${at}.${key}`, 'Input should be a valid string');
  return block[key];
}

function readImage(block: Record<string, unknown>, at: string): ImageInfo {
  const source = block['source'];
  if (source === undefined) throw anthropicInvalid(`${at}.image.source`, 'Field required');
  if (!isPlainObject(source)) throw anthropicInvalid(`${at}.image.source`, 'Input should be a valid dictionary or object');
  if (source['type'] === 'base64') {
    const base = `${at}.image.source.base64`;
    const mediaType = requireString(source, 'media_type', base);
    if (IMAGE_MEDIA_TYPES[mediaType] === undefined) throw anthropicInvalid(`${base}.media_type`, `Input should be ${MEDIA_TYPES}`);
    const bytes = decodeBase64(requireString(source, 'data', base));
    const sniffed = bytes === undefined ? undefined : sniffImage(bytes);
    if (bytes === undefined || sniffed === undefined) throw anthropicInvalid(base, 'Could not process image');
    if (sniffed.format !== IMAGE_MEDIA_TYPES[mediaType]) {
      throw anthropicInvalid(base, `The image was specified using the ${mediaType} media type, but the image appears to be a image/${sniffed.format.toLowerCase()} image`);
    }
    return imageFromBytes(bytes, sniffed, 'anthropic');
  }
  if (source['type'] === 'url') {
    const url = requireString(source, 'url', `${at}.image.source.url`);
    const parsed = httpUrl(url);
    if (parsed === undefined) {
      throw anthropicInvalid(`${at}.image.source.url.url`, 'Input should be a valid URL');
    }
    return imageFromUrl(parsed, 'anthropic');
  }
  if (source['type'] === 'file') return imageFromUrl(new URL('https://api.anthropic.com/v1/files'), 'anthropic');
  throw anthropicInvalid(`${at}.image.source`, "Input tag found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'");
}

/** The text of a tool_result's `content`: a string, or blocks (text joined; an image counts as "[image]"). */
function resultText(content: unknown, at: string): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw anthropicInvalid(`${at}.content`, 'Input should be a valid string or list');
  return content.map((b: unknown, k) => {
    if (!isPlainObject(b)) throw anthropicInvalid(`${at}.content.${k}`, 'Input should be a valid dictionary or object');
    if (b['type'] === 'text') return requireString(b, 'text', `${at}.content.${k}.text`);
    if (b['type'] === 'image') {
      readImage(b, `${at}.content.${k}`);
      return '[image]';
    }
    return '';
  }).join(' ');
}

function readBlock(block: unknown, role: 'user' | 'assistant', at: string): AnthropicBlock {
  if (!isPlainObject(block) || typeof block['type'] !== 'string') throw anthropicInvalid(at, 'Input should be a valid dictionary or object with a string type');
  const type = block['type'];
  const wrongRole = (): never => {
    throw anthropicInvalid(`${at}.type`, `\`${type}\` blocks are not allowed in \`${role}\` messages`);
  };
  switch (type) {
    case 'text': return { type, text: requireString(block, 'text', at) };
    case 'image': return { type, image: readImage(block, at) };
    case 'tool_use':
      if (role !== 'assistant') wrongRole();
      if (!isPlainObject(block['input'])) throw anthropicInvalid(`${at}.tool_use.input`, 'Input should be a valid dictionary');
      return { type, id: requireString(block, 'id', `${at}.tool_use`), name: requireString(block, 'name', `${at}.tool_use`), input: block['input'] };
    case 'tool_result':
      if (role !== 'user') wrongRole();
      if (block['is_error'] !== undefined && typeof block['is_error'] !== 'boolean') throw anthropicInvalid(`${at}.tool_result.is_error`, 'Input should be a valid boolean');
      return { type, toolUseId: requireString(block, 'tool_use_id', `${at}.tool_result`), content: resultText(block['content'], `${at}.tool_result`), isError: block['is_error'] === true };
    case 'thinking':
      if (role !== 'assistant') wrongRole();
      return { type, thinking: requireString(block, 'thinking', `${at}.thinking`), signature: requireString(block, 'signature', `${at}.thinking`) };
    case 'redacted_thinking':
      if (role !== 'assistant') wrongRole();
      return { type, data: requireString(block, 'data', `${at}.redacted_thinking`) };
    default:
      return { type: 'other', blockType: type };
  }
}

function readMessage(m: unknown, i: number): AnthropicMessage {
  if (!isPlainObject(m)) throw anthropicInvalid(`messages.${i}`, 'Input should be a valid dictionary');
  const { role, content } = m;
  if (role !== 'user' && role !== 'assistant') throw anthropicInvalid(`messages.${i}.role`, "Input should be 'user' or 'assistant'");
  if (content === undefined) throw anthropicInvalid(`messages.${i}.content`, 'Field required');
  if (typeof content === 'string') return { role, blocks: [{ type: 'text', text: content }], text: content };
  if (!Array.isArray(content)) throw anthropicInvalid(`messages.${i}.content`, 'Input should be a valid list');
  const blocks = content.map((b: unknown, j) => readBlock(b, role, `messages.${i}.content.${j}`));
  return { role, blocks, text: blocks.map((b) => (b.type === 'text' ? b.text : '')).join('') };
}

/** Every tool_use is answered by a tool_result in the next message; every tool_result answers one in the previous. */
function checkToolPairs(messages: readonly AnthropicMessage[]): void {
  messages.forEach((m, i) => {
    const previous = i > 0 ? messages[i - 1]! : undefined;
    const asked = new Set(previous?.role === 'assistant' ? previous.blocks.flatMap((b) => (b.type === 'tool_use' ? [b.id] : [])) : []);
    m.blocks.forEach((b, j) => {
      if (b.type === 'tool_result' && !asked.has(b.toolUseId)) {
        throw anthropicInvalid(`messages.${i}.content.${j}`, `unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${b.toolUseId}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
      }
    });
    if (m.role !== 'assistant') return;
    const next = messages[i + 1];
    const answered = new Set(next?.blocks.flatMap((b) => (b.type === 'tool_result' ? [b.toolUseId] : [])) ?? []);
    const missing = m.blocks.flatMap((b) => (b.type === 'tool_use' && !answered.has(b.id) ? [b.id] : []));
    if (missing.length > 0) {
      throw anthropicInvalid(`messages.${i}`, `\`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
    }
  });
}

/** The validated messages, and the tool results the conversation ends with (the turn answers them). */
export function readAnthropicConversation(value: unknown): { messages: AnthropicMessage[]; toolResults: ToolResult[] } {
  if (value === undefined) throw anthropicInvalid('messages', 'Field required');
  if (!Array.isArray(value)) throw anthropicInvalid('messages', 'Input should be a valid list');
  if (value.length === 0) throw anthropicInvalid('messages', 'at least one message is required');
  const messages = value.map(readMessage);
  checkToolPairs(messages);
  const last = messages.at(-1)!;
  const names = new Map(messages.flatMap((m) => m.blocks.flatMap((b) => (b.type === 'tool_use' ? [[b.id, b.name] as const] : []))));
  const toolResults = last.role !== 'user' ? [] : last.blocks.flatMap((b) =>
    b.type === 'tool_result' ? [{ name: names.get(b.toolUseId) ?? 'tool', content: b.content, isError: b.isError }] : []);
  return { messages, toolResults };
}

/** A message as it enters the reply seed: text-only messages as before ({ role, text }), others with their blocks. */
export function anthropicSeedView(m: AnthropicMessage): Record<string, unknown> {
  const plain = m.blocks.every((b) => b.type === 'text');
  return plain ? { role: m.role, text: m.text } : { role: m.role, text: m.text, blocks: m.blocks };
}
