import type { IncomingMessage } from 'node:http';
import { SimHttpError } from './error-bodies.js';

/** Past this many bytes an oversized body is no longer drained: the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads the whole request body, up to `maxBytes`. An oversized body is drained (so the client reads the
 * answer) and rejected with a 413 `SimHttpError`; a body cut by the client rejects with a plain Error.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) req.socket.destroy();
    });
    req.on('end', () => {
      if (tooLarge) reject(new SimHttpError('too-large', { message: `Request body too large: the limit is ${maxBytes} bytes.` }));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request body cut short by the client'));
    });
  });
}
