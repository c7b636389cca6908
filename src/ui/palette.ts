/**
 * The palette (src/core/palette.ts) as CSS custom properties, one per colour
 * and shade (`--sl-person-light`, `--sl-person-mark`, `--sl-bg-dark`,
 * `--sl-muted-light`, ...): each stylesheet picks the shade its theme needs,
 * so no colour of the palette is written in CSS.
 */
import { NEUTRALS, PALETTE } from '../core/palette';

export function paletteProperties(): [name: string, value: string][] {
  return Object.entries({ ...PALETTE, ...NEUTRALS }).flatMap(([colour, shades]) =>
    Object.entries(shades).map(([shade, value]): [string, string] => [`--sl-${colour}-${shade}`, value]),
  );
}

/** Sets the palette's properties on an extension page's root element. */
export function applyPalette(doc: Document): void {
  for (const [name, value] of paletteProperties()) doc.documentElement.style.setProperty(name, value);
}
