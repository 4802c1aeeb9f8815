// Strings for the schema value generator: by `format`, else by what the property's name suggests (a city, a
// name, an email...), else a short phrase; then fitted to `minLength` / `maxLength` and, when the schema has a
// simple `pattern`, made to match it.
import { hashString } from './seeded-random.js';
import { capitalize, type Picker } from './repertoire/picker.js';
import { SOME_CITIES, SOME_COUNTRIES, type PromptHints } from './schema-hints.js';
import { patternString } from './schema-pattern.js';

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Ken', 'Radia', 'Donald', 'Frances', 'John'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Thompson', 'Perlman', 'Knuth', 'Allen', 'Backus'];
const ADJECTIVES = ['quiet', 'bright', 'gentle', 'rapid', 'golden', 'simple', 'steady', 'clever', 'little', 'ancient', 'fresh', 'careful'];
const NOUNS = ['river', 'garden', 'harbor', 'meadow', 'signal', 'lantern', 'bridge', 'orchard', 'compass', 'journey', 'pattern', 'window'];
const SENTENCES = [
  'A short summary of the main points.', 'Everything looks good so far.', 'This covers the essentials of the request.',
  'The details are straightforward and easy to follow.', 'A clear and simple answer to the question.',
  'The result matches what was asked for.',
];
const COLORS = ['red', 'green', 'blue', 'amber', 'teal', 'violet'];
const LANGUAGES = ['English', 'French', 'Spanish', 'German', 'Japanese', 'Portuguese'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD'];

/** The lower-cased letters and digits of a property name: `first_name` and `firstName` both give `firstname`. */
function key(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function date(pick: Picker): string {
  return `${pick.int(2024, 2025)}-${pad2(pick.int(1, 12))}-${pad2(pick.int(1, 28))}`;
}

function time(pick: Picker): string {
  return `${pad2(pick.int(8, 19))}:${pick.pick(['00', '15', '30', '45'])}:00`;
}

function slug(pick: Picker): string {
  return `${pick.pick(ADJECTIVES)}-${pick.pick(NOUNS)}`;
}

function uuid(seed: string): string {
  const hex = [0, 1, 2, 3].map((i) => hashString(`${seed}#${i}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function byFormat(format: unknown, pick: Picker, seed: string): string | undefined {
  switch (format) {
    case 'date': return date(pick);
    case 'date-time': return `${date(pick)}T${time(pick)}Z`;
    case 'time': return time(pick);
    case 'email': case 'idn-email': return `${pick.pick(FIRST).toLowerCase()}.${pick.pick(LAST).toLowerCase()}@example.com`;
    case 'uri': case 'url': case 'iri': case 'uri-reference': case 'iri-reference': return `https://example.com/${slug(pick)}`;
    case 'hostname': case 'idn-hostname': return `${pick.pick(NOUNS)}.example.com`;
    case 'ipv4': return `192.0.2.${pick.int(1, 254)}`;
    case 'ipv6': return `2001:db8::${pick.int(1, 0xffff).toString(16)}`;
    case 'uuid': return uuid(seed);
    case 'duration': return `P${pick.int(1, 30)}D`;
    default: return undefined;
  }
}

function byName(name: string, pick: Picker, hints: PromptHints, seed: string): string | undefined {
  const k = key(name);
  if (/address$/.test(k)) return `${pick.int(1, 99)} ${capitalize(pick.pick(NOUNS))} Street, ${hints.city() ?? pick.pick(SOME_CITIES)}`;
  if (/(city|town|location|place|destination|origin)$/.test(k)) return hints.city() ?? pick.pick(SOME_CITIES);
  if (/country$/.test(k)) return hints.countries[0] ?? pick.pick(SOME_COUNTRIES);
  if (/^(first|given)name$/.test(k)) return pick.pick(FIRST);
  if (/^(last|family|sur)name$/.test(k)) return pick.pick(LAST);
  if (/^(name|fullname|author|person|username|user|owner|customer)$/.test(k)) return `${pick.pick(FIRST)} ${pick.pick(LAST)}`;
  if (/(email|mail)$/.test(k)) return byFormat('email', pick, seed);
  if (/(url|uri|link|website|homepage)$/.test(k)) return byFormat('uri', pick, seed);
  if (/(datetime|timestamp)$/.test(k) || /(^|_)(created|updated)at$/.test(k)) return byFormat('date-time', pick, seed);
  if (/(date|day|birthday|deadline)$/.test(k)) return date(pick);
  if (/time$/.test(k)) return time(pick);
  if (/^(id|uuid|guid)$|[_-]id$|[a-z]Id$|ID$/.test(name)) return uuid(seed);
  if (/phone/.test(k)) return `+1-555-01${pad2(pick.int(0, 99))}`;
  if (/colou?r$/.test(k)) return pick.pick(COLORS);
  if (/(language|lang|locale)$/.test(k)) return pick.pick(LANGUAGES);
  if (/currency$/.test(k)) return pick.pick(CURRENCIES);
  if (/(title|subject|headline|topic|label)$/.test(k)) return `${capitalize(pick.pick(ADJECTIVES))} ${capitalize(pick.pick(NOUNS))}`;
  if (/(description|summary|text|content|body|message|reason|explanation|comment|answer|note|notes|details|reasoning)$/.test(k)) {
    return pick.pick(SENTENCES);
  }
  return undefined;
}

/** Fits `text` to the length limits (in characters): padded with words, then cut. */
function fitLength(text: string, min: number, max: number, pick: Picker): string {
  let out = text;
  while (out.length < min) out += ` ${pick.pick(NOUNS)}`;
  if (out.length > max) out = out.slice(0, max);
  while (out.length < min) out += 'x';
  return out;
}

/** A string for a `type: 'string'` schema of property `name` (may be ''), of at most `room` characters' padding. */
export function schemaString(schema: Readonly<Record<string, unknown>>, name: string, pick: Picker, hints: PromptHints, seed: string, room: number): string {
  const min = typeof schema['minLength'] === 'number' ? Math.min(room, 10_000, Math.max(0, schema['minLength'])) : 0;
  const max = typeof schema['maxLength'] === 'number' ? Math.max(min, schema['maxLength']) : Number.MAX_SAFE_INTEGER;
  const pattern = typeof schema['pattern'] === 'string' ? schema['pattern'] : undefined;
  if (pattern !== undefined) {
    const matching = patternString(pattern, pick, min, max);
    if (matching !== undefined) return matching;
  }
  const text = byFormat(schema['format'], pick, seed)
    ?? (schema['format'] === undefined ? byName(name, pick, hints, seed) ?? hints.phrase() : undefined)
    ?? `${pick.pick(ADJECTIVES)} ${pick.pick(NOUNS)}`;
  return fitLength(text, min, max, pick);
}
