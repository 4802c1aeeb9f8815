// `npm run soak`: the big soak (10,000 prompts by default) against the embedded simulator, with figures.
// Usage: tsx scripts/soak.ts [--prompts N] [--pipelines N] [--rps N] [--seed N] [--cancel-share 0..1]
import { formatFigures, runSoak, type SoakConfig } from '../spec/soak/soak-runner.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number`);
  return value;
}

async function main(): Promise<void> {
  const config: SoakConfig = {
    prompts: flag('prompts', 10_000),
    pipelines: flag('pipelines', 50),
    cancelShare: flag('cancel-share', 0.15),
    requestsPerSecond: flag('rps', 400),
    seed: flag('seed', 42),
    warmup: flag('warmup', 100),
  };
  console.log(`soak: ${config.prompts} prompts in ${config.pipelines} pipelines, ${config.requestsPerSecond} requests/s, seed ${config.seed}`);
  const f = await runSoak(config, (line) => console.log(line));
  console.log(formatFigures(f));
  const problems = [
    f.missing > 0 && `${f.missing} prompts missing`,
    f.duplicates > 0 && `${f.duplicates} duplicate outputs`,
    f.requestsAfterUnsubscribe + f.outputsAfterUnsubscribe > 0 && 'requests or outputs after unsubscribe',
    f.untypedFailures > 0 && `${f.untypedFailures} untyped failures`,
    f.unhandledRejections.length > 0 && `unhandled rejections: ${f.unhandledRejections.join('; ')}`,
    f.maxListenersWarnings > 0 && 'MaxListenersExceededWarning',
    f.openConnectionsAfter !== 0 && `${f.openConnectionsAfter} connections still open`,
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error(`soak FAILED: ${problems.join(', ')}`);
    process.exitCode = 1;
  } else console.log('soak OK');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
