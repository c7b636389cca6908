/**
 * compileMatcher(packs) prepares, once per change of the stories, a matcher
 * from every alias; findMentions(matcher, text) makes one pass over the text
 * whose cost does not grow with the number of aliases.
 *
 * How: names and page text are cut into the same tokens (src/core/normalize.ts:
 * folded, accents dropped, soft hyphens ignored). The names become a trie of
 * tokens; each edge key is the token plus what may stand before it (nothing
 * for a space or hyphen, "." in "U.S."). The page text is read once, cut
 * into tokens whose folded keys are hashed on the way; a bit table of the
 * hashes of every name's first word turns most tokens away, and from the rest
 * the trie is walked: the cost per token does not depend on the number of names. Russian names enter the trie in all
 * their declined forms (lang-ru.ts); Korean words are also tried without a
 * particle (lang-ko.ts). The candidates then go to the resolver (resolve.ts),
 * which applies case, surname, title and context rules
 * (docs/detection-rules.md).
 *
 * The compiled form is plain JSON: built in the background, sent to pages.
 */
import type { EntityType, StoryPack } from '../story/schema';
import type { MatcherOptions, Mention } from './types';
import { ENDS_HANGUL, gapKey, hashKey, isCyrillic, startsUpper, allUpper, tokenize, type Tokens, type TokenArrays } from './normalize';
import { russianForms } from './lang-ru';
import { particleSplits } from './lang-ko';
import { GENERIC_TITLES } from './lang-words';
import { resolveMentions, type Candidate } from './resolve';

export const MATCHER_FORMAT = 1;

/** kinds of name, as stored in a term */
export const KIND = { name: 0, surname: 1, abbreviation: 2, description: 3 } as const;
/** case rules: 0 any case, 1 first letter a capital (or all caps), 2 all capitals */
export const CASE = { any: 0, capital: 1, allCaps: 2 } as const;

/** [entity index, kind, case rule, 1 if the name ends with "." (U.S.)] */
export type Term = [entity: number, kind: number, caseRule: number, dotEnd: number];

export interface MatcherEntity {
  name: string;
  type: EntityType;
  pack: string;
  /** false for namesakes carried only to be told apart */
  fromArticle?: boolean;
}

/** JSON-serializable: compiled in the background, sent to each page. */
export interface CompiledMatcher {
  formatVersion: number;
  /** entity id → what a page needs to label it without asking the background */
  entities: Record<string, MatcherEntity>;
  /** entity index (as used in terms) → id */
  ids: string[];
  /** the trie: per node, edge key (gap key + token key) → child node; node 0 is the root */
  edges: Array<Record<string, number>>;
  /** node → every name ending there */
  terms: Record<string, Term[]>;
  /** folded title ("mr", "professor", "supreme leader") → entities that list it as theirs ([] for generic titles) */
  titles: Record<string, number[]>;
  /** entity types to report */
  types: EntityType[];
  roleMentions: boolean;
  /** hashKey() of every root edge key, computed here so a page does not hash them again (optional: older compiled matchers lack it) */
  rootHashes?: number[];
  [key: string]: unknown;
}

function dateInRange(date: string, from?: string, to?: string): boolean {
  if (from && date < from) return false;
  if (to && date > to) return false;
  return true;
}

/** Prepares the matcher from every name of every entity of the given (enabled) packs. */
export function compileMatcher(packs: StoryPack[], options: MatcherOptions): CompiledMatcher {
  const entities: Record<string, MatcherEntity> = {};
  const ids: string[] = [];
  const edges: Array<Record<string, number>> = [{}];
  const terms: Record<string, Term[]> = {};
  const titles: Record<string, number[]> = {};
  for (const t of GENERIC_TITLES) titles[t] ??= [];

  const addTitle = (title: string, e: number) => {
    const t = tokenize(title);
    const key = t.joinKeys(0, t.count, ' ');
    if (!key) return;
    const list = (titles[key] ??= []);
    if (!list.includes(e)) list.push(e);
  };

  const addName = (text: string, e: number, kind: number) => {
    const tk = tokenize(text);
    const n = tk.count;
    if (!n) return;
    const keys: string[][] = [];
    for (let k = 0; k < n; k++) {
      const gap = k === 0 ? '' : gapKey(text, tk.end[k - 1]!, tk.start[k]!);
      if (gap === '#') return; // a name with a comma or quote in it can never match: leave it out
      const word = tk.key(k);
      const raw = text.slice(tk.start[k], tk.end[k]);
      const declines = kind !== KIND.abbreviation && isCyrillic(word) && raw !== raw.toUpperCase();
      keys.push((declines ? russianForms(word) : [word]).map((w) => gap + w));
    }
    let node = 0;
    for (const alts of keys) {
      const here = edges[node]!;
      let child = alts.map((a) => here[a]).find((c) => c !== undefined);
      if (child === undefined) {
        child = edges.length;
        edges.push({});
      }
      for (const a of alts) if (!Object.hasOwn(here, a)) here[a] = child;
      node = child;
    }
    const caseRule = kind === KIND.abbreviation ? CASE.allCaps : startsUpper(text, tk.start[0]!) ? CASE.capital : CASE.any;
    const dotEnd = text.trimEnd().endsWith('.') ? 1 : 0;
    const list = (terms[node] ??= []);
    if (!list.some((t) => t[0] === e && t[1] === kind && t[2] === caseRule)) list.push([e, kind, caseRule, dotEnd]);
  };

  const langs = options.languages ? new Set(options.languages.map((l) => l.split('-')[0]!.toLowerCase())) : undefined;
  for (const pack of packs) {
    for (const ent of pack.entities) {
      if (Object.hasOwn(entities, ent.id)) continue; // ids are unique across enabled stories; the first pack wins
      const e = ids.length;
      ids.push(ent.id);
      entities[ent.id] = { name: ent.name, type: ent.type, pack: pack.id, fromArticle: ent.fromArticle };
      addName(ent.name, e, KIND.name);
      for (const nm of ent.names) {
        if (langs && !langs.has(nm.lang.split('-')[0]!.toLowerCase())) continue;
        const named = nm;
        if (nm.kind === 'description') {
          if (!options.roleMentions || !dateInRange(pack.date, named.from, named.to)) continue;
        }
        addName(nm.text, e, KIND[nm.kind]);
      }
      for (const t of ent.titles) addTitle(t, e);
    }
  }
  const rootHashes = Object.keys(edges[0]!).map(hashKey);
  return {
    formatVersion: MATCHER_FORMAT,
    entities,
    ids,
    edges,
    terms,
    titles,
    types: [...options.types],
    roleMentions: options.roleMentions,
    rootHashes,
  };
}

/**
 * A trie node's edge, read straight from the compiled JSON (no copy per page: a 10,000-name matcher would
 * take tens of milliseconds to turn into Maps). Only numbers are edges, so a page word such as "constructor"
 * or "__proto__" that meets an Object.prototype member is just a word.
 */
function edge(edges: Record<string, number>, key: string): number | undefined {
  const v = edges[key];
  return typeof v === 'number' ? v : undefined;
}

/** node → the terms ending there, from the compiled JSON */
class TermTable {
  constructor(private readonly obj: Record<string, Term[]>) {}
  get(node: number): Term[] | undefined {
    const v = this.obj[node];
    return Array.isArray(v) ? v : undefined;
  }
}

/** The compiled JSON made ready for lookups, once per matcher. */
export interface PreparedMatcher {
  m: CompiledMatcher;
  edges: Array<Record<string, number>>;
  terms: TermTable;
  titles: Map<string, number[]>;
  maxTitleWords: number;
  types: Set<EntityType>;
  /**
   * One bit per hash of each word a name can start with: most words of a page
   * are turned away here with two array reads, before any string is built.
   */
  rootBits: Uint32Array;
}

const ROOT_BITS = 1 << 16;
const ROOT_MASK = ROOT_BITS - 1;

const prepared = new WeakMap<CompiledMatcher, PreparedMatcher>();

/**
 * The last matcher prepared, kept: a page receives its matcher as JSON, and the hidden classes
 * JSON.parse gives its objects are held weakly by V8; with the last one kept, the next parse of the
 * same format reuses them and the optimized matching code stays valid (see findMentions).
 */
let lastPrepared: PreparedMatcher | undefined;

export function prepareMatcher(m: CompiledMatcher): PreparedMatcher {
  let p = prepared.get(m);
  if (p) return p;
  if (m.formatVersion !== MATCHER_FORMAT) throw new Error(`matcher format ${m.formatVersion} is not ${MATCHER_FORMAT}`);
  const titles = new Map(Object.entries(m.titles));
  const rootBits = new Uint32Array(ROOT_BITS >>> 5);
  const hashes = Array.isArray(m.rootHashes) ? m.rootHashes : Object.keys(m.edges[0] ?? {}).map(hashKey);
  for (let k = 0; k < hashes.length; k++) {
    const b = hashes[k]! & ROOT_MASK;
    rootBits[b >>> 5]! |= 1 << (b & 31);
  }
  p = {
    rootBits,
    m,
    edges: m.edges,
    terms: new TermTable(m.terms),
    titles,
    maxTitleWords: Math.max(1, ...[...titles.keys()].map((k) => k.split(' ').length)),
    types: new Set(m.types),
  };
  prepared.set(m, p);
  lastPrepared = p;
  return p;
}

function validTerms(list: Term[] | undefined, text: string, from: number, to: number): Term[] {
  if (!list) return [];
  let capital: boolean | undefined;
  let caps: boolean | undefined;
  const out: Term[] = [];
  for (const t of list) {
    if (t[2] === CASE.capital && !(capital ??= startsUpper(text, from))) continue;
    if (t[2] === CASE.allCaps && !(caps ??= allUpper(text, from, to))) continue;
    out.push(t);
  }
  return out;
}

/**
 * The arrays of the last findMentions' tokens, written over by the next (no Tokens outlives its
 * findMentions call). One object for the page's life, its fields replaced (its hidden class stays).
 */
const scratch: TokenArrays = { start: new Int32Array(0), end: new Int32Array(0), hash: new Uint32Array(0), flags: new Uint8Array(0) };
let scratchInUse = false;
/** the last Tokens, emptied (see findMentions) */
let lastTokens: Tokens | undefined;

/** Every name of the matcher's stories in `text`, as [start, end) offsets, in text order. */
export function findMentions(matcher: CompiledMatcher, text: string): Mention[] {
  const p = prepareMatcher(matcher);
  // a nested call (none today) would not write over arrays in use
  const reuse = scratchInUse ? undefined : scratch;
  scratchInUse = true;
  try {
    const tk = tokenize(text, reuse);
    const candidates = findCandidates(p, text, tk);
    const mentions = resolveMentions(p, text, tk, candidates);
    // kept, emptied: V8 holds the hidden class of short-lived objects weakly, and with no Tokens alive
    // between scans a GC drops it and deoptimizes the matcher's hot path (as with the collector's walker)
    tk.release();
    lastTokens = tk;
    if (reuse) {
      reuse.start = tk.start;
      reuse.end = tk.end;
      reuse.hash = tk.hash;
      reuse.flags = tk.flags;
    }
    return mentions;
  } finally {
    if (reuse) scratchInUse = false;
  }
}

const descriptionOnly = (ts: Term[]) => ts.every((t) => t[1] === KIND.description);

/** Longest name starting at each token, left to right, without overlaps (but for role mentions, see below). */
export function findCandidates(p: PreparedMatcher, text: string, tk: Tokens): Candidate[] {
  const { edges, terms, rootBits } = p;
  const root = edges[0]!;
  const n = tk.count;
  const { hash, flags } = tk;
  const out: Candidate[] = [];
  const dotEnd = (end: number, ts: Term[]) => (ts.some((t) => t[3]) && text.charCodeAt(end) === 0x2e ? end + 1 : end);

  for (let i = 0; i < n; i++) {
    const b = hash[i]! & ROOT_MASK;
    const maybe = (rootBits[b >>> 5]! & (1 << (b & 31))) !== 0;
    const hangul = (flags[i]! & ENDS_HANGUL) !== 0;
    if (!maybe && !hangul) continue;
    const key0 = tk.key(i);
    let best: Candidate | undefined;
    const first = maybe ? edge(root, key0) : undefined;
    if (first === undefined) {
      if (!hangul) continue;
      for (const len of particleSplits(key0)) {
        const node = edge(root, key0.slice(0, -len));
        if (node === undefined) continue;
        const end = tk.end[i]! - len;
        const ts = validTerms(terms.get(node), text, tk.start[i]!, end);
        if (ts.length) {
          best = { i, j: i, start: tk.start[i]!, end, terms: ts };
          break;
        }
      }
      if (best) {
        out.push(best);
      }
      continue;
    }
    let cur: number = first;
    let bestName: Candidate | undefined;
    let j = i;
    for (;;) {
      const ts = validTerms(terms.get(cur), text, tk.start[i]!, tk.end[j]!);
      if (ts.length) {
        best = { i, j, start: tk.start[i]!, end: dotEnd(tk.end[j]!, ts), terms: ts };
        if (!descriptionOnly(ts)) bestName = best;
      }
      if (j + 1 >= n) break;
      const here: Record<string, number> = edges[cur]!;
      const gap = gapKey(text, tk.end[j]!, tk.start[j + 1]!);
      if (gap === '#') break;
      const nextKey = tk.key(j + 1);
      let next = edge(here, gap + nextKey);
      if (next === undefined) {
        // a middle initial between two parts of a name: "Vladimir V. Putin"
        if (gap === '' && nextKey.length === 1 && text.charCodeAt(tk.end[j + 1]!) === 0x2e && j + 2 < n) {
          const gap2 = gapKey(text, tk.end[j + 1]! + 1, tk.start[j + 2]!);
          const skip: number | undefined = gap2 === '#' ? undefined : edge(here, gap2 + tk.key(j + 2));
          if (skip !== undefined && startsUpper(text, tk.start[j + 1]!)) {
            j += 2;
            cur = skip;
            continue;
          }
        }
        // a Korean particle on the last word: "블라디미르 푸틴은"
        if (gap === '' && (flags[j + 1]! & ENDS_HANGUL) !== 0) {
          for (const len of particleSplits(nextKey)) {
            const node = edge(here, nextKey.slice(0, -len));
            if (node === undefined) continue;
            const end = tk.end[j + 1]! - len;
            const ts2 = validTerms(terms.get(node), text, tk.start[i]!, end);
            if (ts2.length) {
              best = { i, j: j + 1, start: tk.start[i]!, end, terms: ts2 };
              if (!descriptionOnly(ts2)) bestName = best;
              break;
            }
          }
        }
        break;
      }
      j++;
      cur = next;
    }
    if (best) {
      out.push(best);
      if (best === bestName) i = best.j;
      else if (bestName) {
        // a role mention ("Russia's president", "президент России") does not hide the names inside it:
        // they are read too, and the resolver lets them win
        out.push(bestName);
        i = bestName.j;
      }
    }
  }
  return out;
}
