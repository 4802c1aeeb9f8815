// A small chat server built on rxllm (node:http, no framework): it serves the chat page and streams the
// model's answer to it as the Vercel AI SDK's UI message stream (server-sent events), which the page reads with
// `remoteModel`. API keys stay here: the page only ever talks to this server.
// Guards: binds 127.0.0.1 by default, refuses foreign Host/Origin headers (DNS rebinding, cross-site posts),
// bodies over `maxBodyBytes` (413), more than `requestsPerMinute` prompts per client (429), and decides the
// call's settings itself (the page's are not trusted).
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { isInvalidArgumentError, parseUiMessageRequest, pipeUiMessageStream, type LanguageModel, type Message } from 'rxllm';
import { send, serve, type RunningServer } from './http-server.js';
import { bundlePage } from './page-bundle.js';
import { BodyTooLargeError, ClientRateLimit, hostGuard, isCrossOrigin, readBody } from './request-guards.js';

/** Options of `startChatServer`. */
export interface ChatServerOptions {
  /** The model that answers (it holds the API key; the page never sees it). */
  readonly model: LanguageModel;
  /** The address to listen on. @default '127.0.0.1' (this machine only) */
  readonly host?: string;
  /** The port. @default 0 (a free port) */
  readonly port?: number;
  /** The largest accepted request body (the conversation so far), in bytes. @default 262144 */
  readonly maxBodyBytes?: number;
  /** The longest accepted prompt (the last user message), in characters. @default 4000 */
  readonly maxPromptChars?: number;
  /** The most messages a conversation may have. @default 60 */
  readonly maxMessages?: number;
  /** The most tokens of each model call's answer. @default 2048 */
  readonly maxTokens?: number;
  /** Prompts per minute per client address. @default 30 */
  readonly requestsPerMinute?: number;
}

/** A running chat server: its `url`, and `close()`, which also cancels the calls in flight. */
export type ChatServer = RunningServer;

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Why a conversation is refused (a reason for the 400), or `undefined`: it must end with a user message of at
 * most `maxPromptChars` characters and hold at most `maxMessages` messages.
 */
function checkConversation(input: readonly Message[], maxMessages: number, maxPromptChars: number): string | undefined {
  const last = input[input.length - 1];
  if (!last || last.role !== 'user') return 'The conversation must end with a user message.';
  if (input.length > maxMessages) return `The conversation is longer than ${maxMessages} messages: start a new one.`;
  const text = typeof last.content === 'string' ? last.content : last.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  if (text.trim() === '') return 'The prompt is empty.';
  if (text.length > maxPromptChars) return `The prompt is longer than ${maxPromptChars} characters.`;
  return undefined;
}

/**
 * Starts the chat server: `GET /` (the page), `GET /chat.js` (its script), `POST /api/chat` (the conversation as
 * `remoteModel` or the AI SDK's `useChat` sends it; the answer as a UI message stream).
 *
 * @param options the model and the limits; everything but `model` is optional.
 * @example
 * const server = await startChatServer({ model: openAIChat({ model: 'gpt-4o-mini' }), port: 3000 });
 * console.log(`open ${server.url}/`);
 * // later: await server.close();
 */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const { model, host = '127.0.0.1', port = 0, maxBodyBytes = 262_144, maxPromptChars = 4_000, maxMessages = 60, maxTokens = 2048, requestsPerMinute = 30 } = options;
  const [html, script] = await Promise.all([readFile(join(__dirname, 'page', 'index.html'), 'utf8'), bundlePage()]);
  const rateLimit = new ClientRateLimit(requestsPerMinute);
  const hostAllowed = hostGuard(host);

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (isCrossOrigin(req)) return send(res, 403, 'Cross-origin requests are not allowed.\n');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return send(res, 415, 'Send JSON: {"messages": [...]}\n');
    const waitMs = rateLimit.check(req.socket.remoteAddress ?? 'unknown');
    if (waitMs > 0) return send(res, 429, 'Too many prompts; wait a little.\n', { 'retry-after': String(Math.ceil(waitMs / 1000)) });
    let body: string;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return send(res, 413, `${error.message}\n`, { connection: 'close' });
      throw error;
    }
    let input: Message[];
    try {
      ({ input } = parseUiMessageRequest(JSON.parse(body))); // the page's settings, if any, are ignored
    } catch (error) {
      if (error instanceof SyntaxError) return send(res, 400, 'The body is not valid JSON.\n');
      if (isInvalidArgumentError(error)) return send(res, 400, `${error.message}\n`);
      throw error;
    }
    const problem = checkConversation(input, maxMessages, maxPromptChars);
    if (problem) return send(res, 400, `${problem}\n`);
    // The answer streams until it ends or the page goes away: then the subscription ends, and rxllm aborts
    // the provider's request (and a tool still running gets its signal aborted).
    // #region readme
    pipeUiMessageStream(model.stream(input, { maxTokens }), res);
    // #endregion readme
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return send(res, 403, 'Unknown host.\n');
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api/chat') return req.method === 'POST' ? chat(req, res) : send(res, 405, 'Use POST.\n', { allow: 'POST' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.\n', { allow: 'GET' });
    if (path === '/') return send(res, 200, html, { 'content-type': 'text/html; charset=utf-8' });
    if (path === '/chat.js') return send(res, 200, script, { 'content-type': 'text/javascript; charset=utf-8' });
    return send(res, 404, 'Not found.\n');
  }

  return serve(route, { host, port, headers: SECURITY_HEADERS });
}
