/**
 * The entity palette (src/core/palette.ts) as CSS custom properties
 * (`--sl-person-light`, `--sl-person-dark`, `--sl-person-mark`, ...): each
 * stylesheet picks the shade its theme needs, so no colour of a type is written in CSS.
 */
import { PALETTE } from '../core/palette';

export function paletteProperties(): [name: string, value: string][] {
  return Object.entries(PALETTE).flatMap(([type, shades]) =>
    Object.entries(shades).map(([shade, value]): [string, string] => [`--sl-${type}-${shade}`, value]),
  );
}

/** Sets the palette's properties on an extension page's root element. */
export function applyPalette(doc: Document): void {
  for (const [name, value] of paletteProperties()) doc.documentElement.style.setProperty(name, value);
}
