/**
 * Quiet elsewhere (issue 14), in Chromium with the default settings: no mark ever appears on a page that is
 * not coverage of the story, at any moment from load (watched every frame from document start), and a live
 * page that turns to the story is marked from then on, with what it showed before.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, ROOT, type Harness } from '../../scripts/lib/browser';
import { highlightTexts, quietFavicon, scanSettled, waitForHighlights } from './highlight-helpers';

const SHOTS = path.join(ROOT, '.output/screenshots');

/**
 * Runs in the page from document start: every frame, the number of marks in the contract highlights, and
 * whether the live blog's update (#update) was in the page then. window.__marks holds [marks, updated] per frame.
 */
const WATCH_MARKS = `(() => {
  const frames = (window.__marks = []);
  const names = ['story-lens-person', 'story-lens-place', 'story-lens-organization'];
  const tick = () => {
    frames.push([names.reduce((n, k) => n + (CSS.highlights.get(k)?.size ?? 0), 0), !!document.getElementById('update')]);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

const frames = (page: Page) => page.evaluate(() => (window as unknown as { __marks: [number, boolean][] }).__marks);

const OFF_STORY = Array.from(
  { length: 30 },
  (_, i) => `<p>${i}. Vladimir Putin met China's leader in Moscow as Russia and the United States argued over Ukraine.</p>`,
).join('');

const LIVE_BLOG = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: world news</title></head>
<body><main><h1>Live: world news</h1><div id="posts">${OFF_STORY}</div></main></body></html>`;

let h: Harness;
beforeAll(async () => {
  h = await launch();
  quietFavicon(h);
  h.server.route('/live-blog.html', { body: LIVE_BLOG });
  fs.mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('quiet elsewhere', () => {
  it(
    'no mark appears at any moment on a news page that names the story countries and Putin but is not about it',
    { timeout: 60_000 },
    async () => {
      const page = await h.context.newPage();
      await page.addInitScript({ content: WATCH_MARKS });
      // 31 marks before issue 14: the United States, Russia, China, Putin, Pyongyang...
      await page.goto(h.server.url('/shared/fixtures/real-pages/yahoo-2.html'));
      const report = await scanSettled(h, page);
      expect(report).toMatchObject({ quiet: true, covers: [], counts: {} });
      const seen = await frames(page);
      expect(seen.length).toBeGreaterThan(0);
      expect(Math.max(...seen.map(([n]) => n))).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, 'quiet-yahoo-2.png') });
      await page.close();
    },
  );

  it('a live blog that turns to the story is marked from then on, with what it showed before', { timeout: 60_000 }, async () => {
    const page = await h.context.newPage();
    await page.addInitScript({ content: WATCH_MARKS });
    await page.goto(h.server.url('/live-blog.html'));
    expect(await scanSettled(h, page)).toMatchObject({ quiet: true, covers: [] });
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'update';
      p.textContent = "Update: Kim Jong Un's armoured train has crossed the Tumen River into Russia.";
      document.getElementById('posts')!.prepend(p);
    });
    // 30 earlier posts name Putin: they are marked with the update
    await waitForHighlights(page, 30 + 2);
    const report = await scanSettled(h, page);
    expect(report.quiet).toBe(false);
    expect(report.covers).toEqual(['kim-putin-2023']);
    expect(report.counts['vladimir-putin']).toBe(30);
    expect((await highlightTexts(page))['story-lens-place']).toContain('Tumen River');
    // no frame showed a mark before the update was in the page
    expect((await frames(page)).every(([n, updated]) => n === 0 || updated)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'live-blog-turned.png') });
    await page.close();
  });
});
