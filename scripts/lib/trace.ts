/**
 * Where the content script's main-thread time goes, from Chromium's own
 * instruments: a CPU profile (CDP Profiler) and a trace whose tasks and
 * sampled profile share one clock. Used by the large-page e2e test and by
 * `npm run bench`.
 */
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts a CDP CPU profile of the page (100 µs sampling). */
export async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return cdp;
}

export async function stopProfile(cdp: CDPSession): Promise<Profile> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  await cdp.detach();
  return profile;
}

/** Whether a profile node's stack holds a content-script frame (its own code, or a DOM or highlight call it made). */
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

/** The content script's main-thread time in a CPU profile: every sample with a content-script frame on its stack. */
export function extensionTime(profile: Profile): number {
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

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** thread time: the part of `dur` the thread was running */
  tdur?: number;
  id?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args?: any;
}

/** Records a Chromium trace of the page's renderer (tasks, and V8's sampled CPU profile on the same clock) while `during` runs. */
export async function traceOf(page: Page, during: () => Promise<void>): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'disabled-by-default-v8.cpu_profiler',
      ],
    },
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
 * a content-script frame on their stack, scaled by the task's thread time over its wall time. A long task with none of it is the engine's (rendering, GC).
 */
export function extensionTimePerTask(events: TraceEvent[]): { perTask: number[]; longestTask: number; longestTaskOurs: number } {
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
    // a sample covers the time to the next one, never past the end of its task (no samples are taken while idle)
    for (let k = i; k < samples.length && at[k]! < end; k++)
      if (isOurs(samples[k]!)) ours += (Math.min(at[k + 1] ?? end, end) - at[k]!) / 1000;
    // on a busy machine the thread is descheduled inside a task and its samples count that wait too: scaled
    // by the task's thread time against its wall time, the share is CPU time
    if (task.tdur !== undefined && task.dur) ours *= Math.min(1, task.tdur / task.dur);
    if (ours > 0) perTask.push(ours);
    if ((task.dur ?? 0) / 1000 > longestTask) {
      longestTask = (task.dur ?? 0) / 1000;
      longestTaskOurs = ours;
    }
  }
  return { perTask, longestTask, longestTaskOurs };
}
