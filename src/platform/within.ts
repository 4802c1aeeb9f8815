// Waiting for a promise at most so long: the one rule for a bounded wait on an outside service (Redis).

/**
 * `promise`, or a rejection with `timeoutError()` after `ms` (the timer is cleared either way). When the
 * timer fires, the rejection waits for the I/O already received to be read (`setImmediate` runs after the
 * poll phase): a process whose event loop was blocked past `ms` sees its answer, not a false timeout. Not
 * public API.
 *
 * @example
 * await within(client.ping(), 1000, () => new Error('no answer within 1 s'));
 */
export function within<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => afterIo(() => reject(timeoutError())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `f` once the event loop has read the I/O pending now (Node's `setImmediate`; elsewhere a 0 ms timer). */
function afterIo(f: () => void): void {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') immediate(f);
  else setTimeout(f, 0);
}
