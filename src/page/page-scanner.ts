/**
 * Finds and paints the mentions of a page, and keeps them in step with the
 * page as it changes, in small slices of main-thread time.
 *
 * - The first scan walks the page in chunks (collectChunks) and yields after
 *   SLICE_MS or SLICE_CHARS read, whichever comes first, so no task runs long
 *   even on a 20,000-paragraph page or with a 50,000-name story. It yields
 *   behind the page's own tasks (env.yieldNow): the page's timers run between
 *   our slices. Each chunk is read by the page's PageReader
 *   (src/core/page-reader.ts), which counts what it names into the page's
 *   support; when the scan ends, chunks whose bare surnames read differently
 *   with the whole page's support are painted again (from the reader's kept
 *   candidates, not by reading their text again), so the page marks what
 *   `npm run scan` reports.
 * - Nothing is painted for a story until the page is coverage of it
 *   (src/core/coverage-decision.ts, decided from the main text as chunks are
 *   read), unless the page is marked everywhere: until then its mentions are
 *   found and held (`held`), and the chunk that turns the decision paints
 *   all of them. No mark shows on a page that is not coverage, at any moment.
 * - What is painted reaches the page's highlights a few times a second
 *   (PAINT_MS), not in every slice: see Painter.commit.
 * - Later changes come from the change queue (change-queue.ts) as the few roots
 *   to read again; text a page removes or rewrites loses its ranges before
 *   anything else is painted, so a framework that keeps references to its nodes
 *   never meets us.
 */
import type { CompiledMatcher } from '../core/matcher-format';
import { PageReader, type Piece } from '../core/page-reader';
import { CoverageDecision } from '../core/coverage-decision';
import { BLOCK_BREAK, type Mention } from '../core/types';
import { ChangeQueue } from './change-queue';
import { collectChunks, notMain, rangeFor, type CollectedText } from './collect-text';
import type { HighlightStyles } from './highlight-styles';
import { MentionIndex, type MentionRecord } from './mention-index';
import type { Painter } from './paint';

/** main-thread time per slice before yielding */
export const SLICE_MS = 8;
/**
 * main-thread time per slice when handling a page's own changes: a page that changes all the time runs
 * its own timers between our slices
 */
export const CHANGE_SLICE_MS = 1;
/** the most characters a slice reads (or reads again) whatever the clock says: the work of one slice is bounded by construction */
export const SLICE_CHARS = 32000;
/** the most characters per chunk of collected text (matching 16,000 takes a few ms once the JIT has warmed up) */
export const CHUNK_CHARS = 16000;
/** the first chunk of a page, while the matcher runs cold */
export const FIRST_CHUNK_CHARS = 2000;
export const MIN_CHUNK_CHARS = 1000;
/** what a scan paints reaches the page's highlights after its first slice, then at most this often, then when it ends */
export const PAINT_MS = 250;
/**
 * ...and no sooner than this many ms per mention painted: the frame after a commit renders every range again,
 * which took 200-600 ms per frame with 105,000 ranges, so the commits of a page that large come seconds apart
 */
export const PAINT_MS_PER_MENTION = 0.1;
/** settle() answers a page that keeps changing after this many batches of changes */
const SETTLE_ROUNDS = 50;

export interface ScannerEnv {
  win: Window & typeof globalThis;
  /** true once the content script is invalidated or the page turned off */
  stopped(): boolean;
  /**
   * yields the main thread behind the page's own pending tasks, its timers included (scheduler.postTask or a
   * timer; not scheduler.yield, whose continuation runs ahead of them: a long scan held a page's timers back
   * until it ended)
   */
  yieldNow(): Promise<void>;
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
  /** the mentions marked on the page */
  readonly index = new MentionIndex();
  /** the mentions found but not marked: the page is not (yet) coverage of their story */
  readonly held = new MentionIndex();
  private matcher: CompiledMatcher | null = null;
  /** is the page coverage of each story (kept while the page is scanned with one matcher: it only ever turns to yes) */
  private decision: CoverageDecision | null = null;
  /** mark every story's mentions whatever the decision */
  private everywhere = false;
  /** the page's reader: what the page has named so far (made anew by each full scan) */
  private reader: PageReader | null = null;
  private readonly changes: ChangeQueue;
  private scanning = false;
  private generation = 0;
  /** characters per chunk now (adapted to the matcher's speed; small while it runs cold) */
  private chunkChars = FIRST_CHUNK_CHARS;
  /** the page's current full scan */
  private scan: Promise<void> = Promise.resolve();
  /** when the current slice started, and the characters it has read */
  private sliceStart = 0;
  private sliceChars = 0;
  /** when what is painted is next due to reach the page's highlights, if the scan is still going */
  private paintDue = -Infinity;
  /** the batch of changes being handled, if one is */
  private flushing: Promise<void> | null = null;
  /** shadow roots mentions were found in (hit-testing needs them) */
  readonly shadowRoots = new Set<ShadowRoot>();

  constructor(
    private readonly env: ScannerEnv,
    private readonly painter: Painter,
    private readonly styles: HighlightStyles,
  ) {
    this.changes = new ChangeQueue({
      win: env.win,
      soon: (fn) => env.soon(fn),
      later: (fn, ms) => env.later(fn, ms),
      isOwn: (node) => env.isOwn(node),
      busy: () => this.scanning,
      flush: () => void this.flush().catch((e) => this.fail(e)),
      drop: (node) => this.dropSubtree(node),
    });
  }

  get doc(): Document {
    return this.env.win.document;
  }

  /**
   * Starts (or restarts with a new matcher) the page's scan. The matcher's types are the ones painted;
   * `everywhere`: every story's mentions are marked, whether or not the page is coverage of it.
   */
  async start(matcher: CompiledMatcher, everywhere = false): Promise<void> {
    this.matcher = matcher;
    this.decision = null;
    this.everywhere = everywhere;
    this.changes.observe(this.doc);
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
    this.changes.disconnect();
    this.shadowRoots.clear();
    this.index.clear();
    this.held.clear();
    this.painter.clear();
    this.matcher = null;
    this.reader = null;
    this.decision = null;
  }

  /** the ids of the stories the page is coverage of, so far */
  get covers(): string[] {
    return this.decision?.coveredIds() ?? [];
  }

  /** true when every story's mentions are marked, whatever the decision */
  get marksEverywhere(): boolean {
    return this.everywhere;
  }

  /** Marks every story's mentions (the reader's "mark this page anyway", or the setting), or again only the covered ones'. */
  setEverywhere(on: boolean): void {
    if (on === this.everywhere) return;
    this.everywhere = on;
    if (on) this.mark(this.held.takeEntities(() => true));
    else
      for (const rec of this.index.takeEntities((e) => !this.marked(e))) {
        this.painter.delete(rec.type, rec.range);
        this.held.add(rec);
      }
    this.commit();
  }

  /** true when the entity's mentions are marked now */
  private marked(entity: string): boolean {
    const d = this.decision;
    return this.everywhere || (!!d && d.covers(d.storyOf(entity)));
  }

  /** Marks mentions held until now (their story's page turned to coverage). */
  private mark(records: MentionRecord[]): void {
    for (const rec of records) if (this.index.add(rec)) this.painter.add(rec.type, rec.range);
  }

  private async fullScan(): Promise<void> {
    const gen = ++this.generation;
    this.scanning = true;
    this.changes.clear();
    this.reader = new PageReader(this.matcher!);
    // kept through a rescan of the same matcher (a page that changed too much at once): it only ever turns to yes
    this.decision ??= new CoverageDecision(this.matcher!);
    this.decision.restart();
    this.index.clear();
    this.held.clear();
    this.painter.clear();
    // the page's first mentions are painted after the first slice
    this.paintDue = -Infinity;
    this.startSlice();
    const root = this.doc.body ?? this.doc.documentElement;
    const kept: Painted[] = [];
    if (root) await this.scanRoots([root], gen, kept);
    if (gen !== this.generation) return;
    // chunks read before the page had named its people in full are resolved again with the whole page's support
    await this.reread(kept, gen);
    if (gen !== this.generation) return;
    this.commit();
    this.scanning = false;
    this.env.settled();
    // changes that came in during the scan
    if (this.changes.pending) this.flush().catch((e) => this.fail(e));
  }

  private now(): number {
    return this.env.win.performance.now();
  }

  private startSlice(): void {
    this.sliceStart = this.now();
    this.sliceChars = 0;
  }

  /** Counts `chars` more read into the slice; true once it has run `ms` or read SLICE_CHARS. */
  private spent(chars: number, ms: number): boolean {
    return (this.sliceChars += chars) >= SLICE_CHARS || this.now() - this.sliceStart > ms;
  }

  /** Ends a slice: paints what is due and yields behind the page's tasks; false when this scan is over. */
  private async yieldSlice(gen: number): Promise<boolean> {
    if (this.now() >= this.paintDue) this.commit();
    await this.env.yieldNow();
    if (gen !== this.generation || this.env.stopped()) return false;
    this.startSlice();
    return true;
  }

  private commit(): void {
    this.paintDue = this.now() + Math.max(PAINT_MS, this.index.size * PAINT_MS_PER_MENTION);
    this.painter.commit();
  }

  /**
   * Collects, reads and paints `roots` in slices. Small roots (changed blocks) are read together, up to
   * CHUNK_CHARS at a time: one pass for a batch of changes. `kept` (the first scan) gets the chunks that may
   * read differently once the whole page is read; without it the roots are the page's changes (shorter slices).
   */
  private async scanRoots(roots: Node[], gen: number, kept?: Painted[]): Promise<void> {
    const sliceMs = kept ? SLICE_MS : CHANGE_SLICE_MS;
    let batch: CollectedText[] = [];
    let chars = 0;
    // read by collectChunks before each chunk, so a chunk's size follows how fast matching runs now
    const collectOpts = { maxChars: this.chunkChars, skip: (el: Element) => this.env.isOwn(el) };
    const paintBatch = () => {
      if (!batch.length) return;
      const chunk = combine(batch);
      batch = [];
      chars = 0;
      const t0 = this.now();
      const painted = this.paintChunk(chunk, !!kept);
      this.adaptChunkSize(chunk.text.length, this.now() - t0);
      collectOpts.maxChars = this.chunkChars;
      if (painted && kept) kept.push(painted);
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
        if (this.spent(next.value.text.length, sliceMs)) {
          paintBatch();
          if (!(await this.yieldSlice(gen))) return;
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

  /** Paints again the chunks whose mentions the whole page's support changes, in slices. */
  private async reread(pieces: Painted[], gen: number): Promise<void> {
    for (const painted of pieces) {
      const mentions = this.reader?.reread(painted.piece);
      if (mentions) {
        for (const rec of painted.records) this.drop(rec);
        painted.records = this.paintMentions(painted.chunk, mentions, false);
      }
      if (this.spent(painted.chunk.text.length, SLICE_MS) && !(await this.yieldSlice(gen))) return;
    }
  }

  /**
   * Reads and paints one piece of collected text; returns it when it may read differently once the whole
   * page is read (`rereadable`: the first scan asks).
   */
  private paintChunk(chunk: CollectedText, rereadable: boolean): Painted | undefined {
    const reader = this.reader;
    if (!reader || !chunk.nodes.length) return undefined;
    this.noteShadowRoots(chunk.nodes);
    const piece = reader.read(chunk.text, rereadable);
    // the first scan's chunks follow one another in the page's text; a change stands apart
    const records = this.paintMentions(chunk, piece.mentions, rereadable);
    return piece.rereadable ? { chunk, piece, records } : undefined;
  }

  /**
   * Indexes a chunk's mentions and paints those of the stories marked (the chunk may turn the page to
   * coverage of a story: then what was held of it is painted too); returns the records, painted or held.
   * `follows`: the chunk comes right after the last one read in the page's text.
   */
  private paintMentions(chunk: CollectedText, mentions: Mention[], follows: boolean): MentionRecord[] {
    const out: MentionRecord[] = [];
    if (this.decision?.add(mentions, notMain(chunk), chunk.text, follows).length && !this.everywhere) {
      this.mark(this.held.takeEntities((e) => this.marked(e)));
      // the page's first marks reach its highlights at the end of this slice
      this.paintDue = -Infinity;
    }
    for (const m of mentions) {
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
      if (!this.marked(rec.entity)) {
        if (this.held.add(rec)) out.push(rec);
        continue;
      }
      if (!this.index.add(rec)) continue;
      this.painter.add(rec.type, range);
      out.push(rec);
    }
    return out;
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
        this.changes.observe(root);
      }
    }
  }

  private drop(rec: MentionRecord): void {
    if (this.index.has(rec)) {
      this.index.remove(rec);
      this.painter.delete(rec.type, rec.range);
    } else this.held.remove(rec);
  }

  /** Drops the mentions of `node` and of every text node in its subtree (a detached subtree too). */
  private dropSubtree(node: Node): void {
    const type = node.nodeType;
    if (type === 3) for (const rec of [...this.index.at(node), ...this.held.at(node)]) this.drop(rec);
    if (type !== 1 && type !== 11) return;
    const walker = this.doc.createTreeWalker(node, 4 /* SHOW_TEXT */);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) for (const rec of [...this.index.at(t), ...this.held.at(t)]) this.drop(rec);
    const sr = type === 1 ? (node as Element).shadowRoot : null;
    if (sr) this.dropSubtree(sr);
  }

  /** Handles the queued changes (see handleChanges), known as in progress until done (settle waits for it). */
  private flush(): Promise<void> {
    const run = this.handleChanges().finally(() => {
      if (this.flushing === run) this.flushing = null;
    });
    this.flushing = run;
    return run;
  }

  /** Drops what the page removed, reads again what it added or rewrote. */
  private async handleChanges(): Promise<void> {
    if (this.scanning || !this.reader || this.env.stopped()) return;
    const gen = this.generation;
    const roots = this.changes.take();
    if (!roots) return;
    if (roots === 'page') {
      this.scan = this.fullScan().catch((e) => this.fail(e));
      await this.scan;
      return;
    }
    for (const root of roots) this.dropSubtree(root);
    this.scanning = true;
    this.startSlice();
    // a batch of changes is painted when it is done (or every PAINT_MS if it runs long): once a flush
    this.paintDue = this.now() + PAINT_MS;
    try {
      await this.scanRoots(roots, gen);
    } finally {
      if (gen === this.generation) this.scanning = false;
    }
    if (gen !== this.generation) return;
    this.commit();
    this.env.settled();
    if (this.changes.pending) this.changes.schedule();
  }

  /**
   * Handles every queued change now, and waits for those in hand (tests, and before answering the popup: a
   * quiet page is known as settled, not guessed from marks that do not come). A page that never stops
   * changing is answered after a bounded number of rounds.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      await this.scan;
      const busy = this.flushing;
      if (busy) await busy.catch(() => undefined);
      else if (this.changes.pending && !this.scanning) await this.flush();
      else return;
    }
  }
}

/** A chunk of the first scan whose mentions may change once the whole page is read. */
interface Painted {
  chunk: CollectedText;
  piece: Piece;
  /** what was painted of it */
  records: MentionRecord[];
}

/** Several collected pieces as one text (each its own block). */
function combine(parts: CollectedText[]): CollectedText {
  if (parts.length === 1) return parts[0]!;
  const texts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  const aside: number[] = [];
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
    for (const at of p.aside) aside.push(at + offset);
    offset += p.text.length;
  });
  return { text: texts.join(''), nodes, starts, aside };
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
