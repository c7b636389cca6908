/**
 * The one element builder of every view (popup, options, add story, review,
 * card): elements from data, with attributes and text nodes, never from HTML
 * strings, so a name from a page or a pack is always text.
 */
import { displayText } from '../core/display-text';

export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

/** Attributes the browser shows or says as text: each goes through displayText, as every text child does. */
const SHOWN_ATTRS = new Set(['title', 'aria-label', 'aria-valuetext', 'placeholder', 'alt']);

/**
 * `attrs`: `className` sets the class, a function is an event listener (`onclick`), `true` an empty
 * attribute; null, undefined and false are left out. Children that are null or false are skipped.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.replace(/^on/, ''), value as EventListener);
    else {
      const text = value === true ? '' : String(value);
      node.setAttribute(name === 'className' ? 'class' : name, SHOWN_ATTRS.has(name) ? displayText(text) : text);
    }
  }
  // append makes a string a text node: it never parses it; a name or a title holding bidirectional
  // controls must not reorder the text around it
  for (const c of children) if (c != null && c !== false) node.append(typeof c === 'string' ? displayText(c) : c);
  return node;
}

/** An SVG element (the card's map): attributes only, no text (card-map.ts lays the names over it with card-text.ts). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** Text for screen readers only (the class is defined in each view's CSS). */
export function srOnly(doc: Document, text: string): HTMLSpanElement {
  return el(doc, 'span', { className: 'sl-sr-only' }, [text]);
}
