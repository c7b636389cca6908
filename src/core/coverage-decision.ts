/**
 * Is this page coverage of the story? (issue 14, docs/adr/0009-coverage-decision.md)
 *
 * A page is coverage of a story when its main text (not menus, footers, link lists or citations: the
 * collector's `aside` spans, src/page/collect-text.ts) names at least CENTRAL_NEEDED distinct entities
 * central to that story (pack.ts Centrality), or all of them where the story has fewer. A story with no
 * central entity is coverage of no page (only "mark everywhere" marks it). Decided per story, from the mentions as the page is read,
 * piece after piece: once a story is covered it stays covered as the page grows (a live blog that turns
 * to the story starts being marked; nothing a page removes unmarks it). The scan (scripts/scan.ts) and
 * the content script (src/page/page-scanner.ts) both decide here, from the same collector's spans.
 */
import type { Mention } from './types';
import { prepareMatcher, type CompiledMatcher, type PreparedMatcher } from './matcher-format';
import { inAside } from './text-blocks';

/** distinct central entities of a story the main text must name for the page to be coverage of it */
export const CENTRAL_NEEDED = 2;

export class CoverageDecision {
  private readonly p: PreparedMatcher;
  /** per story: the central entities its main text has named so far */
  private readonly named: Set<number>[];
  private readonly covered: boolean[];
  /** per story: the central entities needed */
  private readonly needed: number[];
  /** entity id → [story, central]: ids are looked up once each */
  private readonly known = new Map<string, [story: number, central: boolean]>();

  constructor(matcher: CompiledMatcher) {
    this.p = prepareMatcher(matcher);
    this.named = this.p.stories.map(() => new Set());
    this.covered = this.p.stories.map(() => false);
    this.needed = this.p.stories.map((_, s) => Math.min(CENTRAL_NEEDED, matcher.storyCentral[s] ?? 0));
  }

  /** entity id → its story's index (-1 for an id the matcher lacks) */
  storyOf(entity: string): number {
    return this.info(entity)?.[0] ?? -1;
  }

  private info(entity: string): [number, boolean] | undefined {
    let i = this.known.get(entity);
    if (!i) {
      const e = this.p.index(entity);
      if (e < 0) return undefined;
      this.known.set(entity, (i = [this.p.story(e), !!this.p.entity(e).central]));
    }
    return i;
  }

  /**
   * Counts a piece's mentions (offsets in the piece's text; `aside`: its spans that are not main text).
   * Returns the stories this piece made covered (their indices), usually none. Role mentions ("the Russian
   * president") do not count: the decision does not depend on that setting.
   */
  add(mentions: readonly Mention[], aside: readonly number[]): number[] {
    const turned: number[] = [];
    for (const m of mentions) {
      if (m.role) continue;
      const i = this.info(m.entity);
      if (!i || !i[1] || this.covered[i[0]] || inAside(aside, m.start)) continue;
      const named = this.named[i[0]]!;
      named.add(this.p.index(m.entity));
      if (named.size >= this.needed[i[0]]!) {
        this.covered[i[0]] = true;
        turned.push(i[0]);
      }
    }
    return turned;
  }

  /** true once the page is coverage of story `s` */
  covers(s: number): boolean {
    return this.covered[s] === true;
  }

  /** the ids of the stories the page is coverage of, so far */
  coveredIds(): string[] {
    return this.p.stories.filter((_, s) => this.covered[s]);
  }
}
