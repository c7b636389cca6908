/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per entity
 * type under the contract names, each mention one Range in exactly one of
 * them, and one more ("story-lens-active") for the hovered or flashed mention.
 * No DOM change: the page's own references to its nodes stay valid.
 *
 * Mentions are added and removed in batches (commit): in Chromium the frame
 * after any change to a highlight renders every registered range again
 * (docs/adr/0002), so a scan that changed them in every slice made every frame
 * of a page with thousands of mentions a long one.
 */
import type { EntityType } from '../core/pack';
import { ACTIVE_HIGHLIGHT, HIGHLIGHT_NAMES } from '../core/contract';

/** the most changes a commit applies (adding a range to a highlight takes about 0.3 µs) */
export const MAX_QUEUED = 10000;

export class Painter {
  private readonly highlights = new Map<EntityType, Highlight>();
  private active: Highlight | null = null;
  /** changes not yet in the highlights, in order: [type, range, true to add] */
  private queued: [EntityType, Range, boolean][] = [];

  constructor(private readonly win: Window & typeof globalThis) {}

  /** true where the engine has the Highlight API (Chrome 105+, Firefox 140+: what the manifest declares) */
  static supported(win: Window & typeof globalThis): boolean {
    return typeof win.Highlight === 'function' && !!win.CSS?.highlights;
  }

  private highlightFor(type: EntityType): Highlight {
    let h = this.highlights.get(type);
    if (!h) {
      h = new this.win.Highlight();
      this.highlights.set(type, h);
      this.win.CSS.highlights.set(HIGHLIGHT_NAMES[type], h);
    }
    return h;
  }

  /** Adds a mention's range at the next commit (at once past MAX_QUEUED: a commit stays a few milliseconds). */
  add(type: EntityType, range: Range): void {
    if (this.queued.push([type, range, true]) >= MAX_QUEUED) this.commit();
  }

  /** Removes a mention's range at the next commit. */
  delete(type: EntityType, range: Range): void {
    this.queued.push([type, range, false]);
  }

  /** Applies the changes queued since the last commit, in order. */
  commit(): void {
    for (const [type, range, add] of this.queued.splice(0))
      if (add) this.highlightFor(type).add(range);
      else this.highlights.get(type)?.delete(range);
  }

  /** the hovered / flashed mentions (or none) */
  setActive(ranges: Range[]): void {
    if (!this.active) {
      if (!ranges.length) return;
      this.active = new this.win.Highlight();
      this.active.priority = 1;
      this.win.CSS.highlights.set(ACTIVE_HIGHLIGHT, this.active);
    }
    this.active.clear();
    for (const r of ranges) this.active.add(r);
  }

  /** Removes every mention and the queued changes, at once. */
  clear(): void {
    this.queued = [];
    for (const h of this.highlights.values()) h.clear();
    this.active?.clear();
  }

  /** removes every highlight this painter registered */
  remove(): void {
    const reg = this.win.CSS?.highlights;
    for (const [type, h] of this.highlights) if (reg?.get(HIGHLIGHT_NAMES[type]) === h) reg.delete(HIGHLIGHT_NAMES[type]);
    if (this.active && reg?.get(ACTIVE_HIGHLIGHT) === this.active) reg.delete(ACTIVE_HIGHLIGHT);
    this.highlights.clear();
    this.active = null;
  }
}
