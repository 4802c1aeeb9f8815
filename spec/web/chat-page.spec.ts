// The chat page end to end in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// page (remoteModel + switchMap) -> chat server (withTools over anthropicMessages with thinking, streamed as the
// UI message stream) -> simulator, over real HTTP. Thinking, tool calls and their results, and the text must
// stream in; Stop (or a new prompt) must cancel the request all the way up: the simulator counts it aborted.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { anthropicMessages } from 'rxllm';
import { startSimulator, type SimulatorHandle } from 'rxllm/testing';
import { chatAgent } from '../../examples/web/chat-agent.js';
import { startChatServer, type ChatServer } from '../../examples/web/chat-server.js';
import { waitUntil } from '../support/rx-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SERVER_KEY = 'sk-ant-server-side-secret-123';
const ARTIFACTS = join(__dirname, '..', '..', 'artifacts');
// Skipped only on a developer machine without Chromium (install Debian's `chromium`); under CI it always runs.
const describeBrowser = existsSync(CHROMIUM) || process.env['CI'] ? describe : describe.skip;
if (!existsSync(CHROMIUM) && !process.env['CI']) console.warn('spec/web/chat-page.spec.ts skipped: install Debian\'s chromium (apt-get install chromium)');

const answer = (n: number): string => `#log .answer:nth-of-type(${2 * n})`; // prompts and answers alternate
const textOf = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).allTextContents()).join('');
const ask = async (page: Page, prompt: string): Promise<void> => {
  await page.fill('#prompt', prompt);
  await page.press('#prompt', 'Enter');
};

describeBrowser('chat page (real headless Chromium)', () => {
  let sim: SimulatorHandle;
  let server: ChatServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sim = await startSimulator({ latencyMs: 50, apiKey: SERVER_KEY });
    const claude = anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, apiKey: SERVER_KEY, reasoning: { budgetTokens: 1024 } });
    server = await startChatServer({ model: chatAgent(claude, { weatherDelayMs: 1_500 }) });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
  });

  beforeEach(async () => {
    sim.resetStats();
    page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(`${server.url}/`);
  });
  afterEach(() => page.close());

  it('streams the thinking and the text as they arrive, and Stop aborts the upstream call', async () => {
    sim.configure({ tokensPerSecond: 40 }); // a long story (hundreds of tokens) streams for seconds
    await ask(page, 'Tell me a long story');
    await page.waitForSelector(`${answer(1)} .thinking-text`, { state: 'attached' }); // folded: not visible
    await page.waitForFunction((sel) => (document.querySelector(`${sel} .text`)?.textContent ?? '').trim().split(/\s+/).length >= 3, answer(1));
    const early = await textOf(page, `${answer(1)} .text`);
    await page.waitForFunction(([sel, n]) => (document.querySelector(`${sel} .text`)?.textContent ?? '').length > n, [answer(1), early.length] as const);
    expect(await page.getAttribute(answer(1), 'data-state')).toBe('streaming');
    expect(await textOf(page, `${answer(1)} .thinking-text`)).not.toBe('');
    expect(await page.isEnabled('#stop')).toBe(true);

    // Stop, clicked in the page itself (page.click would add Playwright's actionability checks to the time).
    const pressed = Date.now();
    await page.$eval('#stop', (button) => (button as HTMLButtonElement).click());
    await waitUntil(() => sim.stats().requestsAborted === 1, 10_000, 'the simulator to count the aborted request', 1);
    const stopToAbortMs = Date.now() - pressed; // from Node: includes the evaluate call's round trip to the browser
    await page.waitForSelector(`${answer(1)}[data-state="stopped"]`);
    expect(sim.stats()).toEqual(expect.objectContaining({ requestsReceived: 1, requestsCompleted: 0, requestsAborted: 1 }));

    // Nothing more arrives after Stop, and the key stays on the server.
    const stoppedAt = await textOf(page, `${answer(1)} .text`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await textOf(page, `${answer(1)} .text`)).toBe(stoppedAt);
    expect(await page.isEnabled('#stop')).toBe(false);
    expect(await page.content()).not.toContain(SERVER_KEY);
    writeFileSync(join(ARTIFACTS, 'chat-page-stop.json'), `${JSON.stringify({ stopToAbortMs })}\n`);
    await page.screenshot({ path: join(ARTIFACTS, 'chat-page-stopped.png') });
  }, 30_000);

  it('shows the tool calls and their results, then the answer; Stop during a slow tool cancels it', async () => {
    sim.configure({ tokensPerSecond: 400 });
    await ask(page, 'What is the weather in Lisbon? Use get_weather and get_time.');
    await page.waitForSelector(`${answer(1)}[data-state="done"]`, { timeout: 15_000 });
    const rows = page.locator(`${answer(1)} .tool`);
    expect(await rows.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset['tool'], (e as HTMLElement).dataset['state']]))).toEqual([
      ['get_weather', 'done'],
      ['get_time', 'done'],
    ]);
    expect(await textOf(page, `${answer(1)} .tool .tool-input`)).toBe('{"city":"Lisbon"}{"city":"Lisbon"}');
    expect(await textOf(page, `${answer(1)} .tool[data-tool="get_weather"] .tool-output`)).toMatch(/^→ \{"city":"Lisbon","tempC":\d+,"sky":"[a-z ]+"\}$/);
    expect(await textOf(page, `${answer(1)} .tool[data-tool="get_time"] .tool-output`)).toMatch(/"timeZone":"Europe\/Lisbon","time":"\d\d:\d\d"/);
    expect(await textOf(page, `${answer(1)} .text`)).toContain('The get_weather tool says');
    expect(await page.locator(`${answer(1)} .thinking`).count()).toBeGreaterThanOrEqual(1);
    expect(await textOf(page, `${answer(1)} .meta`)).toMatch(/^finished \(stop\) · \d+ \+ \d+ tokens$/);
    expect(sim.stats()).toEqual(expect.objectContaining({ requestsReceived: 2, requestsCompleted: 2 }));

    // The next question, stopped while get_weather (1.5 s) runs: the tool is cancelled, no second step is sent.
    sim.resetStats();
    await ask(page, 'And in Paris? Use get_weather and get_time.');
    await page.waitForSelector(`${answer(2)} .tool[data-tool="get_time"][data-state="done"]`);
    expect(await page.getAttribute(`${answer(2)} .tool[data-tool="get_weather"]`, 'data-state')).toBe('running');
    await page.click('#stop');
    await page.waitForSelector(`${answer(2)}[data-state="stopped"]`);
    expect(await page.getAttribute(`${answer(2)} .tool[data-tool="get_weather"]`, 'data-state')).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1_800)); // past the tool's 1.5 s: had it run on, a step 2 would follow
    expect(sim.stats()).toEqual(expect.objectContaining({ requestsReceived: 1, requestsCompleted: 1 }));
    await page.screenshot({ path: join(ARTIFACTS, 'chat-page-tools.png') });
  }, 30_000);

  it('a new prompt cancels the answer in flight; the conversation goes on with the finished exchanges', async () => {
    sim.configure({ tokensPerSecond: 40 });
    await ask(page, 'Tell me a long story');
    await page.waitForSelector(`${answer(1)} .thinking-text`, { state: 'attached' }); // folded: not visible
    sim.configure({ tokensPerSecond: 400 });
    await ask(page, 'What time is it in Tokyo? Use get_time.');
    await page.waitForSelector(`${answer(1)}[data-state="cancelled"]`);
    await page.waitForSelector(`${answer(2)}[data-state="done"]`, { timeout: 15_000 });
    await waitUntil(() => sim.stats().requestsAborted === 1, 10_000, 'the simulator to count the aborted request', 1);
    expect(await textOf(page, `${answer(2)} .tool[data-tool="get_time"] .tool-output`)).toMatch(/"timeZone":"Asia\/Tokyo"/);

    // The third prompt carries the second exchange (its tool loop, signed thinking included) back to the model:
    // the simulator checks the signatures as Anthropic does, so a mangled history would fail with a 400.
    await ask(page, 'Thanks! And a short poem about it?');
    await page.waitForSelector(`${answer(3)}[data-state="done"]`, { timeout: 15_000 });
    expect(sim.stats()).toEqual(expect.objectContaining({ requestsReceived: 4, requestsCompleted: 3, requestsAborted: 1 }));
    await page.screenshot({ path: join(ARTIFACTS, 'chat-page-done.png') });
  }, 30_000);
});
