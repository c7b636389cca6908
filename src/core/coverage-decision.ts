/**
 * Is this page coverage of the story? (issue 14, docs/adr/0009-coverage-decision.md)
 *
 * Decided per story from its central entities (pack.ts Centrality) named in the page's main text (not
 * menus, footers, link lines or citations: the collector's `notMain`, src/page/collect-text.ts). A page
 * is coverage of a story when its main text names two distinct central entities of it within NEAR_CHARS of
 * each other (in one sentence, or a headline and its first line: coverage names them together; a news
 * roundup names Putin in one item and Kim Jong Un in another), or ANYWHERE_NEEDED distinct ones anywhere.
 * A story with fewer central entities needs all of them, anywhere; one with none is coverage of no page
 * (only "mark everywhere" marks it).
 *
 * The page is read piece after piece: once a story is covered it stays covered as the page grows (a live
 * blog that turns to the story starts being marked; nothing a page removes unmarks it). The scan
 * (scripts/scan.ts, the page in one piece) and the content script (src/page/page-scanner.ts, in chunks
 * whose texts joined by a block break are the page's text) decide alike.
 */
import type { Mention } from './types';
import { prepareMatcher, type CompiledMatcher, type PreparedMatcher } from './matcher-format';

/** two distinct central entities named at most this many characters apart in main text make coverage */
export const NEAR_CHARS = 120;
/** ...or this many distinct central entities anywhere in main text */
export const ANYWHERE_NEEDED = 3;

export class CoverageDecision {
  private readonly p: PreparedMatcher;
  /** per story: the central entities its main text has named so far */
  private readonly named: Set<number>[];
  /** per story: the last central mention in main text: its entity and where it ends, in page offsets */
  private readonly last: ([entity: number, end: number] | undefined)[];
  private readonly covered: boolean[];
  /** per story: the distinct central entities needed anywhere */
  private readonly anywhere: number[];
  /** entity id → [entity index, story, central]: ids are looked up once each */
  private readonly known = new Map<string, [e: number, story: number, central: boolean]>();
  /** where the next piece starts in the page's text, when it follows the last one */
  private next = 0;

  constructor(matcher: CompiledMatcher) {
    this.p = prepareMatcher(matcher);
    this.named = this.p.stories.map(() => new Set());
    this.last = this.p.stories.map(() => undefined);
    this.covered = this.p.stories.map(() => false);
    this.anywhere = this.p.stories.map((_, s) => Math.min(ANYWHERE_NEEDED, matcher.storyCentral[s] ?? 0) || Infinity);
  }

  /** entity id → its story's index (-1 for an id the matcher lacks) */
  storyOf(entity: string): number {
    return this.info(entity)?.[1] ?? -1;
  }

  private info(entity: string): [number, number, boolean] | undefined {
    let i = this.known.get(entity);
    if (!i) {
      const e = this.p.index(entity);
      if (e < 0) return undefined;
      this.known.set(entity, (i = [e, this.p.story(e), !!this.p.entity(e).central]));
    }
    return i;
  }

  /**
   * Counts a piece of the page: its mentions (offsets in `text`, the piece's text); `notMain` tells an offset of
   * it that is not main text (asked only of central mentions that could still turn a story). `follows`: the piece comes right after the last one in the page's text (a block break
   * between them: the first scan's chunks); else it stands apart (a change, a piece read again). Returns the
   * stories this piece made covered (their indices), usually none. Role mentions ("the Russian president")
   * do not count: the decision does not depend on that setting.
   */
  add(mentions: readonly Mention[], notMain: (at: number) => boolean, text: string, follows = false): number[] {
    const base = follows ? this.next : this.next + NEAR_CHARS + 1;
    this.next = base + text.length + 1;
    const turned: number[] = [];
    for (const m of mentions) {
      if (m.role) continue;
      const i = this.info(m.entity);
      if (!i || !i[2] || this.covered[i[1]] || notMain(m.start)) continue;
      const [e, s] = i;
      const named = this.named[s]!;
      named.add(e);
      const last = this.last[s];
      const near = !!last && last[0] !== e && base + m.start - last[1] <= NEAR_CHARS;
      this.last[s] = [e, base + m.end];
      if (near || named.size >= this.anywhere[s]!) {
        this.covered[s] = true;
        turned.push(s);
      }
    }
    return turned;
  }

  /** The next piece starts the page's text anew (a full scan again): it follows nothing read before. */
  restart(): void {
    this.next += NEAR_CHARS + 1;
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
