import { NEVER, firstValueFrom, of, throwError } from 'rxjs';
import type { EmbeddingResult } from '../../src/core/embedding-model.js';
import { ServerError } from '../../src/errors/server-error.js';
import { callbackSink } from '../../src/tracking/callback-sink.js';
import { promptLayerSink } from '../../src/tracking/prompt-layer-sink.js';
import { trackEmbed } from '../../src/tracking/tracked-embedding.js';
import type { TrackingEvent } from '../../src/tracking/tracking-event.js';
import { errorOf } from '../support/rx-helpers.js';

const result: EmbeddingResult = { embeddings: [[1, 0]], usage: { inputTokens: 2, outputTokens: 0, totalTokens: 2 }, provider: 'p', modelId: 'm' };
const call = { provider: 'p', modelId: 'm', tags: ['t'], values: ['a'], settings: { dimensions: 2, headers: { authorization: 'Bearer secret-token-123' } } };

describe('tracking an embedding call', () => {
  it('embed-request (values, settings without headers) then embed-response with the result', async () => {
    const events: TrackingEvent[] = [];
    await firstValueFrom(trackEmbed(of(result), [(e) => events.push(e)], call));
    expect(events.map((e) => e.type)).toEqual(['embed-request', 'embed-response']);
    const [request, response] = events as [Extract<TrackingEvent, { type: 'embed-request' }>, Extract<TrackingEvent, { type: 'embed-response' }>];
    expect(request).toMatchObject({ values: ['a'], settings: { dimensions: 2 }, call: { provider: 'p', modelId: 'm', stream: false, tags: ['t'] } });
    expect(request.settings).not.toHaveProperty('headers');
    expect(response).toMatchObject({ result, call: { callId: request.call.callId } });
  });

  it('error and cancel end a call too, once per subscription; no trackers: the source as it is', async () => {
    const events: TrackingEvent[] = [];
    const sink = (e: TrackingEvent): number => events.push(e);
    await errorOf(trackEmbed(throwError(() => new ServerError('boom')), [sink], call));
    trackEmbed(NEVER, [sink], call).subscribe().unsubscribe();
    expect(events.map((e) => e.type)).toEqual(['embed-request', 'error', 'embed-request', 'cancel']);
    const source = of(result);
    expect(trackEmbed(source, [], call)).toBe(source);
  });

  it('promptLayerSink ignores embedding calls; callbackSink filters them by type', async () => {
    const fetch = jest.fn();
    const pl = promptLayerSink({ apiKey: 'pl-key-0000000000', fetch });
    const seen: string[] = [];
    const only = callbackSink((e) => seen.push(e.type), { types: ['embed-response'] });
    await firstValueFrom(trackEmbed(of(result), [pl, only], call));
    await pl.flush();
    expect(fetch).not.toHaveBeenCalled();
    expect(seen).toEqual(['embed-response']);
  });
});
