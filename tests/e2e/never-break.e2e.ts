/**
 * Never break the page: a framework that keeps references to its text nodes,
 * web components, and a strict Content-Security-Policy. Each page behaves the
 * same with the extension as without it, and logs no error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launch, ROOT, type Harness } from '../../scripts/lib/browser';
import { stopServiceWorker } from './harness';
import { collectErrors, highlightTexts, hoverText, quietFavicon, waitForCard, waitForHighlights, waitForNoCard } from './highlight-helpers';

const STORY = fs.readFileSync(path.join(ROOT, 'tests/fixtures/pages/story-people.html'), 'utf8');
const CSP = "default-src 'none'";

let h: Harness;
let plain: Browser;
const requests: string[] = [];
beforeAll(async () => {
  h = await launch({
    routes: {
      '/csp/story.html': { body: STORY, headers: { 'Content-Security-Policy': CSP } },
    },
  });
  quietFavicon(h);
  // every request any context of this browser makes (pages, content scripts, the service worker)
  h.context.on('request', (r) => requests.push(r.url()));
  plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await plain?.close();
  await h?.close();
});

interface FrameworkResult {
  problems: string[];
  errors: string[];
  html: string;
  done: boolean;
}

describe('never break the page', () => {
  it('a page that keeps references to its text nodes and rewrites, replaces, moves and removes them behaves the same with and without the extension', async () => {
    const url = h.server.url('/tests/fixtures/pages/framework.html');
    const run = async (page: import('playwright-core').Page) => {
      const errors = collectErrors(page);
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __framework?: { done: boolean } }).__framework?.done, undefined, {
        timeout: 15_000,
      });
      const result = await page.evaluate(() => (window as unknown as { __framework: FrameworkResult }).__framework);
      return { result, errors };
    };
    const without = await run(await plain.newPage());
    const page = await h.context.newPage();
    const withExt = await run(page);
    expect(without.result.problems).toEqual([]);
    expect(withExt.result.problems).toEqual([]);
    expect(withExt.result.errors).toEqual([]);
    expect(withExt.errors).toEqual([]);
    expect(withExt.result.html).toBe(without.result.html);
    // and the highlights follow the page's final text: every painted range reads as a name the page now shows
    const named = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('#app b')].filter((b) => /Putin|Kim Jong Un|Shoigu|Pyongyang|Peskov/.test(b.textContent ?? ''))
            .length,
      );
    await expect
      .poll(async () => {
        const t = await highlightTexts(page);
        return t['story-lens-person'].length + t['story-lens-place'].length;
      })
      .toBe(await named());
    const t = await highlightTexts(page);
    const painted = [...t['story-lens-person'], ...t['story-lens-place']];
    expect(painted.length).toBeGreaterThan(10);
    for (const s of painted) expect(['Vladimir Putin', 'Kim Jong Un', 'Sergei Shoigu', 'Pyongyang', 'Dmitry Peskov']).toContain(s);
    expect(painted.length).toBe(await named());
    await page.close();
  });

  it('names inside open shadow roots (web components) are found and their cards open; closed roots stay private', async () => {
    const page = await h.context.newPage();
    const errors = collectErrors(page);
    await page.goto(h.server.url('/tests/fixtures/pages/shadow.html'));
    await waitForHighlights(page, 4);
    const found = await page.evaluate(() => {
      const out: { text: string; inShadow: boolean }[] = [];
      for (const name of ['story-lens-person', 'story-lens-place'])
        for (const r of CSS.highlights.get(name) ?? []) {
          const range = r as Range;
          out.push({ text: range.toString(), inShadow: range.startContainer.getRootNode() instanceof ShadowRoot });
        }
      return out;
    });
    expect(found).toEqual(
      expect.arrayContaining([
        { text: 'Pyongyang', inShadow: false },
        { text: 'Vladimir Putin', inShadow: true },
        { text: 'Kim Jong Un', inShadow: true },
        { text: 'Sergei Shoigu', inShadow: true },
      ]),
    );
    expect(found.map((f) => f.text)).not.toContain('Dmitry Peskov');
    // document styles do not reach into shadow trees: each root holding a mention adopted the highlight styles
    const styledRoots = await page.evaluate(() =>
      [document.getElementById('card1')!.shadowRoot!, document.getElementById('card2')!.shadowRoot!.querySelector('div')!.shadowRoot!].map(
        (r) => r.adoptedStyleSheets.some((s) => [...s.cssRules].some((x) => x.cssText.includes('::highlight(story-lens-person)'))),
      ),
    );
    expect(styledRoots).toEqual([true, true]);
    await hoverText(page, 'Vladimir Putin');
    await waitForCard(page, 'Vladimir Putin');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('under a strict Content-Security-Policy (default-src none) highlights are styled and cards open, with no violation', async () => {
    const page = await h.context.newPage();
    const errors = collectErrors(page);
    const violations: string[] = [];
    await page.exposeFunction('__noteViolation', (v: string) => violations.push(v));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __noteViolation(v: string): void }).__noteViolation(`${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    const res = await page.goto(h.server.url('/csp/story.html'));
    expect(res?.headers()['content-security-policy']).toBe(CSP);
    await waitForHighlights(page, 10);
    // the highlight styles arrived without an element, through an adopted stylesheet the CSP does not block
    const styled = await page.evaluate(() =>
      document.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('::highlight(story-lens-person)'))),
    );
    expect(styled).toBe(true);
    await hoverText(page, 'Dmitry Peskov');
    const card = await waitForCard(page, 'Dmitry Peskov');
    expect(card.text).toMatch(/Kremlin|press secretary/i);
    // the card's own stylesheet applied too (it is 320 px wide only if its CSS loaded)
    expect(card.rect!.width).toBeGreaterThan(300);
    expect(card.rect!.width).toBeLessThan(340);
    // only the page's own inline <style> (blocked by its CSP) may be reported; nothing of ours
    expect(violations.filter((v) => !v.startsWith('style-src-elem inline'))).toEqual([]);
    expect(errors.filter((e) => !/Content Security Policy.*inline style|style-src/i.test(e))).toEqual([]);
    await page.close();
  });

  it('the service worker stopped mid-session: the next hover still opens a card, and the page keeps its highlights', async () => {
    const page = await h.context.newPage();
    const errors = collectErrors(page);
    await page.goto(h.server.url('/tests/fixtures/pages/story-people.html'));
    await waitForHighlights(page, 10);
    await hoverText(page, 'Vladimir Putin');
    await waitForCard(page, 'Vladimir Putin');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    const before = await highlightTexts(page);
    await stopServiceWorker(h);
    // a card never asked for before: the content script has to wake the background for it
    await hoverText(page, 'Dmitry Peskov');
    const card = await waitForCard(page, 'Dmitry Peskov', 10_000);
    expect(card.text).toMatch(/as of/);
    const after = await highlightTexts(page);
    for (const name of ['story-lens-person', 'story-lens-place', 'story-lens-organization']) expect(after[name]).toEqual(before[name]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('across every page of this session the extension made no network request', async () => {
    // runs last: the pages above (framework, shadow roots, CSP, service worker restart) all went through here.
    // Control: a request from the service worker itself is seen, so the listener does watch extension contexts.
    const sw = await h.serviceWorker();
    await sw.evaluate((u) => fetch(u).then((r) => r.status), h.server.url('/control-from-extension'));
    await expect.poll(() => requests.some((u) => u.endsWith('/control-from-extension'))).toBe(true);
    requests.splice(0, requests.length, ...requests.filter((u) => !u.endsWith('/control-from-extension')));
    const foreign = requests.filter(
      (u) => !u.startsWith(h.server.origin) && !u.startsWith(`chrome-extension://${h.extensionId}/`) && !u.startsWith('data:'),
    );
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(foreign).toEqual([]);
    const server = h.server.requests.filter(
      (p) => !p.startsWith('/tests/fixtures/pages/') && p !== '/csp/story.html' && p !== '/favicon.ico' && p !== '/control-from-extension',
    );
    expect(server).toEqual([]);
  });
});
