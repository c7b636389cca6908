/**
 * The cost of highlighting a change, with the built extension: 100 paragraphs appended to the
 * 20,000-paragraph page against the same appended to an empty page, interleaved run by run. The target is
 * the extension's main-thread script time for the change (CDP ScriptDuration in thread time); the wall
 * time until the mentions are in CSS.highlights, and until the next frame is painted, are reported beside
 * it (they include the engine's rendering of the page's own change: docs/adr/0002).
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Harness } from '../lib/browser';
import type { CompiledMatcher } from '../../src/core/matcher';
import { findMentions } from '../../src/core/matcher';
import { BLOCK_BREAK } from '../../src/core/types';
import { HIGHLIGHTS, highlightTotal, round } from './common';
import { median, paragraphs } from './fixtures';
import { longestTaskSince } from './long-tasks';

/** longer than the content script's debounce before it reports a page's counts (REPORT_DEBOUNCE_MS, 400 ms, src/page/features/report.ts) */
const FOLLOW_UP_MS = 700;

/** Builds the paragraphs to append, untimed (window.__benchBox). */
function buildAppend(page: Page, texts: string[]): Promise<void> {
  return page.evaluate((texts) => {
    const box = document.createElement('section');
    box.id = 'bench-append';
    for (const t of texts) {
      const p = document.createElement('p');
      p.textContent = t;
      box.append(p);
    }
    (window as unknown as { __benchBox: HTMLElement }).__benchBox = box;
  }, texts);
}

/**
 * Appends the paragraphs built by buildAppend and resolves when `expected`
 * more ranges are in CSS.highlights (or the count stops growing): `ms`.
 * `paintedMs` runs on to the end of the next frame after that, so it
 * includes the engine's rendering of the change (docs/adr/0002).
 */
function appendAndWait(page: Page, expected: number): Promise<{ ms: number; paintedMs: number; added: number; complete: boolean }> {
  return page.evaluate(
    ([names, expected]) =>
      new Promise<{ ms: number; paintedMs: number; added: number; complete: boolean }>((resolve) => {
        const total = () => names.reduce((s, n) => s + (CSS.highlights.get(n)?.size ?? 0), 0);
        const before = total();
        const box = (window as unknown as { __benchBox: HTMLElement }).__benchBox;
        const host = document.querySelector('main') ?? document.body;
        const t0 = performance.now();
        host.append(box);
        let last = before;
        let lastChangeAt = t0;
        const finish = (ms: number, added: number, complete: boolean) =>
          requestAnimationFrame(() => setTimeout(() => resolve({ ms, paintedMs: performance.now() - t0, added, complete }), 0));
        // polled with setTimeout, which leaves the thread idle between checks
        // (a busy loop would starve the extension's idle-time work)
        const tick = () => {
          const now = performance.now();
          const c = total();
          if (c !== last) {
            last = c;
            lastChangeAt = now;
          }
          if (c - before >= expected) finish(now - t0, c - before, true);
          else if (now - t0 > 5_000) finish(lastChangeAt - t0, c - before, false);
          else setTimeout(tick, 1);
        };
        setTimeout(tick, 0);
      }),
    [HIGHLIGHTS, expected] as const,
  );
}

/**
 * Main-thread script time of the page so far, in ms of the thread's CPU time (CDP Performance, thread ticks:
 * not inflated when the machine is busy). The benchmark pages run no script of their own (stripped), so
 * between two readings it is the content script's work plus the benchmark's few polling ticks.
 */
async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000;
}

/** Waits until two frames in a row come at least 40 ms apart at most (the page renders quickly again), up to 5 s. */
function quietFrames(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const start = performance.now();
        let last = start;
        let quiet = 0;
        const frame = (t: number) => {
          quiet = t - last < 40 ? quiet + 1 : 0;
          last = t;
          if (quiet >= 2 || t - start > 5_000) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

async function removeAppended(page: Page, before: number): Promise<void> {
  await page.evaluate(() => document.getElementById('bench-append')?.remove());
  const until = Date.now() + 5_000;
  while (Date.now() < until && (await highlightTotal(page)) > before) await page.waitForTimeout(20);
}

export interface AppendResult {
  /** the extension's script time (main-thread CPU) for one append of 100 paragraphs, median */
  append_script_big_ms: number;
  append_script_small_ms: number;
  append_script_big_runs_ms: number[];
  append_script_small_runs_ms: number[];
  /** append_script_big_ms / append_script_small_ms: the cost of highlighting the change (the target) */
  append_big_over_small: number | null;
  /** wall time until the appended mentions are in CSS.highlights (includes the engine's frame for the page's change) */
  append_big_ms: number;
  append_small_ms: number;
  append_expected_mentions: number;
  append_complete: boolean;
  append_wall_big_over_small: number;
  /** every run, in order: the median can flip when a change lands behind a long frame */
  append_big_runs_ms: number[];
  append_small_runs_ms: number[];
  /** the same, up to the end of the frame after the mentions are in CSS.highlights */
  append_painted_big_ms: number;
  append_painted_small_ms: number;
  append_painted_big_over_small: number;
  /** on the big page, while the appends ran */
  longest_task_during_appends_ms: number;
}

/**
 * Per page, every append: `script` is the cost of highlighting the change (the extension's script time from
 * the append until every follow-up - flush, slices, the debounced report - is done); `ms` and `painted` the
 * wall time until the mentions are in CSS.highlights and until the next frame is painted.
 */
interface Runs {
  page: Page;
  base: number;
  cdp: CDPSession;
  script: number[];
  ms: number[];
  painted: number[];
}

/** Appends to `big` (already loaded and settled) and to a new tab of `smallUrl`, `runs` times each. */
export async function appendCosts(h: Harness, big: Page, smallUrl: string, story: CompiledMatcher, runs: number): Promise<AppendResult> {
  const texts = paragraphs(100, 4242).map((p, i) => `Update ${i + 1}: ${p}`);
  const expected = findMentions(story, texts.join(BLOCK_BREAK)).length;
  const small = await h.context.newPage();
  await small.goto(smallUrl, { waitUntil: 'load' });
  await small.waitForTimeout(500);
  const runsOf = async (page: Page): Promise<Runs> => {
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return { page, base: 0, cdp, script: [], ms: [], painted: [] };
  };
  const bigRuns = await runsOf(big);
  const smallRuns = await runsOf(small);
  let complete = true;
  await quietFrames(big);
  const appendsFrom = await big.evaluate(() => performance.now());
  bigRuns.base = await highlightTotal(big);
  smallRuns.base = await highlightTotal(small);
  for (let run = 0; run < runs; run++) {
    for (const out of run % 2 ? [smallRuns, bigRuns] : [bigRuns, smallRuns]) {
      const page = out.page;
      await page.bringToFront();
      await quietFrames(page);
      await buildAppend(page, texts);
      const s0 = await scriptMs(out.cdp);
      const r = await appendAndWait(page, expected);
      await page.waitForTimeout(FOLLOW_UP_MS);
      out.script.push((await scriptMs(out.cdp)) - s0);
      complete &&= r.complete;
      out.ms.push(r.ms);
      out.painted.push(r.paintedMs);
      await removeAppended(page, out.base);
      // a quiet spell before the next append: the content script throttles
      // constant change (MIN_FLUSH_INTERVAL_MS), and the removal's own
      // highlight change renders in a long frame; neither is the append's cost
      await page.waitForTimeout(400);
      await quietFrames(page);
    }
  }
  const scriptBig = median(bigRuns.script);
  const scriptSmall = median(smallRuns.script);
  const wallBig = median(bigRuns.ms);
  const wallSmall = median(smallRuns.ms);
  const paintedBig = median(bigRuns.painted);
  const paintedSmall = median(smallRuns.painted);
  return {
    append_script_big_ms: round(scriptBig, 2)!,
    append_script_small_ms: round(scriptSmall, 2)!,
    append_script_big_runs_ms: bigRuns.script.map((x) => round(x, 2)!),
    append_script_small_runs_ms: smallRuns.script.map((x) => round(x, 2)!),
    // not every appended mention was seen: no ratio (a missed target, not a flattering number)
    append_big_over_small: complete ? round(scriptBig / scriptSmall)! : null,
    append_big_ms: round(wallBig, 1)!,
    append_small_ms: round(wallSmall, 1)!,
    append_expected_mentions: expected,
    append_complete: complete,
    append_wall_big_over_small: round(wallBig / wallSmall)!,
    append_big_runs_ms: bigRuns.ms.map((x) => round(x, 1)!),
    append_small_runs_ms: smallRuns.ms.map((x) => round(x, 1)!),
    append_painted_big_ms: round(paintedBig, 1)!,
    append_painted_small_ms: round(paintedSmall, 1)!,
    append_painted_big_over_small: round(paintedBig / paintedSmall)!,
    longest_task_during_appends_ms: round(await longestTaskSince(big, appendsFrom), 1)!,
  };
}
