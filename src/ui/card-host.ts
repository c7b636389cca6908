/**
 * The one element Story Lens ever adds to a page: `<story-lens-card>`, with an
 * open shadow root holding the card, present only while a card is shown.
 * Placed with @floating-ui/dom (fixed strategy: the page never scrolls or
 * reflows for it), beside the mention and never over it: flip to the side
 * with room, shift along it, and size it to the room left so it stays fully on
 * screen (a long card scrolls inside itself).
 * Not a registered custom element: content scripts have no customElements
 * registry in Chrome, and an undefined element with a valid custom-element
 * name can still hold a shadow root.
 */
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { CardModel } from '../core/card-model';
import { renderCard, type CardViewOptions } from './card';
import { CARD_CSS } from './card-styles';

export const CARD_TAG = 'story-lens-card';
const GAP = 8;
const EDGE = 8;

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
    const wasFocusedInside = !!this.host && this.host.shadowRoot?.activeElement != null;
    this.detach(false);
    const host = doc.createElement(CARD_TAG);
    const card = renderCard(doc, model, opts);
    this.adoptStyles(host.attachShadow({ mode: 'open' }));
    host.shadowRoot!.append(card);
    host.addEventListener('pointerenter', () => this.events.pointerEnter());
    host.addEventListener('pointerleave', () => this.events.pointerLeave());
    host.addEventListener('click', () => this.events.click());
    host.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.events.escape();
      }
    });
    // off-screen until placed, so it never flashes at 0,0 or takes space
    host.style.setProperty('left', '-10000px');
    host.style.setProperty('top', '0px');
    (doc.documentElement ?? doc.body).append(host);
    this.host = host;
    this.stopUpdates = this.place(host, range);

    if (opts.focus || wasFocusedInside) {
      const active = doc.activeElement;
      if (!this.returnFocus && active instanceof this.win.HTMLElement && active !== doc.body && !this.owns(active))
        this.returnFocus = active;
      card.focus({ preventScroll: true });
    }
  }

  private adoptStyles(shadow: ShadowRoot): void {
    try {
      const sheet = this.sheet ?? new this.win.CSSStyleSheet();
      if (!this.sheet) sheet.replaceSync(CARD_CSS);
      this.sheet = sheet;
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      // very old engines: a <style> inside our own shadow root (never in the page)
      const style = this.win.document.createElement('style');
      style.textContent = CARD_CSS;
      shadow.append(style);
    }
  }

  /** Places the card beside the mention and keeps it there; returns what stops that. */
  private place(host: HTMLElement, range: Range): () => void {
    // a mention that wraps is placed against the box of both its lines: beside it, never over either line
    const reference = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      contextElement: range.startContainer.parentElement ?? undefined,
    };
    const update = () =>
      computePosition(reference, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(GAP),
          flip({ padding: EDGE, fallbackStrategy: 'bestFit' }),
          shift({ padding: EDGE }),
          size({
            padding: EDGE,
            apply({ availableHeight }) {
              host.style.setProperty('max-height', `${Math.max(120, Math.floor(availableHeight))}px`);
            },
          }),
        ],
      }).then(({ x, y }) => {
        if (this.host !== host) return;
        host.style.setProperty('left', `${Math.round(x)}px`);
        host.style.setProperty('top', `${Math.round(y)}px`);
      });
    // Follow the mention when the page scrolls (any scroller: capture) or the window resizes, once a frame.
    // (floating-ui's autoUpdate does this and more; this is the part a fixed card needs, at a quarter of
    // the content script's size budget.)
    void update();
    const follow = new AbortController();
    let frame = 0;
    const schedule = () => {
      if (!frame)
        frame = this.win.requestAnimationFrame(() => {
          frame = 0;
          void update();
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
    this.host = null;
    if (!host) return;
    const hadFocus = host.shadowRoot?.activeElement != null;
    host.remove();
    if (restoreFocus) {
      const back = this.returnFocus;
      this.returnFocus = null;
      if (hadFocus && back?.isConnected) back.focus({ preventScroll: true });
    }
  }
}
