import { UsageError } from '../../src/cli/cli-io.js';
import { parseRunFlags, RUN_DEFAULTS, type RunConfig } from '../../src/cli/run-flags.js';
import { generateOptions } from '../../src/cli/run-setup.js';

describe('parseRunFlags', () => {
  it('applies the documented defaults', () => {
    expect(parseRunFlags(['in.jsonl', '--model', 'openai:gpt-4o-mini'])).toEqual({
      input: 'in.jsonl',
      model: { provider: 'openai', modelId: 'gpt-4o-mini' },
      concurrency: RUN_DEFAULTS.concurrency,
      adaptive: true,
      retries: RUN_DEFAULTS.retries,
      timeoutMs: RUN_DEFAULTS.timeoutMs,
      ordered: false,
      retryFailed: false,
      rerunChanged: false,
      progress: true,
    });
    expect(parseRunFlags(['-', '--simulator'])).toMatchObject({ input: '-', model: { provider: 'openai', modelId: 'gpt-4o-mini' }, simulator: { latencyMs: 0, faults: [] } });
    expect(parseRunFlags(['--help'])).toBe('help');
  });

  it('reads every flag', () => {
    const config = parseRunFlags([
      'in.txt', '-o', 'out.jsonl', '-m', 'anthropic:claude-haiku-4-5', '--format', 'text', '-c', '4', '--no-adaptive', '--rpm', '60', '--tpm', '1000',
      '--retries', '0', '--retry-delay', '10', '--timeout', '5000', '--max-tokens', '64', '--temperature', '0.5', '--ordered', '--retry-failed',
      '--rerun-changed', '--progress-interval', '250', '--no-progress', '--price', '1,2',
    ]);
    expect(config).toEqual({
      input: 'in.txt', output: 'out.jsonl', model: { provider: 'anthropic', modelId: 'claude-haiku-4-5' }, format: 'text', concurrency: 4,
      adaptive: false, rpm: 60, tpm: 1000, retries: 0, retryDelayMs: 10, timeoutMs: 5000, maxTokens: 64, temperature: 0.5, ordered: true,
      retryFailed: true, rerunChanged: true, progressIntervalMs: 250, progress: false, price: { inputPerMillion: 1, outputPerMillion: 2 },
    });
    const options = generateOptions(config as RunConfig);
    expect(options).toMatchObject({ concurrency: 4, ordered: true, timeout: 5000, callOptions: { maxTokens: 64, temperature: 0.5 } });
    expect(options.retry).toBeUndefined();
    expect(options.rateLimit?.limitsTokens).toBe(true);
  });

  it('builds adaptive concurrency and retries from the defaults', () => {
    const options = generateOptions(parseRunFlags(['in.txt', '--simulator']) as RunConfig);
    expect(options.concurrency).toMatchObject({ limit: RUN_DEFAULTS.concurrency });
    expect(options.retry).toEqual({ maxAttempts: RUN_DEFAULTS.retries + 1 });
    expect(options.rateLimit).toBeUndefined();
  });

  it('simulator faults from --simulator-fault-rate and --simulator-faults', () => {
    const config = parseRunFlags(['-', '--simulator', '--simulator-fault-rate', 'reset=0.1', '--simulator-faults', '[{"kind":"server-error","nth":2}]', '--simulator-seed', '3']);
    expect((config as RunConfig).simulator).toEqual({ latencyMs: 0, seed: 3, faults: [{ kind: 'reset', probability: 0.1 }, { kind: 'server-error', nth: 2 }] });
    expect(() => parseRunFlags(['-', '--simulator', '--simulator-fault-rate', 'boom=1'])).toThrow('--simulator-fault-rate: unknown fault kind "boom"');
    expect(() => parseRunFlags(['-', '--simulator', '--simulator-faults', '{}'])).toThrow(UsageError);
    expect(() => parseRunFlags(['-', '-o', '-', '--simulator'])).toThrow('without -o, results go to stdout');
  });
});
