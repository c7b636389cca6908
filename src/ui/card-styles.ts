/**
 * The card's stylesheet, adopted by its shadow root as a constructed
 * CSSStyleSheet (no <style> element: a page with a strict CSP may block one).
 * Colours meet WCAG AA on their background in both themes; motion only when
 * the reader allows it.
 */
// Written as CSS (card.css) so the build minifies it; imported as a string.
import css from './card.css?inline';

export const CARD_CSS: string = css;
