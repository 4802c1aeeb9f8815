import { randomBytes } from 'node:crypto';

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
