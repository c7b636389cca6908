/**
 * What the content script's features share on one page: the scanner with its
 * painter and styles, whether the page is marked, how mentions are shown, and
 * the few events the features tell each other. Torn down with our context
 * (src/page/context.ts): an update, a disable or "off on this site" leaves
 * no highlight, sheet, observer or timer behind.
 */
import type { PageContext } from '../context';
import type { CompiledMatcher } from '../../core/matcher';
import { CARD_DETAILS, DEFAULT_SETTINGS, HIGHLIGHT_STYLES, MAX_CARD_DELAY_MS, THEMES, type ShowSettings } from '../../core/settings';
import { CARD_TAG } from '../../core/contract';
import { HighlightStyles } from '../highlight-styles';
import { PageScanner, type ScannerEnv } from '../page-scanner';
import { Painter } from '../paint';

export type Win = Window & typeof globalThis;

interface SessionEvents {
  /** a scan started with a new matcher: earlier mentions (and cards) are gone */
  started: [];
  /** a scan or a batch of the page's changes settled */
  settled: [];
  /** the page is about to be unmarked (`wasActive`: it was marked until now) */
  stopped: [wasActive: boolean];
  /** how mentions are shown was set (in place: nothing is found again) */
  show: [show: ShowSettings, before: ShowSettings];
}
type Handler<E extends keyof SessionEvents> = (...args: SessionEvents[E]) => void;

/**
 * How mentions are shown, as the page uses it. The background validated the settings before sending;
 * this only guards each field's kind against the core's values, so the content script does not carry
 * the schema library (content script size budget, issue 6).
 */
export function readShow(raw: Partial<ShowSettings> | undefined): ShowSettings {
  const s = raw ?? {};
  const d = DEFAULT_SETTINGS;
  const pick = <T>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);
  const delay = s.cardDelayMs;
  return {
    highlightStyle: pick(s.highlightStyle, HIGHLIGHT_STYLES, d.highlightStyle),
    cardDelayMs: typeof delay === 'number' && Number.isFinite(delay) ? Math.min(MAX_CARD_DELAY_MS, Math.max(0, delay)) : d.cardDelayMs,
    cardDetail: pick(s.cardDetail, CARD_DETAILS, d.cardDetail),
    theme: pick(s.theme, THEMES, d.theme),
    keepTrail: typeof s.keepTrail === 'boolean' ? s.keepTrail : d.keepTrail,
  };
}

/** true for the extension's own card host (events from inside its shadow root are retargeted to it) */
export function isOwn(node: Node | EventTarget | null): boolean {
  return !!node && (node as Node).nodeType === 1 && (node as Element).localName === CARD_TAG;
}

export class PageSession {
  readonly doc: Document;
  readonly painter: Painter;
  readonly styles: HighlightStyles;
  readonly scanner: PageScanner;
  /** true while the page is scanned (and marked where it is coverage of a story, or everywhere) */
  active = false;
  show: ShowSettings = readShow(undefined);
  private readonly handlers = new Map<keyof SessionEvents, Handler<never>[]>();

  constructor(
    ctx: PageContext,
    readonly win: Win,
  ) {
    this.doc = win.document;
    this.painter = new Painter(win);
    this.styles = new HighlightStyles(win);
    this.scanner = new PageScanner(scannerEnv(ctx, this), this.painter, this.styles);
    ctx.onInvalidated(() => this.stopScan());
  }

  on<E extends keyof SessionEvents>(event: E, handler: Handler<E>): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler as Handler<never>]);
  }

  emit<E extends keyof SessionEvents>(event: E, ...args: SessionEvents[E]): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as Handler<E>)(...args);
  }

  /**
   * Scans the page with a (new) matcher: earlier mentions are dropped and the page is read again. Its mentions
   * are marked once it is coverage of their story, or at once with `everywhere`.
   */
  startScan(matcher: CompiledMatcher, everywhere: boolean): void {
    this.active = true;
    this.emit('started');
    this.styles.apply(this.show.highlightStyle);
    void this.scanner.start(matcher, everywhere);
  }

  /** Unmarks the page: no highlight, sheet or observer is left. */
  stopScan(): void {
    const was = this.active;
    this.active = false;
    this.emit('stopped', was);
    this.scanner.stop();
    this.painter.remove();
    this.styles.remove();
  }

  /** Applies how mentions are shown, in place. */
  setShow(raw: Partial<ShowSettings> | undefined): void {
    const before = this.show;
    const show = readShow(raw);
    this.show = show;
    if (this.active && show.highlightStyle !== before.highlightStyle) this.styles.apply(show.highlightStyle);
    this.emit('show', show, before);
  }
}

function scannerEnv(ctx: PageContext, page: PageSession): ScannerEnv {
  const win = page.win;
  const sched = (win as unknown as { scheduler?: { postTask?: (fn: () => void) => Promise<void> } }).scheduler;
  return {
    win,
    stopped: () => !ctx.isValid || !page.active,
    // a task behind the page's own (its timers run first), as a timer where there is no postTask
    yieldNow: () => (sched?.postTask ? sched.postTask(() => {}) : new Promise<void>((r) => ctx.setTimeout(r, 0))),
    soon: (fn) => {
      // a frame, or a timer where frames do not come (a background tab)
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        fn();
      };
      ctx.requestAnimationFrame(once);
      ctx.setTimeout(once, 250);
    },
    later: (fn, ms) => {
      ctx.setTimeout(fn, ms);
    },
    isOwn,
    failed: () => page.stopScan(),
    settled: () => page.emit('settled'),
  };
}
