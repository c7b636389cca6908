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

export const MATCHER_FORMAT = 2;

/** kinds of name, as stored in a term */
export const KIND = { name: 0, surname: 1, abbreviation: 2, description: 3 } as const;
/** case rules: 0 any case, 1 first letter a capital (or all caps), 2 all capitals */
export const CASE = { any: 0, capital: 1, allCaps: 2 } as const;

/** [entity index, kind, case rule, 1 if the name ends with "." (U.S.)] */
export type Term = [entity: number, kind: number, caseRule: number, dotEnd: number];

/** What a page knows of an entity (its story is the background's business: cards are asked of it). */
export interface MatcherEntity {
  name: string;
  type: EntityType;
  /** false for namesakes carried only to be told apart */
  fromArticle?: boolean;
}

/**
 * JSON-serializable: compiled in the background, sent to each page. Laid out so a page's JSON.parse and
 * prepareMatcher cost next to nothing however many names there are: a few long strings instead of tens of
 * thousands of small objects, read only where a page's words lead (see Trie).
 */
export interface CompiledMatcher {
  formatVersion: number;
  /** entity index (as used in terms) → id */
  ids: string[];
  /** entity index → display name */
  names: string[];
  /** entity index → one digit of type (index in TYPE_NAMES) and one of fromArticle ("0" false, "1" true or unset) */
  meta: string;
  /**
   * The trie, one line per node, node 0 the root: the terms ending there (as JSON: "[[entity,kind,case,dotEnd]]",
   * no spaces) or nothing, then for each edge " key child" (edge key = gap key + token key,
   * child node in decimal), then " ". Keys never hold spaces. No line breaks: JSON.parse reads a string
   * without escapes several times faster.
   */
  trie: string;
  /** node k's line starts at parseInt(nodeAt.substr(k * NODE_AT_WIDTH, NODE_AT_WIDTH), 36), and ends before node k + 1's (one more entry than nodes) */
  nodeAt: string;
  /** folded title ("mr", "professor", "supreme leader") → entities that list it as theirs ([] for generic titles) */
  titles: Record<string, number[]>;
  /** entity types to report */
  types: EntityType[];
  roleMentions: boolean;
  /** one character per root edge, in the order of the root's line: hashKey(key) & 0xffff, ascending */
  rootHashes: string;
  /** where each root edge's key starts in trie, NODE_AT_WIDTH base-36 digits each */
  rootAt: string;
  [key: string]: unknown;
}

const NODE_AT_WIDTH = 5;
const TYPE_NAMES: EntityType[] = ['person', 'place', 'organization'];

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
      entities[ent.id] = { name: ent.name, type: ent.type, fromArticle: ent.fromArticle };
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
  // the root's edges sorted by hash, so a page finds a word among them by binary search without reading them all
  const root = Object.entries(edges[0]!)
    .map(([key, child]) => ({ key, child, h: hashKey(key) & 0xffff }))
    .sort((a, b) => a.h - b.h || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lines: string[] = [];
  let at = 0;
  let nodeAt = '';
  let rootAt = '';
  for (let k = 0; k < edges.length; k++) {
    let line = terms[k] ? JSON.stringify(terms[k]) : '';
    if (k === 0)
      for (const r of root) {
        rootAt += (at + line.length + 1).toString(36).padStart(NODE_AT_WIDTH, '0');
        line += ` ${r.key} ${r.child}`;
      }
    else for (const [key, child] of Object.entries(edges[k]!)) line += ` ${key} ${child}`;
    line += ' ';
    nodeAt += at.toString(36).padStart(NODE_AT_WIDTH, '0');
    at += line.length;
    lines.push(line);
  }
  nodeAt += at.toString(36).padStart(NODE_AT_WIDTH, '0'); // where a node after the last would start
  if (at >= 36 ** NODE_AT_WIDTH) throw new Error('matcher too large');
  let meta = '';
  ids.forEach((id) => {
    const ent = entities[id]!;
    meta += TYPE_NAMES.indexOf(ent.type) + (ent.fromArticle === false ? '0' : '1');
  });
  return {
    formatVersion: MATCHER_FORMAT,
    ids,
    names: ids.map((id) => entities[id]!.name),
    meta,
    trie: lines.join(''),
    nodeAt,
    titles,
    types: [...options.types],
    roleMentions: options.roleMentions,
    rootHashes: root.map((r) => String.fromCharCode(r.h)).join(''),
    rootAt,
  };
}

/**
 * The trie of a compiled matcher, a node read from its (short) line when a page's words lead there (most
 * nodes never are: the root bit table turns most words away first); the root, whose line holds every first
 * word, is never read whole but searched. No object is indexed by a page word, so "constructor" or
 * "__proto__" is just a word.
 */
export interface Trie {
  /** the child of `node` along edge `key` */
  edge(node: number, key: string): number | undefined;
  /** every name ending at `node` */
  terms(node: number): Term[] | undefined;
}

function readTrie(m: CompiledMatcher): Trie {
  const { trie: src, nodeAt, rootHashes: hashes, rootAt } = m;
  const num = (table: string, k: number) => parseInt(table.substr(k * NODE_AT_WIDTH, NODE_AT_WIDTH), 36);
  /** node k's line, split: [terms, key, child, key, child, ..., ""] */
  const node = (k: number) => src.slice(num(nodeAt, k), num(nodeAt, k + 1)).split(' ');
  return {
    edge(k, key) {
      if (k) {
        const f = node(k);
        // keys never are empty, so the "" after the last child is no key
        for (let i = 1; i < f.length; i += 2) if (f[i] === key) return +f[i + 1]!;
      } else {
        // the root: a binary search among its edges for the key's hash, then a compare
        const h = hashKey(key) & 0xffff;
        let lo = 0;
        let hi = hashes.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (hashes.charCodeAt(mid) < h) lo = mid + 1;
          else hi = mid;
        }
        for (; hashes.charCodeAt(lo) === h; lo++) {
          const o = num(rootAt, lo);
          if (src.startsWith(key + ' ', o)) return parseInt(src.substr(o + key.length + 1, 9));
        }
      }
      return undefined;
    },
    terms(k) {
      const t = node(k)[0];
      return t ? (JSON.parse(t) as Term[]) : undefined;
    },
  };
}

/** The compiled JSON made ready for lookups, once per matcher. */
export interface PreparedMatcher {
  m: CompiledMatcher;
  trie: Trie;
  titles: Map<string, number[]>;
  maxTitleWords: number;
  types: Set<EntityType>;
  /**
   * One bit per hash of each word a name can start with: most words of a page
   * are turned away here with two array reads, before any string is built.
   */
  rootBits: Uint32Array;
  /** entity index → name, type, fromArticle, read from the compiled strings when asked for */
  entity(e: number): MatcherEntity;
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
  if (m.formatVersion !== MATCHER_FORMAT) throw new Error(`matcher format ${m.formatVersion}`);
  const titles = new Map(Object.entries(m.titles));
  const rootBits = new Uint32Array(ROOT_BITS >>> 5);
  for (let k = 0; k < m.rootHashes.length; k++) {
    const b = m.rootHashes.charCodeAt(k) & ROOT_MASK;
    rootBits[b >>> 5]! |= 1 << (b & 31);
  }
  p = {
    rootBits,
    m,
    trie: readTrie(m),
    titles,
    maxTitleWords: Math.max(1, ...[...titles.keys()].map((k) => k.split(' ').length)),
    types: new Set(m.types),
    entity: (e) => ({ name: m.names[e]!, type: TYPE_NAMES[+m.meta[e * 2]!]!, fromArticle: m.meta[e * 2 + 1] !== '0' }),
  };
  prepared.set(m, p);
  lastPrepared = p;
  return p;
}

/** What a page needs to label entity `id` without asking the background (undefined for an id the matcher lacks). */
export function entityInfo(m: CompiledMatcher, id: string): MatcherEntity | undefined {
  const e = m.ids.indexOf(id);
  return e < 0 ? undefined : prepareMatcher(m).entity(e);
}

function validTerms(list: Term[] | undefined, text: string, from: number, to: number): Term[] {
  if (!list) return [];
  let capital: boolean | undefined;
  let caps: boolean | undefined;
  const out: Term[] = [];
  for (const t of list) {
    // CASE.capital, CASE.allCaps as numbers: the content script is counted in bytes
    if (t[2] === 1 && !(capital ??= startsUpper(text, from))) continue;
    if (t[2] === 2 && !(caps ??= allUpper(text, from, to))) continue;
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
  const { trie, rootBits } = p;
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
    const first = maybe ? trie.edge(0, key0) : undefined;
    if (first === undefined) {
      if (!hangul) continue;
      for (const len of particleSplits(key0)) {
        const node = trie.edge(0, key0.slice(0, -len));
        if (node === undefined) continue;
        const end = tk.end[i]! - len;
        const ts = validTerms(trie.terms(node), text, tk.start[i]!, end);
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
      const ts = validTerms(trie.terms(cur), text, tk.start[i]!, tk.end[j]!);
      if (ts.length) {
        best = { i, j, start: tk.start[i]!, end: dotEnd(tk.end[j]!, ts), terms: ts };
        if (!descriptionOnly(ts)) bestName = best;
      }
      if (j + 1 >= n) break;
      const here = cur;
      const gap = gapKey(text, tk.end[j]!, tk.start[j + 1]!);
      if (gap === '#') break;
      const nextKey = tk.key(j + 1);
      let next = trie.edge(here, gap + nextKey);
      if (next === undefined) {
        // a middle initial between two parts of a name: "Vladimir V. Putin"
        if (gap === '' && nextKey.length === 1 && text.charCodeAt(tk.end[j + 1]!) === 0x2e && j + 2 < n) {
          const gap2 = gapKey(text, tk.end[j + 1]! + 1, tk.start[j + 2]!);
          const skip: number | undefined = gap2 === '#' ? undefined : trie.edge(here, gap2 + tk.key(j + 2));
          if (skip !== undefined && startsUpper(text, tk.start[j + 1]!)) {
            j += 2;
            cur = skip;
            continue;
          }
        }
        // a Korean particle on the last word: "블라디미르 푸틴은"
        if (gap === '' && (flags[j + 1]! & ENDS_HANGUL) !== 0) {
          for (const len of particleSplits(nextKey)) {
            const node = trie.edge(here, nextKey.slice(0, -len));
            if (node === undefined) continue;
            const end = tk.end[j + 1]! - len;
            const ts2 = validTerms(trie.terms(node), text, tk.start[i]!, end);
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
