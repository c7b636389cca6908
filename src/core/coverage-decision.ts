/**
 * Is this page coverage of the story? (issue 14, docs/adr/0009-coverage-decision.md)
 *
 * Decided per story from its central entities (pack.ts Centrality) named in the page's main text (not
 * menus, footers, link lines or citations: the collector's `notMain`, src/page/collect-text.ts). A page
 * is coverage of a story when its main text names two distinct central entities of it within NEAR_COLUMNS of
 * each other (in one sentence, or a headline and its first line: coverage names them together; a news
 * roundup names Putin in one item and Kim Jong Un in another), or ANYWHERE_NEEDED distinct ones anywhere.
 * The distance is in columns, a Hangul syllable or CJK character two: a Korean sentence says in 60 syllables
 * what an English one says in 120 letters, and a roundup's two items sit closer in characters than in words.
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

/** two distinct central entities named at most this many columns apart in main text make coverage */
const NEAR_COLUMNS = 120;
/** ...or this many distinct central entities anywhere in main text */
const ANYWHERE_NEEDED = 3;

/** the first code point of each range of Hangul, kana and CJK (East Asian wide) characters, and the one after it */
const WIDE = [0x1100, 0x1160, 0x2e80, 0xa4d0, 0xac00, 0xd7a4, 0xf900, 0xfb00, 0xfe30, 0xfe50, 0xff00, 0xff61, 0xffe0, 0xffe7];

/**
 * How wide text[start, end) reads, in columns: an East Asian wide character counts two, any other one. Past
 * NEAR_COLUMNS characters it is wider than the window whatever they are, and is not counted.
 */
function columns(text: string, start: number, end: number): number {
  if (end - start > NEAR_COLUMNS) return end - start;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let k = 0;
    while (k < WIDE.length && c >= WIDE[k]!) k++;
    n += k & 1 ? 2 : 1;
  }
  return n;
}

export class CoverageDecision {
  private readonly p: PreparedMatcher;
  /** per story: the central entities its main text has named so far */
  private readonly named: Set<number>[];
  /** per story: the entity of the last central mention in main text (-1: none yet) */
  private readonly last: number[];
  /** per story: where that mention ends in the piece being read (-1: in an earlier piece) */
  private readonly endHere: number[];
  /** per story: the columns from the end of that mention to the start of the piece being read */
  private readonly after: number[];
  private readonly covered: boolean[];
  /** per story: the distinct central entities needed anywhere */
  private readonly anywhere: number[];
  /** entity id → [entity index, story, central]: ids are looked up once each */
  private readonly known = new Map<string, [e: number, story: number, central: boolean]>();

  constructor(matcher: CompiledMatcher) {
    this.p = prepareMatcher(matcher);
    this.named = this.p.stories.map(() => new Set());
    this.last = this.p.stories.map(() => -1);
    this.endHere = this.p.stories.map(() => -1);
    this.after = this.p.stories.map(() => Infinity);
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
   * it that is not main text (asked only of central mentions that could still turn a story). `follows`: the
   * piece comes right after the last one in the page's text (a block break between them: the first scan's
   * chunks); else it stands apart (a change, a piece read again). Returns the
   * stories this piece made covered (their indices), usually none. Role mentions ("the Russian president")
   * do not count: the decision does not depend on that setting.
   */
  add(mentions: readonly Mention[], notMain: (at: number) => boolean, text: string, follows = false): number[] {
    if (!follows) this.restart();
    const turned: number[] = [];
    for (const m of mentions) {
      if (m.role) continue;
      const i = this.info(m.entity);
      if (!i || !i[2] || this.covered[i[1]] || notMain(m.start)) continue;
      const [e, s] = i;
      const named = this.named[s]!;
      named.add(e);
      const last = this.last[s]!;
      const here = this.endHere[s]!;
      const near =
        last >= 0 && last !== e && (here >= 0 ? columns(text, here, m.start) : this.after[s]! + columns(text, 0, m.start)) <= NEAR_COLUMNS;
      this.last[s] = e;
      this.endHere[s] = m.end;
      if (near || named.size >= this.anywhere[s]!) {
        this.covered[s] = true;
        turned.push(s);
      }
    }
    // the next piece starts after this one's end and a block break
    for (let s = 0; s < this.after.length; s++) {
      const here = this.endHere[s]!;
      this.after[s] = (here >= 0 ? columns(text, here, text.length) : this.after[s]! + columns(text, 0, text.length)) + 1;
      this.endHere[s] = -1;
    }
    return turned;
  }

  /** The next piece starts the page's text anew (a full scan again): it follows nothing read before. */
  restart(): void {
    this.after.fill(Infinity);
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
