/**
 * The hover card: opens after the pointer rests on a mention, shows the
 * entity's facts, closes on Escape, pins on click, stays fully on screen
 * beside (never over) its mention, can be reached from the keyboard shortcut
 * and the popup, and passes an axe check. Read through the DevTools protocol
 * (scripts/lib/card-reader.ts): its shadow root is closed to the page. Screenshots light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { axeCard, clickInCard, inCard, waitForCardState } from '../../scripts/lib/card-reader';
import { computedColour, screenshot } from './harness';
import { NEUTRALS } from '../../src/core/palette';
import {
  cardState,
  collectErrors,
  hoverText,
  sendToActiveTab,
  setSettings,
  textRect,
  revealedCardClass,
  waitForCard,
  waitForHighlights,
  waitForHoverTaken,
  waitForNoCard,
  waitOutFlash,
  quietFavicon,
} from './highlight-helpers';

const FIXTURE = '/tests/fixtures/pages/story-people.html';
const EDGES = '/tests/fixtures/pages/edges.html';

let h: Harness;
beforeAll(async () => {
  h = await launch();
  quietFavicon(h);
  h.server.route('/ru.html', {
    body: '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>ru</title></head><body><p>Ким Чен Ын прибыл на встречу с Владимиром Путиным. Песков рассказал о визите Путина.</p></body></html>',
  });
});
afterAll(async () => {
  await h?.close();
});

async function open(
  path: string,
  opts: { dark?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await h.context.newPage();
  const errors = collectErrors(page);
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  await page.emulateMedia({ colorScheme: opts.dark ? 'dark' : 'light' });
  await page.goto(h.server.url(path));
  await waitForHighlights(page, 1);
  return { page, errors };
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('hover card', () => {
  it("resting the pointer on a mention opens that entity's card after the delay, with its facts", async () => {
    const { page, errors } = await open(FIXTURE);
    await hoverText(page, 'Sergei Shoigu');
    await waitForHoverTaken(page, 'Sergei Shoigu');
    expect((await cardState(page)).count).toBe(0); // taken, and not yet open: Page Previews' delay
    const card = await waitForCard(page, 'Sergei Shoigu');
    expect(card.count).toBe(1);
    expect(card.role).toBe('dialog');
    expect(card.shadowMode).toBe('closed');
    expect(card.text).toMatch(/Person/i);
    expect(card.text).toMatch(/defence minister/i);
    expect(card.text).toMatch(/as of/);
    expect(card.text).toMatch(/1 mention on this page/);
    expect(card.rect!.width).toBeGreaterThanOrEqual(300);
    expect(card.rect!.width).toBeLessThanOrEqual(340);
    // the hovered mention is marked under a name outside the three contract names
    expect(await page.evaluate(() => [...(CSS.highlights.get('story-lens-active') ?? [])].map((r) => (r as Range).toString()))).toEqual([
      'Sergei Shoigu',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Escape closes the card and removes its element', async () => {
    const { page } = await open(FIXTURE);
    await hoverText(page, 'Vladimir Putin');
    await waitForCard(page, 'Vladimir Putin');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    expect(await page.evaluate(() => document.querySelectorAll('story-lens-card').length)).toBe(0);
    await page.close();
  });

  it('the card closes after the grace period when the pointer leaves, and stays while the pointer is on it', async () => {
    const { page } = await open(FIXTURE);
    const r = await hoverText(page, 'Vladimir Putin');
    const card = await waitForCard(page, 'Vladimir Putin');
    // move onto the card: it stays past the grace period of leaving the mention
    await page.mouse.move(card.rect!.x + 40, card.rect!.y + 20, { steps: 4 });
    await waitOutFlash(h, page, 'dmitry-peskov', 'Dmitry Peskov');
    expect((await cardState(page)).open).toBe(true);
    // leave both: it goes after the grace period, not at once (still open when the pointer has left it:
    // the page's own listener on the card runs after the content script's)
    await page.evaluate(() => {
      const host = document.querySelector('story-lens-card') as HTMLElement;
      const w = window as unknown as { __openAfterLeave?: boolean };
      host.addEventListener('pointerleave', () => (w.__openAfterLeave = host.isConnected && !host.hidden), { once: true });
    });
    await page.mouse.move(5, r.y - 30 > 0 ? 5 : 700);
    await page.waitForFunction(() => (window as unknown as { __openAfterLeave?: boolean }).__openAfterLeave !== undefined);
    expect(await page.evaluate(() => (window as unknown as { __openAfterLeave?: boolean }).__openAfterLeave)).toBe(true);
    await waitForNoCard(page, 2000);
    await page.close();
  });

  it('a click pins the card: it stays when the pointer leaves, until closed with its button', async () => {
    const { page } = await open(FIXTURE);
    const r = await textRect(page, 'Kim Jong Un');
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await waitForCard(page, 'Kim Jong Un');
    await page.mouse.move(1000, 700, { steps: 3 });
    await waitOutFlash(h, page, 'dmitry-peskov', 'Dmitry Peskov');
    expect((await cardState(page)).open).toBe(true);
    await clickInCard(page, 'button.close');
    await waitForNoCard(page);
    await page.close();
  });

  it('the card is fully on screen near every edge of the viewport and never covers its mention', async () => {
    const { page, errors } = await open(EDGES, { viewport: { width: 900, height: 600 } });
    await waitForHighlights(page, 5);
    for (const [id, name] of [
      ['tl', 'Vladimir Putin'],
      ['tr', 'Kim Jong Un'],
      ['bl', 'Pyongyang'],
      ['br', 'Ussuriysk'],
      ['mid', 'Sergei Shoigu'],
    ] as const) {
      const mention = await hoverText(page, name);
      const card = await waitForCard(page, name);
      const rect = card.rect!;
      expect(rect.x, `${id} left`).toBeGreaterThanOrEqual(0);
      expect(rect.y, `${id} top`).toBeGreaterThanOrEqual(0);
      expect(rect.x + rect.width, `${id} right`).toBeLessThanOrEqual(900);
      expect(rect.y + rect.height, `${id} bottom`).toBeLessThanOrEqual(600);
      expect(overlaps(rect, mention), `${id}: card over its mention`).toBe(false);
      // the page did not scroll or move for it
      expect(await page.evaluate(() => [scrollX, scrollY])).toEqual([0, 0]);
      await page.keyboard.press('Escape');
      await waitForNoCard(page);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a place card shows a map drawn on the device with the train route', async () => {
    const { page } = await open(FIXTURE);
    await hoverText(page, 'Ussuriysk');
    const card = await waitForCard(page, 'Ussuriysk');
    expect(card.text).toMatch(/Place/i);
    const map = await inCard(page, (root) => {
      const svg = root.querySelector('svg');
      return svg
        ? {
            route: svg.querySelectorAll('polyline').length,
            // the places' names: generated content laid over the drawing (src/ui/card-map.ts)
            labels: [...root.querySelectorAll('.map-label')].map((l) => getComputedStyle(l, '::before').content),
          }
        : null;
    });
    expect(map).not.toBeNull();
    expect(map!.labels).toContain('"Ussuriysk"');
    expect(map!.route).toBe(1);
    await page.close();
  });

  it("the card's previous/next buttons step through the entity's mentions on the page, scrolling to each", async () => {
    const { page } = await open(FIXTURE);
    await hoverText(page, 'Vladimir Putin');
    const card = await waitForCard(page, 'Vladimir Putin');
    expect(card.text).toMatch(/2 mentions on this page · 1 of 2/);
    await clickInCard(page, 'button[aria-label="Next mention on this page"]');
    await waitForCardState(page, (c) => /2 of 2/.test(c.text));
    const active = await page.evaluate(() => [...(CSS.highlights.get('story-lens-active') ?? [])].map((r) => (r as Range).toString()));
    expect(active).toContain('Putin');
    await page.close();
  });

  it('the keyboard shortcut path opens each mention in turn with focus in the card, and Escape returns focus', async () => {
    const { page } = await open(FIXTURE);
    await page.focus('#in');
    const first = await sendToActiveTab<boolean>(h, page, 'stepMention', { direction: 1 });
    expect(first).toBe(true);
    const c1 = await waitForCard(page);
    expect(c1.label).toBe('Kim Jong Un');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('story-lens-card');
    await sendToActiveTab(h, page, 'stepMention', { direction: 1 });
    await waitForCard(page, 'Pyongyang');
    await sendToActiveTab(h, page, 'stepMention', { direction: -1 });
    await waitForCard(page, 'Kim Jong Un');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('in');
    await page.close();
  });

  it("the popup's list reveals a mention: scrolls to it, marks it and opens its card", async () => {
    const { page } = await open(FIXTURE);
    const ok = await sendToActiveTab<boolean>(h, page, 'revealMention', { entity: 'vladivostok', index: 0, openCard: true });
    expect(ok).toBe(true);
    await waitForCard(page, 'Vladivostok');
    // it was below the fold: the page scrolled it into view (smoothly: wait until it is in view)
    await page.waitForFunction(() => scrollY > 200);
    await expect
      .poll(async () => {
        const r = await textRect(page, 'Vladivostok');
        return r.y >= 0 && r.y + r.height <= 800;
      })
      .toBe(true);
    const r = await textRect(page, 'Vladivostok');
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.y + r.height).toBeLessThanOrEqual(800);
    const active = await page.evaluate(() => [...(CSS.highlights.get('story-lens-active') ?? [])].map((x) => (x as Range).toString()));
    expect(active).toContain('Vladivostok');
    await page.close();
  });

  it('the card passes an axe accessibility check', async () => {
    const { page } = await open(FIXTURE);
    await hoverText(page, 'Sergei Shoigu');
    await waitForCard(page, 'Sergei Shoigu');
    // axe-core run inside the card's closed root, in an isolated world (scripts/lib/card-reader.ts)
    const light = await axeCard(page);
    expect(light.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await axeCard(page);
    expect(dark.map((v) => v.id)).toEqual([]);
    await page.close();
  });

  it("a screen reader gets the card's text: what it shows is in the browser's accessibility tree", async () => {
    const { page } = await open(FIXTURE);
    await hoverText(page, 'Sergei Shoigu');
    const card = await waitForCard(page, 'Sergei Shoigu');
    // its text is generated content (src/ui/card-text.ts): the tree must still hold it as text
    const description = await inCard(page, (root) => root.querySelector('.description [data-t]')!.getAttribute('data-t'));
    expect(card.text).toContain(description);
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
    };
    const named = (role: string) => nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value);
    expect(named('StaticText')).toContain(description);
    expect(named('StaticText')).toContain('1 mention on this page');
    expect(named('dialog')).toContain('Sergei Shoigu');
    await cdp.detach();
    await page.close();
  });

  it('screenshots: a person card and a place card, light and dark', async () => {
    for (const dark of [false, true]) {
      const { page } = await open(FIXTURE, { dark });
      await hoverText(page, 'Sergei Shoigu');
      await waitForCard(page, 'Sergei Shoigu');
      await screenshot(page, `card-person-${dark ? 'dark' : 'light'}`);
      await page.keyboard.press('Escape');
      await hoverText(page, 'Ussuriysk');
      await waitForCard(page, 'Ussuriysk');
      await screenshot(page, `card-place-${dark ? 'dark' : 'light'}`);
      await page.close();
    }
  });

  it('a name the page writes in another language opens the entity card and shows the name as the page writes it', async () => {
    const { page } = await open('/ru.html');
    await hoverText(page, 'Путина');
    const card = await waitForCard(page, 'Vladimir Putin');
    expect(card.text).toContain('“Путина” on this page');
    await page.close();
  });

  it('settings shape the card: compact detail, a dark theme on a light system, no motion when the reader asks for none', async () => {
    const { page } = await open(FIXTURE);
    await hoverText(page, 'Sergei Shoigu');
    await waitForCard(page, 'Sergei Shoigu');
    const full = await inCard(page, (root) => root.querySelectorAll('dt').length);
    await page.keyboard.press('Escape');
    await setSettings(h, { cardDetail: 'compact', theme: 'dark' });
    // the open tab has taken the change when a card it opens is dark
    await expect.poll(() => revealedCardClass(h, page, 'sergei-shoigu'), { timeout: 8000 }).toMatch(/theme-dark/);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.mouse.move(1, 1);
    await hoverText(page, 'Sergei Shoigu');
    await waitForCard(page, 'Sergei Shoigu');
    const state = await inCard(page, (root) => {
      const card = root.querySelector('[role=dialog]')!;
      return {
        facts: root.querySelectorAll('dt').length,
        bg: getComputedStyle(card).backgroundColor,
        animations: root.getAnimations().length,
      };
    });
    expect(state!.facts).toBeLessThanOrEqual(3);
    expect(state!.facts).toBeLessThan(full!);
    expect(state!.bg).toBe(computedColour(NEUTRALS.bg.dark));
    expect(state!.animations).toBe(0);
    await setSettings(h, { cardDetail: 'full', theme: 'system' });
    await page.close();
  });

  it('a pinned card follows its mention when the page scrolls, still beside it', async () => {
    const { page } = await open(FIXTURE, { viewport: { width: 1280, height: 700 } });
    const r = await textRect(page, 'Vladimir Putin');
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    const before = await waitForCard(page, 'Vladimir Putin');
    await page.mouse.move(1200, 650);
    await page.evaluate(() => scrollBy(0, 60));
    // it follows in the next frame, placed again for the mention's new box
    await expect.poll(async () => Math.round(before.rect!.y - (await cardState(page)).rect!.y)).toBe(60);
    const after = await cardState(page);
    const mention = await textRect(page, 'Vladimir Putin');
    expect(after.open).toBe(true);
    expect(Math.round(before.rect!.y - after.rect!.y)).toBe(60);
    expect(overlaps(after.rect!, mention)).toBe(false);
    await page.close();
  });
});
