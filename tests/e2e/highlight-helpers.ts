/**
 * What the page-safety, highlight and card e2e tests ask of a page: the marks
 * read the way a page (or a user's own stylesheet) would, through
 * CSS.highlights; the card, whose shadow root is closed to the page, through
 * the DevTools protocol (scripts/lib/card-reader.ts).
 */
import type { Page, Worker } from 'playwright-core';
import type { Harness } from '../../scripts/lib/browser';
import { readCard, waitForCardState, type CardState } from '../../scripts/lib/card-reader';

export type { CardState };

// the extension APIs, inside the service worker the helpers evaluate in
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

export const TYPES = ['person', 'place', 'organization'] as const;

/** the text of every Range in each contract highlight (in the page's main world) */
export async function highlightTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const name of ['story-lens-person', 'story-lens-place', 'story-lens-organization', 'story-lens-active']) {
      const h = CSS.highlights.get(name);
      out[name] = h ? [...h].map((r) => (r as Range).toString()) : [];
    }
    return out;
  });
}

export async function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() =>
    ['story-lens-person', 'story-lens-place', 'story-lens-organization'].reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0),
  );
}

export async function waitForHighlights(page: Page, atLeast = 1, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (min) =>
      ['story-lens-person', 'story-lens-place', 'story-lens-organization'].reduce(
        (n, name) => n + (CSS.highlights.get(name)?.size ?? 0),
        0,
      ) >= min,
    atLeast,
    { timeout },
  );
}

/** Viewport rect of the `occurrence`-th occurrence of `text` in the page (light DOM and open shadow roots). */
export async function textRect(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number; width: number; height: number }> {
  const rect = await page.evaluate(
    ({ text, occurrence }) => {
      let seen = 0;
      const visit = (root: Node): DOMRect | null => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.nodeType === 1) {
            const sr = (n as Element).shadowRoot;
            if (sr) {
              const r = visit(sr);
              if (r) return r;
            }
            continue;
          }
          const data = (n as Text).data;
          let at = data.indexOf(text);
          while (at >= 0) {
            if (seen++ === occurrence) {
              const range = document.createRange();
              range.setStart(n, at);
              range.setEnd(n, at + text.length);
              return range.getBoundingClientRect();
            }
            at = data.indexOf(text, at + 1);
          }
        }
        return null;
      };
      const r = visit(document.body);
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    },
    { text, occurrence },
  );
  if (!rect) throw new Error(`"${text}" (#${occurrence}) is not on the page`);
  return rect;
}

/** Rests the pointer on the middle of a text, as a reader would. */
export async function hoverText(
  page: Page,
  text: string,
  occurrence = 0,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const r = await textRect(page, text, occurrence);
  await page.mouse.move(r.x + r.width / 2 - 3, r.y + r.height / 2 - 1, { steps: 2 });
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2, { steps: 2 });
  return r;
}

export async function cardState(page: Page): Promise<CardState> {
  return readCard(page);
}

/** Waits until a card (for `label`, when given) is open and placed, its entrance animation over. */
export async function waitForCard(page: Page, label?: string, timeout = 5000): Promise<CardState> {
  return waitForCardState(page, (s) => s.open && s.role === 'dialog' && (!label || s.label === label) && s.settled, timeout);
}

export async function waitForNoCard(page: Page, timeout = 3000): Promise<void> {
  await page.waitForFunction(
    () => {
      const host = document.querySelector('story-lens-card') as HTMLElement | null;
      return !host || host.hidden;
    },
    undefined,
    { timeout },
  );
}

/** the text of each range in `story-lens-active`: the hovered, carded or flashed mentions */
export async function activeTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(CSS.highlights.get('story-lens-active') ?? [])].map((r) => (r as Range).toString()));
}

/**
 * Waits until the content script has taken the pointer's rest on a mention: it marks the hovered mention
 * in `story-lens-active` as its hover machine starts the card's delay.
 */
export async function waitForHoverTaken(page: Page, text: string, timeout = 5000): Promise<void> {
  await page.waitForFunction((t) => [...(CSS.highlights.get('story-lens-active') ?? [])].some((r) => (r as Range).toString() === t), text, {
    timeout,
  });
}

/** Waits until the content script has its setup and runs on the page: its highlight stylesheet is adopted. */
export async function waitForActive(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => document.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('::highlight(story-lens-'))),
    undefined,
    { timeout },
  );
}

/**
 * The page's counts once the content script has started and finished its scan: it answers the popup's
 * question (getPageEntities) only after the scan and the changes queued so far are handled.
 */
export async function scanSettled(h: Harness, page: Page): Promise<{ counts: Record<string, number>; covers: string[]; quiet: boolean }> {
  await waitForActive(page);
  return sendToActiveTab<{ counts: Record<string, number>; covers: string[]; quiet: boolean }>(h, page, 'getPageEntities');
}

/**
 * Waits out one flash of the content script's own timers: reveals a mention without its card, as the
 * popup's list does, and waits until its mark is gone (FLASH_MS, 1.6 s, src/page/features/hover-card.ts). A shorter
 * timer the content script set before - the card's grace period (300 ms) - has run by then, so what it
 * would have done is done: a wait for the extension's own event rather than a guess at how long it takes.
 * `text` is that mention as the page writes it; it must not be hovered or under the card.
 */
export async function waitOutFlash(h: Harness, page: Page, entity: string, text: string): Promise<void> {
  const ok = await sendToActiveTab<boolean>(h, page, 'revealMention', { entity, index: 0, openCard: false });
  if (!ok) throw new Error(`no mention of ${entity} to reveal`);
  await waitForHoverTaken(page, text);
  await page.waitForFunction(
    (t) => ![...(CSS.highlights.get('story-lens-active') ?? [])].some((r) => (r as Range).toString() === t),
    text,
    { timeout: 10_000 },
  );
}

/**
 * Which comes first on the page: the end of the flash of `text` (a mention revealed without its card, marked
 * for the content script's own FLASH_MS, 1.6 s) or a card opening. Watched in the page, frame by frame.
 */
export function flashEndsOrCardOpens(page: Page, text: string): Promise<'flash' | 'card'> {
  return page.evaluate(
    (t) =>
      new Promise<'flash' | 'card'>((resolve) => {
        const tick = () => {
          const host = document.querySelector('story-lens-card') as HTMLElement | null;
          if (host && !host.hidden) resolve('card');
          else if (![...(CSS.highlights.get('story-lens-active') ?? [])].some((r) => (r as Range).toString() === t)) resolve('flash');
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    text,
  );
}

/**
 * The class names of the card a reveal opens (at once, as the popup's list does), read and closed again:
 * polled until they show a settings change, this says the open tab has taken that change.
 */
export async function revealedCardClass(h: Harness, page: Page, entity: string): Promise<string> {
  await sendToActiveTab(h, page, 'revealMention', { entity, index: 0, openCard: true });
  // short: a tab taking the change meanwhile closes the card, and the poll asks again
  await waitForCard(page, undefined, 2000);
  const cls = (await readCard(page)).className;
  await page.keyboard.press('Escape');
  await waitForNoCard(page);
  return cls;
}

/**
 * Appends a paragraph naming the story and waits until it is highlighted: the content script handles the
 * page's changes in order, so every change made before it has been handled too.
 */
export async function waitForChangesHandled(page: Page): Promise<void> {
  const before = await highlightCount(page);
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Later: Sergei Shoigu spoke.';
    document.body.append(p);
  });
  await waitForHighlights(page, before + 1);
}

/** Serves an empty favicon so the browser's own favicon request is not a 404 in the page's console. */
export function quietFavicon(h: Harness): void {
  h.server.route('/favicon.ico', { body: '', type: 'image/x-icon' });
}

/** Errors a page logs (console.error and uncaught exceptions), collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Sends a message to the active tab's content script as the popup or the shortcut relay does (@webext-core/messaging's format). */
export async function sendToActiveTab<T = unknown>(h: Harness, page: Page, type: string, data?: unknown): Promise<T> {
  await page.bringToFront();
  const sw: Worker = await h.serviceWorker();
  const reply = await sw.evaluate(
    async ({ type, data }) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab?.id) throw new Error('no active tab');
      return (await chrome.tabs.sendMessage(tab.id, { id: Math.floor(Math.random() * 1e6), type, data, timestamp: Date.now() })) as {
        res?: unknown;
        err?: unknown;
      };
    },
    { type, data },
  );
  if (reply?.err) throw new Error(`content script answered with an error: ${JSON.stringify(reply.err)}`);
  return reply?.res as T;
}

/** Writes settings as the options page does (the background and every tab see a storage change). */
export async function setSettings(h: Harness, patch: Record<string, unknown>): Promise<void> {
  const sw = await h.serviceWorker();
  await sw.evaluate(async (patch) => {
    const key = 'settings';
    const cur = ((await chrome.storage.local.get(key)) as Record<string, unknown>)[key] as Record<string, unknown> | undefined;
    await chrome.storage.local.set({ [key]: { ...(cur ?? {}), ...patch } });
  }, patch);
}

/** the whole main-world DOM as markup, shadow roots included (to compare with and without the extension) */
export async function domSnapshot(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

/**
 * An init script: the page's own timer, every 10 ms from its first script, records at each firing how many
 * mentions are marked (read back with `timerFiringsDuringScan`). Its firings while some but not all mentions
 * are marked are the page's tasks run between the content script's slices: the structure a sliced scan gives,
 * with no duration in it.
 */
export const PAGE_TIMER = `
  window.__seen = [];
  (function tick() {
    let n = 0;
    for (const k of ['story-lens-person', 'story-lens-place', 'story-lens-organization']) n += CSS.highlights.get(k)?.size ?? 0;
    window.__seen.push({ at: performance.now(), marked: n });
    setTimeout(tick, 10);
  })();
`;

/** What PAGE_TIMER saw: its firings while the scan was under way (0 < marked < `all`), and its longest gap (printed only). */
export async function timerFiringsDuringScan(page: Page, all: number): Promise<{ during: number; longestGap: number }> {
  const seen = await page.evaluate(() => (window as unknown as { __seen: { at: number; marked: number }[] }).__seen);
  let longestGap = 0;
  for (let i = 1; i < seen.length; i++) longestGap = Math.max(longestGap, seen[i]!.at - seen[i - 1]!.at);
  return { during: seen.filter((s) => s.marked > 0 && s.marked < all).length, longestGap };
}
