/**
 * A 20,000-paragraph page: the scan is sliced (no task of the page's main thread
 * holds 50 ms of the content script, from a trace of the page), and later content is
 * highlighted on it as on an empty page (its cost ratio is the bench's
 * append_big_over_small; that only the change is read is a unit test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { collectErrors, highlightCount, quietFavicon, waitForHighlights } from './highlight-helpers';

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
  h = await launch({
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

async function settledCount(page: Page, quietMs = 800, timeout = 60_000): Promise<number> {
  const t0 = Date.now();
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await highlightCount(page);
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return n;
    if (Date.now() - t0 > timeout) throw new Error(`highlights still changing after ${timeout} ms (${n})`);
    await page.waitForTimeout(100);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return cdp;
}

async function stopProfile(cdp: CDPSession): Promise<Profile> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  await cdp.detach();
  return profile;
}

/**
 * The content script's main-thread time in a CPU profile: every sample with a content-script frame on its
 * stack (its own code and the DOM and highlight calls it makes).
 */
function isOursIn(nodes: { id: number; url?: string; parent?: number }[]): (id: number) => boolean {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const memo = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    const r = !!n && ((n.url ?? '').startsWith('chrome-extension://') || (n.parent !== undefined && isOurs(n.parent)));
    memo.set(id, r);
    return r;
  };
  return isOurs;
}

function extensionTime(profile: Profile): number {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isOurs = isOursIn(profile.nodes.map((n) => ({ id: n.id, url: n.callFrame.url, parent: parent.get(n.id) })));
  let ours = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time before sample i: the time sample i-1 covered
    if (isOurs(id)) ours += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  });
  return ours;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args?: any;
}

/** Records a Chromium trace of the page's renderer (tasks, and V8's sampled CPU profile on the same clock) while `during` runs. */
async function traceOf(page: Page, during: () => Promise<void>): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.cpu_profiler'] },
  });
  await during();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return events;
}

/**
 * The content script's CPU time in each task of the page's main thread: the tasks are the trace's
 * top-level RunTask events, the time is the samples of V8's CPU profile (same trace, same clock) that have
 * a content-script frame on their stack. A long task with none of it is the engine's (rendering, GC).
 */
function extensionTimePerTask(events: TraceEvent[]): { perTask: number[]; longestTask: number; longestTaskOurs: number } {
  const evaluate = events.find((e) => e.name === 'EvaluateScript' && String(e.args?.data?.url ?? '').includes('/content-scripts/'));
  if (!evaluate) throw new Error('the trace holds no evaluation of the content script');
  const { pid, tid } = evaluate;
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid);
  if (!profile) throw new Error("the trace holds no CPU profile of the page's renderer");
  const nodes: { id: number; url?: string; parent?: number }[] = [];
  const samples: number[] = [];
  const deltas: number[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const cp = e.args.data.cpuProfile ?? {};
    for (const n of cp.nodes ?? []) nodes.push({ id: n.id, url: n.callFrame?.url, parent: n.parent });
    samples.push(...(cp.samples ?? []));
    deltas.push(...(e.args.data.timeDeltas ?? []));
  }
  const isOurs = isOursIn(nodes);
  // sample i is taken at start + deltas[0..i]; it covers the time until the next sample
  const at: number[] = [];
  let t = profile.args.data.startTime as number;
  for (let i = 0; i < samples.length; i++) at.push((t += deltas[i] ?? 0));
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .sort((a, b) => a.ts - b.ts);
  const top: TraceEvent[] = [];
  for (const task of tasks) {
    const last = top[top.length - 1];
    if (last && task.ts < last.ts + (last.dur ?? 0)) continue; // nested in the last one
    top.push(task);
  }
  const perTask: number[] = [];
  let longestTask = 0;
  let longestTaskOurs = 0;
  let i = 0;
  for (const task of top) {
    const end = task.ts + (task.dur ?? 0);
    while (i < samples.length && at[i]! < task.ts) i++;
    let ours = 0;
    for (let k = i; k < samples.length && at[k]! < end; k++) if (isOurs(samples[k]!)) ours += ((at[k + 1] ?? end) - at[k]!) / 1000;
    if (ours > 0) perTask.push(ours);
    if ((task.dur ?? 0) / 1000 > longestTask) {
      longestTask = (task.dur ?? 0) / 1000;
      longestTaskOurs = ours;
    }
  }
  return { perTask, longestTask, longestTaskOurs };
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
    (n) => ['story-lens-person', 'story-lens-place', 'story-lens-organization'].reduce((a, k) => a + (CSS.highlights.get(k)?.size ?? 0), 0) >= n,
    before + 200,
    { polling: 'raf', timeout: 20_000 },
  );
  const latency = (await page.evaluate(() => performance.now())) - start;
  await page.waitForTimeout(300);
  const ours = extensionTime(await stopProfile(cdp));
  return { ours, latency };
}

describe('a very large page', () => {
  it('is scanned in slices: no task holds 50 ms of the content script (the long tasks on this page are the engine\'s)', { timeout: 120_000 }, async () => {
    const page = await h.context.newPage();
    const errors = collectErrors(page);
    await page.addInitScript(OBSERVE);
    // traced from the commit of the page's document, before the content script runs (document_idle)
    await page.goto(h.server.url('/large.html'), { waitUntil: 'commit' });
    let n = 0;
    let loadEnd = 0;
    const events = await traceOf(page, async () => {
      await page.waitForLoadState('load');
      loadEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
      await waitForHighlights(page, 1000, 60_000);
      n = await settledCount(page);
    });
    expect(n).toBe(20_000 / 5 * 3); // Kim Jong Un, Moscow, Vladimir Putin in every five paragraphs
    const { perTask, longestTask, longestTaskOurs } = extensionTimePerTask(events);
    const total = perTask.reduce((a, b) => a + b, 0);
    const most = Math.max(...perTask);
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    const after = tasks.filter((t) => t.start >= loadEnd);
    console.log(
      `20,000 paragraphs: ${n} mentions; the content script ran ${total.toFixed(0)} ms in ${perTask.length} tasks, at most ${most.toFixed(1)} ms in one; ` +
        `the longest task was ${longestTask.toFixed(0)} ms with ${longestTaskOurs.toFixed(1)} ms of it; ` +
        `long tasks after load (PerformanceObserver): ${after.length}, longest ${Math.max(0, ...after.map((t) => t.duration)).toFixed(0)} ms`,
    );
    // the scan ran, in many tasks, none holding 50 ms of it: the work is chunked and yields
    expect(total).toBeGreaterThan(50);
    expect(perTask.length).toBeGreaterThan(10);
    expect(most).toBeLessThan(50);
    // A task over 50 ms on this page is the engine's: laying out and styling 20,000 paragraphs and
    // rendering ~12,000 registered ranges (docs/adr/0002: every frame after a highlight changes pays for
    // every range), not script of ours. The bench reports the observer's longest task (longest_task_ms).
    expect(errors).toEqual([]);
    await page.close();
  });

  it('100 paragraphs appended to it are highlighted as on an empty page (content-script time printed)', { timeout: 120_000 }, async () => {
    const small = await h.context.newPage();
    await small.goto(h.server.url('/empty.html'));
    await small.waitForTimeout(500);
    const big = await h.context.newPage();
    await big.goto(h.server.url('/large.html'));
    await waitForHighlights(big, 1000, 60_000);
    await settledCount(big);
    // the least of five appends on each page: CPU cost under a shared machine's noise (GC, other processes)
    const costs = async (page: Page) => {
      const out: { ours: number; latency: number }[] = [];
      for (let i = 0; i < 5; i++) {
        await page.bringToFront();
        out.push(await appendCost(page));
        await page.waitForTimeout(300);
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
    // checked deterministically in tests/unit/page/page-scanner-cost.test.ts. Here: every append is painted.
    expect(bigCost.ours).toBeGreaterThan(0);
    expect(smallCost.ours).toBeGreaterThan(0);
    await small.close();
    await big.close();
  });
});
