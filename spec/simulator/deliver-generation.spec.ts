import { startSimulator, type SimulatorHandle } from '../../src/simulator/start-simulator.js';
import { openaiFor } from './sim-fixture.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] };
// ten tokens: "one", " two", ... " ten"
const TEN = { 'x-sim-reply': encodeURIComponent('one two three four five six seven eight nine ten') };

describe('simulator timing knobs', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ latencyMs: 120 });
  });
  afterAll(() => sim.close());

  it('waits latencyMs before the first byte', async () => {
    const t0 = Date.now();
    const { response } = await openaiFor(sim).chat.completions.create(chat, { headers: TEN }).withResponse();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
    expect(Number(response.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(115);
  });

  it('x-sim-latency-ms overrides the latency for one request', async () => {
    const t0 = Date.now();
    await openaiFor(sim).chat.completions.create(chat, { headers: { ...TEN, 'x-sim-latency-ms': '0' } });
    const fast = Date.now() - t0;
    expect(fast).toBeLessThan(115);
  });

  it('paces streamed tokens at tokens-per-second, after the latency', async () => {
    const t0 = Date.now();
    const stream = await openaiFor(sim).chat.completions.create({ ...chat, stream: true }, { headers: { ...TEN, 'x-sim-tokens-per-second': '100' } });
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now() - t0);
    expect(arrivals).toHaveLength(10);
    expect(arrivals[0]!).toBeGreaterThanOrEqual(120 + 5);
    expect(arrivals[9]!).toBeGreaterThanOrEqual(120 + 95);
  });

  it('applies the pace to non-streaming calls too: latency + tokens / tps', async () => {
    const t0 = Date.now();
    await openaiFor(sim).chat.completions.create(chat, { headers: { ...TEN, 'x-sim-tokens-per-second': '100' } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(120 + 95);
  });

  it('configure() changes the latency live', async () => {
    sim.configure({ latencyMs: 0 });
    const t0 = Date.now();
    await openaiFor(sim).chat.completions.create(chat, { headers: TEN });
    expect(Date.now() - t0).toBeLessThan(115);
    sim.configure({ latencyMs: 120 });
  });
});
