/**
 * A 20,000-paragraph page: the scan is sliced (the page's own timer runs again
 * and again between the content script's slices while the scan is under way;
 * how long those slices or the page's tasks take is a duration, printed or left
 * to the bench, never asserted), and later content is highlighted on it as on an
 * empty page (its cost ratio is the bench's append_big_over_small; that only the
 * change is read is a unit test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import {
  collectErrors,
  highlightCount,
  PAGE_TIMER,
  quietFavicon,
  scanSettled,
  timerFiringsDuringScan,
  waitForHighlights,
} from './highlight-helpers';
import { extensionTime, startProfile, stopProfile } from '../../scripts/lib/trace';

const SENTENCES = [
  'Kim Jong Un rode his armoured train towards the border.',
  'Officials in Moscow declined to comment on the schedule.',
  'The weather in the region was mild for September.',
  'Analysts said Vladimir Putin wanted artillery shells.',
  'Local markets opened as usual on Tuesday morning.',
];

function bigPage(paragraphs: number): string {
  const ps: string[] = [];
  for (let i = 0; i < paragraphs; i++) ps.push(`<p>${i}. ${SENTENCES[i % SENTENCES.length]}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Large page</title></head><body>${ps.join('\n')}</body></html>`;
}

// Long tasks are recorded from the start; the test reads those after the load event.
const OBSERVE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

let h: Harness;
beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({
    extensionDir: process.env.STORY_LENS_EXTENSION_DIR,
    routes: {
      '/large.html': { body: bigPage(20_000) },
      '/empty.html': { body: bigPage(0) },
    },
  });
  quietFavicon(h);
});
afterAll(async () => {
  await h?.close();
});

/** The highlight count once the content script has finished its scan (it answers the popup's question then). */
async function settledCount(page: Page): Promise<number> {
  await scanSettled(h, page);
  return highlightCount(page);
}

/** Waits until the page renders quickly again: two frames in a row come less than 40 ms apart. */
async function quietFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = performance.now();
        let quiet = 0;
        const frame = (t: number) => {
          quiet = t - last < 40 ? quiet + 1 : 0;
          last = t;
          if (quiet >= 2) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

/**
 * Appends 100 paragraphs naming the story and measures the main-thread time spent in the content script
 * (every CPU-profile sample with a content-script frame on its stack: its own code and the DOM calls it
 * makes) until they are all painted. The page's own layout of the new paragraphs is not ours to count.
 */
async function appendCost(page: Page): Promise<{ ours: number; latency: number }> {
  const before = await highlightCount(page);
  const cdp = await startProfile(page);
  const start = await page.evaluate(() => {
    const frag = document.createDocumentFragment();
    for (let i = 0; i < 100; i++) {
      const p = document.createElement('p');
      p.textContent = `Late news ${i}: Kim Jong Un reached Vostochny Cosmodrome.`;
      frag.append(p);
    }
    const t = performance.now();
    document.body.append(frag);
    return t;
  });
  await page.waitForFunction(
    (n) =>
      ['story-lens-person', 'story-lens-place', 'story-lens-organization'].reduce((a, k) => a + (CSS.highlights.get(k)?.size ?? 0), 0) >= n,
    before + 200,
    { polling: 'raf', timeout: 20_000 },
  );
  const latency = (await page.evaluate(() => performance.now())) - start;
  // the follow-up work of the change is in the profile too: the content script answers once it is done
  await scanSettled(h, page);
  const ours = extensionTime(await stopProfile(cdp));
  return { ours, latency };
}

describe('a very large page', () => {
  it(
    "is scanned in slices: the page's own timer runs between them, again and again while the scan is under way",
    { timeout: 120_000 },
    async () => {
      const page = await h.context.newPage();
      const errors = collectErrors(page);
      await page.addInitScript(OBSERVE);
      await page.addInitScript({ content: PAGE_TIMER });
      await page.goto(h.server.url('/large.html'));
      const loadEnd = await page.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
      );
      await waitForHighlights(page, 1000, 60_000);
      const n = await settledCount(page);
      const all = (20_000 / 5) * 3; // Kim Jong Un, Moscow, Vladimir Putin in every five paragraphs
      expect(n).toBe(all);
      // The page's tasks ran while some but not all mentions were marked: the scan yields to the page between
      // its slices, not only before and after it (a scan in one task, or one that yields ahead of the page's
      // tasks, leaves the timer no firing there). How long each slice took is the bench's to report.
      const timer = await timerFiringsDuringScan(page, all);
      expect(timer.during).toBeGreaterThanOrEqual(3);
      const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
      const after = tasks.filter((t) => t.start >= loadEnd);
      console.log(
        `20,000 paragraphs: ${n} mentions; the page's 10 ms timer fired ${timer.during} times during the scan, its longest gap ${timer.longestGap.toFixed(0)} ms; ` +
          `long tasks after load (PerformanceObserver): ${after.length}, longest ${Math.max(0, ...after.map((t) => t.duration)).toFixed(0)} ms`,
      );
      // Long tasks on this page are mostly the engine's: laying out and styling 20,000 paragraphs and rendering
      // ~12,000 registered ranges (docs/adr/0002: every frame after a highlight changes pays for every range).
      // The bench reports the observer's longest task (longest_task_ms).
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('100 paragraphs appended to it are highlighted as on an empty page (content-script time printed)', { timeout: 120_000 }, async () => {
    const small = await h.context.newPage();
    await small.goto(h.server.url('/empty.html'));
    await scanSettled(h, small);
    const big = await h.context.newPage();
    await big.goto(h.server.url('/large.html'));
    await waitForHighlights(big, 1000, 60_000);
    await settledCount(big);
    // the least of five appends on each page: CPU cost under a shared machine's noise (GC, other processes)
    const costs = async (page: Page) => {
      const out: { ours: number; latency: number }[] = [];
      for (let i = 0; i < 5; i++) {
        await page.bringToFront();
        // a quiet spell first: the page renders quickly again (the last append's frames are over)
        await quietFrames(page);
        out.push(await appendCost(page));
      }
      return out.sort((a, b) => a.ours - b.ours)[0]!;
    };
    const smallCost = await costs(small);
    const bigCost = await costs(big);
    console.log(
      `append 100 paragraphs: content script ${smallCost.ours.toFixed(1)} ms on an empty page, ${bigCost.ours.toFixed(1)} ms on 20,000 paragraphs ` +
        `(until painted: ${smallCost.latency.toFixed(0)} / ${bigCost.latency.toFixed(0)} ms, most of it the page's own layout)`,
    );
    // The time ratio is the bench's (append_big_over_small, interleaved runs in one process); a timed
    // assertion here would fail on a loaded machine. That the scanner reads only the appended text is
    // checked deterministically in tests/unit/page/page-scanner-cost.test.ts. Here: every append is painted,
    // two mentions a paragraph, on both pages.
    expect(await highlightCount(small)).toBe(5 * 200);
    expect(await highlightCount(big)).toBe((20_000 / 5) * 3 + 5 * 200);
    await small.close();
    await big.close();
  });
});
