// A hostile upstream for the key-leak specs: it echoes every credential it was sent (Authorization: Bearer K,
// x-api-key: K, Azure's api-key: K) in its error bodies, in a response header, in a mid-stream error event, in
// a malformed body and in a 200 answer's id, model, finish reason, request id and text — the worst a proxy or
// a misbehaving server could do. The first path segment picks the answer: `${url}/<mode>/v1/...` with mode
// 401, 400, 429, 500, stream-error, malformed, ok.
import type { ServerResponse } from 'node:http';
import { startTestServer, type ReceivedRequest } from '../support/test-server.js';

export interface HostileUpstream {
  readonly url: string;
  /** The OpenAI SDK baseURL answering with `mode`. */
  openaiBaseURL(mode: string): string;
  /** The Anthropic SDK baseURL answering with `mode`. */
  anthropicBaseURL(mode: string): string;
  close(): Promise<void>;
}

/** Every credential the request carried (Bearer token, x-api-key, api-key), joined by spaces. */
function offeredKey(req: ReceivedRequest): string {
  const bearer = /^\s*bearer\s+(.+?)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  const offered = [bearer, req.headers['x-api-key'], req.headers['api-key']].filter((k): k is string => typeof k === 'string' && k !== '');
  return offered.length > 0 ? offered.join(' ') : '(none)';
}

/** A 200 answer that echoes `key` in every server-given field: id, model, finish reason, request id, text. */
function echoingSuccess(res: ServerResponse, path: string, key: string, stream: boolean): void {
  const headers = { 'x-request-id': `req_${key}`, 'request-id': `req_${key}`, 'x-echo-key': key };
  const text = `Your key is ${key}.`;
  const sse = (event: string | undefined, data: unknown): string => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
  const usage = { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 };
  if (path.startsWith('v1/messages')) {
    const message = { id: `msg_${key}`, type: 'message', role: 'assistant', model: key, stop_sequence: null };
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      return void res.end(JSON.stringify({ ...message, content: [{ type: 'text', text }], stop_reason: key, usage: { input_tokens: 3, output_tokens: 5 } }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
    res.write(sse('message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 0 } } }));
    res.write(sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    res.write(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }));
    res.write(sse('content_block_stop', { type: 'content_block_stop', index: 0 }));
    res.write(sse('message_delta', { type: 'message_delta', delta: { stop_reason: key, stop_sequence: null }, usage: { output_tokens: 5 } }));
    res.write(sse('message_stop', { type: 'message_stop' }));
    return void res.end();
  }
  const chat = path.startsWith('v1/chat/');
  const base = chat
    ? { id: `chatcmpl-${key}`, object: stream ? 'chat.completion.chunk' : 'chat.completion', created: 1, model: key }
    : { id: `cmpl-${key}`, object: 'text_completion', created: 1, model: key };
  const choice = (content: Record<string, unknown>, finish: string | null) =>
    chat ? { index: 0, [stream ? 'delta' : 'message']: { role: 'assistant', ...content }, finish_reason: finish } : { index: 0, text: content.content, finish_reason: finish };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    return void res.end(JSON.stringify({ ...base, choices: [choice({ content: text }, key)], usage }));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
  res.write(sse(undefined, { ...base, choices: [choice({ content: text }, null)] }));
  res.write(sse(undefined, { ...base, choices: [choice({ content: '' }, key)] }));
  res.write(sse(undefined, { ...base, choices: [], usage }));
  res.write('data: [DONE]\n\n');
  res.end();
}

function answer(req: ReceivedRequest, res: ServerResponse): void {
  const { body } = req;
  const [, mode = '', ...rest] = req.url.split('/');
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
    case 'ok':
      return echoingSuccess(res, rest.join('/'), key, stream);
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
        res.write(`event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `partial ${key} ` } })}\n\n`);
        res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message } })}\n\n`);
      } else {
        res.write(`data: ${JSON.stringify({ id: `chatcmpl-${key}`, object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: `partial ${key} ` }, finish_reason: null }] })}\n\n`);
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
  const { url, close } = await startTestServer(answer);
  return {
    url,
    openaiBaseURL: (mode) => `${url}/${mode}/v1`,
    anthropicBaseURL: (mode) => `${url}/${mode}`,
    close,
  };
}
