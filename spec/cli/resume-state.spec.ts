import { readFileSync, writeFileSync } from 'node:fs';
import { dropResults, idKey, loadResumeState } from '../../src/cli/resume-state.js';
import { tempDir, type TempDir } from './run-fixture.js';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const ok = (id: string | number): string => `${JSON.stringify({ id, line: 1, text: 't', attempts: 1 })}\n`;
const failed = (id: string | number): string => `${JSON.stringify({ id, line: 1, error: { name: 'ServerError', message: 'boom' }, attempts: 2 })}\n`;

describe('loadResumeState', () => {
  it('a missing or empty file is a fresh start', async () => {
    expect((await loadResumeState(dir.path('none.jsonl'), false)).skip.size).toBe(0);
    writeFileSync(dir.path('empty.jsonl'), '');
    expect(await loadResumeState(dir.path('empty.jsonl'), false)).toMatchObject({ succeeded: 0, failed: 0, repairedBytes: 0 });
  });

  it('skips successes and failures; keeps 1 and "1" apart; counts lines that are not records', async () => {
    writeFileSync(dir.path('out.jsonl'), ok('a') + failed('b') + ok(1) + 'garbage\n' + '\n');
    const state = await loadResumeState(dir.path('out.jsonl'), false);
    expect([...state.skip.keys()].sort()).toEqual([idKey('a'), idKey('b'), idKey(1)].sort());
    expect(state.skip.has(idKey('1'))).toBe(false);
    expect(state).toMatchObject({ succeeded: 2, failed: 1, unreadable: 1, removedFailures: 0, repairedBytes: 0 });
  });

  it('keeps the request hash of each record (undefined for records of earlier versions); the first record of an id counts', async () => {
    const hashed = (id: string, requestHash: string): string => `${JSON.stringify({ id, line: 1, requestHash, text: 't', attempts: 1 })}\n`;
    writeFileSync(dir.path('out.jsonl'), hashed('a', '0123456789abcdef') + ok('b') + hashed('a', 'ffffffffffffffff'));
    const state = await loadResumeState(dir.path('out.jsonl'), false);
    expect([...state.skip]).toEqual([[idKey('a'), '0123456789abcdef'], [idKey('b'), undefined]]);
  });

  it('dropResults removes every record of the given ids and takes them out of skip', async () => {
    writeFileSync(dir.path('out.jsonl'), ok('a') + failed('b') + ok('c') + ok('a'));
    const state = await dropResults(dir.path('out.jsonl'), await loadResumeState(dir.path('out.jsonl'), false), new Set([idKey('a'), idKey('b')]));
    expect(readFileSync(dir.path('out.jsonl'), 'utf8')).toBe(ok('c'));
    expect([...state.skip.keys()]).toEqual([idKey('c')]);
    expect(state).toMatchObject({ succeeded: 1, failed: 0 });
  });

  it('cuts a torn last line (no line break) off the file', async () => {
    const whole = ok('a') + ok('b');
    writeFileSync(dir.path('out.jsonl'), `${whole}{"id":"c","te`);
    const state = await loadResumeState(dir.path('out.jsonl'), false);
    expect(state.repairedBytes).toBe(13);
    expect(state.succeeded).toBe(2);
    expect(readFileSync(dir.path('out.jsonl'), 'utf8')).toBe(whole);
  });

  it('with retryFailed, removes the failure records so they can be written again', async () => {
    writeFileSync(dir.path('out.jsonl'), ok('a') + failed('b') + ok('c') + failed('d'));
    const state = await loadResumeState(dir.path('out.jsonl'), true);
    expect([...state.skip.keys()].sort()).toEqual([idKey('a'), idKey('c')]);
    expect(state).toMatchObject({ failed: 2, removedFailures: 2 });
    expect(readFileSync(dir.path('out.jsonl'), 'utf8')).toBe(ok('a') + ok('c'));
  });

  it('reads lines that span read chunks', async () => {
    const long = JSON.stringify({ id: 'long', text: 'x'.repeat(600_000), attempts: 1 });
    writeFileSync(dir.path('out.jsonl'), `${ok('a')}${long}\n${ok('b')}`);
    const state = await loadResumeState(dir.path('out.jsonl'), false);
    expect(state.succeeded).toBe(3);
    expect(state.skip.has(idKey('long'))).toBe(true);
  });
});
