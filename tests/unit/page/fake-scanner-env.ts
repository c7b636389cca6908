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

/** the content script's scheduler.postTask, as a timer task: the page's due timers run first */
const postTask = (fn: () => void): void => void setTimeout(fn, 0);

export function fakeEnv(hooks: { failed?: () => void; settled?: () => void; yielded?: () => void } = {}): ScannerEnv {
  return {
    failed: () => hooks.failed?.(),
    win: window as unknown as Window & typeof globalThis,
    stopped: () => false,
    yieldNow: () => {
      hooks.yielded?.();
      return new Promise<void>((resolve) => postTask(resolve));
    },
    soon: postTask,
    later: (fn, ms) => void setTimeout(fn, ms),
    isOwn: (n) => n.nodeType === 1 && (n as Element).localName === 'story-lens-card',
    settled: () => hooks.settled?.(),
  };
}
