/**
 * The look of the highlights, from settings, without adding an element to
 * the page: a constructed CSSStyleSheet appended to the page's
 * `document.adoptedStyleSheets` (and to each open shadow root that holds a
 * mention, since document styles do not reach into shadow trees), removed on
 * teardown. Constructed sheets are not subject to the page's CSP, so this
 * works under `default-src 'none'` (tests/e2e/never-break.e2e.ts).
 */
import { highlightCss } from '../core/highlight-css';
import type { Settings } from '../core/settings';

type Adopting = Document | ShadowRoot;

/** Installs the highlight sheet on the document and on shadow roots as they are found. */
export class HighlightStyles {
  private sheet: CSSStyleSheet | null = null;
  private readonly roots = new Set<Adopting>();

  constructor(private readonly win: Window & typeof globalThis) {}

  apply(style: Settings['highlightStyle']): void {
    const css = highlightCss(style);
    if (!this.sheet) {
      this.sheet = new this.win.CSSStyleSheet();
      this.sheet.replaceSync(css);
      this.adopt(this.win.document);
    } else {
      this.sheet.replaceSync(css);
    }
  }

  adopt(root: Adopting): void {
    if (!this.sheet || this.roots.has(root)) return;
    try {
      // Add to the page's own array in place: never replace the sheets the page adopted. (In place also
      // works through Firefox's Xray wrappers, where assigning an array made in the content script does not.)
      const list = root.adoptedStyleSheets;
      if (typeof list.push === 'function') list.push(this.sheet);
      else root.adoptedStyleSheets = [...list, this.sheet];
      this.roots.add(root);
    } catch {
      // a root from another document, or an engine without adoptedStyleSheets: highlights stay unstyled there
    }
  }

  remove(): void {
    const sheet = this.sheet;
    if (!sheet) return;
    for (const root of this.roots) {
      try {
        const list = root.adoptedStyleSheets;
        const i = list.indexOf(sheet);
        if (i >= 0 && typeof list.splice === 'function') list.splice(i, 1);
        else if (i >= 0) root.adoptedStyleSheets = list.filter((s) => s !== sheet);
      } catch {
        /* the root is gone */
      }
    }
    this.roots.clear();
    this.sheet = null;
  }
}
