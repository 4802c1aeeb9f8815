// Shared helpers for the simulator specs: real SDK clients pointed at a running simulator.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { SimulatorHandle } from '../../src/simulator/start-simulator.js';

export const API_KEY = 'sk-sim-test-key-123456';

/** An OpenAI client for `sim`, no retries, quiet logger. */
export function openaiFor(sim: SimulatorHandle, options: { apiKey?: string; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: options.apiKey ?? API_KEY, maxRetries: options.maxRetries ?? 0, logLevel: 'off' });
}

/** An Anthropic client for `sim`, no retries, quiet logger. */
export function anthropicFor(sim: SimulatorHandle, options: { apiKey?: string; maxRetries?: number } = {}): Anthropic {
  return new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: options.apiKey ?? API_KEY, maxRetries: options.maxRetries ?? 0, logLevel: 'off' });
}

/** Resolves with what `promise` rejects with (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Polls `check` until it passes (or ~2 s), for counters updated by socket events. */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** A raw fetch to the simulator (for bodies the SDKs refuse to send). */
export function post(sim: SimulatorHandle, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

/** The SDKs' error instances, as types. */
export type OpenAIApiError = InstanceType<typeof OpenAI.APIError>;
export type AnthropicApiError = InstanceType<typeof Anthropic.APIError>;
