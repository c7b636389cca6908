/**
 * The pointer, for the hover card: one passive pointermove listener,
 * hit-tested once per frame (no per-mention listeners), a click that pins or
 * closes the card, Escape that closes it.
 */
import type { ContentScriptContext } from '#imports';
import { mentionAt } from '../hit-test';
import type { HoverCard } from './hover-card';
import { isOwn, type PageSession } from './session';

export function startPointer(ctx: ContentScriptContext, page: PageSession, card: HoverCard): void {
  const { win, doc } = page;
  let pointer: { x: number; y: number } | undefined;
  let framePending = false;
  let overCard = false;
  const at = (x: number, y: number) => mentionAt(doc, page.scanner.index, x, y, [...page.scanner.shadowRoots]);
  const hitTest = () => {
    framePending = false;
    if (!page.active || !pointer) return;
    card.pointAt(overCard ? null : at(pointer.x, pointer.y));
  };
  const passive = { passive: true, capture: true };
  ctx.addEventListener(
    win,
    'pointermove',
    (e: PointerEvent) => {
      if (!page.active || e.pointerType === 'touch') return;
      pointer = { x: e.clientX, y: e.clientY };
      overCard = isOwn(e.target);
      if (!framePending) {
        framePending = true;
        ctx.requestAnimationFrame(hitTest);
      }
    },
    passive,
  );
  // the page scrolled under a resting pointer: what is under it changed
  ctx.addEventListener(
    win,
    'scroll',
    () => {
      if (!page.active || !pointer || framePending) return;
      framePending = true;
      ctx.requestAnimationFrame(hitTest);
    },
    passive,
  );
  ctx.addEventListener(
    doc.documentElement,
    'pointerleave',
    () => {
      pointer = undefined;
      card.pointAt(null);
    },
    { passive: true },
  );
  ctx.addEventListener(
    win,
    'click',
    (e: MouseEvent) => {
      if (!page.active || isOwn(e.target)) return;
      const sel = win.getSelection();
      if (sel && !sel.isCollapsed) return; // the reader selected text, not a mention
      const rec = at(e.clientX, e.clientY);
      if (rec) card.hover.dispatch({ type: 'clickMention', target: rec });
      else if (card.hover.state.kind === 'pinned') card.hover.dispatch({ type: 'close' });
    },
    passive,
  );
  ctx.addEventListener(
    win,
    'keydown',
    (e: KeyboardEvent) => {
      if (e.key === 'Escape' && card.hover.state.kind !== 'idle') card.hover.dispatch({ type: 'close' });
    },
    { capture: true },
  );
}
