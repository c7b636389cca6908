/**
 * The one pass over a text: every place a name of the matcher's stories is written, as candidates for the
 * resolver (resolve.ts). The text's tokens (normalize.ts) carry the hash of their folded key; a bit table of
 * the hashes of every name's first word turns most tokens away, and from the rest the trie is walked: the
 * cost per token does not depend on the number of names. A Russian name word matches in all its declined
 * forms (stored as its stem, a page word tried by its endings); Korean words are also tried without a
 * particle (lang-ko.ts).
 */
import { KIND, type PreparedMatcher, type Term } from './matcher-format';
import { KO_COUNTRY_SYLLABLES, KO_NOT_COMPOUNDS } from './lang-ko';
import { ENDS_HANGUL, allUpper, gapKey, startsUpper, type Tokens } from './normalize';

/** A name found in the text: tokens i..j, text [start, end), and the names (terms) it can be. */
export interface Candidate {
  i: number;
  j: number;
  start: number;
  end: number;
  terms: Term[];
  /** one syllable of a Korean headline compound ("북러"): a country by its abbreviation */
  part?: true;
}

/** the terms whose case rule the text [from, to) meets */
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

const descriptionOnly = (ts: Term[]) => ts.every((t) => t[1] === KIND.description);

/**
 * A name that is token i alone, with a Korean particle written on it ("푸틴은"), the particle left out;
 * undefined when there is none.
 */
function koreanWord(p: PreparedMatcher, text: string, tk: Tokens, i: number, key: string): Candidate | undefined {
  for (const len of p.splits(key)) {
    const node = p.trie.edge(0, key.slice(0, -len));
    if (node === undefined) continue;
    const end = tk.end[i]! - len;
    const ts = validTerms(p.trie.terms(node), text, tk.start[i]!, end);
    if (ts.length) return { i, j: i, start: tk.start[i]!, end, terms: ts };
  }
  return undefined;
}

/**
 * "북러", "한미일은": a Korean headline compound of one-syllable country names (lang-ko.ts). The compound names
 * each country whose syllable the pack has as an abbreviation: one candidate per country, each the whole
 * compound (a reader and the gold see one word, "북러", naming both); a particle or 간 ("between") may follow.
 */
function koreanCompound(p: PreparedMatcher, text: string, tk: Tokens, i: number, key: string, out: Candidate[]): void {
  const stem = [key, ...p.splits(key).map((len) => key.slice(0, -len))]
    .flatMap((w) => (w.endsWith('간') ? [w, w.slice(0, -1)] : [w]))
    .find(isCompound);
  if (!stem) return;
  for (let k = 0; k < stem.length; k++) {
    const node = p.trie.edge(0, stem[k]!);
    const start = tk.start[i]!;
    const ts = node === undefined ? [] : validTerms(p.trie.terms(node), text, start, start).filter((t) => t[1] === KIND.abbreviation);
    if (ts.length) out.push({ i, j: i, start, end: start + stem.length, terms: ts, part: true });
  }
}

/** a CJK unified ideograph (Hanja) */
export const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** two or three different country syllables that are not another word */
const isCompound = (w: string) =>
  w.length > 1 &&
  w.length < 4 &&
  [...w].every((ch, k) => KO_COUNTRY_SYLLABLES.includes(ch) && w.indexOf(ch) === k) &&
  !KO_NOT_COMPOUNDS.includes(w);

/** "Vladimir V. Putin": the node past a middle initial (token j + 1) between two words of a name, or undefined */
function pastInitial(p: PreparedMatcher, text: string, tk: Tokens, j: number, here: number, nextKey: string): number | undefined {
  if (nextKey.length !== 1 || text.charCodeAt(tk.end[j + 1]!) !== 0x2e || j + 2 >= tk.count) return undefined;
  const gap2 = gapKey(text, tk.end[j + 1]! + 1, tk.start[j + 2]!);
  const skip = gap2 === '#' ? undefined : p.trie.edge(here, gap2 + tk.key(j + 2));
  return skip !== undefined && startsUpper(text, tk.start[j + 1]!) ? skip : undefined;
}

/** "블라디미르 푸틴은": a name of tokens i..j + 1 (j read to trie node `here`) with a Korean particle on its last word */
function koreanLastWord(
  p: PreparedMatcher,
  text: string,
  tk: Tokens,
  i: number,
  j: number,
  here: number,
  nextKey: string,
): Candidate | undefined {
  if ((tk.flags[j + 1]! & ENDS_HANGUL) === 0) return undefined;
  for (const len of p.splits(nextKey)) {
    const node = p.trie.edge(here, nextKey.slice(0, -len));
    if (node === undefined) continue;
    const end = tk.end[j + 1]! - len;
    const ts = validTerms(p.trie.terms(node), text, tk.start[i]!, end);
    if (ts.length) return { i, j: j + 1, start: tk.start[i]!, end, terms: ts };
  }
  return undefined;
}

/**
 * Longest name starting at each token, left to right, without overlaps (but for role mentions, see below).
 * The loop every token of a page goes through: kept in one piece, its rare branches in the helpers above.
 */
export function findCandidates(p: PreparedMatcher, text: string, tk: Tokens): Candidate[] {
  const { trie } = p;
  const n = tk.count;
  const { hash, flags } = tk;
  const out: Candidate[] = [];
  const dotEnd = (end: number, ts: Term[]) => (ts.some((t) => t[3]) && text.charCodeAt(end) === 0x2e ? end + 1 : end);

  for (let i = 0; i < n; i++) {
    const maybe = trie.has(hash[i]!);
    const hangul = (flags[i]! & ENDS_HANGUL) !== 0;
    // a word of Han characters may be a Hanja compound of countries (韓美)
    const han = !maybe && !hangul && isHan(text.charCodeAt(tk.start[i]!));
    if (!maybe && !hangul && !han) continue;
    const key0 = tk.key(i);
    const first = trie.edge(0, key0, hash[i]);
    if (first === undefined) {
      const ko = hangul ? koreanWord(p, text, tk, i, key0) : undefined;
      if (ko) out.push(ko);
      else if ((hangul || han) && KO_COUNTRY_SYLLABLES.includes(key0[0]!)) koreanCompound(p, text, tk, i, key0, out);
      continue;
    }
    let best: Candidate | undefined;
    let bestName: Candidate | undefined;
    let cur: number = first;
    let j = i;
    for (;;) {
      const ts = validTerms(trie.terms(cur), text, tk.start[i]!, tk.end[j]!);
      if (ts.length) {
        best = { i, j, start: tk.start[i]!, end: dotEnd(tk.end[j]!, ts), terms: ts };
        if (!descriptionOnly(ts)) bestName = best;
      }
      if (j + 1 >= n) break;
      const gap = gapKey(text, tk.end[j]!, tk.start[j + 1]!);
      if (gap === '#') break;
      const nextKey = tk.key(j + 1);
      const next = trie.edge(cur, gap + nextKey);
      if (next !== undefined) {
        j++;
        cur = next;
        continue;
      }
      if (gap === '') {
        const skip = pastInitial(p, text, tk, j, cur, nextKey);
        if (skip !== undefined) {
          j += 2;
          cur = skip;
          continue;
        }
        const ko = koreanLastWord(p, text, tk, i, j, cur, nextKey);
        if (ko) {
          best = ko;
          if (!descriptionOnly(ko.terms)) bestName = best;
        }
      }
      break;
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
