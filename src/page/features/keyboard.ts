/**
 * Stepping through the page's mentions: the next/previous-mention shortcut
 * (relayed by the background as `stepMention`) and the popup's
 * `revealMention` and `stepMention`.
 */
import type { PageContext } from '../context';
import { startIndex, stepIndex } from '../../core/mention-nav';
import { onMessage } from '../../messaging';
import type { HoverCard } from './hover-card';
import type { PageSession } from './session';

export function startKeyboard(ctx: PageContext, page: PageSession, card: HoverCard): void {
  /** From the mention whose card is open, or from the top of the view, to the next one in `direction`. */
  const step = (direction: 1 | -1): boolean => {
    const list = page.scanner.index.inOrder();
    if (!list.length) return false;
    const s = card.hover.state;
    const current = s.kind === 'idle' ? -1 : list.indexOf(s.target);
    const tops = () => list.map((r) => r.range.getBoundingClientRect().top);
    const rec = list[current >= 0 ? stepIndex(current, list.length, direction) : startIndex(tops(), page.win.innerHeight, direction)];
    if (!rec) return false;
    card.reveal(rec, { openCard: true, focus: true });
    return true;
  };

  const removers = [
    onMessage('revealMention', ({ data }) => {
      if (!page.active || typeof data?.entity !== 'string') return false;
      const list = page.scanner.index.ofEntity(data.entity);
      const rec = list[Math.min(Math.max(0, Math.trunc(Number(data.index) || 0)), list.length - 1)];
      if (!rec) return false;
      card.reveal(rec, { openCard: !!data.openCard, focus: !!data.openCard });
      return true;
    }),
    onMessage('stepMention', ({ data }) => page.active && step(data?.direction === -1 ? -1 : 1)),
  ];
  ctx.onInvalidated(() => removers.forEach((remove) => remove()));
}
