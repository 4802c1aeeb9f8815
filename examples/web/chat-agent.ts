// The model behind the chat page: a model with two tools that run on the server (`withTools`), so the page
// sees the whole loop stream by — the model's thinking, each tool call and its result, the answer. The tools
// are small and offline: get_weather is made up (and slow, so Stop during a tool call shows it cancelled),
// get_time reads this machine's clock for a city's time zone.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { tool, withTools, type LanguageModel } from 'rxllm';

/** The cities get_time knows, with their IANA time zones. */
const TIME_ZONES: Readonly<Record<string, string>> = {
  lisbon: 'Europe/Lisbon', london: 'Europe/London', paris: 'Europe/Paris', berlin: 'Europe/Berlin',
  'new york': 'America/New_York', 'san francisco': 'America/Los_Angeles', tokyo: 'Asia/Tokyo', sydney: 'Australia/Sydney',
};

const SKIES = ['clear', 'partly cloudy', 'overcast', 'light rain', 'windy'] as const;

/** A made-up but stable reading for a city (the same city gives the same weather). */
function madeUpWeather(city: string): { city: string; tempC: number; sky: string } {
  let hash = 0;
  for (const ch of city.toLowerCase()) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { city, tempC: 8 + (hash % 22), sky: SKIES[hash % SKIES.length]! };
}

/** get_weather: takes `delayMs` (a slow API), stops at once when the loop is cancelled. */
export function weatherTool(delayMs: number) {
  return tool({
    name: 'get_weather',
    description: 'The weather in a city now: temperature in °C and the sky',
    inputSchema: z.object({ city: z.string().describe('The city, e.g. "Lisbon"') }),
    execute: async ({ city }, { signal }) => {
      await sleep(delayMs, undefined, { signal });
      return madeUpWeather(city);
    },
  });
}

/** get_time: the local time in a city it knows; an unknown city is an error result the model reads. */
export const timeTool = tool({
  name: 'get_time',
  description: `The local time in a city (one of: ${Object.keys(TIME_ZONES).join(', ')})`,
  inputSchema: z.object({ city: z.string() }),
  execute: ({ city }) => {
    const timeZone = TIME_ZONES[city.trim().toLowerCase()];
    if (!timeZone) throw new Error(`get_time does not know "${city}"`);
    const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date());
    return { city, timeZone, time };
  },
});

/**
 * The chat page's model: `model` with get_weather and get_time (both may run at once), at most 4 model calls
 * per answer.
 *
 * @param model the model that answers and calls the tools (it holds the API key, on the server).
 * @param options.weatherDelayMs how long get_weather takes. @default 800
 * @example
 * const agent = chatAgent(anthropicMessages({ model: 'claude-haiku-4-5', maxTokens: 2048 }));
 * pipeUiMessageStream(agent.stream(input), res);
 */
export function chatAgent(model: LanguageModel, options: { readonly weatherDelayMs?: number } = {}): LanguageModel {
  return withTools(model, { tools: [weatherTool(options.weatherDelayMs ?? 800), timeTool], maxSteps: 4, toolConcurrency: 2 });
}
