import { LatencyHistogram } from '../../src/cli/latency-histogram.js';

describe('LatencyHistogram', () => {
  it('gives percentiles within 5% in constant memory', () => {
    const h = new LatencyHistogram();
    expect(h.percentile(0.5)).toBeUndefined();
    for (let ms = 1; ms <= 1000; ms++) h.add(ms);
    expect(h.count).toBe(1000);
    expect(h.percentile(0.5)).toBeGreaterThanOrEqual(500);
    expect(h.percentile(0.5)).toBeLessThanOrEqual(525);
    expect(h.percentile(0.95)).toBeGreaterThanOrEqual(950);
    expect(h.percentile(0.95)).toBeLessThanOrEqual(998);
    expect(h.percentile(1)).toBeGreaterThanOrEqual(1000);
  });

  it('counts sub-millisecond and zero latencies as 1 ms', () => {
    const h = new LatencyHistogram();
    h.add(0);
    h.add(0.4);
    expect(h.percentile(0.5)).toBe(1);
  });
});
