/**
 * The mentions painted on the page, indexed the ways the page layer asks:
 * by text node (hit-testing under the pointer, dropping what a page rewrote),
 * by entity (counts for the badge and popup, a card's steps through an
 * entity's mentions), and in document order (stepping through mentions).
 * Work per change is proportional to the nodes changed:
 * nothing here walks the whole set except the lazy document-order sort, done
 * only when a reader steps through mentions.
 */
import type { EntityType } from '../core/pack';

export interface MentionRecord {
  range: Range;
  entity: string;
  type: EntityType;
  /** the text as the page writes it (for the card's "as written" line) */
  text: string;
  /** every text node the range touches (usually one) */
  nodes: Text[];
}

/** Orders two nodes in document order across open shadow roots (a shadow tree sorts where its host is). */
export function compareNodes(a: Node, b: Node): number {
  if (a === b) return 0;
  const pos = a.compareDocumentPosition(b);
  if (!(pos & 1 /* DISCONNECTED */)) return pos & 4 /* FOLLOWING */ ? -1 : pos & 2 /* PRECEDING */ ? 1 : 0;
  // different trees: climb each to its host chain until they share a root
  const chain = (n: Node) => {
    const out: Node[] = [n];
    for (let r = n.getRootNode(); r instanceof n.ownerDocument!.defaultView!.ShadowRoot; r = (r as ShadowRoot).host.getRootNode())
      out.push((r as ShadowRoot).host);
    return out;
  };
  const ca = chain(a);
  const cb = chain(b);
  for (const x of ca) {
    for (const y of cb) {
      if (x === y) return ca.indexOf(x) < cb.indexOf(y) ? 1 : -1; // a inside b's subtree host: host first
      const p = x.compareDocumentPosition(y);
      if (!(p & 1)) return p & 4 ? -1 : p & 2 ? 1 : 0;
    }
  }
  return 0;
}

function compareRecords(a: MentionRecord, b: MentionRecord): number {
  const ra = a.range;
  const rb = b.range;
  if (ra.startContainer === rb.startContainer) return ra.startOffset - rb.startOffset;
  return compareNodes(ra.startContainer, rb.startContainer);
}

/** the records still in the page, in document order */
const inDocumentOrder = (records: Iterable<MentionRecord>) =>
  [...records].filter((r) => r.range.startContainer.isConnected).sort(compareRecords);

export class MentionIndex {
  private byNode = new WeakMap<Node, MentionRecord[]>();
  private all = new Set<MentionRecord>();
  private byEntity = new Map<string, Set<MentionRecord>>();
  private sorted: MentionRecord[] | null = null;

  get size(): number {
    return this.all.size;
  }

  /** Adds a mention; false (and nothing added) when the same range is already indexed for the same entity. */
  add(rec: MentionRecord): boolean {
    const first = rec.nodes[0];
    if (!first) return false;
    const existing = this.byNode.get(first);
    // the same mention twice is painted once; one word may name two entities ("북러": North Korea and Russia)
    if (
      existing?.some(
        (r) =>
          r.entity === rec.entity &&
          r.range.startContainer === rec.range.startContainer &&
          r.range.startOffset === rec.range.startOffset &&
          r.range.endContainer === rec.range.endContainer &&
          r.range.endOffset === rec.range.endOffset,
      )
    )
      return false;
    for (const n of rec.nodes) {
      const list = this.byNode.get(n);
      if (list) {
        // keep each node's list in offset order (inserted from the end: lists are short, and mostly come in order)
        let i = list.length;
        while (
          i > 0 &&
          list[i - 1]!.range.startOffset > rec.range.startOffset &&
          list[i - 1]!.range.startContainer === rec.range.startContainer
        )
          i--;
        list.splice(i, 0, rec);
      } else this.byNode.set(n, [rec]);
    }
    this.all.add(rec);
    let same = this.byEntity.get(rec.entity);
    if (!same) this.byEntity.set(rec.entity, (same = new Set()));
    same.add(rec);
    this.sorted = null;
    return true;
  }

  remove(rec: MentionRecord): void {
    if (!this.all.delete(rec)) return;
    for (const n of rec.nodes) {
      const list = this.byNode.get(n);
      if (!list) continue;
      const i = list.indexOf(rec);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.byNode.delete(n);
    }
    const same = this.byEntity.get(rec.entity);
    same?.delete(rec);
    if (!same?.size) this.byEntity.delete(rec.entity);
    this.sorted = null;
  }

  /** Forgets every mention at once (a new scan, a stop), not one by one. */
  clear(): void {
    this.byNode = new WeakMap();
    this.all = new Set();
    this.byEntity = new Map();
    this.sorted = null;
  }

  /** mentions touching a text node, in offset order */
  at(node: Node): readonly MentionRecord[] {
    return this.byNode.get(node) ?? [];
  }

  countsByEntity(): Record<string, number> {
    return Object.fromEntries([...this.byEntity].map(([entity, same]) => [entity, same.size]));
  }

  /** every mention in document order (sorted lazily, cached until the set changes) */
  inOrder(): readonly MentionRecord[] {
    return (this.sorted ??= inDocumentOrder(this.all));
  }

  /** the entity's mentions in document order (sorted alone: a card on a page of thousands of mentions sorts a few) */
  ofEntity(entity: string): MentionRecord[] {
    return inDocumentOrder(this.byEntity.get(entity) ?? []);
  }

  has(rec: MentionRecord): boolean {
    return this.all.has(rec);
  }

  /** Removes and returns every mention of the entities `which` picks (a story's turn to be marked, or unmarked). */
  takeEntities(which: (entity: string) => boolean): MentionRecord[] {
    const out: MentionRecord[] = [];
    for (const [entity, same] of [...this.byEntity]) if (which(entity)) out.push(...same);
    for (const rec of out) this.remove(rec);
    return out;
  }
}
