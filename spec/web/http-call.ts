// A plain node:http request to an example server (spec/web/chat-server.spec.ts, angular-server.spec.ts), so a spec
// can send what a browser would not: a foreign Host, a chunked or oversized body, any method.
import { request } from 'node:http';

/** What the server answered. */
export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Sends one request to `url` + `init.path` (default `/api/chat`, POST) and reads the whole answer. */
export function call(url: string, init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${init.path ?? '/api/chat'}`, { method: init.method ?? 'POST', headers: { ...init.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.chunked) req.setHeader('transfer-encoding', 'chunked');
    req.end(init.body);
  });
}
