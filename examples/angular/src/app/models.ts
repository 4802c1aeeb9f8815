// The two models the app talks to, both on its own server: the API key and the provider stay there. Each is
// an injection token with a default, so a test (or another app) can provide any other `LanguageModel`, e.g.
// `{ provide: CHAT_MODEL, useValue: fakeModel(...) }`.
import { InjectionToken } from '@angular/core';
import { remoteModel, type LanguageModel } from 'rxllm';

/** The model that answers prompts: the server's `POST /api/chat` (a UI message stream). */
export const CHAT_MODEL = new InjectionToken<LanguageModel>('rxllm chat model', {
  providedIn: 'root',
  factory: () => remoteModel({ url: '/api/chat' }),
});

/** The model that suggests how to finish what is typed: the server's `POST /api/suggest` (short answers). */
export const SUGGEST_MODEL = new InjectionToken<LanguageModel>('rxllm suggestion model', {
  providedIn: 'root',
  factory: () => remoteModel({ url: '/api/suggest' }),
});
