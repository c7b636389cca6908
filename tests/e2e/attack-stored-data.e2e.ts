/**
 * Attacks on what Story Lens stores (issue 13), against the built extension in
 * real Chromium: a site pattern that once backtracked until it hung the
 * service worker, an import carrying junk and an own `__proto__` key, an
 * import the storage quota refuses, and a page flipping its URL to flood the
 * reading trail. Each test first shows its precondition (the page is marked,
 * a hover opens a card, the first visit is recorded), so it cannot pass by
 * Story Lens doing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { launch, type Harness } from '../../scripts/lib/browser';
import { importBackup } from './harness';
import { highlightCount, hoverText, quietFavicon, waitForCard, waitForHighlights } from './highlight-helpers';

// chrome.* inside page.evaluate / worker.evaluate runs in the extension's own contexts
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the extension's own chrome.* API, untyped here
declare const chrome: any;

const storyPage = (title: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
<h1>${title}</h1>
<p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday, the Kremlin said.</p>
</body></html>`;

/** The keys of the settings, written out: a test of what is stored should not take them from the code it tests. */
const SETTINGS_KEYS = [
  'cardDelayMs',
  'cardDetail',
  'enabled',
  'highlightStyle',
  'keepTrail',
  'markEverywhere',
  'neverRunOn',
  'onlyRunOn',
  'roleMentions',
  'syncSettings',
  'theme',
  'types',
];

/** A story of the reader's own, as an export file holds it (with `more` entities beside Ada Lovelace, to make it bigger). */
const ownStory = (more = 0) => ({
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
      ...Array.from({ length: more }, (_, i) => ({
        id: `engine-builder-${i}`,
        name: `Engine Builder ${i}`,
        type: 'person',
        description: 'One of the many who built the engine. '.repeat(7),
      })),
    ],
  },
});

const backupFile = (settings: unknown, stories: unknown[] = []) => ({
  format: 'story-lens/backup',
  formatVersion: 1,
  settingsVersion: 2,
  settings,
  stories,
});

/** expect.poll with room for a machine shared by several test runs */
const poll = <T>(fn: () => T | Promise<T>, timeout = 8000) => expect.poll(fn, { timeout });

let h: Harness;
let options: Page;
let port: string;

beforeAll(async () => {
  const routes: Record<string, { body: string }> = { '/story.html': { body: storyPage('Kim meets Putin') } };
  for (const p of ['a', 'b', 'c', 'elsewhere']) routes[`/trail-${p}.html`] = { body: storyPage(`Trail page ${p}`) };
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({ extensionDir: process.env.STORY_LENS_EXTENSION_DIR, routes });
  quietFavicon(h);
  port = new URL(h.server.origin).port;
  options = await h.extensionPage('options.html');
  await options.waitForSelector('#options:not([aria-busy])');
});
afterAll(async () => {
  await h?.close();
});

/** A page of the test server under another host name: Chromium sends every *.localhost name to the loopback. */
const onHost = (host: string, path: string) => `http://${host}:${port}${path}`;

const stored = (keys: string | string[] | null = null) =>
  options.evaluate((k) => chrome.storage.local.get(k), keys) as Promise<Record<string, unknown>>;
const storedSettings = async () => (await stored('settings')).settings as Record<string, unknown>;

const importFile = (content: string) => importBackup(options, content);

async function addNeverRun(pattern: string): Promise<void> {
  await options.fill('#sl-never-run-input', pattern);
  await options.press('#sl-never-run-input', 'Enter');
  await poll(async () => (await storedSettings()).neverRunOn).toContain(pattern);
}

describe('attacks on stored data', () => {
  it('a never-run pattern that once hung the background leaves a page on a 48-character host marked, with cards', async () => {
    const host = `${'a'.repeat(38)}.localhost`;
    expect(host).toHaveLength(48);
    const tab = await h.context.newPage();
    await tab.goto(onHost(host, '/story.html'));
    // precondition: the page is marked and a real hover opens a card
    await waitForHighlights(tab);
    await hoverText(tab, 'Vladimir Putin');
    await waitForCard(tab, 'Vladimir Putin');

    // "*" once became ".*" in a regular expression: against this host it backtracked for hours
    await addNeverRun('*a*a*a*a*a*a*a*a*a*a*a*a*c');
    // a fresh load needs the background to decide on this host again, and a card needs it to answer again
    await tab.reload();
    await waitForHighlights(tab);
    await hoverText(tab, 'Kim Jong Un');
    await waitForCard(tab, 'Kim Jong Un');

    // and the list is read for this host: a pattern of the same kind that does match it stops Story Lens here
    await addNeverRun('*a*a*a*a*a*a*a*a*a*a*a*a*t');
    await poll(() => highlightCount(tab)).toBe(0);
    await options.click('button[aria-label="Remove *a*a*a*a*a*a*a*a*a*a*a*a*t"]');
    await poll(() => highlightCount(tab)).toBeGreaterThan(0);
    await tab.close();
  });

  it('an import keeps only the known settings: extra keys, an own __proto__ key and a megabyte of junk stay behind', async () => {
    const settings = { ...DEFAULT_SETTINGS, theme: 'dark', extra: 'kept?', junk: 'x'.repeat(1024 * 1024) };
    const story = { ...ownStory(), junk: 'y'.repeat(1000), PROTO_KEY: { polluted: 'story' } };
    // JSON.stringify cannot write an own "__proto__" key from an object literal: put it in the text
    const text = JSON.stringify(backupFile({ ...settings, PROTO_KEY: { polluted: 'settings' } }, [story])).replaceAll(
      '"PROTO_KEY"',
      '"__proto__"',
    );
    expect(text).toContain('"__proto__":{"polluted":"settings"}');

    expect(await importFile(text)).toMatch(/^Imported: your settings, 1 story added/);
    const after = await storedSettings();
    expect(Object.keys(after).sort()).toEqual(SETTINGS_KEYS);
    expect(after.theme).toBe('dark');
    expect(Object.getPrototypeOf(after)).toBe(Object.prototype);
    const own = ((await stored('stories')).stories as { stories: Record<string, unknown>[] }).stories.find((s) => s.id === 'engine-story')!;
    expect(Object.keys(own).sort()).toEqual(['addedAt', 'bundled', 'enabled', 'id', 'pack', 'title']);
    // the junk did not reach storage, and no prototype was polluted in the page or the background
    expect(await options.evaluate(() => chrome.storage.local.getBytesInUse('settings'))).toBeLessThan(4096);
    expect(await options.evaluate(() => (({}) as { polluted?: unknown }).polluted ?? null)).toBeNull();
    const sw = await h.serviceWorker();
    expect(await sw.evaluate(() => (({}) as { polluted?: unknown }).polluted ?? null)).toBeNull();

    // a malformed file is refused, naming what is wrong, and nothing stored changes
    const before = JSON.stringify(await stored(['settings', 'stories']));
    const bad = text.replace('"theme":"dark"', '"theme":"neon"').replace('"cardDelayMs":', '"cardDelayMs":"soon","was":');
    const refused = await importFile(bad);
    expect(refused).toMatch(/nothing was changed/);
    expect(refused).toMatch(/settings field cardDelayMs/);
    expect(refused).toMatch(/settings field theme/);
    expect(JSON.stringify(await stored(['settings', 'stories']))).toBe(before);
  });

  it('an import the storage quota refuses tells the reader so, and nothing stored changes', async () => {
    // storage.local holds 10 MB without the unlimitedStorage permission (Story Lens does not ask for it)
    const quota = await options.evaluate(() => chrome.storage.local.QUOTA_BYTES as number);
    expect(quota).toBe(10 * 1024 * 1024);
    const file = JSON.stringify(backupFile(DEFAULT_SETTINGS, [ownStory(40)]));
    const used = await options.evaluate(() => chrome.storage.local.getBytesInUse(null) as Promise<number>);
    // leave less room than the file's story needs (it is ~12 KB bigger than the stored one it replaces)
    await options.evaluate((n) => chrome.storage.local.set({ filler: 'f'.repeat(n) }), quota - used - 4096);
    try {
      const before = JSON.stringify(await stored(['settings', 'stories']));
      const said = await importFile(file);
      expect(said).toMatch(/nothing was changed/);
      expect(said).toMatch(/not enough room left in this browser's storage/);
      expect(JSON.stringify(await stored(['settings', 'stories']))).toBe(before);
    } finally {
      await options.evaluate(() => chrome.storage.local.remove('filler'));
    }
    // with the room back, the same file imports: it was the quota that refused it
    expect(await importFile(file)).toMatch(/^Imported: your settings, 1 (story added|replaced)/);
  });

  it("a tab moving between a site's pages within 30 s, by loads or pushState, adds one trail entry", async () => {
    // every page report the background receives, so the test waits for each one instead of sleeping
    const sw = await h.serviceWorker();
    await sw.evaluate(() => {
      const seen: string[] = [];
      (globalThis as unknown as { reportsSeen: string[] }).reportsSeen = seen;
      chrome.runtime.onMessage.addListener((m: { type?: string; data?: { url?: string } }) => {
        if (m?.type === 'reportPage' && typeof m.data?.url === 'string') seen.push(m.data.url);
      });
    });
    const reported = (url: string) =>
      poll(() => sw.evaluate((u) => (globalThis as unknown as { reportsSeen: string[] }).reportsSeen.includes(u), url)).toBe(true);
    const trailUrls = async () => (((await stored('trail')).trail as { url: string }[] | undefined) ?? []).map((e) => e.url);

    const site = `trail-${Date.now()}.localhost`;
    const tab = await h.context.newPage();
    await tab.goto(onHost(site, '/trail-a.html'));
    await waitForHighlights(tab);
    // precondition: the first visit is recorded
    await poll(trailUrls).toContain(onHost(site, '/trail-a.html'));

    await tab.goto(onHost(site, '/trail-b.html'));
    await reported(onHost(site, '/trail-b.html'));
    await tab.goto(onHost(site, '/trail-c.html'));
    await reported(onHost(site, '/trail-c.html'));
    for (let i = 1; i <= 3; i++) {
      await tab.evaluate((n) => history.pushState({}, '', `/flood-${n}.html`), i);
      await reported(onHost(site, `/flood-${i}.html`));
    }
    // a page of another site in the same tab is recorded: the background has handled every report above
    await tab.goto(onHost(`other-${site}`, '/trail-elsewhere.html'));
    await poll(trailUrls).toContain(onHost(`other-${site}`, '/trail-elsewhere.html'));

    expect((await trailUrls()).filter((u) => new URL(u).hostname === site)).toEqual([onHost(site, '/trail-a.html')]);
    await tab.close();
  });
});
