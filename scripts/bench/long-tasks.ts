/**
 * Long tasks with the built extension, on the 20,000-paragraph page: the longest main-thread task after the
 * load event (PerformanceObserver longtask; 0 when none), and a Chromium trace of a second load that splits
 * each task by the content script's CPU time in it, since the long-task observer cannot tell whose a long
 * task is.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Harness } from '../lib/browser';
import { extensionTimePerTask, traceOf } from '../lib/trace';
import { round, settle } from './common';

/** Makes every page of the context record its long tasks in window.__longTasks, from its start. */
export async function recordLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* no longtask support: reported as 0 */
    }
  });
}

export function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (since) =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
          .filter((t) => t.start >= since)
          .map((t) => t.duration),
      ),
    since,
  );
}

export interface LoadResult {
  longest_task_ms: number;
  longest_task_before_load_ms: number;
  long_tasks_after_load: number;
  initial_highlights: number;
  initial_highlight_done_ms_after_load: number;
}

/** Loads the big page in a new tab and waits until its highlights settle; the tab stays open for the appends. */
export async function loadBigPage(h: Harness, url: string): Promise<{ page: Page; result: LoadResult }> {
  const big = await h.context.newPage();
  await big.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const settled = await settle(big, 1500, 30_000);
  await big.waitForTimeout(300);
  const tasks = await big.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const load = nav?.loadEventStart ?? 0;
    const all = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    const after = all.filter((t) => t.start >= load);
    const before = all.filter((t) => t.start < load);
    return {
      load,
      after: Math.max(0, ...after.map((t) => t.duration)),
      afterCount: after.length,
      before: Math.max(0, ...before.map((t) => t.duration)),
    };
  });
  return {
    page: big,
    result: {
      longest_task_ms: round(tasks.after, 1)!,
      longest_task_before_load_ms: round(tasks.before, 1)!,
      long_tasks_after_load: tasks.afterCount,
      initial_highlights: settled.count,
      initial_highlight_done_ms_after_load: round(Math.max(0, settled.lastChangeAt - tasks.load), 0)!,
    },
  };
}

export interface TraceResult {
  /**
   * From a trace of a second load of the big page (scripts/lib/trace.ts): the content script's CPU time in the
   * main-thread task that held the most of it, how many tasks it ran in, and the longest task with its share
   */
  trace_extension_most_in_one_task_ms: number;
  trace_extension_tasks: number;
  trace_longest_task_ms: number;
  trace_longest_task_extension_ms: number;
}

/**
 * Loads `url` once more in a fresh tab under a Chromium trace and splits the main thread's tasks by the
 * content script's CPU time in each.
 */
export async function traceLoad(h: Harness, url: string): Promise<TraceResult> {
  const page = await h.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const events = await traceOf(page, async () => {
      await page.waitForLoadState('load', { timeout: 60_000 });
      await settle(page, 1500, 30_000);
    });
    const { perTask, longestTask, longestTaskOurs } = extensionTimePerTask(events);
    return {
      trace_extension_most_in_one_task_ms: round(Math.max(0, ...perTask), 1)!,
      trace_extension_tasks: perTask.length,
      trace_longest_task_ms: round(longestTask, 1)!,
      trace_longest_task_extension_ms: round(longestTaskOurs, 1)!,
    };
  } finally {
    await page.close();
  }
}
