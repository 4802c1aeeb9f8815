import { lastValueFrom, toArray } from 'rxjs';
import { isLlmError } from '../../src/errors/index.js';
import { embedFrom } from '../../src/operators/embed-from.js';
import { openAIEmbedding } from '../../src/providers/openai/embedding-model.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';
import { errorOf } from '../support/rx-helpers.js';
import { expectNoLeak, PLANTED } from './exposure.js';
import { startHostileUpstream, type HostileUpstream } from './hostile-upstream.js';

// openAIEmbedding against a server that echoes the key back (error body, headers, request id, a malformed
// body): the key never shows in the error, its JSON, the tracking events, or embedFrom's failure records.

let upstream: HostileUpstream;
beforeAll(async () => {
  upstream = await startHostileUpstream();
});
afterAll(() => upstream.close());

describe.each([PLANTED.openai, PLANTED.plain])('openAIEmbedding with the key %s', (key) => {
  it.each(['401', '400', '429', '500', 'malformed'])('server answers %s echoing it: nothing shows it', async (mode) => {
    const events: TrackingEvent[] = [];
    const model = openAIEmbedding({ model: 'text-embedding-3-small', apiKey: key, baseURL: upstream.openaiBaseURL(mode), track: (e) => events.push(e) });
    const error = await errorOf(model.embed(['Hello'], { headers: { 'x-custom-auth': key } }));
    expect(isLlmError(error)).toBe(true);
    expectNoLeak(error, (error as { toJSON(): unknown }).toJSON());
    const records = await lastValueFrom(embedFrom(model, ['a', 'b'], { errors: 'emit' }).pipe(toArray()));
    expect(records.map((r) => r.ok)).toEqual([false, false]);
    expect(events.map((e) => e.type)).toEqual(['embed-request', 'error', 'embed-request', 'error']);
    expectNoLeak(records, events);
  });
});
