// The node:http plumbing the chat servers share (this one and the Angular example's): a plain-text answer, and
// serving a router on host:port with the page's security headers, a 500 for a route that throws, and a close that
// ends the calls in flight. Node built-ins only (no rxllm), so the Angular example's server imports it as it is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Answers `status` with a plain-text `body`, plus `headers`.
 *
 * @example
 * return send(res, 405, 'Use POST.\n', { allow: 'POST' });
 */
export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes every connection (cancelling the calls in flight). */
  close(): Promise<void>;
}

/**
 * Listens on `host`:`port` (0: a free port) and answers every request with `route`, after setting `headers` (the
 * page's security headers). A route that throws answers 500, or drops the connection once its headers are sent.
 *
 * @example
 * const server = await serve(route, { host: '127.0.0.1', port: 0, headers: SECURITY_HEADERS });
 * console.log(server.url); // http://127.0.0.1:40123
 */
export async function serve(
  route: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  { host, port, headers }: { readonly host: string; readonly port: number; readonly headers: Readonly<Record<string, string>> },
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    route(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else send(res, 500, 'Internal error.\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
