// The Angular example's server over real HTTP (no browser, no Angular build: a stand-in app folder): its
// files, the two endpoints read by remoteModel (here from Node), what it passes to the models, and the
// guards it shares with examples/web (403 / 405 / 413 / 415 / 429 / 400).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { remoteModel, type PromptInput } from 'rxllm';
import { fakeModel, type FakeModel } from 'rxllm/testing';
import { startAngularServer, type AngularServer, type AngularServerOptions } from '../../examples/angular/server/angular-server.js';
import { call, type Reply } from './http-call.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
/** The text of a prompt's messages, whatever their form (a string, or parts). */
const textOf = (input: PromptInput): string =>
  typeof input === 'string'
    ? input
    : input.map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => ('text' in p ? p.text : '')).join(''))).join('\n');
const chatBody = (text: string): string => JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }] });

describe('Angular example server (examples/angular/server)', () => {
  let appDir: string;
  let model: FakeModel;
  let suggestModel: FakeModel;
  const servers: AngularServer[] = [];
  const serve = async (options: Partial<AngularServerOptions> = {}): Promise<AngularServer> => {
    const server = await startAngularServer({ model, suggestModel, appDir, ...options });
    servers.push(server);
    return server;
  };

  beforeAll(() => {
    appDir = mkdtempSync(join(tmpdir(), 'rxllm-angular-app-'));
    writeFileSync(join(appDir, 'index.html'), '<!doctype html><app-root></app-root><script src="main-ABCD1234.js" type="module"></script>');
    writeFileSync(join(appDir, 'main-ABCD1234.js'), 'console.log("app");');
  });
  beforeEach(() => {
    model = fakeModel((input) => `You said: ${textOf(input)}`);
    suggestModel = fakeModel('and more words');
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(() => rmSync(appDir, { recursive: true, force: true }));

  it('serves the built app: index.html at / (no-cache), hashed files immutable, HEAD without a body, 404 for anything else', async () => {
    const { url } = await serve();
    const index = await call(url, { method: 'GET', path: '/' });
    expect(index).toEqual(expect.objectContaining({ status: 200, body: expect.stringContaining('<app-root>') }));
    expect(index.headers).toEqual(
      expect.objectContaining({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }),
    );
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const script = await call(url, { method: 'GET', path: '/main-ABCD1234.js?v=1' });
    expect(script).toEqual(expect.objectContaining({ status: 200, body: 'console.log("app");' }));
    expect(script.headers).toEqual(expect.objectContaining({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' }));
    const head = await call(url, { method: 'HEAD', path: '/main-ABCD1234.js' });
    expect(head).toEqual(expect.objectContaining({ status: 200, body: '' }));
    expect(head.headers['content-length']).toBe(String('console.log("app");'.length));
    for (const path of ['/nope.js', '/../package.json', '/%2e%2e/server/main.ts', '/server/main.ts']) {
      expect((await call(url, { method: 'GET', path })).status).toBe(404);
    }
    expect((await call(url, { method: 'DELETE', path: '/' })).status).toBe(405);
  });

  it('refuses to start without a build, naming the command', async () => {
    await expect(startAngularServer({ model, appDir: join(appDir, 'missing') })).rejects.toThrow(/not built.*npx ng build/);
  });

  it('POST /api/chat: remoteModel gets the model\'s answer to the conversation it sent', async () => {
    const { url } = await serve();
    const generation = await lastValueFrom(remoteModel({ url: `${url}/api/chat` }).generate('Hello there'));
    expect(generation.text).toBe('You said: Hello there');
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]).toEqual(expect.objectContaining({ kind: 'stream', input: [expect.objectContaining({ role: 'user' })] }));
  });

  it('POST /api/suggest: the last user text, as a short completion request (the client\'s settings are not honoured)', async () => {
    const { url } = await serve({ suggestionTokens: 7 });
    const suggestion = await lastValueFrom(remoteModel({ url: `${url}/api/suggest` }).generate('reactive str', { temperature: 2, maxTokens: 5000 }));
    expect(suggestion.text).toBe('and more words');
    expect(model.calls).toHaveLength(0);
    expect(suggestModel.calls).toEqual([expect.objectContaining({ input: 'Complete the search: reactive str', options: { maxTokens: 7 } })]);
  });

  it('a client that goes away cancels the model call', async () => {
    model = fakeModel({ text: 'one two three four five', latency: 60_000 });
    const { url } = await serve();
    const subscription = remoteModel({ url: `${url}/api/chat` }).stream('Hi').subscribe();
    const deadline = Date.now() + 5_000;
    while (model.active === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(model.active).toBe(1);
    subscription.unsubscribe();
    while (model.active === 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(model.calls[0]?.outcome).toBe('cancelled');
  });

  it('guards: foreign Host, cross-site Origin (403), GET on the API (405), not JSON (415), too big (413), malformed (400)', async () => {
    const { url, port } = await serve({ maxBodyBytes: 1_000 });
    const body = chatBody('Hi');
    expect((await call(url, { headers: { ...JSON_HEADERS, host: `evil.example:${port}` }, body })).status).toBe(403);
    expect((await call(url, { method: 'GET', path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await call(url, { headers: { ...JSON_HEADERS, origin: 'https://evil.example' }, body })).status).toBe(403);
    expect((await call(url, { headers: { ...JSON_HEADERS, origin: url }, body })).status).toBe(200);
    expect((await call(url, { method: 'GET' })).status).toBe(405);
    expect((await call(url, { headers: { 'content-type': 'text/plain' }, body })).status).toBe(415);
    expect((await call(url, { headers: JSON_HEADERS, body: chatBody('x'.repeat(2_000)) })).status).toBe(413);
    expect(await call(url, { headers: JSON_HEADERS, body: '{"messages": [' })).toEqual(expect.objectContaining({ status: 400, body: 'The body is not valid JSON.\n' }));
    const bad = await call(url, { headers: JSON_HEADERS, body: JSON.stringify({ messages: [{ role: 'user', parts: 'Hi' }] }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/body\.messages\[0\]/);
    const noText = await call(url, { path: '/api/suggest', headers: JSON_HEADERS, body: chatBody('   ') });
    expect(noText.status).toBe(400);
    expect(model.calls).toHaveLength(1); // only the allowed same-origin post reached a model
    expect(suggestModel.calls).toHaveLength(0);
  });

  it('rate limits per client, each endpoint on its own (429 with retry-after)', async () => {
    const { url } = await serve({ requestsPerMinute: 2, suggestionsPerMinute: 3 });
    const post = (path: string): Promise<Reply> => call(url, { path, headers: JSON_HEADERS, body: chatBody('Hi') });
    expect([(await post('/api/chat')).status, (await post('/api/chat')).status]).toEqual([200, 200]);
    const limited = await post('/api/chat');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const suggestions = [];
    for (let i = 0; i < 4; i++) suggestions.push((await post('/api/suggest')).status);
    expect(suggestions).toEqual([200, 200, 200, 429]);
  });
});
