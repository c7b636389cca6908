/**
 * A large story on a busy page (issue 13): the worst gap between firings of the page's own 50 ms timer
 * while a page naming 1,500 entities of a 2,000-entity story (50,000 names, scripts/lib/large-story.ts)
 * loads and is scanned, against the same page without that story, in the same browser; the story's
 * compile time and matcher size; and the churn page's timer lateness with the extension against without
 * (tests/fixtures/pages/churn.html), moved here from its e2e test, which asserts structure instead.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { compileMatcher } from '../../src/core/matcher';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { chromiumPath, launch, type Harness } from '../lib/browser';
import { setMarkEverywhere } from './common';
import { LARGE_PAGE_NAMED, largeStory, largeStoryBackup, largeStoryPage, type LargeStory } from '../lib/large-story';

export interface LargeStoryResult {
  /** the worst gap between two firings of the page's 50 ms timer, from the page's start until the scan settles */
  large_story_timer_gap_ms_with: number;
  /** the same page, the same extension, without the large story (the bundled story only) */
  large_story_timer_gap_ms_without: number;
  large_story_timer_gap_ratio: number;
  /** compileMatcher on the large story, in Node (the background's work, once per change of the stories) */
  large_story_compile_ms: number;
  /** the compiled matcher as JSON: what each page receives */
  large_story_matcher_bytes: number;
  /** mentions painted on the page with the story */
  large_story_mentions: number;
  /** the churn page's mean timer lateness with the extension over without (side by side; each at least FLOOR_MS) */
  churn_timer_lateness_ratio: number;
  churn_timer_late_ms_with: number;
  churn_timer_late_ms_without: number;
}

const HIGHLIGHTS = ['story-lens-person', 'story-lens-place', 'story-lens-organization'];
/** the page's own timer, as a busy page runs one */
const TIMER_MS = 50;
/** below this, lateness is the timer's granularity on a shared machine, not cost */
const FLOOR_MS = 2;

/** tsx (esbuild keepNames) wraps functions passed to page.evaluate in __name: defined in every page */
const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

/** Records every firing of a 50 ms timer from the start of the page (window.__timer.at). */
const TIMER_SCRIPT = `
  window.__timer = { at: [] };
  (function tick() { window.__timer.at.push(performance.now()); setTimeout(tick, ${TIMER_MS}); })();
`;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Waits until the highlight count has not changed for `quietMs` (and is at least `min`); returns it. */
function settle(page: Page, min: number, quietMs: number, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ([names, min, quietMs, timeoutMs]) =>
      new Promise<number>((resolve) => {
        const total = () => names.reduce((s, n) => s + (CSS.highlights.get(n)?.size ?? 0), 0);
        const start = performance.now();
        let last = total();
        let since = start;
        const tick = () => {
          const now = performance.now();
          const c = total();
          if (c !== last) [last, since] = [c, now];
          if ((c >= min && now - since >= quietMs) || now - start > timeoutMs) resolve(c);
          else setTimeout(tick, 100);
        };
        tick();
      }),
    [HIGHLIGHTS, min, quietMs, timeoutMs] as const,
  );
}

/** Loads the large page in a fresh tab and returns the worst timer gap until the scan settles, and the mentions painted. */
async function timerGap(h: Harness, min: number): Promise<{ gap: number; mentions: number }> {
  const page = await h.context.newPage();
  try {
    await page.addInitScript({ content: TIMER_SCRIPT });
    await page.bringToFront();
    await page.goto(h.server.url('/bench/large-story.html'), { waitUntil: 'load', timeout: 120_000 });
    const mentions = await settle(page, min, 1500, 120_000);
    const gap = await page.evaluate(() => {
      const at = (window as unknown as { __timer: { at: number[] } }).__timer.at;
      let worst = 0;
      for (let i = 1; i < at.length; i++) worst = Math.max(worst, at[i]! - at[i - 1]!);
      return worst;
    });
    return { gap, mentions };
  } finally {
    await page.close();
  }
}

/** Turns the large story on or off from the options page, and waits until storage has it so. */
async function setEnabled(options: Page, story: LargeStory, enabled: boolean): Promise<void> {
  const toggle = options.locator('#sl-story-list li', { hasText: story.pack.title }).locator('input[type=checkbox]');
  if ((await toggle.isChecked()) !== enabled) await toggle.click();
  await options.waitForFunction(
    ([id, enabled]) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the extension's own chrome.* API, untyped here
      (globalThis as any).chrome.storage.local
        .get('stories')
        .then((r: { stories?: { stories?: { id: string; enabled: boolean }[] } }) =>
          (r.stories?.stories ?? []).some((s) => s.id === id && s.enabled === enabled),
        ),
    [story.pack.id, enabled] as const,
    { timeout: 30_000 },
  );
}

/** Imports the story as a backup file through the options page (what a reader does); returns the options page. */
export async function importLargeStory(h: Harness, story: LargeStory): Promise<Page> {
  const options = await h.extensionPage('options.html');
  await options.waitForSelector('#options:not([aria-busy])');
  const file = largeStoryBackup(story, DEFAULT_SETTINGS);
  await options.setInputFiles('#sl-import-file', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await options.waitForSelector('#sl-import-result:not([hidden])', { timeout: 60_000 });
  const said = (await options.textContent('#sl-import-result')) ?? '';
  if (!/^Imported/.test(said)) throw new Error(`the large story was not imported: ${said}`);
  return options;
}

interface Churn {
  done: boolean;
  meanLate: number;
  p95Late: number;
}

async function churnRun(page: Page, url: string, ms: number): Promise<Churn> {
  await page.bringToFront();
  await page.goto(`${url}?ms=${ms}`);
  await page.waitForFunction(() => (window as unknown as { __churn?: Churn }).__churn?.done, undefined, {
    timeout: ms + 30_000,
    polling: 500,
  });
  return page.evaluate(() => (window as unknown as { __churn: Churn }).__churn);
}

/** The churn page's mean timer lateness with the extension and without, side by side, the median of `rounds` rounds. */
async function churnLateness(h: Harness, plain: Browser, rounds: number): Promise<{ with: number; without: number }> {
  const withMs: number[] = [];
  const withoutMs: number[] = [];
  const url = h.server.url('/tests/fixtures/pages/churn.html');
  for (let r = 0; r < rounds; r++) {
    const a = await h.context.newPage();
    const b = await plain.newPage();
    await b.addInitScript({ content: NAME_SHIM });
    const [w, wo] = await Promise.all([churnRun(a, url, 10_000), churnRun(b, url, 10_000)]);
    withMs.push(w.meanLate);
    withoutMs.push(wo.meanLate);
    await a.close();
    await b.close();
  }
  return { with: median(withMs), without: median(withoutMs) };
}

/**
 * Measures the large story and the churn page with the extension built at `extensionDir` (a copy of the
 * caller's own: other builds rewrite .output), `rounds` loads of each page.
 */
export async function benchLargeStory(extensionDir: string, rounds = 3): Promise<LargeStoryResult> {
  const story = largeStory();
  const compiles: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const m = compileMatcher([story.pack], { types: ['person', 'place', 'organization'], roleMentions: false });
    compiles.push(performance.now() - t0);
    bytes = Buffer.byteLength(JSON.stringify(m));
  }
  const h = await launch({ extensionDir, routes: { '/bench/large-story.html': { body: largeStoryPage(story) } } });
  const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await h.context.route(/^(?!http:\/\/127\.0\.0\.1|chrome-extension:|data:|about:)/, (r) => r.abort());
    await h.context.addInitScript({ content: NAME_SHIM });
    const options = await importLargeStory(h, story);
    // after the import (a backup's settings replace the reader's): the page is marked as before issue 14
    await setMarkEverywhere(h, true);
    const withGaps: number[] = [];
    const withoutGaps: number[] = [];
    let mentions = 0;
    // interleaved, so both meet the same load of the machine
    for (let r = 0; r < rounds; r++) {
      await setEnabled(options, story, false);
      withoutGaps.push((await timerGap(h, 0)).gap);
      await setEnabled(options, story, true);
      // settled once every entity the page names is marked at least once, and the count holds still
      const w = await timerGap(h, LARGE_PAGE_NAMED);
      withGaps.push(w.gap);
      mentions = w.mentions;
    }
    const gapWith = median(withGaps);
    const gapWithout = median(withoutGaps);
    const churn = await churnLateness(h, plain, rounds);
    return {
      large_story_timer_gap_ms_with: round(gapWith),
      large_story_timer_gap_ms_without: round(gapWithout),
      large_story_timer_gap_ratio: round(gapWith / Math.max(gapWithout, TIMER_MS), 2),
      large_story_compile_ms: round(median(compiles), 0),
      large_story_matcher_bytes: bytes,
      large_story_mentions: mentions,
      churn_timer_lateness_ratio: round(Math.max(churn.with, FLOOR_MS) / Math.max(churn.without, FLOOR_MS), 2),
      churn_timer_late_ms_with: round(churn.with, 2),
      churn_timer_late_ms_without: round(churn.without, 2),
    };
  } finally {
    await plain.close();
    await h.close();
  }
}
