/**
 * Turns a DOM subtree into one string of its visible text plus the map back to
 * the text nodes (docs/adr/0001): `text` is the raw `data` of every visible
 * text node in document order, with BLOCK_BREAK between blocks, so an offset
 * in a node maps 1:1 to an offset in `text`.
 *
 * Runs on every page, so it is one walk over the nodes with checks on tag
 * names and attributes only: no getComputedStyle, no per-character work.
 * Elements a reader cannot see or edits (script, style, textarea,
 * [contenteditable], [hidden]...) are skipped with their whole subtree; open
 * shadow roots are walked, each as a block of its own.
 *
 * The same walk tells the page's main text from the rest (menus, footers, link lists, citations: see
 * NOT_MAIN_SELECTOR, REFERENCE_HEADING and LINK_LINE_SHARE in src/core/text-blocks.ts), so deciding whether a
 * page is coverage of a story costs no second walk: what the walk meets anyway (the tags, "References"
 * sections) it records as `aside` spans; what only an attribute tells (roles, classes, ids, bylines, photo
 * credits) or needs counting (lines of links), `notMain` looks up for the few offsets the decision asks about.
 */
import { BLOCK_TAGS, SKIP_TAGS } from '../core/text-blocks';
import { LINK_LINE_SHARE, NOT_MAIN_HEADER_OWNERS, NOT_MAIN_SELECTOR, NOT_MAIN_TAGS, REFERENCE_HEADING, inAside } from '../core/text-blocks';
import { BLOCK_BREAK } from '../core/types';

// scripts/bench-page.ts counts what the collector skips by the same list
export { SKIP_TAGS };

export interface CollectedText {
  text: string;
  nodes: Text[];
  /** starts[i] = offset of nodes[i].data in text */
  starts: number[];
  /**
   * spans of `text` the walk found not to be the page's main text (not-main tags, "References" sections):
   * sorted, disjoint [start, end) pairs, flat. Not all of it: ask `notMain`.
   */
  aside: number[];
}

export interface CollectOptions {
  /**
   * return true to skip an element and its subtree (e.g. the extension's own card host); asked of
   * custom elements only (a "-" in the name, as the card host's), not of every element of the page
   */
  skip?: (el: Element) => boolean;
}

/** hidden, being edited, or display:none inline (the one cheap style check: menus, templates kept in the page) */
function hiddenOrEditable(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const ce = el.getAttribute('contenteditable');
  // contenteditable="" or "true" or "plaintext-only"; "false" inside an editor is still part of the editor,
  // and is reached only through its editable ancestor, which is skipped whole.
  if (ce !== null && ce.toLowerCase() !== 'false') return true;
  const style = el.getAttribute('style');
  return !!style && style.length < 400 && /display\s*:\s*none/i.test(style);
}

export const ATTRIBUTE_SELECTOR = '[hidden],[contenteditable],[style*="display"],[style*="DISPLAY"]';

/** a header of the page (a banner), not of an article or section */
const pageHeader = (el: Element) => el.localName !== 'header' || !el.parentElement?.closest(NOT_MAIN_HEADER_OWNERS);

/**
 * The elements under `root` to skip for their attributes, found by one
 * selector query (run natively) instead of three attribute reads per element.
 */
function attributeSkips(root: Node): Set<Element> | null {
  const r = root as ParentNode;
  if (typeof r.querySelectorAll !== 'function') return null;
  const found = r.querySelectorAll(ATTRIBUTE_SELECTOR);
  if (!found.length) return null;
  const set = new Set<Element>();
  for (const el of Array.from(found)) if (hiddenOrEditable(el)) set.add(el);
  return set.size ? set : null;
}

/**
 * `node` has an ancestor (or is an element) that matches `selector` and passes `accept`, in its own tree or,
 * through shadow hosts, in the trees around it.
 */
function closestAcross(node: Node, selector: string, accept: (el: Element) => boolean): boolean {
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el) {
    for (let a: Element | null | undefined = el.closest(selector); a; a = a.parentElement?.closest(selector)) if (accept(a)) return true;
    const top = el.getRootNode();
    el = top.nodeType === 11 ? ((top as ShadowRoot).host ?? null) : null;
  }
  return false;
}

/** `node` sits inside text that is not main text (a menu, a comments section, a byline) */
const insideAside = (node: Node) => closestAcross(node, NOT_MAIN_SELECTOR, pageHeader);
const inLink = (node: Node) => closestAcross(node, 'a', () => true);

/** root sits inside something skipped (an editor, a hidden panel, the card host): none of its text counts */
export function insideSkipped(root: Node, opts: CollectOptions | undefined): boolean {
  let n: Node | null = root.nodeType === 1 ? root : root.parentNode;
  while (n) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (SKIP_TAGS.has(el.localName) || hiddenOrEditable(el) || opts?.skip?.(el)) return true;
      n = el.parentNode;
    } else if (n.nodeType === 11) n = (n as ShadowRoot).host ?? null;
    else n = n.parentNode;
  }
  return false;
}

/** built-in elements that may host a shadow root (Element.attachShadow) */
export const SHADOW_HOSTS: ReadonlySet<string> = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** frame flags: its end is a block boundary */
const FRAME_BLOCK = 1;
/** the frame holds one node (a text node given as the root), not a sibling list */
const SINGLE = 2;
/** the frame is the content of an element that is not main text */
const FRAME_ASIDE = 4;
/** the frame is a heading's content (h1-h6) */
const FRAME_HEADING = 8;

/** The characters a text node shows, near enough: a short run of white space (indentation between tags) shows none. */
function shownLength(data: string): number {
  const n = data.length;
  return n < 64 && data.charCodeAt(0) <= 32 && data.charCodeAt(n - 1) <= 32 && !/\S/.test(data) ? 0 : n;
}

/**
 * Walks the visible text nodes of `root` in document order. Iterative (an
 * explicit stack, as two parallel arrays: no object per element) so deep
 * pages cannot overflow the call stack and chunks can be handed out between steps.
 */
class TextWalker {
  /** per open frame: the next node to visit */
  private readonly nexts: (Node | null)[] = [];
  /** per open frame: FRAME_BLOCK (its end is a block boundary) | SINGLE */
  private readonly flags: number[] = [];
  /** a block boundary was passed since the last text node */
  private breakPending = false;
  /** the first text node of the next piece (see take), and its data */
  private held: Text | null = null;
  private heldData = '';
  private skips: Set<Element> | null = null;
  private skip: ((el: Element) => boolean) | undefined = undefined;
  /** open frames that are not main text (a walk that starts inside one: `notMain` asks its ancestors) */
  private asideDepth = 0;
  /** the level of the innermost open heading (0: none), and of the "References" section the walk is in */
  private headingLevel = 0;
  private refLevel = 0;
  /** the line being read (text since the last block break): where it starts, the heading level of its first text
   * node, and the index in `parts` of that node */
  private lineStart = 0;
  private lineHeading = 0;
  private linePart = 0;

  /** sets the walk up at `root` (a walker is reused: see `idle`) */
  start(root: Node, opts: CollectOptions | undefined): void {
    this.skip = opts?.skip;
    this.skips = attributeSkips(root);
    if (insideSkipped(root, opts)) return;
    if (root.nodeType === 3) {
      this.push(root, SINGLE);
      return;
    }
    this.push(root.firstChild, 0);
    const sr = root.nodeType === 1 ? (root as Element).shadowRoot : null;
    if (sr) this.push(sr.firstChild, FRAME_BLOCK);
  }

  private push(next: Node | null, flags: number): void {
    this.nexts.push(next);
    this.flags.push(flags);
  }

  /** drops what the walk held of the page, once it is done (see `idle`) */
  release(): void {
    this.nexts.length = 0;
    this.flags.length = 0;
    this.breakPending = false;
    this.held = null;
    this.heldData = '';
    this.skips = null;
    this.skip = undefined;
    this.asideDepth = this.headingLevel = this.refLevel = 0;
  }

  /**
   * The visible text from where the walk stands: to the end, or (when `maxChars` are reached) to
   * the next block boundary, the node after it held for the next piece; null when nothing is left.
   * The hot loop of every scan: plain local arrays, each node's data read once, the text joined once.
   */
  take(maxChars: number): CollectedText | null {
    const nexts = this.nexts;
    const flags = this.flags;
    const parts: string[] = [];
    const nodes: Text[] = [];
    const starts: number[] = [];
    const aside: number[] = [];
    let length = 0;
    this.lineStart = this.lineHeading = this.linePart = 0;
    const held = this.held;
    if (held !== null) {
      // the first node of this piece: no break before it
      this.held = null;
      this.breakPending = false;
      this.addText(held, this.heldData, 0, parts, nodes, starts, aside);
      length = this.heldData.length;
    }
    while (nexts.length) {
      const top = nexts.length - 1;
      const n = nexts[top];
      if (!n) {
        nexts.pop();
        const f = flags.pop()!;
        if (f & FRAME_BLOCK) this.breakPending = true;
        if (f & (FRAME_ASIDE | FRAME_HEADING)) this.leave(f);
        continue;
      }
      nexts[top] = flags[top]! & SINGLE ? null : n.nextSibling;
      const type = n.nodeType;
      if (type === 3) {
        const data = (n as Text).data;
        if (data.length === 0) continue;
        if (this.breakPending) {
          if (length && length >= maxChars) {
            this.held = n as Text;
            this.heldData = data;
            break;
          }
          this.breakPending = false;
          if (length > 0) {
            this.endLine(length, parts);
            parts.push(BLOCK_BREAK);
            length += 1;
            this.lineStart = length;
            this.lineHeading = 0;
            this.linePart = parts.length;
          }
        }
        this.addText(n as Text, data, length, parts, nodes, starts, aside);
        length += data.length;
      } else if (type === 1) this.enter(n as Element);
    }
    if (length) this.endLine(length, parts);
    return nodes.length ? { text: parts.join(''), nodes, starts, aside } : null;
  }

  /** Opens an element's frame (or skips it), counting what it says of the text inside. */
  private enter(el: Element): void {
    const tag = el.localName;
    const custom = tag.includes('-');
    if (SKIP_TAGS.has(tag) || this.skips?.has(el) || (custom && this.skip?.(el))) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) this.breakPending = true;
    const first = el.firstChild;
    // a leaf (<br>, <img>, an empty span) needs no frame: its block edge is already marked
    if (first) {
      let f = block ? FRAME_BLOCK : 0;
      if (NOT_MAIN_TAGS.has(tag) && pageHeader(el)) {
        f |= FRAME_ASIDE;
        this.asideDepth++;
      }
      const level = tag.length === 2 && tag.charCodeAt(0) === 104 /* h */ ? tag.charCodeAt(1) - 48 : 0;
      if (level > 0 && level < 7) {
        f |= FRAME_HEADING;
        this.headingLevel = level;
        // a heading of the same level or higher ends a "References" section
        if (this.refLevel && level <= this.refLevel) this.refLevel = 0;
      }
      this.push(first, f);
    }
    // An open shadow root renders in place of (or around) the light children: its own block.
    // Only custom elements and the few built-in ones that may host one are asked (attachShadow's list).
    const sr = custom || SHADOW_HOSTS.has(tag) ? el.shadowRoot : null;
    if (sr) {
      this.breakPending = true;
      const inner = attributeSkips(sr);
      if (inner) this.skips = this.skips ? new Set([...this.skips, ...inner]) : inner;
      this.push(sr.firstChild, FRAME_BLOCK);
    }
  }

  /** Closes what a frame opened. */
  private leave(f: number): void {
    if (f & FRAME_ASIDE) this.asideDepth--;
    if (f & FRAME_HEADING) this.headingLevel = 0;
  }

  /** Adds a text node at `at` of the piece, in its line. */
  private addText(node: Text, data: string, at: number, parts: string[], nodes: Text[], starts: number[], aside: number[]): void {
    if (!this.lineHeading) this.lineHeading = this.headingLevel;
    if (this.asideDepth || this.refLevel) addSpan(aside, at, at + data.length);
    nodes.push(node);
    starts.push(at);
    parts.push(data);
  }

  /** Ends the line that ends at `end`: a "References" heading opens its section. */
  private endLine(end: number, parts: string[]): void {
    if (this.lineHeading && end - this.lineStart < 60 && REFERENCE_HEADING.test(parts.slice(this.linePart).join('')))
      this.refLevel = this.lineHeading;
  }
}

/** Adds [start, end) to the sorted spans, merged with the last one when they touch. */
function addSpan(spans: number[], start: number, end: number): void {
  const n = spans.length;
  if (n && spans[n - 1]! >= start - 1) spans[n - 1] = Math.max(spans[n - 1]!, end);
  else spans.push(start, end);
}

/**
 * Walkers done with, emptied, for the next walk: V8 holds the hidden class of short-lived objects
 * weakly, so when every TextWalker of one scan is garbage by the next, a full GC between scans drops
 * the class and with it the optimized code of the walk, which then starts over in the interpreter
 * (seen in the benchmark as "embedded weak objects cleared" deoptimizations on every run). Reusing
 * the walker keeps both.
 */
const idle: TextWalker[] = [];

function walkFrom(root: Node, opts: CollectOptions | undefined): TextWalker {
  const walker = idle.pop() ?? new TextWalker();
  walker.start(root, opts);
  return walker;
}

function done(walker: TextWalker): void {
  walker.release();
  if (idle.length < 2) idle.push(walker);
}

/** The visible text of `root` with the map back to its text nodes. */
export function collectText(root: Node, opts?: CollectOptions): CollectedText {
  const walker = walkFrom(root, opts);
  const c = walker.take(Infinity) ?? { text: '', nodes: [], starts: [], aside: [] };
  done(walker);
  return c;
}

/**
 * The same text in pieces of about `maxChars`, each ending at a block
 * boundary (so no mention is cut), for work sliced over idle time.
 * Offsets in each chunk are relative to that chunk. A walk left unfinished
 * (its scan abandoned) is never reused.
 */
export function* collectChunks(root: Node, opts: CollectOptions & { maxChars: number }): Generator<CollectedText> {
  const walker = walkFrom(root, opts);
  // maxChars is read anew for each piece: the caller sizes pieces by how fast it matches them
  for (let c; (c = walker.take(opts.maxChars));) yield c;
  done(walker);
}

/** index of the node holding offset `pos` (for an end offset, pass `isEnd` so a node boundary stays in the earlier node) */
function nodeAt(c: CollectedText, pos: number, isEnd: boolean): number {
  const starts = c.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (isEnd ? s < pos : s <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Which offsets of `c` are not the page's main text: those in one of its `aside` spans, in an element
 * NOT_MAIN_SELECTOR names, or on a line (the text between two block breaks) that shows at least LINK_LINE_SHARE
 * of its characters in links. The walk reads no attribute and counts no link for that (a query per kind cost
 * every page a walk of its elements, and counting every line's links a fifth of the walk, while most pages never
 * ask): this looks at the ancestors of the one node asked about, and at its line (the last line's answer is
 * kept for the next offset on it).
 */
export function notMain(c: CollectedText): (at: number) => boolean {
  let line = -1;
  let lineEnd = -1;
  let linkLine = false;
  return (at) => {
    if (!c.nodes.length) return false;
    if (inAside(c.aside, at)) return true;
    const t = c.text;
    if (at < line || at >= lineEnd) {
      line = t.lastIndexOf(BLOCK_BREAK, at) + 1;
      lineEnd = t.indexOf(BLOCK_BREAK, at);
      if (lineEnd < 0) lineEnd = t.length;
      linkLine = linksMost(c, line, lineEnd);
    }
    return linkLine || insideAside(c.nodes[nodeAt(c, at, false)]!);
  };
}

/** the characters shown in text[start, end) (one line of `c`) are at least LINK_LINE_SHARE in links */
function linksMost(c: CollectedText, start: number, end: number): boolean {
  let shown = 0;
  let linked = 0;
  for (let i = nodeAt(c, start, false); i < c.nodes.length && c.starts[i]! < end; i++) {
    const n = shownLength(c.text.slice(c.starts[i], Math.min(c.starts[i + 1] ?? end, end)));
    shown += n;
    if (n && inLink(c.nodes[i]!)) linked += n;
  }
  return shown > 0 && linked >= shown * LINK_LINE_SHARE;
}

/** A Range over text[start, end). The offsets must not include a BLOCK_BREAK. */
export function rangeFor(c: CollectedText, start: number, end: number): Range {
  // the scanner never asks of a chunk without text nodes (this throws on one)
  const doc = c.nodes[0]!.ownerDocument;
  const a = nodeAt(c, start, false);
  const z = nodeAt(c, end, true);
  const range = doc.createRange();
  const aNode = c.nodes[a]!;
  const zNode = c.nodes[z]!;
  range.setStart(aNode, Math.min(start - c.starts[a]!, aNode.data.length));
  range.setEnd(zNode, Math.max(0, Math.min(end - c.starts[z]!, zNode.data.length)));
  return range;
}

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u00a0]+/g;

/** Text as a reader sees it: no soft hyphens or zero-width characters, runs of white space as one space. */
export function visibleText(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(SPACES, ' ');
}

const CONTEXT = 40;
/** raw characters looked at on each side; white space in page source can be long */
const RAW_WINDOW = 400;

/**
 * The mention's visible text and up to 40 visible characters on each side,
 * within its block (across inline elements, as a reader sees the line).
 */
export function visibleContext(c: CollectedText, start: number, end: number): { text: string; before: string; after: string } {
  const t = c.text;
  const lo = Math.max(0, start - RAW_WINDOW);
  let rawBefore = t.slice(lo, start);
  const bb = rawBefore.lastIndexOf(BLOCK_BREAK);
  const blockStart = bb >= 0 || lo === 0;
  if (bb >= 0) rawBefore = rawBefore.slice(bb + 1);
  let rawAfter = t.slice(end, end + RAW_WINDOW);
  const ab = rawAfter.indexOf(BLOCK_BREAK);
  if (ab >= 0) rawAfter = rawAfter.slice(0, ab);
  let before = visibleText(rawBefore);
  if (blockStart) before = before.trimStart();
  let after = visibleText(rawAfter);
  if (ab >= 0 || end + RAW_WINDOW >= t.length) after = after.trimEnd();
  return {
    text: visibleText(t.slice(start, end)),
    before: before.slice(-CONTEXT),
    after: after.slice(0, CONTEXT),
  };
}
