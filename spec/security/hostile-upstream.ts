// A hostile upstream for the key-leak specs: it echoes the API key it was sent (Authorization: Bearer K or
// x-api-key: K) in its error bodies, in a response header, in a mid-stream error event and in a malformed
// body — the worst a proxy or a misbehaving server could do. The first path segment picks the answer:
// `${url}/<mode>/v1/...` with mode 401, 400, 429, 500, stream-error, malformed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileUpstream {
  readonly url: string;
  /** The OpenAI SDK baseURL answering with `mode`. */
  openaiBaseURL(mode: string): string;
  /** The Anthropic SDK baseURL answering with `mode`. */
  anthropicBaseURL(mode: string): string;
  close(): Promise<void>;
}

function offeredKey(req: IncomingMessage): string {
  const bearer = /^\s*bearer\s+(.+?)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  const header = req.headers['x-api-key'];
  return bearer ?? (typeof header === 'string' ? header : '(none)');
}

function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  const [, mode = '', ...rest] = (req.url ?? '/').split('/');
  const anthropic = rest.join('/').startsWith('v1/messages');
  const key = offeredKey(req);
  const stream = /"stream"\s*:\s*true/.test(body);
  const echo = { 'x-echo-key': key };
  const error = (status: number, type: string): void => {
    const message = `${key} is not valid here (you sent ${key}; request body ${body.slice(0, 40)})`;
    const payload = anthropic ? { type: 'error', error: { type, message } } : { error: { message, type, code: key, param: key } };
    // The request id too: it becomes the error's requestId.
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0', 'request-id': `req_${key}`, 'x-request-id': `req_${key}`, ...echo });
    res.end(JSON.stringify(payload));
  };
  switch (mode) {
    case '401':
      return error(401, anthropic ? 'authentication_error' : 'invalid_request_error');
    case '400':
      return error(400, 'invalid_request_error');
    case '429':
      return error(429, anthropic ? 'rate_limit_error' : 'rate_limit_exceeded');
    case '500':
      return error(500, anthropic ? 'api_error' : 'server_error');
    case 'malformed':
      if (stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', ...echo });
        return void res.end(`${anthropic ? 'event: message_start\n' : ''}data: {"id": "${key}", not json\n\n`);
      }
      res.writeHead(200, { 'content-type': 'application/json', ...echo });
      return void res.end(`${key} <html>bad gateway</html>`);
    case 'stream-error': {
      if (!stream) return error(500, anthropic ? 'api_error' : 'server_error');
      res.writeHead(200, { 'content-type': 'text/event-stream', ...echo });
      const message = `stream broke for ${key}`;
      if (anthropic) {
        res.write(`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: `msg_${key}`, type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 0 } } })}\n\n`);
        res.write(`event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n`);
        res.write(`event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'partial ' } })}\n\n`);
        res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message } })}\n\n`);
      } else {
        res.write(`data: ${JSON.stringify({ id: `chatcmpl-${key}`, object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'partial ' }, finish_reason: null }] })}\n\n`);
        res.write(`data: ${JSON.stringify({ error: { message, type: 'server_error', code: key } })}\n\n`);
      }
      return void res.end();
    }
    default:
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end('{"error":{"message":"unknown mode"}}');
  }
}

export async function startHostileUpstream(): Promise<HostileUpstream> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openaiBaseURL: (mode) => `${url}/${mode}/v1`,
    anthropicBaseURL: (mode) => `${url}/${mode}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
