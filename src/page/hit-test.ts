/**
 * Which mention is under the pointer, with no per-mention listeners and no
 * DOM change: the caret position under the point (caretPositionFromPoint, or
 * WebKit's caretRangeFromPoint) names a text node and offset; the index gives
 * the few mentions touching that node (kept in offset order); a mention counts
 * only when the point lies inside one of its line boxes, since the caret APIs
 * snap to the nearest text even when the pointer is in a margin.
 */
import type { MentionIndex, MentionRecord } from './mention-index';

interface CaretDoc {
  caretPositionFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?(x: number, y: number): Range | null;
}

export function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | null {
  const d = doc as unknown as CaretDoc;
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = shadowRoots.length ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

const SLACK = 1;
function inRects(range: Range, x: number, y: number): boolean {
  const rects = range.getClientRects();
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!;
    if (x >= r.left - SLACK && x <= r.right + SLACK && y >= r.top - SLACK && y <= r.bottom + SLACK) return true;
  }
  return false;
}

/** The mention under (x, y), or null. */
export function mentionAt(doc: Document, index: MentionIndex, x: number, y: number, shadowRoots: ShadowRoot[]): MentionRecord | null {
  const caret = caretAt(doc, x, y, shadowRoots);
  if (!caret || caret.node.nodeType !== 3) return null;
  const list = index.at(caret.node);
  if (!list.length) return null;
  // the caret offset picks the candidate (binary search: lists are in offset order); neighbours cover
  // a caret at a mention's edge, which the caret APIs report for the half-character beside it
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const r = list[mid]!.range;
    if (r.startContainer === caret.node && r.startOffset > caret.offset) hi = mid - 1;
    else lo = mid;
  }
  for (const i of [lo, lo + 1, lo - 1]) {
    const rec = list[i];
    if (rec && inRects(rec.range, x, y)) return rec;
  }
  return null;
}
