/**
 * The page side of `npm run bench`: bundled by esbuild into one script that
 * scripts/bench/page-scan.ts injects into each benchmark page. It holds the ways of
 * marking a page that the benchmark compares, each timed synchronously with
 * performance.now() on the page's main thread:
 *
 *  floor  - a bare TreeWalker pass reading every text node's data
 *  ours   - Story Lens's scan and highlight: receive the compiled matcher
 *           (JSON.parse) and prepare it, collectText, findMentions, and one
 *           Range per mention into CSS.highlights through the Painter
 *  markjs - mark.js (npm) marking the same aliases (it wraps them in <mark>;
 *           the page's body is restored from a clone afterwards, untimed);
 *           past a time budget, extrapolated by the keywords left
 *  regex  - collectText, then one regular expression per alias over that text
 *  bound  - what any collector that must tell a paragraph from a script does
 *           beyond the floor, and nothing else (see `bound`)
 *
 * Nothing here talks to the network or the extension.
 */
import Mark from 'mark.js';
import { ATTRIBUTE_SELECTOR, SHADOW_HOSTS, SKIP_TAGS, collectText, rangeFor } from '../../src/page/collect-text';
import { findMentions, prepareMatcher, type CompiledMatcher } from '../../src/core/matcher';
import { Painter } from '../../src/page/paint';

/** matcher JSON by key: parsed anew on every run, as a page receives it */
const matchers = new Map<string, string>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A TreeWalker pass over every text node: the least any annotator must do. */
function walk(): number {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) chars += (n as Text).data.length;
  return chars;
}

/**
 * The least work of a collector that returns the same text as collectText: every element's name read
 * once (is it a script, a block?), the subtrees it never reads skipped, the shadow root read where the
 * element can host one, and the one attribute query for [hidden], contenteditable and inline
 * display:none. No text is joined, no block edge tracked, no array filled. Timed as two parts.
 */
function bound(): { visit: number; attributes: number; chars: number; shadowRoots: number; skips: number } {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let n: Node | null = w.nextNode();
  let chars = 0;
  let shadowRoots = 0;
  while (n) {
    if (n.nodeType === 3) chars += (n as Text).data.length;
    else {
      const tag = (n as Element).localName;
      if (SKIP_TAGS.has(tag)) {
        // past the subtree: the next sibling of the element or of its nearest ancestor that has one
        let next: Node | null = w.nextSibling();
        while (!next && w.parentNode()) next = w.nextSibling();
        n = next;
        continue;
      }
      if ((tag.includes('-') || SHADOW_HOSTS.has(tag)) && (n as Element).shadowRoot) shadowRoots++;
    }
    n = w.nextNode();
  }
  const t1 = performance.now();
  const skips = document.body.querySelectorAll(ATTRIBUTE_SELECTOR).length;
  const t2 = performance.now();
  return { visit: t1 - t0, attributes: t2 - t1, chars, shadowRoots, skips };
}

let painter: Painter | null = null;

/** Collects garbage before a timed call where the browser allows it (--js-flags=--expose-gc), so one method does not pay for another's garbage. */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const bench = {
  gc,
  setMatcher(key: string, json: string): void {
    matchers.set(key, json);
  },

  /** One pass (the bench serves its pages cross-origin isolated, so performance.now() has 5 µs grain). */
  floor(): { ms: number; chars: number } {
    const t0 = performance.now();
    const chars = walk();
    return { ms: performance.now() - t0, chars };
  },

  /** what was read is returned, so no part of the walk is dead code to the JIT */
  bound(): { ms: number; parts: Record<string, number>; chars: number; shadowRoots: number; skips: number } {
    const { visit, attributes, ...read } = bound();
    return { ms: visit + attributes, parts: { visit, attributes }, ...read };
  },

  ours(key: string): { ms: number; mentions: number; chars: number; parts: Record<string, number> } {
    const matcher = matchers.get(key);
    if (!matcher) throw new Error(`no matcher "${key}"`);
    painter?.remove();
    painter = new Painter(window);
    const t0 = performance.now();
    // the content script receives the matcher as JSON through extension
    // messaging (Chrome serializes messages as JSON) and prepares it once per
    // page: both are part of a page's cost; compiling it is not
    const m = JSON.parse(matcher) as CompiledMatcher;
    prepareMatcher(m);
    const t1 = performance.now();
    const collected = collectText(document.body);
    const t2 = performance.now();
    const mentions = findMentions(m, collected.text);
    const t3 = performance.now();
    for (const mention of mentions) painter.add(mention.type, rangeFor(collected, mention.start, mention.end));
    const t4 = performance.now();
    return {
      ms: t4 - t0,
      mentions: mentions.length,
      chars: collected.text.length,
      parts: { prepare: t1 - t0, collect: t2 - t1, match: t3 - t2, paint: t4 - t3 },
    };
  },

  clear(): void {
    painter?.remove();
    painter = null;
  },

  regex(aliases: string[]): { ms: number; matches: number } {
    const t0 = performance.now();
    const { text } = collectText(document.body);
    let matches = 0;
    for (const a of aliases) {
      const re = new RegExp(escapeRegExp(a), 'gu');
      while (re.exec(text)) matches++;
    }
    return { ms: performance.now() - t0, matches };
  },

  /**
   * mark.js's mark(array) marks one keyword after another, longest first,
   * each a pass over the page: done here the same way, keyword by keyword,
   * so a run can stop after `budgetMs` and extrapolate by the keywords left
   * (on the 20,000-paragraph page a full run takes minutes).
   */
  markjs(aliases: string[], budgetMs: number): { ms: number; marks: number; keywords: number; of: number } {
    const keywords = [...new Set(aliases)].sort((a, b) => b.length - a.length);
    const original = document.body.cloneNode(true);
    let marks = 0;
    let done = 0;
    const instance = new Mark(document.body);
    const options = {
      separateWordSearch: false,
      diacritics: false,
      done: (n: number) => {
        marks += n;
      },
    };
    const t0 = performance.now();
    let t = t0;
    for (const k of keywords) {
      instance.mark(k, options);
      done++;
      t = performance.now();
      if (t - t0 > budgetMs) break;
    }
    document.documentElement.replaceChild(original, document.body);
    const measured = t - t0;
    return { ms: done < keywords.length ? (measured * keywords.length) / done : measured, marks, keywords: done, of: keywords.length };
  },
};

declare global {
  interface Window {
    __storyLensBench: typeof bench;
  }
}
window.__storyLensBench = bench;
