import fc from 'fast-check';
import { connect } from 'node:net';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';

// The simulator's request parser under garbage: random bytes on the socket, random bodies, invalid JSON,
// oversized bodies, wrong content types, unknown routes and bad control headers. Every answer is a 4xx
// (never a 5xx, never a hang), and the simulator keeps serving: a valid request afterwards works.

const MAX_BODY = 2_048;
let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ maxBodyBytes: MAX_BODY });
});
afterAll(() => sim.close());

const ROUTES = ['/v1/chat/completions', '/v1/completions', '/v1/messages'] as const;
const VALID: Record<(typeof ROUTES)[number], unknown> = {
  '/v1/chat/completions': { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 },
  '/v1/completions': { model: 'gpt-3.5-turbo-instruct', prompt: 'hi', max_tokens: 5 },
  '/v1/messages': { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 },
};

async function post(path: string, body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; text: string }> {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', body: body as BodyInit, headers, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

/** A valid request on every route still gets a 200 with a generation. */
async function expectStillServing(): Promise<void> {
  for (const route of ROUTES) {
    const { status, text } = await post(route, JSON.stringify(VALID[route]));
    expect([route, status]).toEqual([route, 200]);
    expect(text.length).toBeGreaterThan(0);
  }
}

/** Writes raw bytes on a fresh TCP connection; resolves with what came back before the server closed it. */
function raw(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(sim.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 3_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.end(bytes);
  });
}

describe('simulator fuzzing', () => {
  it('random bytes on the socket get a 400 (or a closed connection), never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), async (bytes) => {
        const answer = await raw(bytes);
        if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
      }),
      { numRuns: 60 },
    );
    await expectStillServing();
  }, 60_000);

  it('random bodies on every route get a 4xx in the provider error shape', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      // Almost valid: a real request with one field replaced by a random JSON value.
      fc.tuple(fc.constantFrom('model', 'messages', 'prompt', 'max_tokens', 'stream', 'stop', 'n', 'temperature'), fc.jsonValue({ maxDepth: 2 })).map(
        ([field, value]) => JSON.stringify({ ...(VALID['/v1/chat/completions'] as object), [field]: value }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), body, async (route, b) => {
        const { status, text } = await post(route, b);
        // An "almost valid" body may still be valid (e.g. temperature: 0): then a 200 is right.
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
        if (status !== 200) expect(JSON.parse(text)).toHaveProperty(route === '/v1/messages' ? 'type' : 'error', expect.anything());
      }),
      { numRuns: 150 },
    );
    await expectStillServing();
  }, 60_000);

  it('invalid JSON gets 400 on every route', async () => {
    for (const route of ROUTES) {
      for (const bad of ['{', '{"model": ', 'null', '[]', '"text"', '{"model":"x","messages":[{]}', '\u0000\u0001']) {
        const { status } = await post(route, bad);
        expect([route, bad, status]).toEqual([route, bad, 400]);
      }
    }
    await expectStillServing();
  });

  it('a body over maxBodyBytes gets 413, by content-length or streamed without one', async () => {
    const big = JSON.stringify({ ...(VALID['/v1/chat/completions'] as object), pad: 'x'.repeat(MAX_BODY * 4) });
    for (const route of ROUTES) {
      expect((await post(route, big)).status).toBe(413);
    }
    // Chunked (no content-length): the server counts the bytes as they come.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(MAX_BODY)));
        controller.close();
      },
    });
    const res = await fetch(`${sim.url}/v1/chat/completions`, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    await res.text();
    await expectStillServing();
  });

  it('wrong content types with a non-JSON body get 400; unknown routes and methods 404', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
      expect((await post('/v1/chat/completions', 'model=gpt&messages=hi', { 'content-type': type })).status).toBe(400);
    }
    expect((await post('/v1/nothing', '{}')).status).toBe(404);
    expect((await post('/../../etc/passwd', '{}')).status).toBe(404);
    expect((await fetch(`${sim.url}/v1/chat/completions`)).status).toBe(404);
    expect((await fetch(`${sim.url}/v1/messages`, { method: 'DELETE' })).status).toBe(404);
    await expectStillServing();
  });

  it('bad control headers get 400 naming the header', async () => {
    const body = JSON.stringify(VALID['/v1/chat/completions']);
    for (const fault of ['explode', 'reset; after=abc', 'stall; ms=-5', 'rate-limit; retry-after-ms', 'server-error; status=200', ';;;']) {
      const { status, text } = await post('/v1/chat/completions', body, { 'content-type': 'application/json', 'x-sim-fault': fault });
      expect([fault, status]).toEqual([fault, 400]);
      expect(text).toContain('x-sim-fault');
    }
    for (const [header, value] of [['x-sim-latency-ms', 'soon'], ['x-sim-tokens-per-second', '-1'], ['x-sim-reply', '%E0%A4%A']]) {
      const { status } = await post('/v1/chat/completions', body, { 'content-type': 'application/json', [header]: value });
      expect([header, status]).toEqual([header, 400]);
    }
    await expectStillServing();
  });
});
