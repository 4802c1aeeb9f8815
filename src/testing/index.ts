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
export { fakeModel } from './fake-model.js';
export type { FakeModel, FakeModelOptions, FakeCall, FakeCallKind, FakeSubscriptionLog } from './fake-model-types.js';
export type { FakeResponse, FakeReply, FakeScript } from './fake-response.js';
export { instantModel } from './instant-model.js';
export type { InstantModel, InstantModelOptions } from './instant-model.js';
export { fakeGeneration } from './fake-generation.js';
export { fakeEmbedding } from './fake-embedding.js';
export type { FakeEmbedding, FakeEmbeddingOptions, FakeEmbeddingReply, FakeEmbeddingScript, FakeEmbeddingCall } from './fake-embedding-types.js';
export { texts } from './texts.js';
