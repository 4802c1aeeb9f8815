// A real Redis for the specs: Debian's `redis-server`, started on a free port in a temporary directory (no
// persistence), waited for until it answers PING, stopped after. No mock. Outside CI a missing
// redis-server skips the specs that need it (with a message); in CI (CI=true, as .ci/run sets) it must run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** True when the specs needing Redis run: redis-server is installed, or this is CI (where it must be). */
export const redisAvailable = existsSync(REDIS_SERVER) || process.env['CI'] === 'true';

/**
 * `describe`, or `describe.skip` with a note saying how to install Redis, when `redisAvailable` is false.
 *
 * @example
 * describeWithRedis('redisRateLimiter', () => { ... });
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisAvailable) {
    describe(name, body);
    return;
  }
  describe.skip(`${name} (skipped: ${REDIS_SERVER} is missing; apt-get install redis-server)`, body);
}

/** A running redis-server. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` (with the password, when one is set) */
  readonly url: string;
  /** Kills the server at once (SIGKILL: as a crash would) and waits until it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence), once it answers PING. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` on a free port, without persistence, in a temporary directory, and resolves once it
 * answers PING. With `password`, clients must authenticate (`requirepass`).
 *
 * @example
 * const redis = await startRedisServer();
 * afterAll(() => redis.stop());
 */
export async function startRedisServer({ password }: { password?: string } = {}): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: apt-get install redis-server`);
  const dir = mkdtempSync(join(tmpdir(), 'rxllm-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    let output = '';
    const started = spawn(
      REDIS_SERVER,
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
        ...(password === undefined ? [] : ['--requirepass', password]),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    started.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child = started;
    const deadline = Date.now() + 10_000;
    while (!(await ping(port, password))) {
      if (started.exitCode !== null || Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const kill = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  await launch();
  return {
    port,
    url: password === undefined ? `redis://127.0.0.1:${port}` : `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    kill,
    restart: launch,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when a Redis on `port` answers PING with PONG (after AUTH, with a password). */
function ping(port: number, password: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (c: Buffer) => {
      answer += c.toString();
      if (answer.includes('+PONG\r\n')) done(true);
      else if (answer.startsWith('-') || answer.includes('\r\n-')) done(false); // an error (still loading...)
    });
    socket.connect(port, '127.0.0.1', () => socket.write(`${password === undefined ? '' : `AUTH ${password}\r\n`}PING\r\n`));
  });
}
