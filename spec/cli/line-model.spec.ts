import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { lineModel, type LineState } from '../../src/cli/line-model.js';
import type { PromptInput } from '../../src/core/prompt.js';
import { fakeModel } from '../../src/testing/index.js';

describe('lineModel', () => {
  it('counts the requests of a line and adds its settings over the call options', async () => {
    const inner = fakeModel(['one', 'two']);
    const prompt: PromptInput = [{ role: 'user', content: 'Hi' }];
    const state: LineState = { line: { ok: true, id: 'a', lineNo: 1, prompt, settings: { maxTokens: 5 } }, attempts: 0 };
    const model = lineModel(inner, (input) => (input === prompt ? state : undefined));
    const call = model.generate(prompt, { temperature: 1, maxTokens: 100 });
    expect(state.attempts).toBe(0); // cold: nothing counted before subscribe
    await firstValueFrom(call);
    await firstValueFrom(call);
    expect(state.attempts).toBe(2);
    expect(state.startedAt).toBeGreaterThan(0);
    expect(inner.calls.map((c) => c.options)).toEqual([{ temperature: 1, maxTokens: 5 }, { temperature: 1, maxTokens: 5 }]);
  });

  it('passes unknown prompts and streams through', async () => {
    const inner = fakeModel('ok');
    const model = lineModel(inner, () => undefined);
    expect((await firstValueFrom(model.generate('x', { temperature: 0 }))).text).toBe('ok');
    expect((await lastValueFrom(model.stream('x').pipe(toArray()))).length).toBeGreaterThan(0);
    expect(model.provider).toBe(inner.provider);
  });
});
