/** A PageScanner's surroundings for happy-dom tests: a painter that keeps its Ranges in a Set, timers for frames. */
import type { HighlightStyles } from '../../../src/page/highlight-styles';
import type { ScannerEnv } from '../../../src/page/page-scanner';
import type { Painter } from '../../../src/page/paint';

export function fakePainter(painted: Set<Range>): Painter {
  return {
    add: (_t: string, r: Range) => painted.add(r),
    delete: (_t: string, r: Range) => painted.delete(r),
    clear: () => painted.clear(),
  } as unknown as Painter;
}

export const fakeStyles = { adopt: () => undefined } as unknown as HighlightStyles;

export function fakeEnv(hooks: { failed?: () => void; settled?: () => void } = {}): ScannerEnv {
  return {
    failed: () => hooks.failed?.(),
    win: window as unknown as Window & typeof globalThis,
    stopped: () => false,
    yieldNow: () => Promise.resolve(),
    yieldToPage: () => new Promise((r) => setTimeout(r, 0)),
    soon: (fn) => void setTimeout(fn, 0),
    later: (fn, ms) => void setTimeout(fn, ms),
    isOwn: (n) => n.nodeType === 1 && (n as Element).localName === 'story-lens-card',
    settled: () => hooks.settled?.(),
  };
}
