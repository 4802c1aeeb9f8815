// The Angular example's server (node:http, no framework): it serves the built app and streams the models'
// answers to it as UI message streams (the Vercel AI SDK's protocol), which the page reads with
// `remoteModel`. The models, and their API keys, live only here. When the page unsubscribes (Stop, a new
// prompt, a new keystroke), its fetch is aborted, the response closes, and `pipeUiMessageStream`
// unsubscribes from the model: rxllm aborts the provider's HTTP request.
// Guards (examples/web/request-guards.ts): binds 127.0.0.1 by default, refuses foreign Host/Origin headers,
// bodies over `maxBodyBytes` (413), and more than so many requests a minute per client (429).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { isInvalidArgumentError, parseUiMessageRequest, pipeUiMessageStream, type LanguageModel, type Message } from 'rxllm';
import { send, serve, type RunningServer } from '../../web/http-server.js';
import { BodyTooLargeError, ClientRateLimit, hostGuard, isCrossOrigin, readBody } from '../../web/request-guards.js';
import { loadStaticFiles } from './static-files.js';

/** Options of `startAngularServer`. */
export interface AngularServerOptions {
  /** The model that answers `POST /api/chat` (it holds the API key; the page never sees it). */
  readonly model: LanguageModel;
  /** The model that answers `POST /api/suggest`. @default `model` */
  readonly suggestModel?: LanguageModel;
  /** The longest suggestion, in tokens. @default 12 */
  readonly suggestionTokens?: number;
  /** The built app. @default examples/angular/dist/browser */
  readonly appDir?: string;
  /** The address to listen on. @default '127.0.0.1' (this machine only) */
  readonly host?: string;
  /** The port. @default 0 (a free port) */
  readonly port?: number;
  /** The largest accepted request body, in bytes. @default 16384 */
  readonly maxBodyBytes?: number;
  /** Chat requests per minute per client address. @default 30 */
  readonly requestsPerMinute?: number;
  /** Suggestion requests per minute per client address (one per pause in typing). @default 120 */
  readonly suggestionsPerMinute?: number;
}

/** A running server: its `url`, and `close()`, which also cancels the calls in flight. */
export type AngularServer = RunningServer;

// Angular adds its components' styles as <style> elements: 'unsafe-inline' for styles only, never scripts.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The text of the last user message: what a suggestion completes. */
function lastUserText(input: readonly Message[]): string {
  const last = [...input].reverse().find((message) => message.role === 'user');
  if (last === undefined || last.role !== 'user') return '';
  const { content } = last;
  return typeof content === 'string' ? content : content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/**
 * Starts the server: `GET /` and the app's files, `POST /api/chat` and `POST /api/suggest` (a
 * `remoteModel` request in, a UI message stream out).
 *
 * @param options the model and the limits; everything but `model` is optional.
 * @example
 * const server = await startAngularServer({ model: openAIChat({ model: 'gpt-4o-mini' }), port: 4200 });
 * console.log(`open ${server.url}/`);
 * // later: await server.close();
 */
export async function startAngularServer(options: AngularServerOptions): Promise<AngularServer> {
  const {
    model,
    suggestModel = model,
    suggestionTokens = 12,
    appDir = join(__dirname, '..', 'dist', 'browser'),
    host = '127.0.0.1',
    port = 0,
    maxBodyBytes = 16_384,
    requestsPerMinute = 30,
    suggestionsPerMinute = 120,
  } = options;
  const files = await loadStaticFiles(appDir);
  const hostAllowed = hostGuard(host);
  const limits = { chat: new ClientRateLimit(requestsPerMinute), suggest: new ClientRateLimit(suggestionsPerMinute) };

  async function api(endpoint: 'chat' | 'suggest', req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Use POST.\n', { allow: 'POST' });
    if (isCrossOrigin(req)) return send(res, 403, 'Cross-origin requests are not allowed.\n');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return send(res, 415, 'Send JSON: {"messages": [...]}\n');
    const waitMs = limits[endpoint].check(req.socket.remoteAddress ?? 'unknown');
    if (waitMs > 0) return send(res, 429, 'Too many requests; wait a little.\n', { 'retry-after': String(Math.ceil(waitMs / 1000)) });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return send(res, 413, `${error.message}\n`, { connection: 'close' });
      if (error instanceof SyntaxError) return send(res, 400, 'The body is not valid JSON.\n');
      throw error;
    }
    let input: Message[];
    try {
      // The conversation only: the settings a client asks for (temperature, tools...) are not honoured here.
      input = parseUiMessageRequest(body).input;
    } catch (error) {
      if (isInvalidArgumentError(error)) return send(res, 400, `${error.message}\n`);
      throw error;
    }
    if (endpoint === 'chat') {
      pipeUiMessageStream(model.stream(input), res);
      return;
    }
    const typed = lastUserText(input).trim();
    if (typed === '') return send(res, 400, 'Expected a user message with the text to complete.\n');
    pipeUiMessageStream(suggestModel.stream(`Complete the search: ${typed}`, { maxTokens: suggestionTokens }), res);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return send(res, 403, 'Unknown host.\n');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api/chat') return api('chat', req, res);
    if (path === '/api/suggest') return api('suggest', req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.\n', { allow: 'GET' });
    const file = files.get(path);
    if (file === undefined) return send(res, 404, 'Not found.\n');
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.body.length), 'cache-control': file.cacheControl });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  return serve(route, { host, port, headers: SECURITY_HEADERS });
}
