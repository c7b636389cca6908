/** What more than one of the bench's measurements uses: rounding, and reading a page's highlights. */
import type { Page } from 'playwright-core';
import type { Harness } from '../lib/browser';

export const HIGHLIGHTS = ['story-lens-person', 'story-lens-place', 'story-lens-organization'];

/** Rounded to `d` decimals; null for NaN and infinities (bench.json holds no NaN). */
export const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

export function highlightTotal(page: Page): Promise<number> {
  return page.evaluate((names) => names.reduce((s, n) => s + (CSS.highlights.get(n)?.size ?? 0), 0), HIGHLIGHTS);
}

/** Waits until the page's highlight count has not changed for `quietMs`; returns the count and when it last changed. */
export async function settle(page: Page, quietMs: number, timeoutMs: number): Promise<{ count: number; lastChangeAt: number }> {
  return page.evaluate(
    ([names, quietMs, timeoutMs]) =>
      new Promise<{ count: number; lastChangeAt: number }>((resolve) => {
        const total = () => names.reduce((s, n) => s + (CSS.highlights.get(n)?.size ?? 0), 0);
        const start = performance.now();
        let last = total();
        let lastChangeAt = start;
        const tick = () => {
          const now = performance.now();
          const c = total();
          if (c !== last) {
            last = c;
            lastChangeAt = now;
          }
          if ((c > 0 && now - lastChangeAt >= quietMs) || now - start > timeoutMs) resolve({ count: c, lastChangeAt });
          else setTimeout(tick, 20);
        };
        tick();
      }),
    [HIGHLIGHTS, quietMs, timeoutMs] as const,
  );
}

/**
 * Turns the "mark every page" setting on or off (the background hears the storage change and every tab asks for
 * its setup again). The bench's ratios from before issue 14 run with it on, so they stay comparable.
 */
export async function setMarkEverywhere(h: Harness, on: boolean): Promise<void> {
  const sw = await h.serviceWorker();
  await sw.evaluate(async (on) => {
    const c = (globalThis as unknown as { chrome: { storage: { local: ChromeStorage } } }).chrome.storage.local;
    const cur = ((await c.get('settings')) as Record<string, Record<string, unknown> | undefined>).settings;
    await c.set({ settings: { ...(cur ?? {}), markEverywhere: on } });
    // the background hears the change in a task of its own: a page opened at once would meet the old setting
    await new Promise((r) => setTimeout(r, 100));
    interface ChromeStorage {
      get(key: string): Promise<unknown>;
      set(items: Record<string, unknown>): Promise<void>;
    }
  }, on);
}
