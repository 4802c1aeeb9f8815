// What a prompt tells the schema value generator: places, quoted phrases and numbers it names, used (in
// order) to fill the fields of generated tool arguments and structured outputs, so that "the weather in Paris"
// calls `get_weather` with `{ "city": "Paris" }`.

const CITIES = [
  'Amsterdam', 'Athens', 'Bangkok', 'Barcelona', 'Beijing', 'Berlin', 'Boston', 'Brussels', 'Buenos Aires', 'Cairo',
  'Chicago', 'Copenhagen', 'Dublin', 'Dubai', 'Hong Kong', 'Istanbul', 'Lagos', 'Lisbon', 'London', 'Los Angeles',
  'Madrid', 'Melbourne', 'Mexico City', 'Montreal', 'Moscow', 'Mumbai', 'Nairobi', 'New York', 'Oslo', 'Paris',
  'Prague', 'Rome', 'San Francisco', 'Seattle', 'Seoul', 'Singapore', 'Stockholm', 'Sydney', 'Tokyo', 'Toronto',
  'Vienna', 'Warsaw', 'Zurich',
];
const COUNTRIES = [
  'Argentina', 'Australia', 'Brazil', 'Canada', 'China', 'Egypt', 'England', 'France', 'Germany', 'India', 'Ireland',
  'Italy', 'Japan', 'Kenya', 'Mexico', 'Netherlands', 'Nigeria', 'Norway', 'Portugal', 'Spain', 'Sweden',
  'Switzerland', 'United Kingdom', 'United States',
];
/** "in Springfield", "to New Haven": a capitalised name after a place preposition. */
const AFTER_PREPOSITION = /\b(?:in|at|for|from|to|near|around|visit|visiting)\s+((?:[A-Z][\p{L}'-]+)(?:\s+[A-Z][\p{L}'-]+){0,2})/gu;
const QUOTED = /"([^"\n]{1,200})"|“([^”\n]{1,200})”|`([^`\n]{1,200})`/g;
const NUMBER = /(?<![\p{L}\d.])-?\d+(?:\.\d+)?(?![\p{L}\d])/gu;

/** Each name with its whole-word, case-insensitive pattern: compiled once, not per prompt. */
function wordPatterns(names: readonly string[]): readonly { readonly name: string; readonly pattern: RegExp }[] {
  return names.map((name) => ({ name, pattern: new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i') }));
}
const CITY_PATTERNS = wordPatterns(CITIES);
const COUNTRY_PATTERNS = wordPatterns(COUNTRIES);

/** The names `text` mentions, in order of first mention. */
function mentioned(text: string, patterns: ReturnType<typeof wordPatterns>): string[] {
  return patterns
    .map(({ name, pattern }) => ({ name, at: pattern.exec(text)?.index ?? -1 }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((m) => m.name);
}

/** Values a prompt names, consumed in order by the generator. */
export class PromptHints {
  readonly cities: readonly string[];
  readonly countries: readonly string[];
  private readonly quoted: string[];
  private readonly numbers: number[];
  private nextCity = 0;

  constructor(prompt: string) {
    const places = [...prompt.matchAll(AFTER_PREPOSITION)].map((m) => m[1]!);
    const countries = mentioned(prompt, COUNTRY_PATTERNS);
    const cities = mentioned(prompt, CITY_PATTERNS);
    for (const place of places) if (!cities.includes(place) && !countries.includes(place)) cities.push(place);
    this.cities = cities;
    this.countries = countries;
    this.quoted = [...prompt.matchAll(QUOTED)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((q) => q !== '');
    this.numbers = [...prompt.matchAll(NUMBER)].map((m) => Number(m[0]));
  }

  /** The next place the prompt names (cycling), else undefined. */
  city(): string | undefined {
    if (this.cities.length === 0) return undefined;
    return this.cities[this.nextCity++ % this.cities.length];
  }

  /** The next quoted phrase of the prompt (each used once), else undefined. */
  phrase(): string | undefined {
    return this.quoted.shift();
  }

  /** The next number of the prompt that `fits`, consumed; else undefined. */
  number(fits: (n: number) => boolean): number | undefined {
    const at = this.numbers.findIndex(fits);
    return at < 0 ? undefined : this.numbers.splice(at, 1)[0];
  }
}

/** Fallback places, when the prompt names none. */
export const SOME_CITIES: readonly string[] = ['Paris', 'Tokyo', 'London', 'New York', 'Lisbon', 'Sydney', 'Toronto', 'Berlin'];
export const SOME_COUNTRIES: readonly string[] = ['France', 'Japan', 'Canada', 'Portugal', 'Kenya', 'Norway'];
