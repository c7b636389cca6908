/**
 * compileMatcher(packs, options) prepares, once per change of the stories, a matcher from every alias, in
 * the wire format a page reads (matcher-format.ts, docs/adr/0007-matcher-format.md).
 *
 * How: names are cut into the tokens page text is cut into (normalize.ts: folded, accents dropped, soft
 * hyphens ignored) and become a trie of tokens; each edge key is the token plus what may stand before it
 * (nothing for a space or hyphen, "." in "U.S."). A Russian name word is stored as its stem, so it
 * matches in all its declined forms (lang-ru.ts). Every lookup keyed by a name is a Map: a name may be
 * "constructor".
 */
import type { MatcherOptions } from './types';
import type { StoryPack } from './pack';
import { CASE, encode, KIND, MATCHER_FORMAT, TYPE_NAMES, type CompiledMatcher, type MatcherEntity, type Term } from './matcher-format';
import { gapKey, hashKey, isCyrillic, startsUpper, tokenize } from './normalize';
import { ruEndings, russianStem } from './lang-ru';
import { koreanParticles } from './lang-ko';
import { GENERIC_TITLES } from './lang-words';

/** a trie piece's most characters */
const PIECE = 60_000;

/** A declining word added at `node`: one edge (stem + paradigm letter) in the compiled trie where its forms all lead to `child`. */
type ParadigmEdge = [node: number, stem: string, paradigm: number, child: number, forms: string[]];

/** The names of the enabled stories as a trie of folded tokens, before it is laid out for the wire. */
class NameTrie {
  readonly ids: string[] = [];
  readonly entities: MatcherEntity[] = [];
  /** the stories' ids, and the first entity of each */
  readonly stories: string[] = [];
  readonly storyFrom: number[] = [];
  readonly storyCentral: number[] = [];
  /** per node: edge key → child */
  readonly edges: Map<string, number>[] = [new Map()];
  /** per node: the names ending there */
  readonly terms: (Term[] | undefined)[] = [];
  /** folded title → entities that list it as theirs */
  readonly titles = new Map<string, number[]>(GENERIC_TITLES.map((t) => [t, []]));
  readonly paradigmEdges: ParadigmEdge[] = [];
  readonly endings = ruEndings();

  addTitle(title: string, e: number): void {
    const t = tokenize(title);
    const key = t.joinKeys(0, t.count, ' ');
    if (!key) return;
    let list = this.titles.get(key);
    if (!list) this.titles.set(key, (list = []));
    if (!list.includes(e)) list.push(e);
  }

  addName(text: string, e: number, kind: number): void {
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
      keys.push(stem ? this.endings[stem[1]]!.map((x) => gap + stem[0] + x) : [gap + word]);
    }
    let node = 0;
    for (const [k, alts] of keys.entries()) {
      const here = this.edges[node]!;
      let child = alts.map((a) => here.get(a)).find((c) => c !== undefined);
      if (child === undefined) {
        child = this.edges.length;
        this.edges.push(new Map());
      }
      for (const a of alts) if (!here.has(a)) here.set(a, child);
      const st = stems[k];
      if (st) this.paradigmEdges.push([node, st[0], st[1], child, alts]);
      node = child;
    }
    // an abbreviation in a script without capitals (북, 러: Korean) has no case to check
    const cased = text.toUpperCase() !== text.toLowerCase();
    const caseRule = kind === KIND.abbreviation && cased ? CASE.allCaps : startsUpper(text, tk.start[0]!) ? CASE.capital : CASE.any;
    const dotEnd = text.trimEnd().endsWith('.') ? 1 : 0;
    const list = (this.terms[node] ??= []);
    if (!list.some((t) => t[0] === e && t[1] === kind && t[2] === caseRule)) list.push([e, kind, caseRule, dotEnd]);
  }
}

function dateInRange(date: string, from?: string, to?: string): boolean {
  if (from && date < from) return false;
  if (to && date > to) return false;
  return true;
}

/** Prepares the matcher from every name of every entity of the given (enabled) packs. */
export function compileMatcher(packs: StoryPack[], options: MatcherOptions): CompiledMatcher {
  const trie = new NameTrie();
  const seen = new Set<string>();
  const langs = options.languages ? new Set(options.languages.map((l) => l.split('-')[0]!.toLowerCase())) : undefined;
  for (const pack of packs) {
    trie.stories.push(pack.id);
    trie.storyFrom.push(trie.ids.length);
    trie.storyCentral.push(0);
    for (const ent of pack.entities) {
      if (seen.has(ent.id)) continue; // ids are unique across enabled stories; the first pack wins
      seen.add(ent.id);
      const e = trie.ids.length;
      trie.ids.push(ent.id);
      trie.entities.push({ name: ent.name, type: ent.type, fromArticle: ent.fromArticle, central: ent.centrality === 'central' });
      if (ent.centrality === 'central') trie.storyCentral[trie.storyCentral.length - 1]!++;
      trie.addName(ent.name, e, KIND.name);
      for (const nm of ent.names) {
        if (langs && !langs.has(nm.lang.split('-')[0]!.toLowerCase())) continue;
        if (nm.kind === 'description' && (!options.roleMentions || !dateInRange(pack.date, nm.from, nm.to))) continue;
        trie.addName(nm.text, e, KIND[nm.kind]);
      }
      for (const t of ent.titles) trie.addTitle(t, e);
    }
  }
  return layOut(trie, options);
}

/** a node's edges as laid out: [key, child, hashKey(key)] */
type EdgeList = [key: string, child: number, hash: number][];

/**
 * Each node's edges for the wire: a declining word becomes one edge (stem + paradigm letter) where every
 * form of it leads to the same child; its forms then are no edges of their own (where they are not, as when
 * two names share a form, the forms stay). Also the hashes the root's bit table must hold: every root key's,
 * and every form's of a declining root word (a page tests its words as they are).
 */
function edgeLists(trie: NameTrie): { lists: EdgeList[]; rootHashes: number[] } {
  const { edges } = trie;
  const lists: EdgeList[] = edges.map(() => []);
  const covered: Set<string>[] = edges.map(() => new Set());
  const rootHashes: number[] = [];
  const seen = new Set<string>();
  for (const [node, stem, par, child, forms] of trie.paradigmEdges) {
    const id = `${node} ${stem} ${par}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const here = edges[node]!;
    if (!forms.every((f) => here.get(f) === child)) continue;
    for (const f of forms) covered[node]!.add(f);
    lists[node]!.push([stem + String.fromCharCode(65 + par), child, hashKey(stem)]);
    if (!node) for (const f of forms) rootHashes.push(hashKey(f));
  }
  edges.forEach((es, node) => {
    for (const [key, child] of es) if (!covered[node]!.has(key)) lists[node]!.push([key, child, hashKey(key)]);
  });
  return { lists, rootHashes };
}

/** A record of the wire trie before its children are numbered: its terms, its edges' keys (encoded) and children. */
type Unit = [head: string, keys: string[], kids: number[]];

/** The root's edges sorted into nb buckets by hash (a page reads only its word's bucket), and its bit table. */
function rootTable(rootList: EdgeList, rootHashes: number[]): { nb: number; bits: string; bucketUnits: Unit[] } {
  let nb = 1;
  while (nb * 4 < rootList.length && nb < 1 << 16) nb *= 2;
  const bucketOf = (h: number) => (h >>> 16) & (nb - 1);
  rootList.sort((a, b) => bucketOf(a[2]) - bucketOf(b[2]));
  for (const [, , h] of rootList) rootHashes.push(h);
  let nbits = 64;
  while (nbits < rootHashes.length * 32 && nbits < 1 << 18) nbits *= 2;
  const bitArr = new Uint8Array(nbits / 4);
  for (const h of rootHashes) for (const b of [h & (nbits - 1), (h >>> 15) & (nbits - 1)]) bitArr[b >> 2]! |= 1 << (b & 3);
  const bucketUnits: Unit[] = [];
  for (let b = 0, i = 0; b < nb; b++) {
    const from = i;
    while (i < rootList.length && bucketOf(rootList[i]![2]) === b) i++;
    bucketUnits.push(unit('', rootList.slice(from, i)));
  }
  return { nb, bits: Array.from(bitArr, (v) => String.fromCharCode(64 + v)).join(''), bucketUnits };
}

const unit = (head: string, list: EdgeList): Unit => [head, list.map(([key]) => ` ${encode(key)}=`), list.map(([, child]) => child)];

/** Where each unit starts, as a node (piece * 65536 + offset), with children written in `w` digits. */
function unitStarts(units: Unit[], w: number): number[] {
  const at: number[] = [];
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
  return at;
}

/** The name trie in the wire format: the units laid out in pieces (each bucket of the root, then each other node's record). */
function layOut(trie: NameTrie, options: MatcherOptions): CompiledMatcher {
  const { lists, rootHashes } = edgeLists(trie);
  const { nb, bits, bucketUnits } = rootTable(lists[0]!, rootHashes);
  const units = [...bucketUnits];
  for (let k = 1; k < trie.edges.length; k++)
    units.push(
      unit(
        (trie.terms[k] ?? []).map(([e, kind, caseRule, dot]) => e + String.fromCharCode(65 + kind * 6 + caseRule * 2 + dot)).join(''),
        lists[k]!,
      ),
    );
  const entsText = trie.ids.map((id, e) => {
    const ent = trie.entities[e]!;
    return `${id} ${TYPE_NAMES.indexOf(ent.type)}${ent.fromArticle === false ? 0 : 1}${ent.central ? 1 : 0}${ent.name}`;
  });
  const ents = entsText.join('');
  const ru: Record<string, string> = {};
  trie.endings.forEach((es, p) => es.forEach((e) => (ru[encode(e)] = (ru[encode(e)] ?? '') + String.fromCharCode(65 + p))));
  let w = 3;
  let at = unitStarts(units, w);
  while (at[at.length - 1]! >= 36 ** w || ents.length >= 36 ** w) at = unitStarts(units, ++w);
  const ref = (n: number) => n.toString(36).padStart(w, '0');
  // node k is unit nb - 1 + k
  const node = (k: number) => ref(at[nb - 1 + k]!);
  const pieces: string[] = [];
  units.forEach(([head, keys, kids], i) => {
    pieces[at[i]! >>> 16] = (pieces[at[i]! >>> 16] ?? '') + head + keys.map((k, j) => k + node(kids[j]!)).join('') + '|';
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
    stories: trie.stories,
    storyFrom: trie.storyFrom,
    storyCentral: trie.storyCentral,
    trie: pieces,
    ru,
    ko: koreanParticles().map(encode).join(' '),
    w,
    bits,
    buckets: at.slice(0, nb).map(ref).join(''),
    titles: Object.fromEntries([...trie.titles].map(([k, v]) => [encode(k), v])),
    titleWords: Math.max(1, ...[...trie.titles.keys()].map((k) => k.split(' ').length)),
    types: [...options.types],
    roleMentions: options.roleMentions,
  };
}
