// A chat server for the web specs, written as a user of rxllm writes one with node:http: it reads the request
// with parseUiMessageRequest and answers with pipeUiMessageStream (`mode: 'pipe'`), or with the web Response of
// toUiMessageStreamResponse sent the way fetch-style adapters (Hono's, Next's) send one: its body read and
// written out, and cancelled when the client goes away (`mode: 'response'`). It records, per request, the
// events it served and when its subscription ended.
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { finalize, tap, type Observable } from 'rxjs';
import type { CallSettings } from '../../src/core/call-settings.js';
import type { Message } from '../../src/core/prompt.js';
import type { GenerationEvent } from '../../src/core/stream-event.js';
import { isInvalidArgumentError } from '../../src/errors/invalid-argument-error.js';
import { pipeUiMessageStream } from '../../src/web/pipe-ui-message-stream.js';
import { toUiMessageStreamResponse } from '../../src/web/to-ui-message-stream-response.js';
import { parseUiMessageRequest } from '../../src/web/ui-message-request.js';
import type { UiMessageStreamOptions } from '../../src/web/ui-message-stream.js';

/** One request the server answered. */
export interface ServedStream {
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly input: Message[];
  readonly settings: CallSettings;
  /** The events the server's stream emitted, in order. */
  readonly events: GenerationEvent[];
  /** performance.now() when the server's subscription ended (completed, failed or was unsubscribed). */
  endedAt?: number;
}

export interface UiStreamServer {
  readonly url: string;
  readonly served: ServedStream[];
  close(): Promise<void>;
}

export type Serve = (input: Message[], settings: CallSettings) => Observable<GenerationEvent>;

export async function startUiStreamServer(serve: Serve, mode: 'pipe' | 'response', options?: UiMessageStreamOptions): Promise<UiStreamServer> {
  const served: ServedStream[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let record: ServedStream;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const { input, settings } = parseUiMessageRequest(body);
        record = { body, headers: req.headers, input, settings, events: [] };
      } catch (error) {
        res.writeHead(isInvalidArgumentError(error) ? 400 : 500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        return;
      }
      served.push(record);
      const events$ = serve(record.input, record.settings).pipe(
        tap((e) => record.events.push(e)),
        finalize(() => (record.endedAt = performance.now())),
      );
      if (mode === 'pipe') pipeUiMessageStream(events$, res, options);
      else void sendResponse(toUiMessageStreamResponse(events$, options), res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/chat`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends a web Response on a Node response, as fetch-style server adapters do. */
async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body!.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) break;
    res.write(value);
  }
  res.end();
}
