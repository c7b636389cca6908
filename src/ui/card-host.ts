/**
 * The one element Story Lens ever adds to a page: `<story-lens-card>`, present
 * only while a card is shown. Its shadow root is closed and attached before
 * the element is in the page; only this object holds it, so nothing of the
 * card (its text, its links) is within a page script's reach: the page sees
 * an empty element it can remove or cover, which only hurts itself. Events a
 * page's script dispatches at the element (isTrusted false) do nothing.
 * A page that defined `story-lens-card` itself gets no card: the element
 * would be of the page's class, and a shadow root attached to that is the
 * page's to read (ElementInternals).
 * Placed by src/core/card-placement.ts (fixed: the page never scrolls or
 * reflows for it), beside the mention and never over it, sized to the room
 * left so it stays fully on screen (a long card scrolls inside itself).
 * Not a registered custom element: content scripts have no customElements
 * registry in Chrome, and an undefined element with a valid custom-element
 * name can still hold a shadow root.
 */
import type { CardModel } from '../core/card-model';
import { placeCard } from '../core/card-placement';
import { CARD_TAG } from '../core/contract';
import { renderCard, type CardViewOptions } from './card';
import { CARD_CSS } from './card-styles';

const GAP = 8;
const EDGE = 8;
/** the card is never made shorter than this where the room is less */
const MIN_HEIGHT = 120;
/**
 * The card's text is not selectable either: a second wall behind generated content (card-text.ts). While it
 * was text, a page put the selection on a guess with window.find, extended it and read getSelection().
 */
const UNSELECTABLE = '.card{-webkit-user-select:none;user-select:none}';

export interface CardHostEvents {
  pointerEnter(): void;
  pointerLeave(): void;
  /** a click inside the card (pins it) */
  click(): void;
  /** Escape inside the card */
  escape(): void;
}

export interface ShowOptions extends CardViewOptions {
  focus: boolean;
}

export class CardHost {
  private host: HTMLElement | null = null;
  /** the card's closed shadow root: this reference is the only way in */
  private root: ShadowRoot | null = null;
  private stopUpdates: (() => void) | null = null;
  private returnFocus: HTMLElement | null = null;
  private sheet: CSSStyleSheet | null = null;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly events: CardHostEvents,
  ) {}

  /** a card is on the page now */
  get isOpen(): boolean {
    return !!this.host?.isConnected;
  }

  /** true for the card host itself (events from inside its shadow root are retargeted to it) */
  owns(node: EventTarget | null): boolean {
    return !!node && node === this.host;
  }

  show(model: CardModel, range: Range, opts: ShowOptions): void {
    const doc = this.win.document;
    const wasFocusedInside = this.root?.activeElement != null;
    this.detach(false);
    const host = doc.createElement(CARD_TAG);
    // The page's own `story-lens-card`: createElement built an element of its class (from a content script
    // too), whose shadow root its ElementInternals would hand to the page. No card here.
    if (host.matches(':defined')) return;
    // closed, and attached while the element is nobody's custom element: a class the page defines later
    // upgrades the element, never gets at this root
    const root = host.attachShadow({ mode: 'closed' });
    this.adoptStyles(root);
    const card = renderCard(doc, model, opts);
    root.append(card);
    this.listen(host);
    // off-screen until placed (card.css's default place), so it never flashes at 0,0 or takes space
    (doc.documentElement ?? doc.body).append(host);
    this.host = host;
    this.root = root;
    this.stopUpdates = this.place(host, range);

    if (opts.focus || wasFocusedInside) {
      const active = doc.activeElement;
      if (!this.returnFocus && active instanceof this.win.HTMLElement && active !== doc.body && !this.owns(active))
        this.returnFocus = active;
      card.focus({ preventScroll: true });
    }
  }

  /** The reader's pointer and keys on the card; what a page's script dispatches at the element is ignored. */
  private listen(host: HTMLElement): void {
    const on = (type: string, fn: (e: Event) => void) => host.addEventListener(type, (e) => e.isTrusted && fn(e));
    on('pointerenter', () => this.events.pointerEnter());
    on('pointerleave', () => this.events.pointerLeave());
    on('click', () => this.events.click());
    on('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Escape') {
        e.stopPropagation();
        this.events.escape();
      }
    });
  }

  private adoptStyles(shadow: ShadowRoot): void {
    try {
      const sheet = this.sheet ?? new this.win.CSSStyleSheet();
      if (!this.sheet) sheet.replaceSync(CARD_CSS + UNSELECTABLE);
      this.sheet = sheet;
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      // very old engines: a <style> inside our own shadow root (never in the page)
      const style = this.win.document.createElement('style');
      style.textContent = CARD_CSS + UNSELECTABLE;
      shadow.append(style);
    }
  }

  /** Places the card beside the mention and keeps it there; returns what stops that. */
  private place(host: HTMLElement, range: Range): () => void {
    const update = () => {
      if (this.host !== host) return;
      // measured at its natural height (the max height of the last placement lifted), then placed
      host.style.removeProperty('--card-max-height');
      const size = host.getBoundingClientRect();
      const vv = this.win.visualViewport;
      const html = this.win.document.documentElement;
      const p = placeCard({
        // a mention that wraps is placed against the box of both its lines: beside it, never over either line
        mention: range.getBoundingClientRect(),
        card: size,
        viewport: vv
          ? { left: vv.offsetLeft, top: vv.offsetTop, width: vv.width, height: vv.height }
          : { left: 0, top: 0, width: html.clientWidth, height: html.clientHeight },
        gap: GAP,
        edge: EDGE,
        minHeight: MIN_HEIGHT,
      });
      // custom properties: card.css's important :host rule places the card with them (`all` leaves them alone)
      host.style.setProperty('--card-max-height', `${p.maxHeight}px`);
      host.style.setProperty('--card-left', `${p.left}px`);
      host.style.setProperty('--card-top', `${p.top}px`);
    };
    // Follow the mention when the page scrolls (any scroller: capture) or the window resizes, once a frame.
    update();
    const follow = new AbortController();
    let frame = 0;
    const schedule = () => {
      if (!frame)
        frame = this.win.requestAnimationFrame(() => {
          frame = 0;
          update();
        });
    };
    this.win.addEventListener('scroll', schedule, { capture: true, passive: true, signal: follow.signal });
    this.win.addEventListener('resize', schedule, { passive: true, signal: follow.signal });
    return () => {
      follow.abort();
      if (frame) this.win.cancelAnimationFrame(frame);
    };
  }

  hide(): void {
    this.detach(true);
  }

  private detach(restoreFocus: boolean): void {
    this.stopUpdates?.();
    this.stopUpdates = null;
    const host = this.host;
    const hadFocus = this.root?.activeElement != null;
    this.host = this.root = null;
    if (!host) return;
    host.remove();
    if (restoreFocus) {
      const back = this.returnFocus;
      this.returnFocus = null;
      if (hadFocus && back?.isConnected) back.focus({ preventScroll: true });
    }
  }
}
