/**
 * A page that changes a thousand text nodes a second for ten seconds:
 * highlights keep up with it (updated again and again while it changes, and
 * exactly right once it stops), and the extension's work on it comes in
 * bounded batches: the highlights change at most once per flush of the change
 * queue, a few times a second whatever the page does (that each flush reads
 * in slices of bounded size, yielding behind the page's tasks, is
 * tests/unit/page/scan-slices.test.ts's).
 *
 * How late the page's own timer runs is not asserted here (issue 13): on a
 * shared machine it ran 3-12x later with the extension than without. The
 * extension's part is small (about 2% of the page's main thread here: four
 * flushes a second, each a frame callback that handles every queued record,
 * then 1 ms slices), but it comes in bursts of a few milliseconds at the
 * moments the page's 10 ms timer is due; on a loaded two-core machine each
 * burst stretches several-fold while the page's own lateness stays near its
 * 1-3 ms floor, so the ratio followed the machine's load more than our code.
 * The bench reports it (churn_timer_lateness_ratio, scripts/bench/large-story.ts);
 * here, the structure that bounds the bursts is checked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_FLUSH_INTERVAL_MS } from '../../src/page/change-queue';
import { launch, type Harness } from '../../scripts/lib/browser';
import { collectErrors, highlightTexts, quietFavicon } from './highlight-helpers';

const DURATION_MS = 10_000;

interface Churn {
  done: boolean;
  changes: number;
  ticks: number;
  meanLate: number;
  p95Late: number;
  expected: number;
}

/**
 * Counts, frame by frame from the page's first script, the frames in which the person highlight holds other
 * ranges than in the frame before (each such frame renders every range again: docs/adr/0002).
 */
const COUNT_UPDATES = `
  window.__updates = 0;
  let before = new Set();
  (function frame() {
    const now = new Set(CSS.highlights.get('story-lens-person') ?? []);
    if (now.size !== before.size || [...now].some((r) => !before.has(r))) window.__updates++;
    before = now;
    requestAnimationFrame(frame);
  })();
`;

let h: Harness;
beforeAll(async () => {
  h = await launch();
  quietFavicon(h);
});
afterAll(async () => {
  await h?.close();
});

async function run(page: Page): Promise<Churn> {
  // a page the browser thinks hidden gets its timers throttled: keep each measured page in front
  await page.bringToFront();
  await page.goto(h.server.url(`/tests/fixtures/pages/churn.html?ms=${DURATION_MS}`));
  await page.waitForFunction(() => (window as unknown as { __churn?: Churn }).__churn?.done, undefined, {
    timeout: DURATION_MS + 20_000,
    polling: 500,
  });
  return page.evaluate(() => (window as unknown as { __churn: Churn }).__churn);
}

describe('never break the page: constant change', () => {
  it(
    'a page changing 1,000 nodes a second has its highlights kept up, updated a few times a second, not at every change',
    { timeout: 120_000 },
    async () => {
      const page = await h.context.newPage();
      const errors = collectErrors(page);
      await page.addInitScript({ content: COUNT_UPDATES });
      const withExt = await run(page);
      const updates = await page.evaluate(() => (window as unknown as { __updates: number }).__updates);
      console.log(
        `churn: ${withExt.changes} changes; ${updates} highlight updates; the page's timer ran ${withExt.meanLate.toFixed(2)} ms late ` +
          `on average, ${withExt.p95Late.toFixed(2)} ms at p95 (its ratio to a page without the extension is the bench's)`,
      );
      expect(withExt.changes).toBeGreaterThanOrEqual(DURATION_MS - 100);
      // kept up while it changed: the highlights were updated again and again, not only once the page stopped
      expect(updates).toBeGreaterThanOrEqual(DURATION_MS / 1000);
      // in batches: at most once per flush of the change queue, which runs at most every MIN_FLUSH_INTERVAL_MS
      // (plus the first scan's few frames and the last flush)
      expect(updates).toBeLessThanOrEqual((DURATION_MS + 1000) / MIN_FLUSH_INTERVAL_MS + 5);
      // keeping up: within a second of the last change, every name on the page is painted, and nothing else
      // (a range whose text the page rewrote is empty until the flush that reads it again: the count alone can match before)
      await page.waitForFunction(
        (n) => {
          const h = CSS.highlights.get('story-lens-person');
          return h?.size === n && [...h].every((r) => /^(Vladimir Putin|Kim Jong Un)$/.test(String(r)));
        },
        withExt.expected,
        { timeout: 1000 },
      );
      const t = await highlightTexts(page);
      expect(t['story-lens-person'].every((s) => s === 'Vladimir Putin' || s === 'Kim Jong Un')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
