/* global performance, setTimeout, setImmediate, fetch -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// From the page's unsubscribe to the upstream abort: a remoteModel client streams from an rxllm server (node:http,
// with pipeUiMessageStream or with toUiMessageStreamResponse sent as fetch-style adapters send a Response), which
// streams openAIChat from the simulator at 20 tokens/s. After the third token the client unsubscribes; measured:
// when the server's subscription ends, when the OpenAI SDK aborts its request (its fetch's signal), and when the
// simulator counts the request aborted. All in one process on loopback: the cost is rxllm's, not the network's.
//
//   npm run build && cd bench && node web-abort.mjs [--rounds=20]
import { createServer } from 'node:http';
import OpenAI from 'openai';
import { finalize, lastValueFrom, take, filter } from 'rxjs';
import { openAIChat, parseUiMessageRequest, pipeUiMessageStream, remoteModel, toUiMessageStreamResponse } from '../dist/esm/index.js';
import { startSimulator } from '../dist/esm/testing/index.js';

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 20);
const sim = await startSimulator({ tokensPerSecond: 20 });
let upstreamAbortAt = 0;
const client = new OpenAI({
  apiKey: 'sk-bench-0000',
  baseURL: sim.openaiBaseURL,
  maxRetries: 0,
  fetch: (url, init) => {
    init?.signal?.addEventListener('abort', () => (upstreamAbortAt = performance.now()), { once: true });
    return fetch(url, init);
  },
});
const model = openAIChat({ model: 'gpt-4o-mini', client });
let serverEndedAt = 0;

async function startServer(mode) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { input } = parseUiMessageRequest(JSON.parse(body));
      const events$ = model.stream(input).pipe(finalize(() => (serverEndedAt = performance.now())));
      if (mode === 'pipe') return void pipeUiMessageStream(events$, res);
      const response = toUiMessageStreamResponse(events$);
      const headers = {};
      response.headers.forEach((v, k) => (headers[k] = v));
      res.writeHead(response.status, headers);
      const reader = response.body.getReader();
      res.on('close', () => void reader.cancel().catch(() => undefined));
      for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/api/chat` };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(2)} ms (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`;

for (const mode of ['pipe', 'response']) {
  const { server, url } = await startServer(mode);
  const page = remoteModel({ url });
  const toServer = [];
  const toSdk = [];
  const toSimulator = [];
  for (let i = 0; i < rounds; i++) {
    sim.resetStats();
    serverEndedAt = upstreamAbortAt = 0;
    let tokens = 0;
    let unsubscribe;
    await new Promise((resolve) => {
      const subscription = page.stream('Tell me about reactive streams').subscribe((e) => {
        if (e.type === 'text-delta' && ++tokens === 3) {
          unsubscribe = performance.now();
          subscription.unsubscribe();
          resolve();
        }
      });
    });
    while (sim.stats().requestsAborted === 0) await new Promise((resolve) => setImmediate(resolve));
    const simulatorAt = performance.now();
    while (serverEndedAt === 0 || upstreamAbortAt === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    toServer.push(serverEndedAt - unsubscribe);
    toSdk.push(upstreamAbortAt - unsubscribe);
    toSimulator.push(simulatorAt - unsubscribe);
  }
  console.log(`${mode === 'pipe' ? 'pipeUiMessageStream' : 'toUiMessageStreamResponse'} (${rounds} rounds): unsubscribe -> server unsubscribed ${fmt(toServer)}; -> SDK request aborted ${fmt(toSdk)}; -> simulator counts it ${fmt(toSimulator)}`);
  server.close();
}
// A check that the page still gets whole answers after all that.
const g = await lastValueFrom(remoteModel({ url: (await startServer('pipe')).url }).stream('Hi').pipe(filter((e) => e.type === 'finish'), take(1)));
console.log(`a whole answer still finishes: ${g.finishReason}`);
await sim.close();
process.exit(0);
