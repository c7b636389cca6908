/**
 * Every text the card shows is CSS generated content of an attribute
 * (`[data-t]::before { content: attr(data-t) }` in card.css), never a text
 * node. A page's `window.find` searches the card's closed shadow root for text
 * nodes (Chromium and Firefox), so with text nodes a page could test guessed
 * words against an open card and spell it out; it does not search generated
 * content, which the accessibility tree still reads as the element's text and
 * a link's or heading's name. The attribute stays inside the closed root.
 */
import { displayText } from '../core/display-text';
import { el, type Child } from './dom';

/** the attribute the card's CSS shows as its text (card.css and scripts/lib/card-reader.ts name it too) */
const TEXT_ATTR = 'data-t';

/** An element that shows `text` (made harmless by displayText), with no text node. */
export function shown(doc: Document, text: string, className = ''): HTMLSpanElement {
  return el(doc, 'span', { className: className || null, [TEXT_ATTR]: displayText(text) });
}

/**
 * Elements named by their content. Browsers name them from generated content too, but axe-core and some
 * assistive tools read text nodes only: these also carry their text as aria-label (an attribute is not searched).
 */
const NAMED_BY_CONTENT = new Set(['a', 'h2', 'h3']);

/** dom.ts's `el`, each text child shown as generated content (a lone space stays a space: it says nothing). */
export function cardEl<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Parameters<typeof el>[2] = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const text = children.filter((c) => typeof c === 'string').join('');
  const named = NAMED_BY_CONTENT.has(tag) && text ? { 'aria-label': text, ...attrs } : attrs;
  return el(
    doc,
    tag,
    named,
    children.map((c) => (typeof c === 'string' && c.trim() ? shown(doc, c) : c)),
  );
}
