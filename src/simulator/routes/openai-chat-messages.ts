// OpenAI chat `messages`: text and image parts, assistant `tool_calls` and `tool` results, validated as the
// real API does (including that every tool call is answered by a tool message right after it, and that every
// tool message answers one).
import { IMAGE_MEDIA_TYPES, decodeBase64, imageFromBytes, httpUrl, imageFromUrl, sniffImage } from '../turn/image-info.js';
import type { ImageInfo, ToolResult } from '../turn/turn-request.js';
import { invalidType, invalidValue, missingParameter, openaiBadRequest, optionalObject, unsupportedValue } from './openai-validation.js';
import { isPlainObject } from '../../core/validate.js';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
const DETAILS = ['auto', 'low', 'high'];
const UNSUPPORTED_IMAGE = "You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].";

/** One message, as the seed and the planner see it. */
export interface ChatMessage {
  readonly role: string;
  readonly text: string;
  readonly images: readonly ImageInfo[];
  /** Assistant tool calls: ids and names. */
  readonly toolCalls: readonly { readonly id: string; readonly name: string; readonly arguments: string }[];
  /** A tool message: the call it answers. */
  readonly toolCallId: string | undefined;
}

function readImage(part: Record<string, unknown>, at: string): ImageInfo {
  const image = optionalObject(part, 'image_url', `${at}.image_url`);
  if (image === undefined) throw missingParameter(`${at}.image_url`);
  const url = image['url'];
  if (url === undefined || url === null) throw missingParameter(`${at}.image_url.url`);
  if (typeof url !== 'string') throw invalidType(`${at}.image_url.url`, 'a string', url);
  const detail = image['detail'];
  if (detail !== undefined && detail !== null && (typeof detail !== 'string' || !DETAILS.includes(detail))) {
    throw unsupportedValue(`${at}.image_url.detail`, detail, DETAILS);
  }
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data !== null) {
    const bytes = decodeBase64(data[2]!);
    const sniffed = bytes === undefined ? undefined : sniffImage(bytes);
    if (IMAGE_MEDIA_TYPES[data[1]!.toLowerCase()] === undefined || bytes === undefined || sniffed === undefined) {
      throw openaiBadRequest(UNSUPPORTED_IMAGE, null, 'invalid_image_format');
    }
    return imageFromBytes(bytes, sniffed, 'openai', detail as string | undefined);
  }
  const parsed = httpUrl(url);
  if (parsed === undefined) {
    throw invalidValue(`${at}.image_url.url`, 'Expected a valid URL or a base64-encoded data URL with an image MIME type (e.g. \'data:image/png;base64,...\').');
  }
  return imageFromUrl(parsed, 'openai', detail as string | undefined);
}

/** The text and images of a `content` value (a string, or an array of parts). */
function readContent(content: unknown, role: string, at: string): { text: string; images: ImageInfo[] } {
  if (typeof content === 'string') return { text: content, images: [] };
  if (!Array.isArray(content)) throw invalidType(`${at}.content`, 'one of a string or array of objects', content);
  const images: ImageInfo[] = [];
  const texts = content.map((part: unknown, j) => {
    const partAt = `${at}.content[${j}]`;
    if (!isPlainObject(part) || typeof part['type'] !== 'string') throw invalidType(partAt, 'an object with a string type', part);
    if (part['type'] === 'text') {
      if (typeof part['text'] !== 'string') throw invalidType(`${partAt}.text`, 'a string', part['text']);
      return part['text'];
    }
    if (part['type'] === 'image_url') {
      if (role !== 'user') {
        throw openaiBadRequest(`Image URLs are only allowed for messages with role 'user', but this message with role '${role}' contains an image URL.`, `${partAt}.type`, 'invalid_value');
      }
      images.push(readImage(part, partAt));
    }
    return '';
  });
  return { text: texts.join(''), images };
}

function readToolCalls(raw: unknown, at: string): ChatMessage['toolCalls'] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidType(`${at}.tool_calls`, 'an array', raw);
  return raw.map((call: unknown, k) => {
    const callAt = `${at}.tool_calls[${k}]`;
    if (!isPlainObject(call)) throw invalidType(callAt, 'an object', call);
    if (call['id'] === undefined || call['id'] === null) throw missingParameter(`${callAt}.id`);
    if (typeof call['id'] !== 'string') throw invalidType(`${callAt}.id`, 'a string', call['id']);
    if (call['type'] === undefined) throw missingParameter(`${callAt}.type`);
    if (call['type'] !== 'function') throw unsupportedValue(`${callAt}.type`, call['type'], ['function', 'custom']);
    const fn = optionalObject(call, 'function', `${callAt}.function`);
    if (fn === undefined) throw missingParameter(`${callAt}.function`);
    for (const key of ['name', 'arguments']) {
      if (fn[key] === undefined || fn[key] === null) throw missingParameter(`${callAt}.function.${key}`);
      if (typeof fn[key] !== 'string') throw invalidType(`${callAt}.function.${key}`, 'a string', fn[key]);
    }
    return { id: call['id'], name: fn['name'] as string, arguments: fn['arguments'] as string };
  });
}

function readMessage(message: unknown, i: number): ChatMessage {
  const at = `messages[${i}]`;
  if (!isPlainObject(message)) throw invalidType(at, 'an object', message);
  const { role, content } = message;
  if (role === undefined) throw missingParameter(`${at}.role`);
  if (typeof role !== 'string' || !ROLES.includes(role)) {
    throw invalidValue(`${at}.role`, `${JSON.stringify(role)} is not one of ${ROLES.map((r) => `'${r}'`).join(', ')}.`);
  }
  const toolCalls = role === 'assistant' ? readToolCalls(message['tool_calls'], at) : [];
  let toolCallId: string | undefined;
  if (role === 'tool') {
    const id = message['tool_call_id'];
    if (id === undefined || id === null) throw missingParameter(`${at}.tool_call_id`);
    if (typeof id !== 'string') throw invalidType(`${at}.tool_call_id`, 'a string', id);
    toolCallId = id;
  }
  if ((content === undefined || content === null) && role === 'assistant') return { role, text: '', images: [], toolCalls, toolCallId };
  if (content === undefined) throw missingParameter(`${at}.content`);
  return { role, ...readContent(content, role, at), toolCalls, toolCallId };
}

const UNANSWERED = "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ";

/** Every assistant `tool_calls` message is followed by one tool message per call, and every tool message answers one. */
function checkToolPairs(messages: readonly ChatMessage[]): void {
  let pending: Map<string, string> | undefined;
  messages.forEach((m, i) => {
    if (m.role === 'tool') {
      if (pending === undefined || !pending.has(m.toolCallId!)) {
        throw openaiBadRequest("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${i}].role`);
      }
      pending.delete(m.toolCallId!);
      return;
    }
    if (pending !== undefined && pending.size > 0) throw openaiBadRequest(`${UNANSWERED}${[...pending.keys()].join(', ')}`, `messages.[${i}].role`);
    pending = m.toolCalls.length > 0 ? new Map(m.toolCalls.map((c) => [c.id, c.name])) : undefined;
  });
  if (pending !== undefined && pending.size > 0) throw openaiBadRequest(`${UNANSWERED}${[...pending.keys()].join(', ')}`, `messages.[${messages.length - 1}].role`);
}

/** The messages of a chat body, validated; and the tool results it ends with (the turn answers them). */
export function readChatMessages(raw: unknown): { messages: ChatMessage[]; toolResults: ToolResult[] } {
  if (raw === undefined) throw missingParameter('messages');
  if (!Array.isArray(raw)) throw invalidType('messages', 'an array', raw);
  if (raw.length === 0) throw invalidValue('messages', 'empty array. Expected an array with minimum length 1, but got an empty array instead.');
  const messages = raw.map(readMessage);
  checkToolPairs(messages);
  const names = new Map(messages.flatMap((m) => m.toolCalls.map((c) => [c.id, c.name] as const)));
  const toolResults: ToolResult[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]!.role === 'tool'; i--) {
    const m = messages[i]!;
    toolResults.unshift({ name: names.get(m.toolCallId!) ?? 'tool', content: m.text, isError: false });
  }
  return { messages, toolResults };
}

/** A message as it enters the reply seed: role and text, plus tool calls, tool call id and images when present. */
export function seedView(m: ChatMessage): Record<string, unknown> {
  const view: Record<string, unknown> = { role: m.role, text: m.text };
  if (m.toolCalls.length > 0) view['toolCalls'] = m.toolCalls;
  if (m.toolCallId !== undefined) view['toolCallId'] = m.toolCallId;
  if (m.images.length > 0) view['images'] = m.images;
  return view;
}
