import { startSimulator as fromTesting } from '../../src/testing/index.js';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import { openaiFor, post } from './sim-fixture.js';

describe('startSimulator', () => {
  it('is exported from rxllm/testing', () => {
    expect(fromTesting).toBe(startSimulator);
  });

  it('listens on 127.0.0.1 and a free port by default, and gives the SDK base URLs', async () => {
    const sim = await startSimulator();
    try {
      expect(sim.port).toBeGreaterThan(0);
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      expect(sim.openaiBaseURL).toBe(`${sim.url}/v1`);
      expect(sim.anthropicBaseURL).toBe(sim.url);
    } finally {
      await sim.close();
    }
  });

  it('rejects bad options with InvalidArgumentError naming them', async () => {
    await expect(startSimulator({ port: -1 })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'port' });
    await expect(startSimulator({ port: 70000 })).rejects.toMatchObject({ argument: 'port' });
    await expect(startSimulator({ latencyMs: -5 })).rejects.toMatchObject({ argument: 'latencyMs' });
    await expect(startSimulator({ tokensPerSecond: Number.NaN })).rejects.toMatchObject({ argument: 'tokensPerSecond' });
    await expect(startSimulator({ rateLimit: { requestsPerMinute: 0 } })).rejects.toMatchObject({ argument: 'rateLimit.requestsPerMinute' });
    await expect(startSimulator({ apiKey: '' })).rejects.toMatchObject({ argument: 'apiKey' });
    await expect(startSimulator({ maxBodyBytes: 1.5 })).rejects.toMatchObject({ argument: 'maxBodyBytes' });
    await expect(startSimulator({ faults: [{ kind: 'stall', params: { ms: -1 } }] })).rejects.toMatchObject({ argument: 'faults[0].params.ms' });
  });

  it('rejects with ConfigurationError when the port is taken', async () => {
    const sim = await startSimulator();
    try {
      await expect(startSimulator({ port: sim.port })).rejects.toMatchObject({ name: 'ConfigurationError' });
    } finally {
      await sim.close();
    }
  });

  it('configure() validates, refuses port/host, and can turn the key on', async () => {
    const sim = await startSimulator();
    try {
      expect(() => sim.configure({ port: 1 })).toThrow(expect.objectContaining({ name: 'InvalidArgumentError', argument: 'port' }));
      expect(() => sim.configure({ latencyMs: -1 })).toThrow(expect.objectContaining({ argument: 'latencyMs' }));
      const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
      expect((await post(sim, '/v1/chat/completions', body)).status).toBe(200);
      sim.configure({ apiKey: 'sk-later-key-000000' });
      expect((await post(sim, '/v1/chat/completions', body)).status).toBe(401);
      await openaiFor(sim, { apiKey: 'sk-later-key-000000' }).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
      sim.configure({ apiKey: undefined });
      expect((await post(sim, '/v1/chat/completions', body)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
