/**
 * A PageScanner's surroundings for happy-dom tests: a painter that keeps its Ranges in a Set (changes reach it
 * when committed, as they reach the page's highlights), timers for frames and for yielding to the page.
 */
import type { HighlightStyles } from '../../../src/page/highlight-styles';
import type { ScannerEnv } from '../../../src/page/page-scanner';
import type { Painter } from '../../../src/page/paint';

export function fakePainter(painted: Set<Range>, hooks: { commit?: () => void } = {}): Painter {
  let queued: [Range, boolean][] = [];
  return {
    add: (_t: string, r: Range) => queued.push([r, true]),
    delete: (_t: string, r: Range) => queued.push([r, false]),
    commit: () => {
      for (const [r, add] of queued.splice(0))
        if (add) painted.add(r);
        else painted.delete(r);
      hooks.commit?.();
    },
    clear: () => {
      queued = [];
      painted.clear();
    },
  } as unknown as Painter;
}

export const fakeStyles = { adopt: () => undefined } as unknown as HighlightStyles;

/** One task turn: the page's changes reach the scanner's observer as microtasks, before the next task. */
export const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Waits until `scanner` has handled every change the page made so far (no fixed wait: settle is a condition). */
export async function settled(scanner: { settle(): Promise<void> }): Promise<void> {
  await nextTask();
  await scanner.settle();
}

export function fakeEnv(hooks: { failed?: () => void; settled?: () => void; yielded?: () => void } = {}): ScannerEnv {
  return {
    failed: () => hooks.failed?.(),
    win: window as unknown as Window & typeof globalThis,
    stopped: () => false,
    // a task, as the content script's scheduler.postTask: the page's due timers run first
    yieldNow: () => {
      hooks.yielded?.();
      return nextTask();
    },
    soon: (fn) => void setTimeout(fn, 0),
    later: (fn, ms) => void setTimeout(fn, ms),
    isOwn: (n) => n.nodeType === 1 && (n as Element).localName === 'story-lens-card',
    settled: () => hooks.settled?.(),
  };
}
