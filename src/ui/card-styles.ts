/**
 * The card's stylesheet (card.css, minified by the build and imported as a
 * string), adopted by its shadow root as a constructed CSSStyleSheet (no
 * <style> element: a page with a strict CSP may block one). card.css names
 * the palette's colours as the extension pages do (`var(--sl-person-light)`,
 * `var(--sl-bg-dark)`, see src/ui/palette.ts); here each becomes its value.
 */
import css from './card.css?inline';
import { NEUTRALS, PALETTE } from '../core/palette';

const colours: Record<string, Record<string, string>> = { ...PALETTE, ...NEUTRALS };

/** `css` with each palette colour it names written in (a name the palette lacks stays as it is). */
export function withPalette(css: string): string {
  return css.replace(/var\(--sl-(\w+)-(\w+)\)/g, (name, colour: string, shade: string) => colours[colour]?.[shade] ?? name);
}

export const CARD_CSS = withPalette(css);
