import { of, toArray } from 'rxjs';
import { ServerError } from '../../src/errors/index.js';
import type { GenerationFailure, IndexedGeneration } from '../../src/engine/generate-options.js';
import { fakeGeneration } from '../../src/testing/fake-generation.js';
import { texts } from '../../src/testing/texts.js';

describe('texts', () => {
  it('maps generations, indexed generations and failures to short strings', () => {
    const g = fakeGeneration('hi');
    const indexed: IndexedGeneration = { ok: true, index: 0, input: 'p', generation: fakeGeneration('yo'), attempts: 1 };
    const failure: GenerationFailure = { ok: false, index: 2, input: 'q', error: new ServerError('x'), attempts: 1 };
    let out: string[] = [];
    of(g, indexed, failure).pipe(texts(), toArray()).subscribe((v) => (out = v));
    expect(out).toEqual(['hi', 'yo', 'ServerError#2']);
  });
});
