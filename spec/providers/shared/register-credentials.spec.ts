import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { redactKnownSecrets } from '../../../src/errors/redact.js';
import { registerCredentials } from '../../../src/providers/shared/register-credentials.js';

// One function registers every credential rxllm can see: the apiKey option, an SDK client's own key or token
// and its credential default headers, and credential request headers (case-insensitive names, Bearer stripped).

let n = 0;
const fresh = (): string => `cred${++n}x${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const isRegistered = (secret: string): boolean => redactKnownSecrets(`<${secret}>`) === '<[REDACTED]>';

describe('registerCredentials', () => {
  it('registers the apiKey option, trimmed', () => {
    const key = fresh();
    registerCredentials({ apiKey: `${key}\n` });
    expect(isRegistered(key)).toBe(true);
  });

  it("registers an OpenAI client's apiKey and adminAPIKey, and its credential default headers", () => {
    const [key, admin, header] = [fresh(), fresh(), fresh()];
    const client = new OpenAI({ apiKey: key, adminAPIKey: admin, defaultHeaders: { 'Ocp-Apim-Subscription-Key': header, 'x-trace': 'not-a-secret-value' } } as never);
    registerCredentials({ client });
    expect([isRegistered(key), isRegistered(admin), isRegistered(header), isRegistered('not-a-secret-value')]).toEqual([true, true, true, false]);
  });

  it("registers an Anthropic client's apiKey and authToken", () => {
    const [key, token] = [fresh(), fresh()];
    registerCredentials({ client: new Anthropic({ apiKey: key }) });
    registerCredentials({ client: new Anthropic({ apiKey: null, authToken: token }) });
    expect([isRegistered(key), isRegistered(token)]).toEqual([true, true]);
  });

  it.each([
    ['authorization', (k: string) => `Bearer ${k}`],
    ['Authorization', (k: string) => `bearer   ${k} `],
    ['Proxy-Authorization', (k: string) => `Basic ${k}`],
    ['api-key', (k: string) => k],
    ['X-API-Key', (k: string) => `${k}\n`],
    ['x-goog-api-key', (k: string) => k],
    ['helicone-auth', (k: string) => `Bearer ${k}`],
    ['x-auth-token', (k: string) => k],
  ])('registers the value of a %s header', (name, value) => {
    const key = fresh();
    registerCredentials({ headers: { [name]: value(key) } });
    expect(isRegistered(key)).toBe(true);
  });

  it('reads fetch Headers and [name, value] lists too, and leaves other headers alone', () => {
    const [a, b, other] = [fresh(), fresh(), fresh()];
    registerCredentials({ headers: new Headers({ 'x-api-key': a, 'x-request-tag': other }) });
    registerCredentials({ headers: [['Authorization', `Bearer ${b}`]] });
    expect([isRegistered(a), isRegistered(b), isRegistered(other)]).toEqual([true, true, false]);
  });

  it('ignores what is not there or not a string', () => {
    expect(() => registerCredentials({})).not.toThrow();
    expect(() => registerCredentials({ apiKey: 5, client: 'x', headers: 'y' })).not.toThrow();
    expect(() => registerCredentials({ client: { apiKey: null, _options: null }, headers: { 'api-key': 5 } })).not.toThrow();
  });
});
