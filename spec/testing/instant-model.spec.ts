import { lastValueFrom, toArray } from 'rxjs';
import { instantModel } from '../../src/testing/instant-model.js';

describe('instantModel', () => {
  it('answers synchronously by default, echoing the prompt', () => {
    const model = instantModel();
    const out: string[] = [];
    model.generate('hello').subscribe((g) => out.push(g.text));
    expect(out).toEqual(['hello']);
    expect([model.callCount, model.active, model.maxActive]).toEqual([1, 0, 1]);
  });

  it('answers in a microtask with timing: microtask, counting calls in flight', async () => {
    const model = instantModel({ text: (p) => `re ${String(p)}`, timing: 'microtask' });
    const pending = [model.generate('a'), model.generate('b')].map((o) => lastValueFrom(o));
    expect(model.active).toBe(2);
    expect((await Promise.all(pending)).map((g) => g.text)).toEqual(['re a', 're b']);
    expect([model.active, model.maxActive]).toEqual([0, 2]);
  });

  it('streams start, one delta, finish', async () => {
    const events = await lastValueFrom(instantModel({ text: 'ok' }).stream('p').pipe(toArray()));
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'finish']);
  });

  it('does not answer a call unsubscribed before its microtask', async () => {
    const model = instantModel({ timing: 'microtask' });
    const seen: unknown[] = [];
    model.generate('a').subscribe((g) => seen.push(g)).unsubscribe();
    await Promise.resolve();
    expect(seen).toEqual([]);
    expect(model.active).toBe(0);
  });
});
