/**
 * The page's own changes (infinite scroll, SPA navigation, rewritten text), queued: the MutationObserver
 * only queues its records (Dark Reader and uBlock Origin: "do not handle added nodes directly from within
 * the mutation observer"); the queue is handled in the next animation frame, at most every
 * MIN_FLUSH_INTERVAL_MS under constant change, and turned into the few roots to read again: the nearest
 * block of changed text, an added block alone, nothing inside another queued root or inside what is never
 * read. Past MAX_QUEUED roots the page is read again whole instead. So work follows the change, not the page.
 */
import { BLOCK_TAGS, EMPTY_BLOCK_TAGS } from '../core/text-blocks';
import { insideSkipped } from './collect-text';

/** at most this often under constant change (a first change after a quiet spell is handled at once) */
export const MIN_FLUSH_INTERVAL_MS = 250;
/** more queued roots than this in one batch: rescan the page instead */
export const MAX_QUEUED = 3000;

export interface ChangeHost {
  win: Window & typeof globalThis;
  /** run `fn` before the next frame (or soon, where frames are paused) */
  soon(fn: () => void): void;
  /** run `fn` after `ms` */
  later(fn: () => void, ms: number): void;
  /** the extension's own card host, never read */
  isOwn(node: Node): boolean;
  /** true while the queue must wait (a scan is running: it handles the queue when it ends) */
  busy(): boolean;
  /** handle the queue now (by calling take) */
  flush(): void;
  /** drop the mentions of every text node in a subtree the page removed or rewrote */
  drop(node: Node): void;
}

/** An element whose edges are block edges and that holds text: a change inside one reads just it again. */
const isBlock = (name: string) => BLOCK_TAGS.has(name) && !EMPTY_BLOCK_TAGS.has(name) && name !== 'body' && name !== 'html';

export class ChangeQueue {
  private observer: MutationObserver | null = null;
  private readonly observed = new Set<Node>();
  private readonly records: MutationRecord[] = [];
  private scheduled = false;
  private lastFlush = -Infinity;

  constructor(private readonly host: ChangeHost) {}

  /** true when changes wait to be handled */
  get pending(): boolean {
    return this.records.length > 0;
  }

  /** Watches a document or shadow root (once). */
  observe(root: Node): void {
    if (this.observed.has(root)) return;
    this.observer ??= new this.host.win.MutationObserver((records) => {
      for (const r of records) this.records.push(r);
      this.schedule();
    });
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.observed.add(root);
  }

  /** Stops watching and forgets what was queued. */
  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed.clear();
    this.clear();
  }

  /** Forgets what was queued (the page is being read whole). */
  clear(): void {
    this.records.length = 0;
  }

  /** Asks the host to handle the queue: in the next frame, or later under constant change. */
  schedule(): void {
    if (this.host.busy() || this.scheduled) return;
    this.scheduled = true;
    // A page that never stops changing gets its highlights updated a few times a second, not every frame:
    // each change to a Highlight repaints its ranges, which costs the page more than our own work.
    const wait = Math.max(0, this.lastFlush + MIN_FLUSH_INTERVAL_MS - this.host.win.performance.now());
    const run = () =>
      this.host.soon(() => {
        this.scheduled = false;
        this.host.flush();
      });
    if (wait > 0) this.host.later(run, wait);
    else run();
  }

  /**
   * The queued changes as the roots to read again (the mentions of removed and rewritten text dropped on
   * the way), 'page' past MAX_QUEUED, null when nothing was queued.
   */
  take(): Node[] | 'page' | null {
    const records = this.records.splice(0);
    if (!records.length) return null;
    this.lastFlush = this.host.win.performance.now();
    const roots = new Set<Node>();
    // a node the page rewrote several times since the last flush is dropped and read again once
    const rewritten = new Set<Node>();
    for (const r of records) if (r.type !== 'characterData' || !rewritten.has(r.target)) this.rootsOf(r, roots, rewritten);
    if (roots.size > MAX_QUEUED) return 'page';
    // drop roots inside another queued root, roots no longer in the page, and roots inside what is never
    // read (typing in an editor's paragraph must not read it)
    const doc = this.host.win.document;
    const skip = { skip: (el: Element) => this.host.isOwn(el) };
    const todo: Node[] = [];
    for (const root of roots) {
      if (!root.isConnected || doc.designMode === 'on' || insideSkipped(root, skip)) continue;
      let inside = false;
      for (let p = root.parentNode; p; p = p.parentNode ?? (p.nodeType === 11 ? (p as ShadowRoot).host : null)) {
        if (roots.has(p)) {
          inside = true;
          break;
        }
      }
      if (!inside) todo.push(root);
    }
    return todo;
  }

  /** Adds to `roots` what one record asks to read again, and drops the mentions of what it removed or rewrote. */
  private rootsOf(r: MutationRecord, roots: Set<Node>, rewritten: Set<Node>): void {
    const { host } = this;
    if (r.type === 'characterData') {
      rewritten.add(r.target);
      host.drop(r.target);
      roots.add(blockOf(r.target));
      return;
    }
    if (host.isOwn(r.target)) return;
    r.removedNodes.forEach((n) => {
      if (!host.isOwn(n)) host.drop(n);
    });
    r.addedNodes.forEach((n) => {
      if (host.isOwn(n)) return;
      // a whole block added, or anything with a block edge on both sides: read just it; inline text
      // added next to other text can join a name with its neighbours: read their block
      const alone =
        (n.nodeType === 1 && isBlock((n as Element).localName)) ||
        (blockEdge(n.previousSibling, 'previousSibling', r.target) && blockEdge(n.nextSibling, 'nextSibling', r.target));
      roots.add(alone ? n : blockOf(r.target.nodeType === 1 && (r.target as Element).localName !== 'body' ? r.target : n));
    });
    // removing text can join the text around it into a name ("Kim <span>x</span>Jong Un"), but not across a
    // block edge: removing one paragraph from a page of thousands reads nothing again
    if (r.removedNodes.length && r.target.isConnected && !r.addedNodes.length) {
      const t = r.target;
      if (
        t.nodeType === 1 &&
        !['body', 'html'].includes((t as Element).localName) &&
        !blockEdge(r.previousSibling, 'previousSibling', t) &&
        !blockEdge(r.nextSibling, 'nextSibling', t)
      )
        roots.add(blockOf(t));
    }
  }
}

/** The element to read again when `node` changed: its nearest block, or the node itself when the block is the page. */
function blockOf(node: Node): Node {
  let n: Node | null = node.nodeType === 3 ? node.parentNode : node;
  for (let depth = 0; n && depth < 12; depth++) {
    if (n.nodeType === 11) return n; // a shadow root is its own block
    if (n.nodeType !== 1) break;
    const name = (n as Element).localName;
    if (name === 'body' || name === 'html') break;
    if (isBlock(name)) return n;
    n = n.parentNode;
  }
  return node;
}

const BLANK = /^[\s\u00a0]*$/;

/**
 * Is there a block edge on this side of a changed node: the nearest sibling that is not blank text is one the
 * collector breaks text at (a block, a <br>), or there is none and the parent is one? Then no text on this side can join text on the other.
 */
function blockEdge(sibling: Node | null, dir: 'previousSibling' | 'nextSibling', parent: Node): boolean {
  let n = sibling;
  for (let i = 0; n && n.nodeType === 3 && BLANK.test((n as Text).data); i++) {
    if (i > 8) return false;
    n = n[dir];
  }
  if (!n) return parent.nodeType === 11 || (parent.nodeType === 1 && BLOCK_TAGS.has((parent as Element).localName));
  return n.nodeType === 1 && BLOCK_TAGS.has((n as Element).localName);
}
