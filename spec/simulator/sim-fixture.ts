// Shared helpers for the simulator specs: real SDK clients pointed at a running simulator.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { SimulatorHandle } from '../../src/simulator/start-simulator.js';
import { useSharedSimulator } from '../support/shared-simulator.js';

export const API_KEY = 'sk-sim-test-key-123456';

/** An OpenAI client for `sim`, no retries, quiet logger. */
export function openaiFor(sim: SimulatorHandle, options: { apiKey?: string; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: options.apiKey ?? API_KEY, maxRetries: options.maxRetries ?? 0, logLevel: 'off' });
}

/** An Anthropic client for `sim`, no retries, quiet logger. */
export function anthropicFor(sim: SimulatorHandle, options: { apiKey?: string; maxRetries?: number } = {}): Anthropic {
  return new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: options.apiKey ?? API_KEY, maxRetries: options.maxRetries ?? 0, logLevel: 'off' });
}

/**
 * The shared simulator of a describe block (`useSharedSimulator`: started before all tests, reset before each,
 * closed after all) and real SDK clients for it (made on first use), as getters.
 */
export function useSimulatorClients(): { readonly sim: () => SimulatorHandle; readonly openai: () => OpenAI; readonly anthropic: () => Anthropic } {
  const sim = useSharedSimulator();
  let openai: OpenAI | undefined;
  let anthropic: Anthropic | undefined;
  return { sim, openai: () => (openai ??= openaiFor(sim())), anthropic: () => (anthropic ??= anthropicFor(sim())) };
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

/** The `data:` payloads of an OpenAI SSE body, without [DONE]. */
export function chunksOf(text: string): Array<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return text.split('\n\n').filter((f) => f.startsWith('data: {')).map((f) => JSON.parse(f.slice(6)));
}

/** The events of an Anthropic SSE body: [name, data]. */
export function eventsOf(text: string): Array<[string, Record<string, any>]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return text.split('\n\n').filter((f) => f.startsWith('event: ')).map((f) => {
    const [head, data] = f.split('\n');
    return [head!.slice(7), JSON.parse(data!.slice(6))];
  });
}

/** The SDKs' error instances, as types. */
export type OpenAIApiError = InstanceType<typeof OpenAI.APIError>;
export type AnthropicApiError = InstanceType<typeof Anthropic.APIError>;
