/**
 * A tiny element builder for the popup and the add-story views: elements
 * from data with textContent and attributes, never from HTML strings.
 */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

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
    else if (name === 'className') node.className = String(value);
    else if (name === 'value' && node instanceof HTMLTextAreaElement) node.value = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const c of children) {
    if (c == null || c === false) continue;
    node.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  }
  return node;
}

/** Text for screen readers only (the class is defined in each view's CSS). */
export function srOnly(doc: Document, text: string): HTMLSpanElement {
  return el(doc, 'span', { className: 'sl-sr-only' }, [text]);
}
