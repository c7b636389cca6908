/**
 * Hover and card: the hover state machine (src/core/hover-machine.ts) drives
 * the one card host (src/ui/card-host.ts); the hovered, carded and flashed
 * mentions are marked with the active highlight. The pointer reaches it
 * through pointer.ts, the keyboard and the popup through keyboard.ts.
 */
import type { PageContext } from '../context';
import type { CardModel } from '../../core/card-model';
import { createHoverController, type HoverController, type HoverEvent } from '../../core/hover-machine';
import { stepIndex } from '../../core/mention-nav';
import { sendMessage } from '../../messaging';
import { CardHost } from '../../ui/card-host';
import type { MentionRecord } from '../mention-index';
import type { PageSession } from './session';

/** how long a revealed mention stays marked */
export const FLASH_MS = 1600;

export interface HoverCard {
  readonly hover: HoverController<MentionRecord>;
  /** the mention under the pointer is now `rec` (null: none) */
  pointAt(rec: MentionRecord | null): void;
  /** Scrolls to a mention (only if it is not in view), marks it for a moment, and opens its card if asked. */
  reveal(rec: MentionRecord, opts: { openCard: boolean; focus: boolean }): void;
}

type Marks = ReturnType<typeof createMarks>;
type Reveal = HoverCard['reveal'];

/** The hovered, carded and flashed mentions, painted as the active highlight while they are on the page. */
function createMarks(page: PageSession) {
  const marks = {
    hovered: null as MentionRecord | null,
    carded: null as MentionRecord | null,
    flashed: null as MentionRecord | null,
    refresh() {
      const on = [marks.hovered, marks.carded, marks.flashed].filter((r): r is MentionRecord => !!r && page.scanner.index.has(r));
      page.painter.setActive([...new Set(on)].map((r) => r.range));
    },
  };
  return marks;
}

/** Card models by entity and surface; a failed request (background waking up) is asked again next time. */
function createCardCache() {
  const cards = new Map<string, Promise<CardModel | null>>();
  const get = (rec: MentionRecord): Promise<CardModel | null> => {
    const key = `${rec.entity}\u0000${rec.text}`;
    let p = cards.get(key);
    if (!p) {
      p = sendMessage('getCard', { entity: rec.entity, surface: rec.text }).catch(() => null);
      cards.set(key, p);
      void p.then((m) => m ?? cards.delete(key));
    }
    return p;
  };
  return { get, clear: () => cards.clear() };
}

/** The card itself: shown for a mention with the page's look, with its steps through the entity's mentions. */
function createCardView(
  ctx: PageContext,
  page: PageSession,
  marks: Marks,
  dispatch: (e: HoverEvent<MentionRecord>) => void,
  reveal: Reveal,
) {
  const cards = createCardCache();
  const index = () => page.scanner.index;
  let showToken = 0;
  const host = new CardHost(page.win, {
    pointerEnter: () => dispatch({ type: 'enterCard' }),
    pointerLeave: () => dispatch({ type: 'leaveCard' }),
    click: () => dispatch({ type: 'clickCard' }),
    escape: () => dispatch({ type: 'close' }),
  });
  const show = async (rec: MentionRecord, focus: boolean) => {
    const token = ++showToken;
    marks.carded = rec;
    marks.refresh();
    const model = await cards.get(rec);
    if (token !== showToken || !ctx.isValid || !model || !index().has(rec)) return;
    const list = index().ofEntity(rec.entity);
    host.show(model, rec.range, {
      detail: page.show.cardDetail,
      theme: page.show.theme,
      focus,
      nav: {
        index: Math.max(0, list.indexOf(rec)),
        count: list.length,
        step: (direction) => {
          const fresh = index().ofEntity(rec.entity);
          const next = fresh[stepIndex(fresh.indexOf(rec), fresh.length, direction)];
          if (next) reveal(next, { openCard: true, focus: false });
        },
      },
      close: () => dispatch({ type: 'close' }),
    });
  };
  return {
    show,
    hide() {
      showToken++;
      marks.carded = null;
      host.hide();
      marks.refresh();
    },
    /** an open card takes a new look at once */
    reshow() {
      if (marks.carded && host.isOpen) void show(marks.carded, false);
    },
    clear: cards.clear,
  };
}

export function startHoverCard(ctx: PageContext, page: PageSession): HoverCard {
  const win = page.win;
  const marks = createMarks(page);
  const view = createCardView(
    ctx,
    page,
    marks,
    (e) => hover.dispatch(e),
    (rec, opts) => reveal(rec, opts),
  );
  const hover = createHoverController<MentionRecord>({
    delayMs: page.show.cardDelayMs,
    setTimer: (fn, ms) => ctx.setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as number),
    show: (rec, opts) => void view.show(rec, opts.focus),
    hide: view.hide,
  });

  let flashTimer = 0;
  function reveal(rec: MentionRecord, opts: { openCard: boolean; focus: boolean }): void {
    const rect = rec.range.getBoundingClientRect();
    const inView = rect.height > 0 && rect.top >= 0 && rect.bottom <= win.innerHeight && rect.left >= 0 && rect.right <= win.innerWidth;
    if (!inView) {
      const reducedMotion = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
      rec.range.startContainer.parentElement?.scrollIntoView({
        block: 'center',
        inline: 'nearest',
        behavior: reducedMotion ? 'instant' : 'smooth',
      });
    }
    marks.flashed = rec;
    marks.refresh();
    clearTimeout(flashTimer);
    flashTimer = ctx.setTimeout(() => {
      marks.flashed = null;
      marks.refresh();
    }, FLASH_MS);
    if (opts.openCard) hover.dispatch({ type: 'openNow', target: rec, focus: opts.focus });
  }

  followPage(page, hover, marks, view);
  return {
    hover,
    reveal,
    pointAt(rec) {
      if (rec === marks.hovered) return;
      if (marks.hovered) hover.dispatch({ type: 'leaveMention' });
      marks.hovered = rec;
      if (rec) hover.dispatch({ type: 'enterMention', target: rec });
      marks.refresh();
    },
  };
}

/** Keeps the card in step with the page: new scans, settled changes, a stop, a new look. */
function followPage(page: PageSession, hover: HoverController<MentionRecord>, marks: Marks, view: { clear(): void; reshow(): void }): void {
  page.on('started', () => {
    view.clear();
    hover.dispatch({ type: 'close' });
  });
  page.on('settled', () => {
    // the mention under a card can be gone after a change: close its card
    const s = hover.state;
    if (s.kind !== 'idle' && !page.scanner.index.has(s.target)) hover.dispatch({ type: 'close' });
    if (marks.hovered && !page.scanner.index.has(marks.hovered)) marks.hovered = null;
  });
  page.on('stopped', () => {
    view.clear();
    hover.dispatch({ type: 'close' });
    marks.hovered = marks.carded = marks.flashed = null;
  });
  page.on('show', (show, before) => {
    hover.setDelay(show.cardDelayMs);
    if (show.theme !== before.theme || show.cardDetail !== before.cardDetail) view.reshow();
  });
}
