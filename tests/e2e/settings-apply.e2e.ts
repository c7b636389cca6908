/**
 * What a settings change costs the open tabs. A change of how mentions are
 * shown (theme, card delay, highlight style) is applied in place: no matcher
 * is sent and no tab scans again; a change of what is found (entity types)
 * makes each open tab scan exactly once more.
 *
 * Everything is counted where no page can see it: the background's messages
 * in the service worker, and in each tab's content-script world (reached
 * through the DevTools protocol) the setups it receives, the messages the
 * background sends it, and, from V8's precise coverage, the calls of the
 * function that starts a scan (PageSession.startScan, src/page/features/session.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { readCard } from '../../scripts/lib/card-reader';
import { highlightTexts, hoverText, setSettings, waitForHighlights } from './highlight-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

const STORY = (title: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
<p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome, the Kremlin said.</p>
<p>Later Kim Jong Un went on to Vladivostok.</p>
</body></html>`;

/** the function of the content script that starts a scan: its calls are the scans */
const SCAN_FUNCTION = 'startScan';

interface TabCounts {
  scans: number;
  setupsReceived: number;
  matchersReceived: number;
  setupChanged: number;
  showChanged: number;
}

/** One open tab, watched from its content script's isolated world and V8's coverage. */
class WatchedTab {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly world: number,
  ) {}

  static async open(h: Harness, path: string): Promise<WatchedTab> {
    const page = await h.context.newPage();
    await page.goto(h.server.url(path));
    await waitForHighlights(page);
    const cdp = await h.context.newCDPSession(page);
    const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.name === 'Story Lens');
    if (!world) throw new Error('no Story Lens content-script world in the page');
    const tab = new WatchedTab(page, cdp, world.id);
    await tab.evaluate(INSTALL_COUNTERS);
    // the debugger makes V8 report the content script's functions too (not only the page's)
    await cdp.send('Debugger.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    await tab.takeScans(); // counts start now
    return tab;
  }

  async evaluate(expression: string): Promise<unknown> {
    const out = (await this.cdp.send('Runtime.evaluate', {
      expression,
      contextId: this.world,
      awaitPromise: true,
      returnByValue: true,
    })) as {
      result: { value: unknown };
      exceptionDetails?: unknown;
    };
    if (out.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(out.exceptionDetails)}`);
    return out.result.value;
  }

  /** Scans started since the last call (V8 reports the functions called since, and resets their counts). */
  private async takeScans(): Promise<number> {
    const { result } = (await this.cdp.send('Profiler.takePreciseCoverage')) as {
      result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
    };
    const calls = result
      .filter((script) => script.url.endsWith('/content-scripts/content.js'))
      .flatMap((script) => script.functions.filter((f) => f.functionName === SCAN_FUNCTION));
    return calls.reduce((n, f) => n + (f.ranges[0]?.count ?? 0), 0);
  }

  private scans = 0;

  /** Everything counted since the tab was opened. */
  async counts(): Promise<TabCounts> {
    this.scans += await this.takeScans();
    const { delays: _, ...seen } = (await this.evaluate('globalThis.__storyLensTest')) as Omit<TabCounts, 'scans'> & { delays: number[] };
    return { scans: this.scans, ...seen };
  }

  /** The delays the content script's timers were set for (the hover machine's among them). */
  async timerDelays(): Promise<number[]> {
    return (await this.evaluate('globalThis.__storyLensTest.delays')) as number[];
  }
}

/** Installed in the content script's isolated world: the page's own world never sees these. */
const INSTALL_COUNTERS = `(() => {
  const seen = { setupsReceived: 0, matchersReceived: 0, setupChanged: 0, showChanged: 0, delays: [] };
  globalThis.__storyLensTest = seen;
  chrome.runtime.onMessage.addListener((m) => {
    if (m?.type === 'setupChanged') seen.setupChanged++;
    if (m?.type === 'showChanged') seen.showChanged++;
  });
  const send = chrome.runtime.sendMessage.bind(chrome.runtime);
  chrome.runtime.sendMessage = (message, callback) =>
    send(message, (reply) => {
      if (message?.type === 'getPageSetup') {
        seen.setupsReceived++;
        if (reply?.res?.find?.matcher) seen.matchersReceived++;
      }
      callback?.(reply);
    });
  const setTimer = globalThis.setTimeout;
  globalThis.setTimeout = (fn, ms, ...rest) => {
    seen.delays.push(ms ?? 0);
    return setTimer(fn, ms, ...rest);
  };
})()`;

/** What the background sent and was asked, counted in the service worker. */
async function watchWorker(h: Harness) {
  const sw = await h.serviceWorker();
  await sw.evaluate(() => {
    const seen = { getPageSetup: 0, setupChanged: 0, showChanged: 0 };
    (globalThis as unknown as { __storyLensTest: typeof seen }).__storyLensTest = seen;
    chrome.runtime.onMessage.addListener((m: { type?: string }) => {
      if (m?.type === 'getPageSetup') seen.getPageSetup++;
    });
    const send = chrome.tabs.sendMessage.bind(chrome.tabs);
    chrome.tabs.sendMessage = (tabId: number, message: { type?: string }, ...rest: unknown[]) => {
      if (message?.type === 'setupChanged') seen.setupChanged++;
      if (message?.type === 'showChanged') seen.showChanged++;
      return send(tabId, message, ...rest);
    };
  });
  return async () =>
    sw.evaluate(async () => ({
      ...(globalThis as unknown as { __storyLensTest: Record<string, number> }).__storyLensTest,
      /** the background tells every tab of the browser, with a content script or not */
      browserTabs: ((await chrome.tabs.query({})) as unknown[]).length,
    })) as Promise<{ getPageSetup: number; setupChanged: number; showChanged: number; browserTabs: number }>;
}

const poll = <T>(fn: () => T | Promise<T>, timeout = 8000) => expect.poll(fn, { timeout });

let h: Harness;
let tabs: WatchedTab[];
let worker: Awaited<ReturnType<typeof watchWorker>>;

beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({
    extensionDir: process.env.STORY_LENS_EXTENSION_DIR,
    routes: { '/a.html': { body: STORY('Kim in Russia') }, '/b.html': { body: STORY('Kim and Putin') } },
  });
  tabs = [await WatchedTab.open(h, '/a.html'), await WatchedTab.open(h, '/b.html')];
  worker = await watchWorker(h);
});
afterAll(async () => {
  await h?.close();
});

/** the card's theme on the tab: its class, read in the card's closed shadow root (scripts/lib/card-reader.ts) */
const cardTheme = async (page: Page) => (await readCard(page)).className.match(/theme-(\w+)/)?.[1];

describe('settings applied to open tabs', () => {
  it('a theme change reaches every open tab in place (an open card turns dark): no matcher is sent and nothing is scanned again', async () => {
    const [a] = tabs;
    await a.page.bringToFront();
    await hoverText(a.page, 'Vladimir Putin');
    await poll(() => cardTheme(a.page)).toBe('system');

    const before = { worker: await worker(), tabs: await Promise.all(tabs.map((t) => t.counts())) };
    await setSettings(h, { theme: 'dark' });
    await poll(() => cardTheme(a.page)).toBe('dark');
    for (const [i, tab] of tabs.entries()) await poll(async () => (await tab.counts()).showChanged).toBe(before.tabs[i].showChanged + 1);

    const after = { worker: await worker(), tabs: await Promise.all(tabs.map((t) => t.counts())) };
    console.log('theme change, before:', JSON.stringify(before));
    console.log('theme change, after: ', JSON.stringify(after));
    expect(after.worker).toEqual({ ...before.worker, showChanged: before.worker.showChanged + before.worker.browserTabs });
    for (const [i, tab] of after.tabs.entries()) expect(tab).toEqual({ ...before.tabs[i], showChanged: before.tabs[i].showChanged + 1 });
    await a.page.keyboard.press('Escape');
  });

  it('a card-delay change reaches every open tab in place, and the next card waits that long', async () => {
    const before = { worker: await worker(), tabs: await Promise.all(tabs.map((t) => t.counts())) };
    await setSettings(h, { cardDelayMs: 1234 });
    for (const [i, tab] of tabs.entries()) await poll(async () => (await tab.counts()).showChanged).toBe(before.tabs[i].showChanged + 1);

    const [a] = tabs;
    await a.page.mouse.move(5, 5);
    await hoverText(a.page, 'Vostochny Cosmodrome');
    await poll(async () => (await a.timerDelays()).includes(1234)).toBe(true);
    await poll(() => cardTheme(a.page)).toBe('dark');

    const after = { worker: await worker(), tabs: await Promise.all(tabs.map((t) => t.counts())) };
    expect(after.worker).toEqual({ ...before.worker, showChanged: before.worker.showChanged + before.worker.browserTabs });
    for (const [i, tab] of after.tabs.entries()) expect(tab).toEqual({ ...before.tabs[i], showChanged: before.tabs[i].showChanged + 1 });
    await a.page.keyboard.press('Escape');
  });

  it('a highlight-style change restyles the marks in place, without a scan', async () => {
    const before = await Promise.all(tabs.map((t) => t.counts()));
    const [a] = tabs;
    const sheets = () =>
      a.page.evaluate(() =>
        document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).filter((t) => t.includes('story-lens-person')),
      );
    expect((await sheets()).join()).toContain('text-decoration');
    await setSettings(h, { highlightStyle: 'tint' });
    await poll(async () => (await sheets()).join()).toContain('background-color');
    for (const [i, tab] of tabs.entries()) await poll(async () => (await tab.counts()).showChanged).toBe(before[i].showChanged + 1);
    const after = await Promise.all(tabs.map((t) => t.counts()));
    for (const [i, tab] of after.entries()) expect(tab).toEqual({ ...before[i], showChanged: before[i].showChanged + 1 });
    expect((await highlightTexts(a.page))['story-lens-place']).toContain('Vladivostok');
  });

  it('an entity-type change makes each open tab scan exactly once more, with the new matcher', async () => {
    const before = { worker: await worker(), tabs: await Promise.all(tabs.map((t) => t.counts())) };
    await setSettings(h, { types: { person: true, place: false, organization: true } });
    for (const tab of tabs) await poll(async () => (await highlightTexts(tab.page))['story-lens-place']).toEqual([]);
    for (const tab of tabs) expect((await highlightTexts(tab.page))['story-lens-person']).toContain('Vladimir Putin');

    const after = { worker: await worker(), tabs: await Promise.all(tabs.map((t) => t.counts())) };
    console.log('entity-type change, before:', JSON.stringify(before));
    console.log('entity-type change, after: ', JSON.stringify(after));
    expect(after.worker).toEqual({
      ...before.worker,
      getPageSetup: before.worker.getPageSetup + tabs.length,
      setupChanged: before.worker.setupChanged + before.worker.browserTabs,
    });
    for (const [i, tab] of after.tabs.entries())
      expect(tab).toEqual({
        ...before.tabs[i],
        scans: before.tabs[i].scans + 1,
        setupsReceived: before.tabs[i].setupsReceived + 1,
        matchersReceived: before.tabs[i].matchersReceived + 1,
        setupChanged: before.tabs[i].setupChanged + 1,
      });
  });
});
