/**
 * The one mention path, for the content script (which reads a page in pieces, src/page/page-scanner.ts)
 * and `npm run scan` (which reads it in one) alike, so they agree by construction.
 *
 * A piece of the page's text is tokenized, its candidates found (find-candidates.ts) and sorted out
 * (resolve.ts) once. What it adds to the page's support (the names it writes in full, the words it writes
 * in lower case) is counted; its bare surnames are resolved with the support the page has given so far,
 * and again, from the kept reading (not the text), once the page has been read further (reread). What is
 * found then does not depend on where the page was cut (tests/unit/core/page-reader.test.ts).
 */
import type { Mention } from './types';
import { prepareMatcher, type CompiledMatcher, type PreparedMatcher } from './matcher-format';
import { findCandidates } from './find-candidates';
import { lowerKey, mentionsOf, readCandidates, resolveSurnames, type Reading } from './resolve';
import { STARTS_LOWER, tokenize, type Tokens } from './normalize';

/** A piece of a page, read. */
export interface Piece {
  /** its mentions, as last resolved, in text order, offsets in the piece's text */
  readonly mentions: Mention[];
  /** kept to be read again (asked for, and the piece has bare surnames, which the rest of the page may change) */
  readonly rereadable: boolean;
}

/** a piece with bare surnames, kept to be resolved again */
interface KeptPiece extends Piece {
  mentions: Mention[];
  rereadable: true;
  reading: Reading;
  /** the entity of each surname, as last resolved */
  surnames: number[];
}

/**
 * The last piece's Tokens, released: the next read writes over its arrays. It also keeps one Tokens
 * alive between reads: V8 holds the hidden class of short-lived objects weakly, and with none alive
 * between scans a GC drops it and deoptimizes the hot path (the bench's match time tripled without
 * it). It is read by every read, so a minifier keeps it (a write-only variable would be dropped).
 */
let lastTokens: Tokens | undefined;

export class PageReader {
  private readonly p: PreparedMatcher;
  /** what the page has said so far (NameSupport) */
  private readonly support = { named: new Map<number, number>(), storyContext: 0, lower: new Set<number>() };

  constructor(matcher: CompiledMatcher) {
    this.p = prepareMatcher(matcher);
  }

  /**
   * Reads the next piece of the page (a piece ends at a block break: no name runs across two pieces).
   * `rereadable`: keep what reread needs (the content script's first scan keeps its pieces till the end).
   */
  read(text: string, rereadable = false): Piece {
    const p = this.p;
    // taken while in use: a nested call (none today) would not write over these arrays
    const reuse = lastTokens;
    lastTokens = undefined;
    const tk = tokenize(text, reuse);
    try {
      const reading = readCandidates(p, text, tk, findCandidates(p, text, tk));
      this.count(reading);
      const surnames = resolveSurnames(p, reading, this.support);
      const mentions = mentionsOf(p, reading, surnames);
      if (!rereadable || !reading.surnames.length) return { mentions, rereadable: false };
      const kept: KeptPiece = { mentions, rereadable: true, reading: { ...reading, tk: tk.kept() }, surnames };
      return kept;
    } finally {
      tk.release();
      lastTokens = tk;
    }
  }

  /** The piece's mentions if the support the page has given since it was read changes them (else undefined). */
  reread(piece: Piece): Mention[] | undefined {
    if (!piece.rereadable) return undefined;
    const kept = piece as KeptPiece;
    const surnames = resolveSurnames(this.p, kept.reading, this.support);
    if (surnames.every((e, k) => e === kept.surnames[k])) return undefined;
    kept.surnames = surnames;
    return (kept.mentions = mentionsOf(this.p, kept.reading, surnames));
  }

  /** Adds what a piece says to the page's support: the entities it names in full, the words it writes in lower case. */
  private count(r: Reading): void {
    const { named, lower } = this.support;
    for (const f of r.full) {
      const n = named.get(f.entity) ?? 0;
      named.set(f.entity, n + 1);
      if (!n && this.p.entity(f.entity).fromArticle !== false) this.support.storyContext++;
    }
    const { tk } = r;
    const { hash, flags } = tk;
    for (let k = 0; k < tk.count; k++) if (flags[k]! & STARTS_LOWER) lower.add(lowerKey(hash[k]!));
  }
}
