// The `rxllm/testing` entry point: helpers for testing code that uses rxllm. Explicit exports only.

// --- simulator ------------------------------------------------------------------------------------
export { startSimulator } from '../simulator/start-simulator.js';
export type { SimulatorHandle } from '../simulator/start-simulator.js';
export type {
  SimulatorOptions,
  RateLimitOptions,
  FaultRule,
  FaultKind,
  FaultParams,
  SimulatorRoute,
} from '../simulator/simulator-options.js';
export type { SimulatorStats } from '../simulator/stats.js';

// --- fake model and marble helpers ----------------------------------------------------------------
