import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { registerSecret } from '../errors/redact.js';
import { checkNumber } from './resolve-options.js';
import { handleRequest } from './router.js';
import type { SimulatorOptions } from './simulator-options.js';
import { SimulatorState } from './simulator-state.js';
import type { SimulatorStats } from './stats.js';

/** A running simulator. */
export interface SimulatorHandle {
  /** `http://HOST:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The OpenAI SDK's `baseURL`: `${url}/v1`. */
  readonly openaiBaseURL: string;
  /** The Anthropic SDK's `baseURL`: `url`. */
  readonly anthropicBaseURL: string;
  /** Destroys open connections and stops listening; resolves when closed. Safe to call twice. */
  close(): Promise<void>;
  /** A snapshot of the counters. */
  stats(): SimulatorStats;
  /** Zeroes the counters (not `openConnections`, which is a gauge). */
  resetStats(): void;
  /** Changes options live (latency, tokensPerSecond, faults, seed, rateLimit, apiKey, maxBodyBytes, models); not `port`/`host`. */
  configure(partial: Partial<SimulatorOptions>): void;
}

/**
 * How long a connection may stay open without sending a request. Past undici's own idle timeout (4 s),
 * so a client normally closes a spare connection first and never races a reaped socket with a new request.
 */
const UNUSED_CONNECTION_MS = 5_000;

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the embedded LLM simulator: a real HTTP server speaking the OpenAI (chat, legacy completions,
 * models) and Anthropic (messages) wire protocols, with seeded replies that fit the prompt (the same at
 * temperature 0, varying reproducibly above it), timing knobs, fault injection
 * and rate limits. Point the official SDKs at it by `baseURL`. Chat and messages also speak rich content:
 * tool calls (the tools the last user message names, arguments generated from their JSON Schemas) and answers
 * to tool results, Anthropic thinking with signatures it verifies when they come back, OpenAI reasoning
 * tokens, structured output (`response_format`, `output_config.format`), images, and refusals on request
 * (`x-sim-refusal`); see the README's simulator section for the control headers.
 *
 * @param options see `SimulatorOptions`; every field optional (`port` 0 = a free port, `host` '127.0.0.1').
 * @example
 * const sim = await startSimulator({ latencyMs: 300 });
 * const openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'test' });
 * const anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'test' });
 * // ...
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  if (options === null) throw new InvalidArgumentError('options', 'must be an options object, got null');
  const port = checkNumber('port', options.port ?? 0, 0, true);
  if (port > 65535) throw new InvalidArgumentError('port', `expected 0..65535, got ${port}`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') throw new InvalidArgumentError('host', 'expected a non-empty string');
  const state = new SimulatorState(options);
  registerSecret(state.options.apiKey);

  const sockets = new Set<Socket>();
  const unusedTimers = new WeakMap<Socket, NodeJS.Timeout>();
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    state.stats.openConnections++;
    // A connection that never carries a request is closed after a moment, as real front ends do. Node's
    // fetch (undici) opens such a spare connection after an aborted request (nodejs/undici#5845).
    const unused = setTimeout(() => socket.destroy(), UNUSED_CONNECTION_MS);
    unusedTimers.set(socket, unused);
    socket.on('close', () => {
      clearTimeout(unused);
      sockets.delete(socket);
      state.stats.openConnections--;
    });
  });
  server.on('request', (req: IncomingMessage) => clearTimeout(unusedTimers.get(req.socket)));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void =>
      reject(new ConfigurationError(`The simulator could not listen on ${host}:${port}: ${error.code ?? error.message}`, { cause: error }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  // Runtime errors of the listening server (rare) must not crash the process.
  server.on('error', () => undefined);

  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${urlHost(host)}:${actualPort}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port: actualPort,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((done) => {
          socket.once('close', () => done());
          socket.destroy();
        }));
        server.close(() => void Promise.all(socketsClosed).then(() => resolve()));
      });
      return closing;
    },
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    configure: (partial) => {
      if (partial === null || typeof partial !== 'object') throw new InvalidArgumentError('configure', 'expected an object');
      if (partial.port !== undefined || partial.host !== undefined) {
        throw new InvalidArgumentError(partial.port !== undefined ? 'port' : 'host', 'cannot change on a running simulator');
      }
      state.configure(partial);
      registerSecret(state.options.apiKey);
    },
  };
}
