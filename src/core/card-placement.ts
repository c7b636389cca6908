/**
 * Where the hover card goes: beside its mention, never over it, on screen.
 * Below the mention and aligned with its start by default; above it when the
 * card does not fit below and there is more room above (the side with more
 * room when it fits neither); moved along the mention to stay inside the edge
 * padding; and as tall as the room left on its side (a long card scrolls
 * inside itself). All in viewport (client) pixels; the caller measures and
 * applies (src/ui/card-host.ts).
 */

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PlacementInput {
  /** the mention's box (a mention that wraps: the box around all its lines, so the card is beside each) */
  mention: Box;
  /** the card's natural size, before any max height */
  card: { width: number; height: number };
  /** the visible part of the viewport */
  viewport: Box;
  /** between the mention and the card */
  gap: number;
  /** kept free at the viewport's edges */
  edge: number;
  /** the card is never made shorter than this, even where the room is less */
  minHeight: number;
}

export interface Placement {
  left: number;
  top: number;
  maxHeight: number;
  side: 'below' | 'above';
}

export function placeCard({ mention, card, viewport, gap, edge, minHeight }: PlacementInput): Placement {
  const roomBelow = viewport.top + viewport.height - edge - (mention.top + mention.height + gap);
  const roomAbove = mention.top - gap - (viewport.top + edge);
  const side = card.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const maxHeight = Math.max(minHeight, Math.floor(side === 'below' ? roomBelow : roomAbove));
  const height = Math.min(card.height, maxHeight);
  const top = side === 'below' ? mention.top + mention.height + gap : mention.top - gap - height;
  // start-aligned, then moved back inside the edges (the left edge wins when the card is wider than the room)
  const right = viewport.left + viewport.width - edge - card.width;
  const left = Math.max(viewport.left + edge, Math.min(mention.left, right));
  return { left: Math.round(left), top: Math.round(top), maxHeight, side };
}
