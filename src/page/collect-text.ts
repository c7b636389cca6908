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
import { BLOCK_TAGS, SKIP_TAGS } from '../core/text-blocks';
import { BLOCK_BREAK } from '../core/types';

// scripts/bench-page.ts counts what the collector skips by the same list
export { SKIP_TAGS };

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

/**
 * The elements under `root` to skip for their attributes, found by one
 * selector query (run natively) instead of three attribute reads per element.
 */
function attributeSkips(root: Node): Set<Element> | null {
  const qsa = (root as ParentNode).querySelectorAll;
  if (typeof qsa !== 'function') return null;
  const found = (root as ParentNode).querySelectorAll(ATTRIBUTE_SELECTOR);
  if (!found.length) return null;
  const set = new Set<Element>();
  for (const el of Array.from(found)) if (hiddenOrEditable(el)) set.add(el);
  return set.size ? set : null;
}

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
    let length = 0;
    const held = this.held;
    if (held !== null) {
      // the first node of this piece: no break before it
      this.held = null;
      this.breakPending = false;
      nodes.push(held);
      starts.push(0);
      parts.push(this.heldData);
      length = this.heldData.length;
    }
    while (nexts.length) {
      const top = nexts.length - 1;
      const n = nexts[top];
      if (!n) {
        nexts.pop();
        if (flags.pop()! & FRAME_BLOCK) this.breakPending = true;
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
            parts.push(BLOCK_BREAK);
            length += 1;
          }
        }
        nodes.push(n as Text);
        starts.push(length);
        parts.push(data);
        length += data.length;
      } else if (type === 1) {
        const el = n as Element;
        const tag = el.localName;
        const custom = tag.includes('-');
        if (SKIP_TAGS.has(tag) || this.skips?.has(el) || (custom && this.skip?.(el))) continue;
        const block = BLOCK_TAGS.has(tag);
        if (block) this.breakPending = true;
        const first = el.firstChild;
        // a leaf (<br>, <img>, an empty span) needs no frame: its block edge is already marked
        if (first) this.push(first, block ? FRAME_BLOCK : 0);
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
    }
    return nodes.length ? { text: parts.join(''), nodes, starts } : null;
  }
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
  const c = walker.take(Infinity) ?? { text: '', nodes: [], starts: [] };
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
