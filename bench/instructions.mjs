// One variant of same-client.mjs, for counting instructions with valgrind (deterministic where CPU time on a
// shared machine is not): `--predictable --random-seed` makes V8 single-threaded and repeatable (two runs
// differ by ~0.02%). Run each variant with 200 and 1,200 requests (after the same warm-up); the difference
// / 1,000 is the instructions per request. The simulator runs in its own process: SIM_URL points at it.
//
//   node sim-server.mjs &   # prints { "url": ... }
//   SIM_URL=http://127.0.0.1:PORT valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
//     node --predictable --random-seed=42 instructions.mjs generate 1200 [../dist/esm/index.js]
//
// Variants: raw (p-limit + create), generate (openAIChat({ client }) through generate), firstValueFrom.
// maxRetries 3 on both sides: under valgrind the client is slow enough for the server to close idle
// keep-alive sockets, and a retried request is the same for every variant.
import OpenAI from 'openai';
import pLimit from 'p-limit';
import { count, firstValueFrom, from, lastValueFrom } from 'rxjs';
import { API_KEY, MODEL, prompt } from './common.mjs';

const [variant = 'generate', n = '1200', dist = '../dist/esm/index.js'] = process.argv.slice(2);
const rxllm = await import(dist);
const client = new OpenAI({ baseURL: `${process.env.SIM_URL}/v1`, apiKey: API_KEY, maxRetries: 3 });
const model = rxllm.openAIChat({ model: MODEL, client, maxTokens: 16, maxRetries: 3 });
const prompts = (k) => Array.from({ length: k }, (_, i) => prompt(i));
const withPLimit = (call) => async (k) => {
  const limit = pLimit(32);
  await Promise.all(prompts(k).map((p) => limit(() => call(p))));
};
const variants = {
  raw: withPLimit((p) => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: p }], max_tokens: 16 })),
  generate: (k) => lastValueFrom(from(prompts(k)).pipe(rxllm.generate(model, { concurrency: 32 }), count())),
  firstValueFrom: withPLimit((p) => firstValueFrom(model.generate(p))),
};
await variants[variant](300); // warm-up
await variants[variant](Number(n));
