import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeCard, type Box, type PlacementInput } from '../../../src/core/card-placement';

const VIEWPORT: Box = { left: 0, top: 0, width: 900, height: 600 };
const CARD = { width: 320, height: 260 };
const at = (left: number, top: number, width = 90, height = 18): Box => ({ left, top, width, height });
const place = (mention: Box, over: Partial<PlacementInput> = {}) =>
  placeCard({ mention, card: CARD, viewport: VIEWPORT, gap: 8, edge: 8, minHeight: 120, ...over });

/** the box the card takes: its natural height, cut to its max height */
const cardBox = (p: ReturnType<typeof place>, card = CARD): Box => ({
  left: p.left,
  top: p.top,
  width: card.width,
  height: Math.min(card.height, p.maxHeight),
});
const overlaps = (a: Box, b: Box) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe('where the card goes', () => {
  it('below its mention and aligned with its start, a gap away, where there is room', () => {
    expect(place(at(100, 50))).toEqual({ left: 100, top: 76, maxHeight: 600 - 8 - 76, side: 'below' });
  });

  it('flips above a mention near the bottom of the screen, ending a gap above it', () => {
    const p = place(at(100, 500));
    expect(p.side).toBe('above');
    expect(p.top + CARD.height).toBe(500 - 8);
  });

  it('keeps inside the edges: a mention at the right edge moves the card left, never past the left edge', () => {
    expect(place(at(850, 50)).left).toBe(900 - 8 - 320);
    expect(place(at(2, 50)).left).toBe(8);
    expect(place(at(100, 50), { viewport: { ...VIEWPORT, width: 300 } }).left).toBe(8);
  });

  it('a card taller than the room on both sides goes where there is more room, and shrinks to it', () => {
    const tall = { width: 320, height: 900 };
    const low = place(at(100, 400), { card: tall });
    expect(low).toMatchObject({ side: 'above', maxHeight: 400 - 8 - 8 });
    expect(low.top).toBe(8);
    const high = place(at(100, 150), { card: tall });
    expect(high).toMatchObject({ side: 'below', top: 176, maxHeight: 600 - 8 - 176 });
  });

  it('never shorter than its minimum height, even with no room left', () => {
    expect(place(at(100, 40, 90, 20), { card: { width: 320, height: 900 }, viewport: { ...VIEWPORT, height: 100 } }).maxHeight).toBe(120);
  });

  it('follows a viewport that is scrolled or zoomed in (its visible part does not start at 0,0)', () => {
    const p = place(at(1000, 800), { viewport: { left: 900, top: 700, width: 400, height: 500 } });
    expect(p).toEqual({ left: 900 + 400 - 8 - 320, top: 800 + 18 + 8, maxHeight: 700 + 500 - 8 - 826, side: 'below' });
  });

  it('is beside its mention and never over it, and on screen wherever it fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 880 }),
        fc.integer({ min: 0, max: 580 }),
        fc.integer({ min: 4, max: 200 }),
        fc.integer({ min: 12, max: 60 }),
        fc.integer({ min: 40, max: 1200 }),
        (x, y, w, hgt, cardHeight) => {
          const mention = at(x, y, Math.min(w, 900 - x), Math.min(hgt, 600 - y));
          const card = { width: 320, height: cardHeight };
          const p = place(mention, { card });
          const box = cardBox(p, card);
          expect(overlaps(box, mention)).toBe(false);
          expect(box.left).toBeGreaterThanOrEqual(8);
          expect(box.left + box.width).toBeLessThanOrEqual(900 - 8);
          // on screen, top to bottom, whenever the room on its side is at least its minimum height (or its own)
          const room = p.side === 'below' ? 600 - 8 - (mention.top + mention.height + 8) : mention.top - 8 - 8;
          if (room >= Math.min(120, cardHeight)) {
            expect(box.top).toBeGreaterThanOrEqual(8);
            expect(box.top + box.height).toBeLessThanOrEqual(600 - 8);
          }
        },
      ),
    );
  });
});
