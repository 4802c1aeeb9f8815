import { randomBytes } from 'node:crypto';
import { hashString, seededRandom } from './seeded-random.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` random base-62 characters. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

/** Response ids in each route's real format. */
export const newId = {
  chat: (): string => `chatcmpl-${randomBase62(29)}`,
  completion: (): string => `cmpl-${randomBase62(29)}`,
  message: (): string => `msg_01${randomBase62(22)}`,
  openaiRequest: (): string => `req_${randomBytes(16).toString('hex')}`,
  anthropicRequest: (): string => `req_01${randomBase62(22)}`,
};

/** `length` base-62 characters drawn from `seed`: the same seed always gives the same string. */
export function seededBase62(seed: string, length: number): string {
  const random = seededRandom(hashString(seed));
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[Math.floor(random() * 62)];
  return out;
}

/** Tool-call ids in each provider's format, seeded by the request (the same request gets the same ids). */
export const toolCallId = {
  openai: (seed: string): string => `call_${seededBase62(seed, 24)}`,
  anthropic: (seed: string): string => `toolu_01${seededBase62(seed, 22)}`,
};
