import { describe, expect, it } from 'vitest';
import { NEUTRALS, PALETTE } from '../../../src/core/palette';
import { ENTITY_TYPES } from '../../../src/core/pack';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const [r, g, bl] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// The panels text sits on: the shared surface (card, popup, options panels, add story), the options page
// behind its panels, and the soft fills of the card and the popup.
const LIGHT_PANELS = [NEUTRALS.bg.light, '#f6f7f9', '#f6f8fa', '#f3f4f6'];
const DARK_PANELS = [NEUTRALS.bg.dark, '#141619', '#262c36', '#26292e'];

describe('the entity palette', () => {
  it.each(ENTITY_TYPES)('%s: text colours are readable (WCAG AA, 4.5:1) on the light and dark panels', (type) => {
    for (const bg of LIGHT_PANELS) expect(contrast(PALETTE[type].light, bg), `${type} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    for (const bg of DARK_PANELS) expect(contrast(PALETTE[type].dark, bg), `${type} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it.each(ENTITY_TYPES)('%s: the highlight underline stands out (3:1) on white and on near-black pages', (type) => {
    for (const bg of ['#ffffff', '#121212']) expect(contrast(PALETTE[type].mark, bg), `${type} on ${bg}`).toBeGreaterThanOrEqual(3);
  });

  it('text and muted text are readable on every surface, light and dark (7:1 and 4.5:1)', () => {
    expect(contrast(NEUTRALS.fg.light, NEUTRALS.bg.light)).toBeGreaterThanOrEqual(7);
    expect(contrast(NEUTRALS.fg.dark, NEUTRALS.bg.dark)).toBeGreaterThanOrEqual(7);
    for (const bg of LIGHT_PANELS) expect(contrast(NEUTRALS.muted.light, bg), `muted on ${bg}`).toBeGreaterThanOrEqual(4.5);
    for (const bg of DARK_PANELS) expect(contrast(NEUTRALS.muted.dark, bg), `muted on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('gives each type its own colour', () => {
    for (const shade of ['light', 'dark', 'mark'] as const) expect(new Set(ENTITY_TYPES.map((t) => PALETTE[t][shade])).size).toBe(3);
  });
});
