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
 * the trie is walked: the cost per token does not depend on the number of names. A Russian name word matches in all
 * its declined forms (lang-ru.ts: stored as its stem, a page word tried by its endings); Korean words are also
 * tried without a particle (lang-ko.ts). The candidates then go to the resolver (resolve.ts),
 * which applies case, surname, title and context rules
 * (docs/detection-rules.md).
 *
 * The compiled form is plain JSON: built in the background, sent to pages, laid out so a page parses it fast
 * (docs/adr/0007-matcher-format.md).
 */
import type { EntityType, StoryPack } from '../core/pack';
import type { MatcherOptions, Mention } from './types';
import { ENDS_HANGUL, gapKey, hashKey, isCyrillic, startsUpper, allUpper, tokenize, type Tokens, type TokenArrays } from './normalize';
import { ruEndings, russianStem } from './lang-ru';
import { koreanParticles } from './lang-ko';
import { GENERIC_TITLES } from './lang-words';
import { resolveMentions, type Candidate } from './resolve';

export const MATCHER_FORMAT = 3;

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
 * prepareMatcher cost next to nothing however many names there are (docs/adr/0007-matcher-format.md):
 * - a few strings instead of tens of thousands of small values, each under 60,000 characters (V8 puts a
 *   string over 128 KB in its large-object space, and JSON.parse then reads it about 3x slower per character);
 * - one byte per character: names are Cyrillic or Hangul, but a single character over U+00FF in a
 *   message makes V8 read all of it as two-byte text, so keys are written with `encode` (display names are
 *   not: a page would have to decode them, and the content script is counted in bytes);
 * - read only where a page's words lead (see Trie).
 */
export interface CompiledMatcher {
  formatVersion: number;
  /**
   * The entities: entity e (as used in terms) is ents.slice(at(e), at(e + 1)), at(e) read from entAt (`w`
   * base-36 digits each, one more than entities): its id, " ", one digit of type (index in TYPE_NAMES), one of
   * fromArticle ("0" false, "1" true or unset) and its display name.
   */
  ents: string;
  entAt: string;
  /**
   * The trie, in pieces. A node is named by where its record starts: piece (n >>> 16), offset (n & 0xffff);
   * node 0 is the root, whose edges are in the records of `buckets`. A record is the terms ending there (each the
   * entity in decimal and one letter A-X for kind, case rule and dotEnd), then for each edge " key=child"
   * (key encoded, child in `w` base-36 digits), then "|". A Russian word that declines is one edge: its stem
   * and a letter naming its paradigm ("A" + its index in `ru`); a page word reaches it when it is the stem
   * plus one of that paradigm's endings.
   */
  trie: string[];
  /** Russian ending (encoded) → the letters of the paradigms (lang-ru.ts ruEndings) that have it */
  ru: Record<string, string>;
  /** the Korean particles (lang-ko.ts), encoded, longest first, joined by " " (data of the matcher, not of the content script) */
  ko: string;
  /** digits of a node, and of an entry of entAt and buckets */
  w: number;
  /**
   * The root's bit table, a Bloom filter: bits (hash & mask) and (hash >>> 15 & mask), mask = 4 * bits.length - 1,
   * are set for the hash (hashKey) of every root key (for a declining Russian word: of its stem, and of each of
   * its forms), four bits per character '@' + 0-15. Most words of a page are turned away by it, before any
   * string is built.
   */
  bits: string;
  /**
   * The root's edges, in nb (a power of two) records without terms: bucket b (hash >>> 16 & (nb - 1)) holds
   * the root keys of that hash, and is named here as a node is, `w` digits each.
   */
  buckets: string;
  /** folded title ("mr", "professor", "supreme leader"), encoded → entities that list it as theirs ([] for generic titles) */
  titles: Record<string, number[]>;
  /** the most words of a title */
  titleWords: number;
  /** entity types to report */
  types: EntityType[];
  roleMentions: boolean;
  [key: string]: unknown;
}

/** a trie piece's most characters */
const PIECE = 60_000;

/**
 * Text as one-byte characters, one to one decodable: U+0000-U+007E as they are, а-я (U+0430-U+044F) as
 * U+0080-U+009F, any other UTF-16 unit c as three: U+00A0 + (c >> 12), U+00C0 + (c >> 6 & 63),
 * U+00C0 + (c & 63). No output character is escaped by JSON.stringify, and none is " ", "=", "|" or
 * A-Z but where the input has them.
 */
export function encode(s: string): string {
  if (!/[^\0-~]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out +=
      c < 127
        ? s[i]
        : c >= 0x430 && c < 0x450
          ? String.fromCharCode(c - 0x3b0)
          : String.fromCharCode(0xa0 + (c >> 12), 0xc0 + ((c >> 6) & 63), 0xc0 + (c & 63));
  }
  return out;
}

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
  /** [node, stem, paradigm, child] of every declining word added (one edge in the compiled trie where its forms all lead to child) */
  const paradigmEdges: [node: number, stem: string, paradigm: number, child: number, forms: string[]][] = [];
  const endings = ruEndings();
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
    const stems: ([string, number] | undefined)[] = [];
    for (let k = 0; k < n; k++) {
      const gap = k === 0 ? '' : gapKey(text, tk.end[k - 1]!, tk.start[k]!);
      if (gap === '#') return; // a name with a comma or quote in it can never match: leave it out
      const word = tk.key(k);
      const raw = text.slice(tk.start[k], tk.end[k]);
      const stem = kind !== KIND.abbreviation && isCyrillic(word) && raw !== raw.toUpperCase() ? russianStem(word) : undefined;
      stems.push(stem && [gap + stem[0], stem[1]]);
      keys.push(stem ? endings[stem[1]]!.map((e) => gap + stem[0] + e) : [gap + word]);
    }
    let node = 0;
    for (const [k, alts] of keys.entries()) {
      const here = edges[node]!;
      let child = alts.map((a) => here[a]).find((c) => c !== undefined);
      if (child === undefined) {
        child = edges.length;
        edges.push({});
      }
      for (const a of alts) if (!Object.hasOwn(here, a)) here[a] = child;
      const st = stems[k];
      if (st) paradigmEdges.push([node, st[0], st[1], child, alts]);
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
  // a declining word becomes one edge (stem + paradigm letter) where every form of it leads to the same child;
  // its forms then are no edges of their own (where they are not, as when two names share a form, the forms stay)
  const lists: [key: string, child: number, hash: number][][] = edges.map(() => []);
  const covered: Set<string>[] = edges.map(() => new Set());
  /** the bit table's hashes: every root key's, and every form's of a declining root word (a page tests its words as they are) */
  const rootHashes: number[] = [];
  const seen = new Set<string>();
  for (const [node, stem, par, child, forms] of paradigmEdges) {
    const id = `${node} ${stem} ${par}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const here = edges[node]!;
    if (!forms.every((f) => here[f] === child)) continue;
    for (const f of forms) covered[node]!.add(f);
    lists[node]!.push([stem + String.fromCharCode(65 + par), child, hashKey(stem)]);
    if (!node) for (const f of forms) rootHashes.push(hashKey(f));
  }
  edges.forEach((es, node) => {
    for (const [key, child] of Object.entries(es)) if (!covered[node]!.has(key)) lists[node]!.push([key, child, hashKey(key)]);
  });
  // the root's edges by bucket, so a page reads only its word's bucket
  const rootList = lists[0]!;
  let nb = 1;
  while (nb * 4 < rootList.length && nb < 1 << 16) nb *= 2;
  const bucketOf = (h: number) => (h >>> 16) & (nb - 1);
  rootList.sort((a, b) => bucketOf(a[2]) - bucketOf(b[2]));
  for (const [, , h] of rootList) rootHashes.push(h);
  let nbits = 64;
  while (nbits < rootHashes.length * 32 && nbits < 1 << 18) nbits *= 2;
  const bitArr = new Uint8Array(nbits / 4);
  for (const h of rootHashes) for (const b of [h & (nbits - 1), (h >>> 15) & (nbits - 1)]) bitArr[b >> 2]! |= 1 << (b & 3);
  // the units laid out in pieces: each bucket of the root, then each other node's record; a unit is its terms,
  // its edges' keys (encoded) and children
  const units: [head: string, keys: string[], kids: number[]][] = [];
  const unit = (head: string, list: [string, number, number][]) =>
    units.push([head, list.map(([key]) => ` ${encode(key)}=`), list.map(([, child]) => child)]);
  for (let b = 0, i = 0; b < nb; b++) {
    const from = i;
    while (i < rootList.length && bucketOf(rootList[i]![2]) === b) i++;
    unit('', rootList.slice(from, i));
  }
  for (let k = 1; k < edges.length; k++)
    unit(
      (terms[k] ?? []).map(([e, kind, caseRule, dot]) => e + String.fromCharCode(65 + kind * 6 + caseRule * 2 + dot)).join(''),
      lists[k]!,
    );
  const entsText = ids.map((id) => {
    const ent = entities[id]!;
    return `${id} ${TYPE_NAMES.indexOf(ent.type)}${ent.fromArticle === false ? 0 : 1}${ent.name}`;
  });
  const ents = entsText.join('');
  const ru: Record<string, string> = {};
  endings.forEach((es, p) => es.forEach((e) => (ru[encode(e)] = (ru[encode(e)] ?? '') + String.fromCharCode(65 + p))));
  let w = 3;
  for (;;) {
    const at: number[] = []; // where each unit starts, as a node
    let piece = 0;
    let len = 0;
    for (const [head, keys] of units) {
      let n = head.length + 1 + keys.length * w;
      for (const k of keys) n += k.length;
      if (len && len + n > PIECE) {
        piece++;
        len = 0;
      }
      at.push(piece * 65536 + len);
      len += n;
    }
    if (at[at.length - 1]! >= 36 ** w || ents.length >= 36 ** w) {
      w++;
      continue;
    }
    const ref = (n: number) => n.toString(36).padStart(w, '0');
    // node k is unit nb - 1 + k
    const node = (k: number) => ref(at[nb - 1 + k]!);
    const trie: string[] = [];
    units.forEach(([head, keys, kids], i) => {
      trie[at[i]! >>> 16] = (trie[at[i]! >>> 16] ?? '') + head + keys.map((k, j) => k + node(kids[j]!)).join('') + '|';
    });
    let entAt = '';
    let o = 0;
    for (const t of entsText) {
      entAt += ref(o);
      o += t.length;
    }
    return {
      formatVersion: MATCHER_FORMAT,
      ents,
      entAt: entAt + ref(o),
      trie,
      ru,
      ko: koreanParticles().map(encode).join(' '),
      w,
      bits: Array.from(bitArr, (v) => String.fromCharCode(64 + v)).join(''),
      buckets: at.slice(0, nb).map(ref).join(''),
      titles: Object.fromEntries(Object.entries(titles).map(([k, v]) => [encode(k), v])),
      titleWords: Math.max(1, ...Object.keys(titles).map((k) => k.split(' ').length)),
      types: [...options.types],
      roleMentions: options.roleMentions,
    };
  }
}

/**
 * The trie of a compiled matcher, read where a page's words lead (most never get past the root's bit table);
 * a node is the offset of its record. No object is indexed by a page word, so "constructor" or "__proto__" is
 * just a word.
 */
export interface Trie {
  /** the child of `node` along edge `key` (`hash`: hashKey(key), when the caller has it) */
  edge(node: number, key: string, hash?: number): number | undefined;
  /** every name ending at `node` */
  terms(node: number): Term[] | undefined;
  /** 1 if a root key may have this hash, else 0 */
  has(hash: number): number;
}

function readTrie(m: CompiledMatcher): Trie {
  const { trie: pieces, w, bits, buckets } = m;
  const mask = bits.length * 4 - 1;
  const nb = buckets.length / w;
  const num = (s: string, o: number) => parseInt(s.substr(o, w), 36);
  const bit = (b: number) => (bits.charCodeAt((b & mask) >> 2) >> (b & 3)) & 1;
  const has = (h: number) => bit(h) & bit(h >>> 15);
  /** the edges of node k; for the root, of the bucket of hash h ("" when the bit table rules h out) */
  const edges = (k: number, h: number) => {
    if (!k) {
      if (!has(h)) return '';
      k = num(buckets, ((h >>> 16) & (nb - 1)) * w);
    }
    const s = pieces[k >>> 16]!;
    return s.slice(k & 0xffff, s.indexOf('|', k & 0xffff));
  };
  /** the child along `key` (encoded, with its leading space) among `part`'s edges */
  const child = (part: string, key: string) => {
    const o = part.indexOf(key + '=');
    return o < 0 ? undefined : num(part, o + key.length + 1);
  };
  return {
    has,
    edge(k, key, h) {
      h ??= hashKey(key);
      // a root key, or a form of a Russian root word, has its hash in the bit table
      if (!k && !has(h)) return undefined;
      const e = ' ' + encode(key);
      const c = child(edges(k, h), e);
      const last = key.charCodeAt(key.length - 1);
      if (c !== undefined || last < 0x430 || last > 0x44f) return c;
      // a Russian word (а-я are one character each, encoded): its stem, with each paradigm that has its ending
      const node = k ? edges(k, 0) : '';
      for (let n = 0; n < 4 && n < e.length - 2; n++) {
        // (an ending is at most 3 characters: never the name of an Object.prototype property)
        const pars = m.ru[e.slice(e.length - n)];
        if (!pars) continue;
        const part = k ? node : edges(0, hashKey(key.slice(0, key.length - n)));
        if (part)
          for (const p of pars) {
            const c2 = child(part, e.slice(0, e.length - n) + p);
            if (c2 !== undefined) return c2;
          }
      }
      return undefined;
    },
    terms(k) {
      const out: Term[] = [];
      const s = pieces[k >>> 16]!;
      // each term: the entity's digits, then a letter A-X; they end at the first edge (" ") or the record's end ("|")
      for (let i = k & 0xffff, e = 0, c; (c = s.charCodeAt(i++)) > 47 && c < 89;)
        if (c < 58) e = e * 10 + c - 48;
        else {
          c -= 65;
          out.push([e, (c / 6) | 0, ((c % 6) / 2) | 0, c & 1]);
          e = 0;
        }
      return out.length ? out : undefined;
    },
  };
}

/** The compiled JSON made ready for lookups, once per matcher. */
export interface PreparedMatcher {
  trie: Trie;
  /** encoded title → entities that list it (see CompiledMatcher), undefined for no title (read from the JSON as it is: a Map of it cost a page more than parsing the matcher) */
  title(key: string): number[] | undefined;
  maxTitleWords: number;
  types: Set<EntityType>;
  /** entity index → name, type, fromArticle, read from the compiled strings when asked for */
  entity(e: number): MatcherEntity;
  /** entity index → id */
  id(e: number): string;
  /** lengths of the Korean particles `word` may end with, longest first, as lang-ko.ts particleSplits */
  splits(word: string): number[];
  /** id → entity index, -1 for an id the matcher lacks */
  index(id: string): number;
}

const prepared = new WeakMap<CompiledMatcher, PreparedMatcher>();

/**
 * The last matcher prepared, kept, and asked first (a page matches chunk after chunk with one matcher):
 * a page receives its matcher as JSON, and the hidden classes JSON.parse gives its objects are held
 * weakly by V8; with the last one kept, the next parse of the same format reuses them and the optimized
 * matching code stays valid (see findMentions). Read here, so a minifier cannot drop it as write-only.
 */
let lastMatcher: CompiledMatcher | undefined;
let lastPrepared: PreparedMatcher | undefined;

export function prepareMatcher(m: CompiledMatcher): PreparedMatcher {
  if (m === lastMatcher) return lastPrepared!;
  let p = prepared.get(m);
  if (p) {
    lastMatcher = m;
    lastPrepared = p;
    return p;
  }
  if (m.formatVersion !== MATCHER_FORMAT) throw new Error(`matcher format ${m.formatVersion}`);
  const { ents, entAt, w } = m;
  const at = (e: number) => parseInt(entAt.substr(e * w, w), 36);
  const rec = (e: number) => ents.slice(at(e), at(e + 1));
  let ko: string[] | undefined;
  p = {
    trie: readTrie(m),
    title: (key) => (Object.hasOwn(m.titles, key) ? m.titles[key] : undefined),
    maxTitleWords: m.titleWords,
    types: new Set(m.types),
    entity(e) {
      const r = rec(e);
      const sp = r.indexOf(' ');
      return { name: r.slice(sp + 3), type: TYPE_NAMES[+r[sp + 1]!]!, fromArticle: r[sp + 2] !== '0' };
    },
    id: (e) => rec(e).split(' ', 1)[0]!,
    splits(word) {
      // the particles are Hangul, three characters each encoded: decoded once, for the first Korean word
      ko ??= m.ko
        .split(' ')
        .map((x) =>
          x.replace(/[^]{3}/g, (t) =>
            String.fromCharCode(((t.charCodeAt(0) - 160) << 12) | ((t.charCodeAt(1) - 192) << 6) | (t.charCodeAt(2) - 192)),
          ),
        );
      return ko.filter((x) => word.length > x.length && word.endsWith(x)).map((x) => x.length);
    },
    index(id) {
      // the story's own entities come first: a page's are found after a few records
      for (let e = 0; e < entAt.length / w - 1; e++) if (ents.startsWith(id + ' ', at(e))) return e;
      return -1;
    },
  };
  prepared.set(m, p);
  lastMatcher = m;
  lastPrepared = p;
  return p;
}

/** What a page needs to label entity `id` without asking the background (undefined for an id the matcher lacks). */
export function entityInfo(m: CompiledMatcher, id: string): MatcherEntity | undefined {
  const p = prepareMatcher(m);
  const e = p.index(id);
  return e < 0 ? undefined : p.entity(e);
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
  const { trie } = p;
  const n = tk.count;
  const { hash, flags } = tk;
  const out: Candidate[] = [];
  const dotEnd = (end: number, ts: Term[]) => (ts.some((t) => t[3]) && text.charCodeAt(end) === 0x2e ? end + 1 : end);

  for (let i = 0; i < n; i++) {
    const maybe = trie.has(hash[i]!);
    const hangul = (flags[i]! & ENDS_HANGUL) !== 0;
    if (!maybe && !hangul) continue;
    const key0 = tk.key(i);
    let best: Candidate | undefined;
    const first = trie.edge(0, key0, hash[i]);
    if (first === undefined) {
      if (!hangul) continue;
      for (const len of p.splits(key0)) {
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
      const next = trie.edge(here, gap + nextKey);
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
          for (const len of p.splits(nextKey)) {
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
