import { getEventListeners } from 'node:events';
import { onAbort } from '../../src/platform/abort-signal.js';

describe('onAbort', () => {
  it('adds ONE listener per signal however many callers share it, and removes it when the last leaves', () => {
    const controller = new AbortController();
    const removers = Array.from({ length: 100 }, () => onAbort(controller.signal, () => undefined));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    removers.forEach((remove) => remove());
    removers[0]!(); // twice is harmless
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('calls every remaining callback once on abort', () => {
    const controller = new AbortController();
    const a = jest.fn();
    const b = jest.fn();
    onAbort(controller.signal, a);
    const removeB = onAbort(controller.signal, b);
    removeB();
    controller.abort();
    controller.abort();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    // After the abort a new registration on the same (aborted) signal is a no-op.
    const c = jest.fn();
    onAbort(controller.signal, c)();
    expect(c).not.toHaveBeenCalled();
  });
});
