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
 */
import { BLOCK_BREAK } from '../core/types';

export interface CollectedText {
  text: string;
  nodes: Text[];
  /** starts[i] = offset of nodes[i].data in text */
  starts: number[];
}

export interface CollectOptions {
  /**
   * return true to skip an element and its subtree (e.g. the extension's own card host); asked of
   * custom elements only (a "-" in the name, as the card host's), not of every element of the page
   */
  skip?: (el: Element) => boolean;
}

/* What a node is to the walk, as bits. */
const TEXT = 1;
const ELEMENT = 2;
const SKIP = 4;
const BLOCK = 8;
/** may host a shadow root */
const HOST = 16;
/** a custom element (a "-" in its name): the only kind asked of opts.skip */
const CUSTOM = 32;
/** kinds: an element whose kind is read from its name every time */
const BY_NAME = -1;

/**
 * Kind by local name (lower case), and by constructor (see kindOf): a property read and a map
 * look-up (no DOM call) for most nodes, where nodeType and localName would be two DOM calls.
 */
const kinds = new Map<unknown, number>();
for (const [kind, tags] of [
  // elements whose content is never visible page text
  [
    SKIP,
    'script style noscript template textarea input select option optgroup datalist head title meta link svg math iframe ' +
      'frame frameset object embed canvas video audio img picture source track map area param',
  ],
  // block-level elements: a name never runs across one of their edges (two paragraphs, two table cells, two list items, a <br>)
  [
    BLOCK,
    'address article aside blockquote body br button caption center col colgroup dd details dialog dir div dl dt fieldset ' +
      'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section ' +
      'summary table tbody td tfoot th thead tr ul',
  ],
  // built-in elements that may host a shadow root (Element.attachShadow)
  [HOST, 'article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span'],
] as const)
  for (const tag of tags.split(' ')) kinds.set(tag, (kinds.get(tag) ?? ELEMENT) | kind);

function tagKind(tag: string): number {
  let k = kinds.get(tag);
  if (k === undefined) {
    k = tag.includes('-') ? ELEMENT | HOST | CUSTOM : ELEMENT;
    if (kinds.size < 999) kinds.set(tag, k);
  }
  return k;
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

const ATTRIBUTE_SELECTOR = '[hidden],[contenteditable],[style*="display"],[style*="DISPLAY"]';

/**
 * The elements under `root` to skip for their attributes, found by one
 * selector query (run natively) instead of three attribute reads per element.
 */
function attributeSkips(root: Node): Set<Element> | null {
  // a text node given as the root has no querySelectorAll
  const found = (root as Partial<ParentNode>).querySelectorAll?.(ATTRIBUTE_SELECTOR);
  const set = new Set<Element>();
  if (found) for (const el of Array.from(found)) if (hiddenOrEditable(el)) set.add(el);
  return set.size ? set : null;
}

/** root sits inside something skipped (an editor, a hidden panel, the card host): none of its text counts */
function insideSkipped(root: Node, opts: CollectOptions | undefined): boolean {
  let n: Node | null = root.nodeType === 1 ? root : root.parentNode;
  while (n) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (tagKind(el.localName) & SKIP || hiddenOrEditable(el) || opts?.skip?.(el)) return true;
      n = el.parentNode;
    } else if (n.nodeType === 11) n = (n as ShadowRoot).host ?? null;
    else n = n.parentNode;
  }
  return false;
}

/**
 * Constructors whose elements all have one kind: a built-in interface of one element (HTMLDivElement
 * is <div>) or of elements of one kind (HTMLTableCellElement: <td>, <th>). Not HTMLElement (<b> and
 * <section>), HTMLUnknownElement, HTMLQuoteElement (<q> and <blockquote>), HTMLPreElement (<pre> and
 * <xmp>), nor SVG, MathML or custom element classes: those elements are told apart by name.
 */
const ONE_KIND = /^HTML(?!(Quote|Pre|Unknown)?Element$)\w+Element$|^SVGSVGElement$/;

/**
 * What a node is, mostly without asking the DOM: the content script's isolated world sees the
 * browser's own constructors, whatever the page does to its own.
 */
function kindOf(n: Node): number {
  const ctor = n.constructor;
  const k = kinds.get(ctor);
  if (k === undefined) return newKind(n, ctor);
  return k === BY_NAME ? tagKind((n as Element).localName) : k;
}

function newKind(n: Node, ctor: { name: string }): number {
  // a node's type follows from its interface (Text, Comment, CDATASection...)
  const el = n.nodeType === 1;
  const k = el ? tagKind((n as Element).localName) : n.nodeType === 3 ? TEXT : 0;
  if (kinds.size < 999) kinds.set(ctor, !el || ONE_KIND.test(ctor.name) ? k : BY_NAME);
  return k;
}

/** frame flags: its end is a block boundary */
const FRAME_BLOCK = 1;
/** the frame holds one node (a text node given as the root), not a sibling list */
const SINGLE = 2;

/**
 * Walks the visible text nodes of `root` in document order. Iterative (an
 * explicit stack, as two parallel arrays: no object per element) so deep
 * pages cannot overflow the call stack and chunks can be handed out between steps.
 */
class TextWalker {
  /** per open frame: the next node to visit */
  private readonly nexts: (Node | null)[] = [];
  /** per open frame: BLOCK (its end is a block boundary) | SINGLE */
  private readonly flags: number[] = [];
  /** a block boundary was passed since the last text node */
  breakPending = false;
  private skips: Set<Element> | null;
  private skip: ((el: Element) => boolean) | undefined;

  constructor(root: Node, opts: CollectOptions | undefined) {
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

  /** drops what the walk held of the page, once it is done (see `anchor`) */
  release(): void {
    this.nexts.length = 0;
    this.flags.length = 0;
    this.skips = null;
    this.skip = undefined;
  }

  /** the next visible text node, or null at the end */
  next(): Text | null {
    const nexts = this.nexts;
    const flags = this.flags;
    while (nexts.length) {
      const top = nexts.length - 1;
      const n = nexts[top];
      if (!n) {
        nexts.pop();
        if (flags.pop()! & FRAME_BLOCK) this.breakPending = true;
        continue;
      }
      nexts[top] = flags[top]! & SINGLE ? null : n.nextSibling;
      const k = kindOf(n);
      if (k & TEXT) return n as Text;
      if (k & ELEMENT) {
        const el = n as Element;
        if (k & SKIP || (this.skips !== null && this.skips.has(el)) || (k & CUSTOM && this.skip !== undefined && this.skip(el))) continue;
        if (k & BLOCK) this.breakPending = true;
        const first = el.firstChild;
        // a leaf (<br>, <img>, an empty span) needs no frame: its block edge is already marked
        if (first) this.push(first, k & BLOCK ? FRAME_BLOCK : 0);
        // An open shadow root renders in place of (or around) the light children: its own block.
        // Only custom elements and the few built-in ones that may host one are asked (attachShadow's list).
        const sr = k & HOST ? el.shadowRoot : null;
        if (sr) {
          this.breakPending = true;
          const inner = attributeSkips(sr);
          if (inner) this.skips = this.skips ? new Set([...this.skips, ...inner]) : inner;
          this.push(sr.firstChild, FRAME_BLOCK);
        }
      }
    }
    return null;
  }
}

class Builder {
  parts: string[] = [];
  nodes: Text[] = [];
  starts: number[] = [];
  length = 0;

  /** `data` is node.data, not empty */
  add(node: Text, data: string, breakBefore: boolean): void {
    if (breakBefore && this.length > 0) {
      this.parts.push(BLOCK_BREAK);
      this.length += 1;
    }
    this.nodes.push(node);
    this.starts.push(this.length);
    this.parts.push(data);
    this.length += data.length;
  }

  done(): CollectedText {
    return { text: this.parts.join(''), nodes: this.nodes, starts: this.starts };
  }
}

/** The visible text of `root` with the map back to its text nodes. */
/**
 * The last walker, emptied: V8 holds the hidden class of short-lived objects weakly, so when every
 * TextWalker of one scan is garbage by the next, a full GC between scans drops the class and with it
 * the optimized code of the walk, which then starts over in the interpreter (seen in the benchmark as
 * "embedded weak objects cleared" deoptimizations on every run). One kept instance keeps the class.
 */
let anchor: TextWalker | undefined;
/** the same for the chunk builder */
const builderAnchor = new Builder();

export function collectText(root: Node, opts?: CollectOptions): CollectedText {
  const walker = new TextWalker(root, opts);
  // the hot loop of every scan: plain local arrays, each node's data read once, the text joined once
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  for (let t = walker.next(); t !== null; t = walker.next()) {
    const data = t.data;
    if (data.length === 0) continue;
    if (walker.breakPending) {
      walker.breakPending = false;
      if (length > 0) {
        parts.push(BLOCK_BREAK);
        length += 1;
      }
    }
    nodes.push(t);
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  walker.release();
  anchor = walker;
  return { text: parts.join(''), nodes, starts };
}

/**
 * The same text in pieces of about `maxChars`, each ending at a block
 * boundary (so no mention is cut), for work sliced over idle time.
 * Offsets in each chunk are relative to that chunk.
 */
export function* collectChunks(root: Node, opts: CollectOptions & { maxChars: number }): Generator<CollectedText> {
  const walker = new TextWalker(root, opts);
  let b = new Builder();
  for (let t = walker.next(); t; t = walker.next()) {
    const data = t.data;
    if (data.length === 0) continue;
    if (walker.breakPending && b.length >= opts.maxChars) {
      yield b.done();
      b = new Builder();
    }
    b.add(t, data, walker.breakPending);
    walker.breakPending = false;
  }
  walker.release();
  anchor = walker;
  if (b.nodes.length) yield b.done();
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

/** A Range over text[start, end). The offsets must not include a BLOCK_BREAK. */
export function rangeFor(c: CollectedText, start: number, end: number): Range {
  const first = c.nodes[0];
  if (!first) throw new Error('rangeFor: no text collected');
  const doc = first.ownerDocument;
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
