/**
 * The background in real Chromium: the knowledge base seeded on install and
 * rebuilt after the service worker is stopped (DevTools protocol), and the
 * guard refusing a real content script's attempt to change settings (the
 * message is sent from the content script's own isolated world, reached
 * through the DevTools protocol).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { stopServiceWorker } from './harness';
import { highlightCount, highlightTexts, hoverText, waitForCard, waitForHighlights } from './highlight-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

const STORY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kim meets Putin</title></head><body>
<p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome, the Kremlin said.</p>
<p>Ada Lovelace wrote the first program.</p>
</body></html>`;

const OWN_STORY = {
  id: 'engine-story',
  title: 'The analytical engine',
  enabled: true,
  bundled: false,
  pack: {
    format: 'story-lens/pack',
    formatVersion: 1,
    id: 'engine-story',
    title: 'The analytical engine',
    date: '1843-07-01',
    entities: [
      { id: 'ada-lovelace', name: 'Ada Lovelace', type: 'person', description: 'Mathematician who wrote the first published program.' },
    ],
  },
};

/** expect.poll with room for a machine shared by several test runs */
const poll = <T>(fn: () => T | Promise<T>, timeout = 5000) => expect.poll(fn, { timeout });

let h: Harness;
let tab: Page;
/** every request any context of the browser made (pages, extension pages, the service worker) */
const requests: { url: string; fromWorker: boolean }[] = [];

beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({ extensionDir: process.env.STORY_LENS_EXTENSION_DIR, routes: { '/story.html': { body: STORY } } });
  h.context.on('request', (r) => requests.push({ url: r.url(), fromWorker: !!r.serviceWorker() }));
  tab = await h.context.newPage();
  await tab.goto(h.server.url('/story.html'));
  await waitForHighlights(tab);
});
afterAll(async () => {
  await h?.close();
});

/** Sends a message as @webext-core/messaging does, from an extension page. */
async function fromExtensionPage(page: Page, type: string, data: unknown): Promise<{ res?: unknown; err?: { message?: string } }> {
  return page.evaluate(({ type, data }) => chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }), { type, data });
}

/** Sends a message from the page's content script: evaluated in the extension's isolated world of that page. */
async function fromContentScript(page: Page, type: string, data: unknown): Promise<{ res?: unknown; err?: { message?: string } }> {
  return inContentScript(page, `chrome.runtime.sendMessage(${JSON.stringify({ id: 1, type, timestamp: Date.now(), data })})`) as Promise<{
    res?: unknown;
    err?: { message?: string };
  }>;
}

/** Evaluates an expression in the page's content-script world (the extension's isolated world). */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp = await h.context.newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string; auxData?: { type?: string } } }) =>
    contexts.push(e.context),
  );
  await cdp.send('Runtime.enable');
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Story Lens');
  if (!isolated) throw new Error(`no Story Lens content script world in the page (worlds: ${contexts.map((c) => c.name).join(', ')})`);
  const out = (await cdp.send('Runtime.evaluate', { expression, contextId: isolated.id, awaitPromise: true, returnByValue: true })) as {
    result: { value: unknown };
    exceptionDetails?: unknown;
  };
  await cdp.detach();
  if (out.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(out.exceptionDetails)}`);
  return out.result.value;
}

describe('background', () => {
  it('a fresh install holds the bundled story in extension storage', async () => {
    const page = await h.extensionPage('options.html');
    const stored = await page.evaluate(() => chrome.storage.local.get('stories'));
    const stories = stored.stories.stories as { id: string; bundled: boolean; enabled: boolean; pack: { entities: unknown[] } }[];
    expect(stories.map((s) => [s.id, s.bundled, s.enabled])).toEqual([['kim-putin-2023', true, true]]);
    expect(stories[0].pack.entities.length).toBeGreaterThan(20);
    await page.close();
  });

  it("a content script's message that would change settings is refused, and nothing changes", async () => {
    const options = await h.extensionPage('options.html');
    const before = await options.evaluate(() => chrome.storage.local.get('settings'));
    const reply = await fromContentScript(tab, 'setSiteEnabled', { url: h.server.url('/story.html'), enabled: false });
    expect(reply.err?.message).toMatch(/only the extension's own pages may do/);
    expect(await options.evaluate(() => chrome.storage.local.get('settings'))).toEqual(before);
    expect(await highlightCount(tab)).toBeGreaterThan(0);

    // malformed messages are refused too, naming what is wrong
    const bad = await fromContentScript(tab, 'getCard', { entity: { toString: 'kim-jong-un' } });
    expect(bad.err?.message).toMatch(/"getCard" is malformed/);
    // while a well-formed read is answered
    const card = await fromContentScript(tab, 'getCard', { entity: 'kim-jong-un' });
    expect(card.res).toMatchObject({ id: 'kim-jong-un', name: 'Kim Jong Un' });

    // the same change from the extension's own page goes through (so the refusal above is the guard's doing)
    const ok = await fromExtensionPage(options, 'setSiteEnabled', { url: h.server.url('/story.html'), enabled: false });
    expect(ok.err).toBeUndefined();
    await expect.poll(() => highlightCount(tab), { timeout: 8000 }).toBe(0);
    await fromExtensionPage(options, 'setSiteEnabled', { url: h.server.url('/story.html'), enabled: true });
    await waitForHighlights(tab);
    await options.close();
  });

  it('a content script cannot write or read extension storage directly (only the guarded messages reach it)', async () => {
    const options = await h.extensionPage('options.html');
    const before = await options.evaluate(() => chrome.storage.local.get(['settings', 'stories']));
    const write = await inContentScript(
      tab,
      `(async () => { try { await chrome.storage.local.set({ settings: { enabled: false } }); return 'written'; } catch (e) { return 'refused: ' + e.message; } })()`,
    );
    expect(write).toMatch(/^refused: /);
    const read = await inContentScript(
      tab,
      `(async () => { try { return 'read ' + Object.keys(await chrome.storage.local.get(null)).length; } catch (e) { return 'refused: ' + e.message; } })()`,
    );
    expect(read).toMatch(/^refused: /);
    expect(await options.evaluate(() => chrome.storage.local.get(['settings', 'stories']))).toEqual(before);
    expect(await highlightCount(tab)).toBeGreaterThan(0);
    await options.close();
  });

  it('after the service worker is stopped, the next card and page setup work and settings and stories are intact', async () => {
    const options = await h.extensionPage('options.html');
    // a setting and a story of the reader's own, stored as the options page stores them
    await options.evaluate(async (own) => {
      const { settings, stories } = await chrome.storage.local.get(['settings', 'stories']);
      await chrome.storage.local.set({
        settings: { ...settings, theme: 'dark', cardDelayMs: 100 },
        stories: { revision: stories.revision + 1, stories: [...stories.stories, { ...own, addedAt: new Date().toISOString() }] },
      });
    }, OWN_STORY);
    await expect.poll(async () => (await highlightTexts(tab))['story-lens-person'].includes('Ada Lovelace'), { timeout: 8000 }).toBe(true);
    const before = await options.evaluate(() => chrome.storage.local.get(['settings', 'stories']));

    // the running worker's target, so the one that answers next can be told from it
    const workerTargets = async () => {
      const cdp = await h.context.newCDPSession(options);
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
      await cdp.detach();
      return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(h.extensionId)).map((t) => t.targetId);
    };
    const [before1] = await workerTargets();
    expect(before1).toBeDefined();
    await stopServiceWorker(h);
    await poll(async () => (await workerTargets()).includes(before1), 10_000).toBe(false);

    // the next hover wakes the worker, which answers from storage
    await tab.bringToFront();
    await hoverText(tab, 'Ada Lovelace');
    const card = await waitForCard(tab, 'Ada Lovelace', 8000);
    expect(card.text).toContain('Mathematician');
    // with two stories on, the card says which one the entity comes from
    expect(card.text).toContain('Story: The analytical engine');
    await tab.keyboard.press('Escape');

    // the worker runs again: woken by the page's request (its target was gone above, its memory with it)
    expect((await workerTargets()).length).toBe(1);

    const setup = await fromExtensionPage(options, 'getPageSetup', { url: h.server.url('/story.html') });
    // an active page's setup: what to find (the matcher) and how to show it (the settings written above)
    expect(setup.res).toMatchObject({ find: { types: ['person', 'place', 'organization'] }, show: { theme: 'dark', cardDelayMs: 100 } });
    // matcher format 3: each entity's record in `ents` starts with its id and a space
    const ents = (setup.res as { find: { matcher: { ents: string } } }).find.matcher.ents;
    expect(ents).toContain('kim-jong-un ');
    expect(ents).toContain('ada-lovelace ');
    expect(await options.evaluate(() => chrome.storage.local.get(['settings', 'stories']))).toEqual(before);
    await options.close();
  });

  it('no context of the extension made a network request in the whole session', async () => {
    // pages, options, popup and the worker have all run by now (tests above); open the popup too
    const popup = await h.extensionPage('popup.html');
    await popup.waitForSelector('#popup[aria-busy="false"]');
    await popup.close();
    const local = (u: string) =>
      u.startsWith(h.server.origin) ||
      u.startsWith(`chrome-extension://${h.extensionId}/`) ||
      u.startsWith('data:') ||
      u.startsWith('blob:');
    expect(requests.filter((r) => !local(r.url))).toEqual([]);
    // the only requests to the test server are the pages the test opened itself
    expect(
      requests
        .filter((r) => r.url.startsWith(h.server.origin))
        .map((r) => new URL(r.url).pathname)
        .filter((p) => p !== '/story.html' && p !== '/favicon.ico'),
    ).toEqual([]);
    // and this record does see the worker's requests: one made on purpose shows up
    const sw = await h.serviceWorker();
    await sw.evaluate(
      (url) =>
        fetch(url).then(
          () => undefined,
          () => undefined,
        ),
      h.server.url('/probe-from-worker'),
    );
    await poll(() => requests.some((r) => r.url.endsWith('/probe-from-worker') && r.fromWorker)).toBe(true);
  });
});
