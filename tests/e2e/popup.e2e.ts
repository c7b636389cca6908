/**
 * The popup in real Chromium with the built extension: opened as a tab
 * (popup.html?tab=<id> names the page tab it describes, since a test cannot
 * click the toolbar button).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { launch, ROOT, type Harness } from '../../scripts/lib/browser';
import { readCard, waitForCardState } from '../../scripts/lib/card-reader';
import { computedColour, screenshot } from './harness';
import { NEUTRALS } from '../../src/core/palette';
import { highlightCount, waitForHighlights } from './highlight-helpers';
import { defaultMatcher, scanHtml } from '../../scripts/scan';

// What the functions run in extension pages use of the `chrome` namespace.
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number; index: number }[]> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
};

const DEMO = '/scripts/demo/vostochny-explainer.html';

// A long page about the story (two of its central entities): the only Shoigu mention is far below the fold, so
// going to it must scroll.
const TALL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tall page</title></head><body>
<h1>Kim Jong Un's train</h1><p>Kim Jong Un crossed into Russia on Tuesday, bound for the Vostochny Cosmodrome.</p>
${'<p>Filler paragraph about the weather and nothing else at all.</p>'.repeat(120)}
<p id="far">Sergei Shoigu showed the guests a row of bombers.</p></body></html>`;
const NONE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recipes</title></head><body><p>How to bake bread at home.</p></body></html>`;

let h: Harness;

beforeAll(async () => {
  // E2E_EXTENSION_DIR: a private copy of the build, when other builds may overwrite .output meanwhile
  h = await launch({
    extensionDir: process.env.E2E_EXTENSION_DIR || undefined,
    routes: { '/tall.html': { body: TALL }, '/none.html': { body: NONE } },
  });
});
afterAll(async () => {
  await h?.close();
});

/** The browser's id of a Playwright page's tab (tabs in the one window are in page order). */
async function tabIdOf(page: Page): Promise<number> {
  const ext = await h.extensionPage('popup.html?tab=0');
  const index = h.context.pages().indexOf(page);
  const tabs = await ext.evaluate(() => chrome.tabs.query({}));
  await ext.close();
  const tab = tabs.find((t) => t.index === index);
  if (tab?.id == null) throw new Error(`no tab at index ${index}`);
  return tab.id;
}

async function openPage(p: string, highlights = true): Promise<{ page: Page; tabId: number }> {
  const page = await h.context.newPage();
  await page.goto(h.server.url(p));
  if (highlights) await waitForHighlights(page);
  return { page, tabId: await tabIdOf(page) };
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.waitForSelector('#popup[aria-busy="false"]');
  return popup;
}

async function listed(popup: Page): Promise<Record<string, number>> {
  return popup.$$eval('.sl-entities button[data-entity]', (buttons) =>
    Object.fromEntries(buttons.map((b) => [b.getAttribute('data-entity')!, Number(b.querySelector('.sl-count')!.textContent)])),
  );
}

async function setStored(popup: Page, items: Record<string, unknown>) {
  await popup.evaluate((items) => chrome.storage.local.set(items), items);
}

describe('popup', () => {
  it("lists the page's story entities with the counts the scanner finds, and the badge agrees", async () => {
    const { page, tabId } = await openPage(DEMO);
    const popup = await openPopup(tabId);
    const expected: Record<string, number> = {};
    for (const m of scanHtml(fs.readFileSync(path.join(ROOT, DEMO), 'utf8'), defaultMatcher()))
      expected[m.entity] = (expected[m.entity] ?? 0) + 1;
    expect(Object.keys(expected).length).toBeGreaterThan(5);
    expect(await listed(popup)).toEqual(expected);
    expect(await popup.textContent('.sl-headline')).toContain('Kim Jong Un arrives in Russia');
    expect(await popup.textContent('.sl-story .sl-meta')).toBe('12 September 2023 · Financial Times');
    // Every list item is a button whose accessible name says name, type and count.
    const name = await popup.getAttribute('.sl-entities button[data-entity="vladimir-putin"]', 'data-entity');
    expect(name).toBe('vladimir-putin');
    const n = expected['vladimir-putin'];
    expect(
      await popup.getByRole('button', { name: `Vladimir Putin, person, ${n} mention${n === 1 ? '' : 's'}`, exact: true }).count(),
    ).toBe(1);
    const badge = await popup.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
    expect(badge).toBe(String(Object.keys(expected).length));
    await popup.close();
    await page.close();
  });

  it('shows the coverage meter with its share and what the page leaves out', async () => {
    const { page, tabId } = await openPage('/tall.html');
    const popup = await openPopup(tabId);
    const meter = popup.locator('[role="meter"]');
    // Kim Jong Un, Russia, the Vostochny Cosmodrome and Sergei Shoigu
    expect(await meter.getAttribute('aria-valuenow')).toBe('4');
    expect(await meter.getAttribute('aria-valuemax')).toBe('16');
    expect(await meter.getAttribute('aria-valuetext')).toBe("Covers 4 of the 16 people and places from the story's article (25%)");
    expect(await popup.textContent('.sl-meter-value')).toBe('4 of 16 people and places from the article');
    const missing = await popup.$$eval('.sl-missing li', (li) => li.map((l) => l.textContent));
    expect(missing).toHaveLength(12);
    expect(missing).toContain('Vladimir Putin (person)');
    expect(missing).not.toContain('Kim Jong Un (person)');
    await popup.close();
    await page.close();
  });

  it('choosing an entity scrolls the page to its first mention, opens its card and moves focus there (click and Enter)', async () => {
    const { page, tabId } = await openPage('/tall.html');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const popup = await openPopup(tabId);
    await popup.click('.sl-entities button[data-entity="sergei-shoigu"]');
    await page.waitForFunction(() => {
      const r = document.getElementById('far')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await page.waitForSelector('story-lens-card', { state: 'attached' });
    const cardText = (await readCard(page)).text;
    expect(cardText).toContain('Sergei Shoigu');
    // focus is in the card, so a screen reader reads it and Escape closes it
    await page.waitForFunction(() => document.activeElement?.localName === 'story-lens-card');
    // keyboard: Tab to the first entity and press Enter
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await popup.focus('.sl-entities button[data-entity="kim-jong-un"]');
    await popup.keyboard.press('Enter');
    await page.waitForFunction(() => window.scrollY < 400);
    await waitForCardState(page, (card) => card.text.includes('Kim Jong Un'));
    await popup.close();
    await page.close();
  });

  it('"Off on this site" turns Story Lens off on the open page at once, and back on', async () => {
    const { page, tabId } = await openPage(DEMO);
    const popup = await openPopup(tabId);
    await popup.click('button:has-text("Off on this site")');
    await popup.waitForSelector('text=Story Lens is off on 127.0.0.1.');
    await page.waitForFunction(() =>
      ['story-lens-person', 'story-lens-place', 'story-lens-organization'].every((n) => !CSS.highlights.get(n)?.size),
    );
    const stored = await popup.evaluate(() => chrome.storage.local.get('settings'));
    expect((stored.settings as { neverRunOn: string[] }).neverRunOn).toContain('127.0.0.1');
    // focus stays on the control that undoes it
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Turn on for 127.0.0.1');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('.sl-entities');
    await waitForHighlights(page);
    expect(await highlightCount(page)).toBeGreaterThan(5);
    await popup.close();
    await page.close();
  });

  it('says so when the extension is off, when the page is not about the story, and when a tab cannot be read', async () => {
    const { page, tabId } = await openPage('/none.html', false);
    let popup = await openPopup(tabId);
    expect(await popup.textContent('.sl-page')).toContain('This page is not about “Kim Jong Un arrives in Russia');
    await popup.close();

    const settingsPage = await openPopup(tabId);
    const current = (await settingsPage.evaluate(() => chrome.storage.local.get('settings'))).settings as Record<string, unknown>;
    await setStored(settingsPage, { settings: { ...current, enabled: false } });
    await settingsPage.close();
    popup = await openPopup(tabId);
    expect(await popup.textContent('.sl-page')).toContain('Story Lens is off.');
    await popup.click('button:has-text("Turn Story Lens on")');
    await popup.waitForSelector('text=This page is not about');
    await popup.close();
    await page.close();

    const blank = await h.context.newPage();
    await blank.goto('about:blank');
    popup = await openPopup(await tabIdOf(blank));
    expect(await popup.textContent('.sl-page')).toContain('Story Lens cannot read this tab');
    expect(await popup.isDisabled('button:has-text("Follow this story")')).toBe(true);
    await popup.close();
    await blank.close();
  });

  it("lists the reader's trail and removes pages one by one or all at once", async () => {
    const { page, tabId } = await openPage(DEMO);
    const popup = await openPopup(tabId);
    const entry = (url: string, title: string, visitedAt: string) => ({
      url,
      title,
      site: new URL(url).hostname,
      visitedAt,
      stories: [{ id: 'kim-putin-2023', title: 'Kim', keyFound: 4, keyTotal: 16, share: 0.25 }],
      entities: 5,
      mentions: 9,
    });
    await setStored(popup, {
      trail: [
        entry('https://news.example/a', 'First page', '2026-11-20T10:00:00.000Z'),
        entry('https://news.example/b', 'Second page', '2026-11-21T10:00:00.000Z'),
        entry('https://other.example/c', 'Third page', '2026-11-22T10:00:00.000Z'),
      ],
    });
    await popup.reload();
    await popup.waitForSelector('#popup[aria-busy="false"]');
    const seeded = ['First page', 'Second page', 'Third page'];
    // the background may have recorded the pages this test opened: only the seeded ones are checked
    const titles = async () =>
      (await popup.$$eval('.sl-trail-list a', (a) => a.map((x) => x.textContent ?? ''))).filter((t) => seeded.includes(t));
    expect(await titles()).toEqual(['Third page', 'Second page', 'First page']);
    expect(await popup.textContent('.sl-trail-list li:has-text("Second page") .sl-meta')).toContain('covers 4 of 16');
    await popup.click('button[aria-label="Remove Second page from your trail"]');
    await popup.waitForFunction(() => !document.body.textContent!.includes('Second page'));
    expect(await titles()).toContain('First page');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Remove .* from your trail$/);
    await popup.click('button:has-text("Clear trail")');
    await popup.waitForSelector('.sl-trail >> text=Pages you visit that are about the story');
    const stored = await popup.evaluate(() => chrome.storage.local.get('trail'));
    expect(stored.trail).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('"Follow this story" hands the page\'s article text, without navigation or comments, to Add a story', async () => {
    const { page, tabId } = await openPage('/tests/fixtures/articles/d03-vostochny-comments.html', true);
    const popup = await openPopup(tabId);
    const opened = h.context.waitForEvent('page');
    await popup.click('button:has-text("Follow this story")');
    const options = await opened;
    expect(options.url()).toMatch(/\/options\.html#add-story$/);
    const draft = (await popup.evaluate(() => chrome.storage.local.get('storyDraft'))).storyDraft as {
      text: string;
      title: string;
      url: string;
    };
    expect(draft.url).toBe(h.server.url('/tests/fixtures/articles/d03-vostochny-comments.html'));
    expect(draft.text).toMatch(/Vostochny/);
    expect(draft.text.length).toBeGreaterThan(500);
    expect(draft.text).toContain('Kremlin spokesman Dmitry Peskov told reporters');
    // not the navigation, the comments or the footer
    expect(draft.text).not.toMatch(/Opinion|mira_k|Expect the US to answer|Join the discussion|Contact us/);
    await options.close();
    await popup.close();
    await page.close();
  });

  it('has no accessibility violations, light and dark (screenshots), and follows the theme chosen in settings', async () => {
    const { page, tabId } = await openPage(DEMO);
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await openPopup(tabId);
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.evaluate(() => {
        document.querySelector<HTMLDetailsElement>('.sl-missing')!.open = true;
      });
      const results = await new AxeBuilder({ page: popup }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      const height = await popup.evaluate(() => document.documentElement.scrollHeight);
      await popup.setViewportSize({ width: 360, height: Math.min(900, height) });
      await screenshot(popup, `popup-demo-${scheme}`);
      await popup.close();
    }
    // the reader's theme wins over the system's
    const popup = await openPopup(tabId);
    const current = (await popup.evaluate(() => chrome.storage.local.get('settings'))).settings as Record<string, unknown>;
    await setStored(popup, { settings: { ...current, theme: 'dark' } });
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(computedColour(NEUTRALS.bg.dark));
    await setStored(popup, { settings: { ...current, theme: 'system' } });
    await popup.waitForFunction(() => !document.documentElement.dataset.theme);
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(computedColour(NEUTRALS.bg.light));
    await popup.close();
    await page.close();
  });
});
