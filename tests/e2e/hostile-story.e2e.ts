/**
 * A story whose names and facts hold HTML and script payloads (issue 6): on
 * the page, in the card and on the options page they show as text, and
 * nothing runs. Stories are data, never markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { inCard } from '../../scripts/lib/card-reader';
import { collectErrors, hoverText, quietFavicon, waitForCard, waitForHighlights } from './highlight-helpers';

// chrome.* inside page.evaluate runs in the extension's options page
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the extension page's own chrome.* API, untyped here
declare const chrome: any;

const P = (n: number) => `<img src=x onerror="window.__pwned=${n}">`;
const HOSTILE = {
  id: 'hostile-story',
  title: `Breaking ${P(1)} news`,
  enabled: true,
  bundled: false,
  pack: {
    format: 'story-lens/pack',
    formatVersion: 1,
    id: 'hostile-story',
    title: `Breaking ${P(1)} news`,
    date: '2024-01-01',
    summary: `<script>window.__pwned=2</script> summary`,
    entities: [
      {
        id: 'mallory-evil',
        name: `${P(3)}Mallory Evil`,
        type: 'person',
        description: `<script>window.__pwned=4</script> a spy <b>bold</b>`,
        names: [{ text: 'Mallory Evil', lang: 'en' }],
        facts: [
          {
            label: `<svg onload="window.__pwned=5">`,
            value: `${P(6)} value`,
            asOf: '2024-01-01',
            source: 'https://en.wikipedia.org/wiki/Mallory',
          },
        ],
        sentences: [`Mallory Evil said <iframe src="javascript:window.__pwned=7"></iframe> nothing.`],
      },
    ],
  },
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title></head>
<body><p>Reports say Mallory Evil met officials on Tuesday.</p></body></html>`;

let h: Harness;
let tab: Page;
let errors: string[];

beforeAll(async () => {
  h = await launch({ routes: { '/hostile.html': { body: PAGE }, '/control.png': { body: '', type: 'image/png' } } });
  quietFavicon(h);
  const options = await h.extensionPage('options.html');
  await options.evaluate(async (story) => {
    const { stories } = await chrome.storage.local.get('stories');
    await chrome.storage.local.set({
      stories: { revision: stories.revision + 1, stories: [...stories.stories, { ...story, addedAt: new Date().toISOString() }] },
    });
  }, HOSTILE);
  await options.close();
  tab = await h.context.newPage();
  errors = collectErrors(tab);
  await tab.goto(h.server.url('/hostile.html'));
  await waitForHighlights(tab);
});
afterAll(async () => {
  await h?.close();
});

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

describe('a story holding HTML and script payloads', () => {
  it('its card shows every payload as text, adds no element from it, and nothing runs', async () => {
    await hoverText(tab, 'Mallory Evil');
    const card = await waitForCard(tab);
    expect(card.text).toContain(`${P(3)}Mallory Evil`);
    expect(card.text).toContain('<script>window.__pwned=4</script> a spy <b>bold</b>');
    expect(card.text).toContain(`${P(6)} value`);
    const inside = await inCard(tab, (root) =>
      [...root.querySelectorAll('img, script, iframe, b, svg[onload], [onerror], [onload]')].map((e) => e.outerHTML),
    );
    expect(inside).toEqual([]);
    // a payload's image would have failed to load, and its handler run, by the time one of the page's own has
    await tab.evaluate(
      () =>
        new Promise((r) => {
          const img = new Image();
          img.onerror = img.onload = r;
          img.src = '/control.png'; // served empty: it loads, and fails to decode, without a console error
        }),
    );
    expect(await pwned(tab)).toBeNull();
    expect(errors).toEqual([]);
  });

  it('the options page lists the story with its title as text, and nothing runs there', async () => {
    const options = await h.extensionPage('options.html');
    await options.waitForFunction((t) => document.body.innerText.includes(t), HOSTILE.title, { timeout: 10_000 });
    expect(await options.evaluate(() => document.querySelectorAll('img[src="x"], [onerror]').length)).toBe(0);
    expect(await pwned(options)).toBeNull();
    await options.close();
  });
});
