import { formatSummary } from '../../src/cli/run-summary.js';
import { RunStats } from '../../src/cli/run-stats.js';

describe('run summary', () => {
  it('counts, tokens and cost, p50/p95, retries, failures by name, peak RSS', () => {
    const stats = new RunStats(0);
    stats.skipped = 3;
    for (let i = 1; i <= 98; i++) stats.succeed({ inputTokens: 10, outputTokens: 20, totalTokens: 30 }, i * 10, i % 10 === 0 ? 2 : 1);
    stats.fail('ServerError', 2000, 2);
    stats.fail('BadLineError', undefined, 0);
    const text = formatSummary(stats, { now: 10_000, modelId: 'gpt-4o-mini', price: { inputPerMillion: 0.15, outputPerMillion: 0.6 }, peakRssBytes: 150 * 1024 * 1024 });
    expect(text).toContain('rxllm run: 100 written in 10s (10.0/s): 98 succeeded, 2 failed, 3 skipped (already done)');
    expect(text).toContain('tokens: 980 in + 1,960 out = 2,940; estimated cost $0.0013');
    expect(text).toMatch(/latency: p50 (49\d|50\d|51\d) ms, p95 (9[3-9]\d|10[0-4]\d) ms; requests: 109 \(10 retries\)/);
    expect(text).toContain('failures: ServerError 1, BadLineError 1');
    expect(text).toContain('peak RSS: 150 MB');
    expect(formatSummary(new RunStats(0), { now: 0, modelId: 'x', peakRssBytes: 0 })).toContain('latency: n/a; requests: 0 (0 retries)');
  });

  it('an unknown cost names the --price form of the command (embed takes IN only)', () => {
    expect(formatSummary(new RunStats(0), { now: 0, modelId: 'my-model', peakRssBytes: 0 })).toContain('cost unknown for my-model (set --price IN,OUT)');
    expect(formatSummary(new RunStats(0), { now: 0, modelId: 'my-embedder', peakRssBytes: 0, command: 'rxllm embed', priceFlag: 'IN' })).toContain(
      'cost unknown for my-embedder (set --price IN)',
    );
  });

  it('duplicate ids: counted, the first three shown', () => {
    const stats = new RunStats(0);
    for (let i = 0; i < 5; i++) stats.duplicate(10 + i, i === 0 ? 7 : `x${i}`, 1);
    expect(formatSummary(stats, { now: 0, modelId: 'x', peakRssBytes: 0 })).toContain(
      '  duplicate ids: 5 lines not run (ids must be unique): line 10 repeats 7 of line 1, line 11 repeats "x1" of line 1, line 12 repeats "x2" of line 1, and 2 more\n',
    );
  });

  it('ETA from the rate, once the total is known', () => {
    const stats = new RunStats(0);
    expect(stats.etaSeconds(1000)).toBeUndefined();
    stats.total = 30;
    for (let i = 0; i < 10; i++) stats.succeed(undefined, 1, 1);
    expect(stats.etaSeconds(1000)).toBe(2); // 10/s, 20 left
  });
});
