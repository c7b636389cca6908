/**
 * The content script's one job, wired: ask the background what to find,
 * paint it, keep it in step with the page, show a card on hover (or from the
 * keyboard shortcut and the popup), and report the page's counts.
 * Everything is registered through WXT's `ctx`, so an update, a disable or
 * "off on this site" leaves nothing behind: no listener, observer, timer,
 * highlight, stylesheet or element.
 */
import type { ContentScriptContext } from '#imports';
import type { CardModel } from '../core/card-model';
import { createHoverController } from '../core/hover-machine';
import { startIndex, stepIndex } from '../core/mention-nav';
import { onMessage, sendMessage, type PageReport } from '../messaging';
import type { Settings } from '../core/settings';
import type { EntityType } from '../core/pack';
import { CARD_TAG, CardHost } from '../ui/card-host';
import { HighlightStyles } from './highlight-styles';
import { mentionAt } from './hit-test';
import type { MentionRecord } from './mention-index';
import { PageScanner } from './page-scanner';
import { Painter } from './paint';
import { registerPageHtmlHandler } from './page-html';

/** how long a revealed mention stays marked */
export const FLASH_MS = 1600;
/** settle time before the page's counts are reported (badge, trail) */
export const REPORT_DEBOUNCE_MS = 400;

type Win = Window & typeof globalThis;

/**
 * What the page uses of the settings. The background validated them (src/settings.ts) before
 * sending; this only guards each field's kind, so the content script does not carry the schema
 * library (content script size budget, issue 6).
 */
type PageSettings = Pick<Settings, 'types' | 'highlightStyle' | 'cardDelayMs' | 'cardDetail' | 'theme'>;
const PAGE_DEFAULTS: PageSettings = {
  types: { person: true, place: true, organization: true },
  highlightStyle: 'underline',
  cardDelayMs: 500,
  cardDetail: 'full',
  theme: 'system',
};
const TYPES: EntityType[] = ['person', 'place', 'organization'];

function pageSettings(raw: Partial<Settings> | undefined): PageSettings {
  const s = raw ?? {};
  const pick = <T extends string>(v: unknown, allowed: readonly T[], d: T): T => (allowed.includes(v as T) ? (v as T) : d);
  return {
    types: Object.fromEntries(TYPES.map((t) => [t, typeof s.types?.[t] === 'boolean' ? s.types[t] : true])) as PageSettings['types'],
    highlightStyle: pick(s.highlightStyle, ['underline', 'tint', 'none'] as const, PAGE_DEFAULTS.highlightStyle),
    cardDelayMs:
      typeof s.cardDelayMs === 'number' && Number.isFinite(s.cardDelayMs)
        ? Math.min(5000, Math.max(0, s.cardDelayMs))
        : PAGE_DEFAULTS.cardDelayMs,
    cardDetail: pick(s.cardDetail, ['compact', 'full'] as const, PAGE_DEFAULTS.cardDetail),
    theme: pick(s.theme, ['system', 'light', 'dark'] as const, PAGE_DEFAULTS.theme),
  };
}

export async function startPage(ctx: ContentScriptContext, win: Win = window): Promise<void> {
  if (!Painter.supported(win)) return; // the manifest declares the versions that have the Highlight API
  const doc = win.document;
  const painter = new Painter(win);
  const styles = new HighlightStyles(win);
  let settings: PageSettings = PAGE_DEFAULTS;
  let revision: number | null = null;
  let active = false;
  const cards = new Map<string, Promise<CardModel | null>>();

  // ---- what is marked as active: the hovered mention, the card's mention, a flashed one
  let hovered: MentionRecord | null = null;
  let carded: MentionRecord | null = null;
  let flashed: MentionRecord | null = null;
  let flashTimer = 0;
  const refreshActive = () => {
    const set = new Set([hovered, carded, flashed].filter((r): r is MentionRecord => !!r && scanner.index.has(r)));
    painter.setActive([...set].map((r) => r.range));
  };

  // ---- the card
  let pointer: { x: number; y: number } | undefined;
  let showToken = 0;
  const card = new CardHost(win, {
    pointerEnter: () => hover.dispatch({ type: 'enterCard' }),
    pointerLeave: () => hover.dispatch({ type: 'leaveCard' }),
    click: () => hover.dispatch({ type: 'clickCard' }),
    escape: () => hover.dispatch({ type: 'close' }),
  });
  const isOwn = (node: Node | EventTarget | null) =>
    !!node && (card.owns(node) || ((node as Node).nodeType === 1 && (node as Element).localName === CARD_TAG));

  const cardFor = (rec: MentionRecord): Promise<CardModel | null> => {
    const key = `${rec.entity}\u0000${rec.text}`;
    let p = cards.get(key);
    if (!p) {
      p = sendMessage('getCard', { entity: rec.entity, surface: rec.text }).catch(() => null);
      cards.set(key, p);
      // a failed request (background waking up) is asked again next time
      void p.then((m) => m ?? cards.delete(key));
    }
    return p;
  };

  const showCard = async (rec: MentionRecord, opts: { pinned: boolean; focus: boolean }) => {
    const token = ++showToken;
    carded = rec;
    refreshActive();
    const model = await cardFor(rec);
    if (token !== showToken || ctx.isInvalid || !model || !scanner.index.has(rec)) return;
    const list = scanner.index.ofEntity(rec.entity);
    card.show(model, rec.range, {
      detail: settings.cardDetail,
      theme: settings.theme,
      focus: opts.focus,
      nav: {
        index: Math.max(0, list.indexOf(rec)),
        count: list.length,
        step: (direction) => {
          const fresh = scanner.index.ofEntity(rec.entity);
          const next = fresh[stepIndex(fresh.indexOf(rec), fresh.length, direction)];
          if (next) reveal(next, { openCard: true, focus: false });
        },
      },
      close: () => hover.dispatch({ type: 'close' }),
    });
  };

  const hideCard = () => {
    showToken++;
    carded = null;
    card.hide();
    refreshActive();
  };

  const hover = createHoverController<MentionRecord>({
    delayMs: settings.cardDelayMs,
    setTimer: (fn, ms) => ctx.setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as number),
    show: (rec, opts) => void showCard(rec, opts),
    hide: hideCard,
  });

  const reducedMotion = () => win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

  /** Scrolls to a mention (only if it is not in view), marks it for a moment, and opens its card if asked. */
  function reveal(rec: MentionRecord, opts: { openCard: boolean; focus: boolean }): void {
    const rect = rec.range.getBoundingClientRect();
    const inView = rect.height > 0 && rect.top >= 0 && rect.bottom <= win.innerHeight && rect.left >= 0 && rect.right <= win.innerWidth;
    if (!inView) {
      const el = rec.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reducedMotion() ? 'instant' : 'smooth' });
    }
    flashed = rec;
    refreshActive();
    clearTimeout(flashTimer);
    flashTimer = ctx.setTimeout(() => {
      flashed = null;
      refreshActive();
    }, FLASH_MS);
    if (opts.openCard) hover.dispatch({ type: 'openNow', target: rec, focus: opts.focus });
  }

  function step(direction: 1 | -1): boolean {
    const list = scanner.index.inOrder();
    if (!list.length) return false;
    const s = hover.state;
    const current = s.kind === 'idle' ? -1 : list.indexOf(s.target);
    const i =
      current >= 0
        ? stepIndex(current, list.length, direction)
        : startIndex(
            list.map((r) => r.range.getBoundingClientRect().top),
            win.innerHeight,
            direction,
          );
    const rec = list[i];
    if (!rec) return false;
    reveal(rec, { openCard: true, focus: true });
    return true;
  }

  // ---- the scanner
  let reportTimer = 0;
  const report = (): PageReport => ({ url: win.location.href, title: doc.title, counts: active ? scanner.index.countsByEntity() : {} });
  const scheduleReport = () => {
    clearTimeout(reportTimer);
    reportTimer = ctx.setTimeout(() => {
      if (ctx.isValid) sendMessage('reportPage', report()).catch(() => undefined);
    }, REPORT_DEBOUNCE_MS);
  };
  const sched = (win as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  const scanner = new PageScanner(
    {
      win,
      stopped: () => ctx.isInvalid || !active,
      yieldNow: () => (sched?.yield ? sched.yield() : new Promise<void>((r) => ctx.setTimeout(r, 0))),
      yieldToPage: () => new Promise<void>((r) => ctx.setTimeout(r, 0)),
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
      isOwn: (n) => isOwn(n),
      failed: () => deactivate(),
      settled: () => {
        // the mention under a card can be gone after a change: close its card
        const s = hover.state;
        if (s.kind !== 'idle' && !scanner.index.has(s.target)) hover.dispatch({ type: 'close' });
        if (hovered && !scanner.index.has(hovered)) hovered = null;
        scheduleReport();
      },
    },
    painter,
    styles,
  );

  // ---- pointer: hit-test once per frame, no per-mention listeners
  let framePending = false;
  let overCard = false;
  const hitTest = () => {
    framePending = false;
    if (!active || !pointer) return;
    const rec = overCard ? null : mentionAt(doc, scanner.index, pointer.x, pointer.y, [...scanner.shadowRoots]);
    if (rec === hovered) return;
    if (hovered) hover.dispatch({ type: 'leaveMention' });
    hovered = rec;
    if (rec) hover.dispatch({ type: 'enterMention', target: rec });
    refreshActive();
  };
  ctx.addEventListener(
    win,
    'pointermove',
    (e: PointerEvent) => {
      if (!active || e.pointerType === 'touch') return;
      pointer = { x: e.clientX, y: e.clientY };
      overCard = isOwn(e.target);
      if (!framePending) {
        framePending = true;
        ctx.requestAnimationFrame(hitTest);
      }
    },
    { passive: true, capture: true },
  );
  // the page scrolled under a resting pointer: what is under it changed
  ctx.addEventListener(
    win,
    'scroll',
    () => {
      if (!active || !pointer || framePending) return;
      framePending = true;
      ctx.requestAnimationFrame(hitTest);
    },
    { passive: true, capture: true },
  );
  ctx.addEventListener(
    doc.documentElement,
    'pointerleave',
    () => {
      pointer = undefined;
      if (hovered) {
        hovered = null;
        hover.dispatch({ type: 'leaveMention' });
        refreshActive();
      }
    },
    { passive: true },
  );
  ctx.addEventListener(
    win,
    'click',
    (e: MouseEvent) => {
      if (!active || isOwn(e.target)) return;
      const sel = win.getSelection();
      if (sel && !sel.isCollapsed) return; // the reader selected text, not a mention
      const rec = mentionAt(doc, scanner.index, e.clientX, e.clientY, [...scanner.shadowRoots]);
      if (rec) hover.dispatch({ type: 'clickMention', target: rec });
      else if (hover.state.kind === 'pinned') hover.dispatch({ type: 'close' });
    },
    { capture: true, passive: true },
  );
  ctx.addEventListener(
    win,
    'keydown',
    (e: KeyboardEvent) => {
      if (e.key === 'Escape' && hover.state.kind !== 'idle') hover.dispatch({ type: 'close' });
    },
    { capture: true },
  );

  // ---- setup from the background, again whenever stories or settings change
  const deactivate = () => {
    const was = active;
    active = false;
    hover.dispatch({ type: 'close' });
    hovered = carded = flashed = null;
    scanner.stop();
    painter.remove();
    styles.remove();
    if (was) scheduleReport();
  };

  let refreshing: Promise<void> | null = null;
  let setupFailures = 0;
  let refreshAgain = false;
  const refresh = async (): Promise<void> => {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        let setup;
        try {
          setup = await sendMessage('getPageSetup', { url: win.location.href });
          setupFailures = 0;
        } catch {
          // no background to answer yet (installing, reloading): ask again a few times, then wait for a storage change
          if (++setupFailures <= 5) ctx.setTimeout(() => void refresh(), 500 * setupFailures);
          return;
        }
        if (ctx.isInvalid || !setup) return;
        const isActive = !!setup.active && !!setup.matcher;
        if (setup.revision === revision && isActive === active) continue;
        revision = setup.revision;
        settings = pageSettings(setup.settings);
        hover.setDelay(settings.cardDelayMs);
        cards.clear();
        if (!isActive || !setup.matcher) {
          deactivate();
          continue;
        }
        active = true;
        hover.dispatch({ type: 'close' });
        styles.apply(settings.highlightStyle);
        void scanner.start(setup.matcher);
      } while (refreshAgain && ctx.isValid);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  // The background tells every tab when stories or settings change: extension
  // storage is closed to content scripts (src/background/storage-access.ts).
  let setupTimer = 0;
  const onSetupChanged = () => {
    clearTimeout(setupTimer);
    setupTimer = ctx.setTimeout(() => void refresh(), 100);
  };
  ctx.addEventListener(win, 'wxt:locationchange', () => scheduleReport());

  // ---- answers to the popup and the background (shortcut relay)
  const removers = [
    onMessage('getPageEntities', async () => {
      await scanner.settle();
      return report();
    }),
    onMessage('revealMention', ({ data }) => {
      if (!active || typeof data?.entity !== 'string') return false;
      const list = scanner.index.ofEntity(data.entity);
      const rec = list[Math.min(Math.max(0, Math.trunc(Number(data.index) || 0)), list.length - 1)];
      if (!rec) return false;
      reveal(rec, { openCard: !!data.openCard, focus: !!data.openCard });
      return true;
    }),
    onMessage('stepMention', ({ data }) => active && step(data?.direction === -1 ? -1 : 1)),
    onMessage('setupChanged', () => onSetupChanged()),
  ];
  registerPageHtmlHandler(ctx, doc);

  ctx.onInvalidated(() => {
    for (const remove of removers) remove();
    deactivate();
  });

  await refresh();
}
