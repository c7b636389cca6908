/**
 * The pointer, for the hover card: one passive pointermove listener,
 * hit-tested once per frame (no per-mention listeners), a click that pins or
 * closes the card, Escape that closes it. Only the reader's own input counts
 * (the context drops events a page's script dispatched), and no card opens
 * while they select text (a button held, a selection made) or over an editor.
 */
import type { PageContext } from '../context';
import { mentionAt } from '../hit-test';
import type { HoverCard } from './hover-card';
import { isOwn, type PageSession } from './session';

export function startPointer(ctx: PageContext, page: PageSession, card: HoverCard): void {
  const { win, doc } = page;
  let pointer: { x: number; y: number; target: HTMLElement; buttons: number } | undefined;
  let framePending = false;
  let overCard = false;
  const at = (x: number, y: number) => mentionAt(doc, page.scanner.index, x, y, [...page.scanner.shadowRoots]);
  const hitTest = () => {
    framePending = false;
    if (!page.active || !pointer) return;
    const rec = overCard || pointer.buttons || !win.getSelection()?.isCollapsed ? null : at(pointer.x, pointer.y);
    card.pointAt(rec && !overEditor(doc, pointer.target) ? rec : null);
  };
  const passive = { passive: true, capture: true };
  ctx.addEventListener(
    win,
    'pointermove',
    (e: PointerEvent) => {
      if (!page.active || e.pointerType === 'touch') return;
      pointer = { x: e.clientX, y: e.clientY, target: e.target as HTMLElement, buttons: e.buttons };
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

/** true over what the reader edits: a designMode document, a contenteditable region, a form field */
function overEditor(doc: Document, target: HTMLElement): boolean {
  return doc.designMode === 'on' || !!target.isContentEditable || !!target.closest?.('input,textarea');
}
