// `npm run demo:web`: the chat page, on the embedded simulator — or on Anthropic when ANTHROPIC_API_KEY is
// set, or on OpenAI when OPENAI_API_KEY is. The model runs with two tools on the server (chat-agent.ts).
//
//   npm run demo:web                      # http://127.0.0.1:3000
//   npm run demo:web -- --port 8080       # --host 0.0.0.0 to listen on every interface (think twice)
import { anthropicMessages, openAIChat, type LanguageModel } from 'rxllm';
import { startSimulator, type SimulatorHandle } from 'rxllm/testing';
import { chatAgent } from './chat-agent.js';
import { startChatServer } from './chat-server.js';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

/** Claude thinks (a 1,024-token budget) before it answers or calls a tool; its thinking shows in the page. */
const THINKING = { reasoning: { budgetTokens: 1024 } } as const;

async function main(): Promise<void> {
  const port = Number(flag('port', '3000'));
  const host = flag('host', '127.0.0.1');
  let sim: SimulatorHandle | undefined;
  let model: LanguageModel;
  let using: string;
  if (process.env['ANTHROPIC_API_KEY']) {
    model = anthropicMessages({ model: 'claude-haiku-4-5', ...THINKING });
    using = 'Anthropic claude-haiku-4-5 with thinking (ANTHROPIC_API_KEY is set)';
  } else if (process.env['OPENAI_API_KEY']) {
    model = openAIChat({ model: 'gpt-4o-mini' });
    using = 'OpenAI gpt-4o-mini (OPENAI_API_KEY is set)';
  } else {
    sim = await startSimulator({ latencyMs: 300, tokensPerSecond: 10 });
    model = anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, apiKey: 'simulator', ...THINKING });
    using = `rxllm's embedded simulator at ${sim.url} playing claude-haiku-4-5 with thinking (300 ms latency, 10 tokens/s; no API key set)`;
  }
  const server = await startChatServer({ model: chatAgent(model), host, port });
  console.log(`Chat page: ${server.url}/  — model: ${using}. Ctrl+C to stop.`);

  const stop = (): void => {
    void Promise.all([server.close(), sim?.close()]).then(() => {
      if (sim) console.log(`\nSimulator: ${sim.stats().requestsCompleted} answers completed, ${sim.stats().requestsAborted} aborted (Stop / new prompt).`);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Failed to start the chat demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
