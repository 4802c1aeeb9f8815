// The Angular example on the embedded simulator (or on OpenAI when OPENAI_API_KEY is set). Build the app
// first (`npm ci && npx ng build` in examples/angular), then, from the repository root:
//
//   npx tsx examples/angular/server/main.ts                  # http://127.0.0.1:4200
//   npx tsx examples/angular/server/main.ts --port 8080      # --host 0.0.0.0 to listen on every interface (think twice)
import { openAIChat, type LanguageModel } from 'rxllm';
import { startSimulator, type SimulatorHandle } from 'rxllm/testing';
import { startAngularServer } from './angular-server.js';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const port = Number(flag('port', '4200'));
  const host = flag('host', '127.0.0.1');
  let sim: SimulatorHandle | undefined;
  let model: LanguageModel;
  let using: string;
  if (process.env['OPENAI_API_KEY']) {
    model = openAIChat({ model: 'gpt-4o-mini' });
    using = 'OpenAI gpt-4o-mini (OPENAI_API_KEY is set)';
  } else {
    sim = await startSimulator({ latencyMs: 300, tokensPerSecond: 10 });
    model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator' });
    using = `rxllm's embedded simulator at ${sim.url} (300 ms latency, 10 tokens/s; no OPENAI_API_KEY)`;
  }
  const server = await startAngularServer({ model, host, port });
  console.log(`Angular app: ${server.url}/  — model: ${using}. Ctrl+C to stop.`);

  const stop = (): void => {
    void Promise.all([server.close(), sim?.close()]).then(() => {
      if (sim) console.log(`\nSimulator: ${sim.stats().requestsCompleted} answers completed, ${sim.stats().requestsAborted} aborted (Stop, a new prompt, a new keystroke).`);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Failed to start the Angular example: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
