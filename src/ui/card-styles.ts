/**
 * The card's stylesheet (card.css, minified by the build and imported as a
 * string), after the entity palette's custom properties on :host, adopted by
 * its shadow root as a constructed CSSStyleSheet (no <style> element: a page
 * with a strict CSP may block one).
 */
import css from './card.css?inline';
import { paletteProperties } from './palette';

export const CARD_CSS = `:host{${paletteProperties()
  .map(([name, value]) => `${name}:${value}`)
  .join(';')}}${css}`;
