/**
 * What the page-safety, highlight and card e2e tests ask of a page, read the
 * way a page (or a user's own stylesheet) would: through CSS.highlights and
 * the card host's open shadow root.
 */
import type { Page, Worker } from 'playwright-core';
import type { Harness } from '../../scripts/lib/browser';

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

export interface CardState {
  count: number;
  open: boolean;
  text: string;
  label: string | null;
  role: string | null;
  rect: { x: number; y: number; width: number; height: number } | null;
  shadowMode: string | null;
}

export async function cardState(page: Page): Promise<CardState> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('story-lens-card');
    const host = hosts[0] as HTMLElement | undefined;
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]') as HTMLElement | null | undefined;
    const visible = !!host && !host.hidden && host.getBoundingClientRect().width > 0;
    const r = dialog?.getBoundingClientRect();
    return {
      count: hosts.length,
      open: visible,
      text: dialog?.innerText ?? '',
      label: dialog?.getAttribute('aria-label') ?? null,
      role: dialog?.getAttribute('role') ?? null,
      rect: r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null,
      shadowMode: host?.shadowRoot?.mode ?? null,
    };
  });
}

export async function waitForCard(page: Page, label?: string, timeout = 5000): Promise<CardState> {
  await page.waitForFunction(
    (label) => {
      const host = document.querySelector('story-lens-card') as HTMLElement | null;
      const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
      if (!dialog || host!.hidden) return false;
      const r = host!.getBoundingClientRect();
      return r.left > -1000 && (!label || dialog.getAttribute('aria-label') === label);
    },
    label,
    { timeout },
  );
  // let floating-ui place it and its entrance animation (if motion is allowed) finish
  await page.waitForTimeout(60);
  await page.evaluate(() =>
    Promise.all((document.querySelector('story-lens-card')?.shadowRoot?.getAnimations() ?? []).map((a) => a.finished)),
  );
  return cardState(page);
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
