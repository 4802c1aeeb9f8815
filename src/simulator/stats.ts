import { FAULT_KINDS } from './resolve-options.js';
import type { FaultKind } from './simulator-options.js';

/** Counters of a running simulator, as returned by `handle.stats()` (a snapshot; it does not change later). */
export interface SimulatorStats {
  /** HTTP requests received (any route, any outcome). */
  readonly requestsReceived: number;
  /** Responses sent to the end (any status, errors included). */
  readonly requestsCompleted: number;
  /** Requests whose client closed the connection before the response ended (server-side resets excluded). */
  readonly requestsAborted: number;
  /** TCP connections open right now (not reset by `resetStats`). */
  readonly openConnections: number;
  /** 429 responses sent (rate-limit faults and rate-limit buckets). */
  readonly rateLimited: number;
  /** Faults injected, by kind (header and scripted); every kind is present (0 when none). */
  readonly faultsInjected: Readonly<Record<FaultKind, number>>;
  /** Requests received, by path (`'/v1/chat/completions'`...); unknown paths count under `'(unknown)'`. */
  readonly byRoute: Readonly<Record<string, number>>;
}

function noFaults(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
}

/** The mutable counters behind `SimulatorStats`. */
export class StatsCounters {
  requestsReceived = 0;
  requestsCompleted = 0;
  requestsAborted = 0;
  openConnections = 0;
  rateLimited = 0;
  faultsInjected: Record<FaultKind, number> = noFaults();
  byRoute: Record<string, number> = {};

  countRoute(route: string): void {
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
  }

  countFault(kind: FaultKind): void {
    this.faultsInjected[kind]++;
  }

  snapshot(): SimulatorStats {
    return {
      requestsReceived: this.requestsReceived,
      requestsCompleted: this.requestsCompleted,
      requestsAborted: this.requestsAborted,
      openConnections: this.openConnections,
      rateLimited: this.rateLimited,
      faultsInjected: { ...this.faultsInjected },
      byRoute: { ...this.byRoute },
    };
  }

  /** Zeroes every counter except the `openConnections` gauge. */
  reset(): void {
    this.requestsReceived = 0;
    this.requestsCompleted = 0;
    this.requestsAborted = 0;
    this.rateLimited = 0;
    this.faultsInjected = noFaults();
    this.byRoute = {};
  }
}
