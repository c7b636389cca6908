/**
 * The compiled matcher as it travels from the background to each page: plain JSON, written by
 * compileMatcher (compile-matcher.ts) and read here, laid out so a page parses it fast
 * (docs/adr/0007-matcher-format.md). What a page does with it is in page-reader.ts.
 */
import type { EntityType } from './pack';
import { hashKey } from './normalize';
import { endsWithParticle } from './lang-ko';

export const MATCHER_FORMAT = 4;

/** kinds of name, as stored in a term */
export const KIND = { name: 0, surname: 1, abbreviation: 2, description: 3 } as const;
/** case rules: 0 any case, 1 first letter a capital (or all caps), 2 all capitals */
export const CASE = { any: 0, capital: 1, allCaps: 2 } as const;

/** [entity index, kind, case rule, 1 if the name ends with "." (U.S.)] */
export type Term = [entity: number, kind: number, caseRule: number, dotEnd: number];

/** What a page knows of an entity (its card is the background's business: cards are asked of it). */
export interface MatcherEntity {
  name: string;
  type: EntityType;
  /** false for namesakes carried only to be told apart */
  fromArticle?: boolean;
  /** central to its story (pack.ts Centrality): what decides whether a page is coverage of it (coverage-decision.ts) */
  central?: boolean;
}

/** the entity types by their digit in `ents` */
export const TYPE_NAMES: readonly EntityType[] = ['person', 'place', 'organization'];

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
   * fromArticle ("0" false, "1" true or unset), one of centrality ("1" central, "0" background) and its display name.
   */
  ents: string;
  entAt: string;
  /** the stories' ids (pack ids), in the order their entities are numbered */
  stories: string[];
  /** storyFrom[s]: the first entity of story s (its entities run to the next story's first) */
  storyFrom: number[];
  /** storyCentral[s]: how many of story s's entities are central */
  storyCentral: number[];
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
  /** entity index → name, type, fromArticle, central, read from the compiled strings when asked for */
  entity(e: number): MatcherEntity;
  /** entity index → its story's index in `stories` */
  story(e: number): number;
  /** the stories' ids */
  stories: readonly string[];
  /** entity index → id */
  id(e: number): string;
  /** lengths of the Korean particles `word` may end with, longest first, as lang-ko.ts particleSplits */
  splits(word: string): number[];
  /** id → entity index, -1 for an id the matcher lacks */
  index(id: string): number;
}

const prepared = new WeakMap<CompiledMatcher, PreparedMatcher>();

/**
 * The last matcher prepared, kept, and asked first (a page reads piece after piece with one matcher):
 * a page receives its matcher as JSON, and the hidden classes JSON.parse gives its objects are held
 * weakly by V8; with the last one kept, the next parse of the same format reuses them and the optimized
 * matching code stays valid. Read here, so a minifier cannot drop it as write-only.
 */
let lastMatcher: CompiledMatcher | undefined;
let lastPrepared: PreparedMatcher | undefined;

export function prepareMatcher(m: CompiledMatcher): PreparedMatcher {
  if (m === lastMatcher) return lastPrepared!;
  let p = prepared.get(m);
  if (!p) {
    if (m.formatVersion !== MATCHER_FORMAT) throw new Error(`matcher format ${m.formatVersion}`);
    p = readMatcher(m);
    prepared.set(m, p);
  }
  lastMatcher = m;
  lastPrepared = p;
  return p;
}

function readMatcher(m: CompiledMatcher): PreparedMatcher {
  const { ents, entAt, w } = m;
  const at = (e: number) => parseInt(entAt.substr(e * w, w), 36);
  const rec = (e: number) => ents.slice(at(e), at(e + 1));
  const id = (e: number) => rec(e).split(' ', 1)[0]!;
  /** the Korean endings by their last character (a Korean page asks for every word that is no name) */
  let ko: Map<string, string[]> | undefined;
  let byId: Map<string, number> | undefined;
  return {
    trie: readTrie(m),
    title: (key) => (Object.hasOwn(m.titles, key) ? m.titles[key] : undefined),
    maxTitleWords: m.titleWords,
    types: new Set(m.types),
    entity(e) {
      const r = rec(e);
      const sp = r.indexOf(' ');
      return { name: r.slice(sp + 4), type: TYPE_NAMES[+r[sp + 1]!]!, fromArticle: r[sp + 2] !== '0', central: r[sp + 3] === '1' };
    },
    story(e) {
      const from = m.storyFrom;
      let s = from.length - 1;
      while (s > 0 && from[s]! > e) s--;
      return s;
    },
    stories: m.stories,
    id,
    splits(word) {
      // the particles are Hangul, three characters each encoded: decoded once, for the first Korean word
      if (!ko) {
        ko = new Map();
        for (const enc of m.ko.split(' ')) {
          const x = enc.replace(/[^]{3}/g, (t) =>
            String.fromCharCode(((t.charCodeAt(0) - 160) << 12) | ((t.charCodeAt(1) - 192) << 6) | (t.charCodeAt(2) - 192)),
          );
          const last = x[x.length - 1]!;
          ko.set(last, [...(ko.get(last) ?? []), x]);
        }
      }
      return (ko.get(word[word.length - 1]!) ?? []).filter((x) => endsWithParticle(word, x)).map((x) => x.length);
    },
    index(key) {
      // built on the first question (most pages never ask), so no story's size is walked per question
      if (!byId) {
        byId = new Map();
        for (let e = entAt.length / w - 2; e >= 0; e--) byId.set(id(e), e);
      }
      return byId.get(key) ?? -1;
    },
  };
}

/** What a page needs to label entity `id` without asking the background (undefined for an id the matcher lacks). */
export function entityInfo(m: CompiledMatcher, id: string): MatcherEntity | undefined {
  const p = prepareMatcher(m);
  const e = p.index(id);
  return e < 0 ? undefined : p.entity(e);
}
