// The chat page end to end in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// browser -> chat server (rxllm) -> simulator over real HTTP. Tokens must stream in, and Stop (or a new
// prompt) must cancel the request all the way up: the simulator counts an aborted request.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openAIChat } from 'rxllm';
import { startSimulator, type SimulatorHandle } from 'rxllm/testing';
import { startChatServer, type ChatServer } from '../../examples/web/chat-server.js';

const CHROMIUM = '/usr/bin/chromium';
const SERVER_KEY = 'sk-server-side-secret-123';
// Skipped only on a developer machine without Chromium; in CI (process.env.CI) it always runs.
const describeBrowser = existsSync(CHROMIUM) || process.env['CI'] ? describe : describe.skip;

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const lastAnswer = '#log .answer:last-of-type';
const wordsIn = async (page: Page, selector: string): Promise<number> =>
  ((await page.textContent(`${selector} .text`)) ?? '').trim().split(/\s+/).filter(Boolean).length;

describeBrowser('chat page (real headless Chromium)', () => {
  let sim: SimulatorHandle;
  let server: ChatServer;
  let browser: Browser;

  beforeAll(async () => {
    sim = await startSimulator({ latencyMs: 50, apiKey: SERVER_KEY });
    const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: SERVER_KEY });
    server = await startChatServer({ model });
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
  });

  beforeEach(() => sim.resetStats());

  it('streams tokens as they arrive, and Stop aborts the upstream call', async () => {
    // 5 tokens/s: a reply (15 tokens or more) takes 3 s or more, so Stop, pressed after 3 tokens, lands mid-stream.
    sim.configure({ tokensPerSecond: 5 });
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    try {
      await page.goto(`${server.url}/`);
      await page.fill('#prompt', 'Tell me about reactive streams');
      await page.click('#send');
      // Tokens arrive one by one: first 1, later 3 or more, while the answer is still streaming.
      await page.waitForFunction((sel) => (document.querySelector(`${sel} .text`)?.textContent ?? '').length > 0, lastAnswer);
      const early = await wordsIn(page, lastAnswer);
      await page.waitForFunction((sel) => (document.querySelector(`${sel} .text`)?.textContent ?? '').trim().split(/\s+/).length >= 3, lastAnswer);
      expect(await wordsIn(page, lastAnswer)).toBeGreaterThan(early);
      expect(await page.getAttribute(lastAnswer, 'data-state')).toBe('streaming');
      expect(await page.isEnabled('#stop')).toBe(true);

      await page.click('#stop');
      await page.waitForSelector(`${lastAnswer}[data-state="stopped"]`);
      await until(() => sim.stats().requestsAborted === 1, 'the simulator to count the aborted request');
      expect(sim.stats()).toEqual(expect.objectContaining({ requestsReceived: 1, requestsCompleted: 0, requestsAborted: 1 }));

      // Nothing more arrives after Stop.
      const stoppedAt = await page.textContent(`${lastAnswer} .text`);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await page.textContent(`${lastAnswer} .text`)).toBe(stoppedAt);
      expect(await page.isEnabled('#stop')).toBe(false);
      // The key stays on the server: it is nowhere in the page.
      expect(await page.content()).not.toContain(SERVER_KEY);

      mkdirSync(join(__dirname, '..', '..', 'artifacts'), { recursive: true });
      await page.screenshot({ path: join(__dirname, '..', '..', 'artifacts', 'chat-page-stopped.png') });
    } finally {
      await page.close();
    }
  }, 30_000);

  it('a new prompt cancels the answer in flight; the new one streams to the end', async () => {
    sim.configure({ tokensPerSecond: 10 }); // slow enough to interrupt the first answer, fast enough to finish the second
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    try {
      await page.goto(`${server.url}/`);
      await page.fill('#prompt', 'First question');
      await page.press('#prompt', 'Enter');
      await page.waitForFunction((sel) => (document.querySelector(`${sel} .text`)?.textContent ?? '').length > 0, lastAnswer);
      await page.fill('#prompt', 'Second question');
      await page.press('#prompt', 'Enter');

      await page.waitForSelector('#log .answer:nth-of-type(2)[data-state="cancelled"]');
      await page.waitForSelector(`#log .answer:nth-of-type(4)[data-state="done"]`, { timeout: 15_000 });
      await until(() => sim.stats().requestsAborted === 1, 'the simulator to count the aborted request');
      expect(sim.stats()).toEqual(expect.objectContaining({ requestsReceived: 2, requestsCompleted: 1, requestsAborted: 1 }));
      expect(await page.textContent('#log .answer:nth-of-type(4) .meta')).toMatch(/^finished \(stop\) · \d+ \+ \d+ tokens$/);
      await page.screenshot({ path: join(__dirname, '..', '..', 'artifacts', 'chat-page-done.png') });
    } finally {
      await page.close();
    }
  }, 30_000);
});
