// A quick tour of rxllm's embedded simulator: it speaks the real OpenAI and Anthropic wire protocols, so the
// official SDKs talk to it unmodified, offline, with no API key. Run with `npx tsx examples/simulator-smoke.ts`.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startSimulator } from 'rxllm/testing';

async function main(): Promise<number> {
  const sim = await startSimulator({ latencyMs: 300, tokensPerSecond: 60 });
  console.log(`Simulator listening on ${sim.url} (300 ms latency, 60 tokens/s)\n`);
  try {
    const openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'no-key-needed' });
    let t0 = Date.now();
    const chat = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello to rxllm' }],
    });
    console.log(`OpenAI chat, ${Date.now() - t0} ms, finish_reason ${chat.choices[0]?.finish_reason}:`);
    console.log(`  ${chat.choices[0]?.message.content}\n`);

    const anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'no-key-needed' });
    t0 = Date.now();
    let firstTokenMs: number | undefined;
    process.stdout.write('Anthropic messages, streamed:\n  ');
    const stream = anthropic.messages.stream({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Tell me about streams' }],
    });
    stream.on('text', (text) => {
      firstTokenMs ??= Date.now() - t0;
      process.stdout.write(text);
    });
    const message = await stream.finalMessage();
    console.log(`\n  first token after ${firstTokenMs} ms, all ${message.usage.output_tokens} tokens after ${Date.now() - t0} ms, stop_reason ${message.stop_reason}\n`);

    const stats = sim.stats();
    console.log(`Stats: ${stats.requestsReceived} requests received, ${stats.requestsCompleted} completed, ${stats.requestsAborted} aborted`);
  } finally {
    await sim.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('Demo failed:', error);
    process.exitCode = 1;
  },
);
