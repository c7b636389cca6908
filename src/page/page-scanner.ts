/**
 * Finds and paints the mentions of a page, and keeps them in step with the
 * page as it changes, in small slices of main-thread time.
 *
 * - The first scan walks the page in chunks (collectChunks) and yields every
 *   SLICE_MS, so no task runs long even on a 20,000-paragraph page.
 * - Later changes (infinite scroll, SPA navigation, rewritten text) reach a
 *   MutationObserver that only queues (Dark Reader and uBlock Origin: "do not
 *   handle added nodes directly from within the mutation observer"); the queue
 *   drops nodes whose ancestor is queued and is handled in the next animation
 *   frame, in slices (at most every MIN_FLUSH_INTERVAL_MS under constant change), so work
 *   follows the change, not the page. Past MAX_QUEUED roots it rescans instead.
 * - Text a page removes or rewrites loses its ranges before anything else is
 *   painted, so a framework that keeps references to its nodes never meets us.
 */
import { entityInfo, type CompiledMatcher } from '../core/matcher';
import { findMentions } from '../core/matcher';
import { BLOCK_BREAK } from '../core/types';
import type { EntityType } from '../core/pack';
import { BLOCK_TAGS } from '../core/text-blocks';
import { collectChunks, rangeFor, type CollectedText } from './collect-text';
import type { HighlightStyles } from './highlight-styles';
import { MentionIndex, type MentionRecord } from './mention-index';
import type { Painter } from './paint';

/** main-thread time per slice before yielding */
export const SLICE_MS = 8;
/**
 * main-thread time per slice when handling a page's own changes: a page that changes all the time runs
 * its own timers between our slices (we yield to its tasks, not just to input)
 */
export const CHANGE_SLICE_MS = 1;
/** the most characters per chunk of collected text (matching 16,000 takes a few ms once the JIT has warmed up) */
export const CHUNK_CHARS = 16000;
/** the first chunk of a page, while the matcher runs cold */
export const FIRST_CHUNK_CHARS = 2000;
export const MIN_CHUNK_CHARS = 1000;
/** how many times one entity's name goes into a chunk's prefix (enough to rank who the page names most) */
export const NAMED_CAP = 3;
/** at most this often under constant change (a first change after a quiet spell is handled at once) */
export const MIN_FLUSH_INTERVAL_MS = 250;
/** more queued roots than this in one batch: rescan the page instead */
export const MAX_QUEUED = 3000;

/** Elements whose edges are block boundaries; a change inside one rescans just that block. */
const BLOCKS = new Set([
  'p',
  'li',
  'dd',
  'dt',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'figcaption',
  'caption',
  'summary',
  'legend',
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'nav',
  'ul',
  'ol',
  'dl',
  'table',
  'tr',
  'tbody',
  'thead',
  'figure',
  'details',
  'address',
  'form',
  'fieldset',
]);

/** what the collector never reads, checked above a rescanned root (the collector checks below it) */
const EXCLUDED =
  'script, style, noscript, template, textarea, input, select, option, svg, math, iframe, object, [hidden], [contenteditable]:not([contenteditable="false"])';

export interface ScannerEnv {
  win: Window & typeof globalThis;
  /** true once the content script is invalidated or the page turned off */
  stopped(): boolean;
  /** yields the main thread (scheduler.yield or a timer) */
  yieldNow(): Promise<void>;
  /** yields behind the page's own pending tasks (its timers run first) */
  yieldToPage(): Promise<void>;
  /** run `fn` before the next frame (or soon, where frames are paused), so new text and its highlights paint together */
  soon(fn: () => void): void;
  /** run `fn` after `ms` */
  later(fn: () => void, ms: number): void;
  /** the extension's own card host, never scanned */
  isOwn(node: Node): boolean;
  /** after a scan or a batch of changes settles */
  settled(): void;
  /** the scanner stopped on an unexpected error */
  failed?(): void;
}

export class PageScanner {
  readonly index = new MentionIndex();
  private matcher: CompiledMatcher | null = null;
  private types = new Set<EntityType>();
  private observer: MutationObserver | null = null;
  private readonly observedRoots = new Set<Node>();
  private readonly queue: MutationRecord[] = [];
  private flushScheduled = false;
  private scanning = false;
  private generation = 0;
  private lastFlush = -Infinity;
  /** characters per chunk now (adapted to the matcher's speed; small while it runs cold) */
  private chunkChars = FIRST_CHUNK_CHARS;
  /** the page's current full scan */
  private scan: Promise<void> = Promise.resolve();
  /**
   * How often the page names each entity (not by role, capped at NAMED_CAP): a bare surname ("Putin") is
   * read only where the page names the person in full, and an ambiguous one ("Kim") as the one the page
   * names most. The matcher sees a piece of the page at a time, so each piece gets these names as a
   * prefix block of its own: the support the whole page gives it.
   */
  private readonly named = new Map<string, number>();
  private namedVersion = 0;
  private prefixCache = { version: 0, text: '' };
  /** mentions removed since the page changed them (for tests and logs) */
  dropped = 0;
  /** shadow roots mentions were found in (hit-testing needs them) */
  readonly shadowRoots = new Set<ShadowRoot>();

  constructor(
    private readonly env: ScannerEnv,
    private readonly painter: Painter,
    private readonly styles: HighlightStyles,
  ) {}

  get doc(): Document {
    return this.env.win.document;
  }

  /** Starts (or restarts with a new matcher) the page's scan. */
  async start(matcher: CompiledMatcher, types: EntityType[]): Promise<void> {
    this.matcher = matcher;
    this.types = new Set(types);
    this.observe(this.doc);
    this.scan = this.fullScan().catch((e) => this.fail(e));
    await this.scan;
  }

  /**
   * Something the page layer did not expect (a matcher from a newer background, a DOM that throws):
   * stop quietly rather than write errors into the page's console, and let the page be.
   */
  private fail(_error: unknown): void {
    this.stop();
    this.env.failed?.();
  }

  /** Removes every highlight and stops observing. */
  stop(): void {
    this.generation++;
    this.observer?.disconnect();
    this.observer = null;
    this.observedRoots.clear();
    this.shadowRoots.clear();
    this.queue.length = 0;
    this.index.clear();
    this.painter.clear();
    this.matcher = null;
  }

  private observe(root: Node): void {
    if (this.observedRoots.has(root)) return;
    this.observer ??= new this.env.win.MutationObserver((records) => this.enqueue(records));
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.observedRoots.add(root);
  }

  /** The observer callback: only queues. */
  private enqueue(records: MutationRecord[]): void {
    for (const r of records) this.queue.push(r);
    if (this.scanning || this.flushScheduled) return;
    this.flushScheduled = true;
    // A page that never stops changing gets its highlights updated a few times a second, not every frame:
    // each change to a Highlight repaints its ranges, which costs the page more than our own work.
    const wait = Math.max(0, this.lastFlush + MIN_FLUSH_INTERVAL_MS - this.env.win.performance.now());
    const run = () =>
      this.env.soon(() => {
        this.flushScheduled = false;
        this.flush().catch((e) => this.fail(e));
      });
    if (wait > 0) this.env.later(run, wait);
    else run();
  }

  private async fullScan(): Promise<void> {
    const gen = ++this.generation;
    this.scanning = true;
    this.queue.length = 0;
    this.named.clear();
    this.namedVersion++;
    for (const rec of this.index.clear()) this.painter.delete(rec.type, rec.range);
    const root = this.doc.body ?? this.doc.documentElement;
    const painted: Painted[] = [];
    if (root) await this.scanRoots([root], gen, painted);
    if (gen !== this.generation) return;
    // pieces matched before the page named someone in full are matched again with the whole page's support
    // (so the page counts what `npm run scan` counts over the whole text)
    const stale = painted.filter((p) => p.version !== this.namedVersion);
    if (stale.length) await this.repaint(stale, gen);
    if (gen !== this.generation) return;
    this.scanning = false;
    this.env.settled();
    // changes that came in during the scan
    if (this.queue.length) this.flush().catch((e) => this.fail(e));
  }

  /**
   * Collects, matches and paints `roots`, yielding every SLICE_MS. Small roots (changed blocks) are
   * matched together, up to CHUNK_CHARS at a time: one matcher pass for a batch of changes.
   */
  private async scanRoots(roots: Node[], gen: number, painted?: Painted[], changes = false): Promise<void> {
    const sliceMs = changes ? CHANGE_SLICE_MS : SLICE_MS;
    const yieldNow = changes ? () => this.env.yieldToPage() : () => this.env.yieldNow();
    const now = () => this.env.win.performance.now();
    let sliceStart = now();
    let batch: CollectedText[] = [];
    let chars = 0;
    // read by collectChunks before each chunk, so a chunk's size follows how fast matching runs now
    const collectOpts = { maxChars: this.chunkChars, skip: (el: Element) => this.env.isOwn(el) };
    const paintBatch = () => {
      if (!batch.length) return;
      const chunk = combine(batch);
      batch = [];
      chars = 0;
      const t0 = now();
      const version = this.paintChunk(chunk);
      this.adaptChunkSize(chunk.text.length, now() - t0);
      collectOpts.maxChars = this.chunkChars;
      painted?.push({ chunk, version });
    };
    for (const root of roots) {
      if (!root.isConnected) continue;
      const chunks = collectChunks(root, collectOpts);
      for (;;) {
        const next = chunks.next();
        if (next.done) break;
        if (!next.value.nodes.length) continue;
        batch.push(next.value);
        chars += next.value.text.length;
        if (chars >= this.chunkChars) paintBatch();
        if (now() - sliceStart > sliceMs) {
          paintBatch();
          await yieldNow();
          if (gen !== this.generation || this.env.stopped()) return;
          sliceStart = now();
        }
      }
    }
    paintBatch();
  }

  /**
   * Sizes the next chunks to fit in a slice at the speed matching runs now. The first chunks of a page
   * are small: the matcher runs cold (not yet optimised by the JIT) and a cold 16,000-character chunk
   * was seen taking 170 ms.
   */
  private adaptChunkSize(chars: number, ms: number): void {
    if (chars < 200) return;
    const perChar = Math.max(ms, 0.05) / chars;
    this.chunkChars = Math.round(Math.min(CHUNK_CHARS, Math.max(MIN_CHUNK_CHARS, (SLICE_MS * 0.75) / perChar)));
  }

  /** Matches pieces again (their mentions dropped first), yielding every SLICE_MS. */
  private async repaint(pieces: Painted[], gen: number): Promise<void> {
    const now = () => this.env.win.performance.now();
    let sliceStart = now();
    for (const { chunk } of pieces) {
      for (const n of chunk.nodes) for (const rec of this.index.dropNode(n)) this.painter.delete(rec.type, rec.range);
      this.paintChunk(chunk);
      if (now() - sliceStart > SLICE_MS) {
        await this.env.yieldNow();
        if (gen !== this.generation || this.env.stopped()) return;
        sliceStart = now();
      }
    }
  }

  private prefix(): string {
    const matcher = this.matcher;
    if (this.prefixCache.version !== this.namedVersion && matcher) {
      const parts: string[] = [];
      for (const [id, n] of this.named) {
        const name = entityInfo(matcher, id)?.name;
        if (name) for (let i = 0; i < n; i++) parts.push(name);
      }
      this.prefixCache = { version: this.namedVersion, text: parts.join(BLOCK_BREAK) };
    }
    return this.prefixCache.text;
  }

  /** Matches and paints one piece of collected text; returns the version of the page's names it was read with. */
  private paintChunk(chunk: CollectedText): number {
    const matcher = this.matcher;
    const version = this.namedVersion;
    if (!matcher || !chunk.nodes.length) return version;
    this.noteShadowRoots(chunk.nodes);
    const prefix = this.prefix();
    const shift = prefix ? prefix.length + 1 : 0;
    const mentions = findMentions(matcher, prefix ? prefix + BLOCK_BREAK + chunk.text : chunk.text);
    for (const found of mentions) {
      if (found.start < shift) continue;
      const m = { ...found, start: found.start - shift, end: found.end - shift };
      if (!m.role) {
        const n = this.named.get(m.entity) ?? 0;
        if (n < NAMED_CAP) {
          this.named.set(m.entity, n + 1);
          this.namedVersion++;
        }
      }
      if (!this.types.has(m.type)) continue;
      let range: Range;
      try {
        range = rangeFor(chunk, m.start, m.end);
      } catch {
        continue;
      }
      const rec: MentionRecord = {
        range,
        entity: m.entity,
        type: m.type,
        text: chunk.text.slice(m.start, m.end),
        nodes: nodesOf(chunk, m.start, m.end),
      };
      if (this.index.add(rec)) this.painter.add(rec.type, range);
    }
    return version;
  }

  /** Open shadow roots holding text: observe them and give them the highlight styles. */
  private noteShadowRoots(nodes: Text[]): void {
    let lastParent: Node | null = null;
    for (const n of nodes) {
      const p = n.parentNode;
      if (p === lastParent) continue;
      lastParent = p;
      const root = n.getRootNode();
      if (root !== this.doc && root instanceof this.env.win.ShadowRoot && !this.shadowRoots.has(root)) {
        this.shadowRoots.add(root);
        this.styles.adopt(root);
        this.observe(root);
      }
    }
  }

  private drop(rec: MentionRecord): void {
    this.index.remove(rec);
    this.painter.delete(rec.type, rec.range);
    this.dropped++;
  }

  /** Drops the mentions of every text node in `node`'s subtree (a detached subtree too). */
  private dropSubtree(node: Node): void {
    if (node.nodeType === 3) {
      for (const rec of this.index.dropNode(node)) {
        this.painter.delete(rec.type, rec.range);
        this.dropped++;
      }
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const walker = this.doc.createTreeWalker(node, 4 /* SHOW_TEXT */);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) for (const rec of [...this.index.at(t)]) this.drop(rec);
    const sr = node.nodeType === 1 ? (node as Element).shadowRoot : null;
    if (sr) this.dropSubtree(sr);
  }

  /** true when `node` is in (or is) an editor, a form field, a script or hidden content */
  private insideExcluded(node: Node): boolean {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) return false;
    // attributes only: isContentEditable would force a style recalculation of the page
    if (this.doc.designMode === 'on') return true;
    return !!el.closest(EXCLUDED);
  }

  /** The element to rescan when `node` changed: its nearest block, or the node itself when the block is the page. */
  private blockOf(node: Node): Node {
    let n: Node | null = node.nodeType === 3 ? node.parentNode : node;
    for (let depth = 0; n && depth < 12; depth++) {
      if (n.nodeType === 11) return n; // a shadow root is its own block
      if (n.nodeType !== 1) break;
      const name = (n as Element).localName;
      if (name === 'body' || name === 'html') break;
      if (BLOCKS.has(name)) return n;
      n = n.parentNode;
    }
    return node;
  }

  private async flush(): Promise<void> {
    if (this.scanning || !this.matcher || this.env.stopped()) return;
    const records = this.queue.splice(0);
    if (!records.length) return;
    this.lastFlush = this.env.win.performance.now();
    const gen = this.generation;
    const roots = new Set<Node>();
    for (const r of records) {
      if (r.type === 'characterData') {
        this.dropSubtree(r.target);
        roots.add(this.blockOf(r.target));
        continue;
      }
      if (this.env.isOwn(r.target)) continue;
      r.removedNodes.forEach((n) => {
        if (!this.env.isOwn(n)) this.dropSubtree(n);
      });
      r.addedNodes.forEach((n) => {
        if (this.env.isOwn(n)) return;
        // a whole block added, or anything with a block edge on both sides: scan just it; inline text
        // added next to other text can join a name with its neighbours: scan their block
        const isBlock = n.nodeType === 1 && BLOCKS.has((n as Element).localName);
        const alone =
          isBlock || (blockEdge(n.previousSibling, 'previousSibling', r.target) && blockEdge(n.nextSibling, 'nextSibling', r.target));
        roots.add(alone ? n : this.blockOf(r.target.nodeType === 1 && (r.target as Element).localName !== 'body' ? r.target : n));
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
          roots.add(this.blockOf(t));
      }
    }
    if (roots.size > MAX_QUEUED) {
      this.scan = this.fullScan().catch((e) => this.fail(e));
      await this.scan;
      return;
    }
    // drop roots inside another queued root, roots no longer in the page, and roots inside what is never
    // read (the collector checks what is below a root, not above: an editor's paragraph must stay unread)
    const todo: Node[] = [];
    for (const root of roots) {
      if (!root.isConnected || this.insideExcluded(root)) continue;
      let inside = false;
      for (let p = root.parentNode; p; p = p.parentNode ?? (p.nodeType === 11 ? (p as ShadowRoot).host : null)) {
        if (roots.has(p)) {
          inside = true;
          break;
        }
      }
      if (!inside) todo.push(root);
    }
    for (const root of todo) this.dropSubtree(root);
    this.scanning = true;
    try {
      await this.scanRoots(todo, gen, undefined, true);
    } finally {
      if (gen === this.generation) this.scanning = false;
    }
    if (gen !== this.generation) return;
    this.env.settled();
    if (this.queue.length) this.enqueue([]);
  }

  /** Handles every queued change now (tests, and before answering the popup). */
  async settle(): Promise<void> {
    await this.scan;
    while (this.queue.length && !this.scanning) await this.flush();
  }
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

interface Painted {
  chunk: CollectedText;
  /** the version of the page's names the chunk was matched with */
  version: number;
}

/** Several collected pieces as one text (each its own block). */
function combine(parts: CollectedText[]): CollectedText {
  if (parts.length === 1) return parts[0]!;
  const texts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let offset = 0;
  parts.forEach((p, i) => {
    if (i) {
      texts.push(BLOCK_BREAK);
      offset += 1;
    }
    texts.push(p.text);
    for (let k = 0; k < p.nodes.length; k++) {
      nodes.push(p.nodes[k]!);
      starts.push(p.starts[k]! + offset);
    }
    offset += p.text.length;
  });
  return { text: texts.join(''), nodes, starts };
}

/** The text nodes a mention at [start, end) of the chunk touches. */
function nodesOf(chunk: CollectedText, start: number, end: number): Text[] {
  const { nodes, starts } = chunk;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= start) lo = mid;
    else hi = mid - 1;
  }
  const out: Text[] = [];
  for (let i = lo; i < nodes.length && starts[i]! < end; i++) out.push(nodes[i]!);
  return out;
}
