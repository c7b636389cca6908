/**
 * From candidate names to mentions: which entity a candidate is, and whether
 * it is one at all. Pure; every rule is in docs/detection-rules.md with the
 * example that forced it.
 *
 * Everything here reads the piece of text in hand, within the block of each
 * candidate, but for what the whole page says: a bare surname ("Putin") needs
 * the page to name the person in full, and which word the page also writes in
 * lower case. That arrives as data (NameSupport), so a page read in pieces
 * finds what the same text read at once finds (page-reader.ts).
 */
import type { Mention } from './types';
import { encode, type PreparedMatcher, type Term } from './matcher-format';
import { isHan, type Candidate } from './find-candidates';
import { KO_ALONE, KO_BEFORE_NOUN, KO_BOOK_WORDS, KO_COUNTRY_SYLLABLES } from './lang-ko';
import { isCyrillic, isSpaceGap, startsUpper, allUpper, type Tokens } from './normalize';
import {
  BYLINE_CUES,
  CAPITALISED_FUNCTION_WORDS,
  CHANNEL,
  DISH,
  MEDIA_BEFORE,
  MEDIA_COMMON,
  NAMED_AFTER,
  NAMED_BEFORE,
  PLACE_NAMED,
  PLACE_QUALIFIERS,
  PRONOUN_CUES,
  WORDLIKE_ABBREVIATIONS,
} from './lang-words';

const K_NAME = 0;
const K_SURNAME = 1;
const K_ABBR = 2;
const K_DESC = 3;

/**
 * Story entities a page must name in full before a bare surname counts without its own full name:
 * two for a surname only one person of the story has ("Putin and Kim in Russia and North Korea"),
 * three (and the person's own title) for one the story gives to two people ("Chairman Kim").
 */
const CONTEXT_ENTITIES = 2;
const CONTEXT_ENTITIES_SHARED = 3;

/** What the whole page says that a bare surname needs; it grows as the page is read. */
export interface NameSupport {
  /** entity index → how often the page names it in full (a surname or a role mention never counts) */
  readonly named: ReadonlyMap<number, number>;
  /** how many of the story's own entities (not namesakes) the page names in full */
  readonly storyContext: number;
  /** lowerKey(hash) of every word the page writes in lower case */
  readonly lower: ReadonlySet<number>;
}

/** A word's hash as NameSupport.lower holds it: 30 bits, a small integer for V8 (hash equality stands for key equality) */
export const lowerKey = (hash: number): number => hash >>> 2;

export interface Resolved {
  c: Candidate;
  entity: number;
  kind: number;
}

/**
 * A piece of text's candidates sorted out: what its full names and role mentions are does not depend on
 * the rest of the page; what its bare surnames are does (resolveSurnames).
 */
export interface Reading {
  text: string;
  tk: Tokens;
  /** candidates by first and by last token */
  startsAt: Map<number, Candidate>;
  endsAt: Map<number, Candidate>;
  /** names written in full (or as an abbreviation), in text order: what the page names */
  full: Resolved[];
  /** bare surnames, in text order */
  surnames: Candidate[];
  /** role mentions that stand on their own */
  roles: Resolved[];
}

function blockBetween(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes('\u2029');
}

/** Sorts out a piece's candidates (in text order, as findCandidates gives them). */
export function readCandidates(p: PreparedMatcher, text: string, tk: Tokens, candidates: Candidate[]): Reading {
  const startsAt = new Map<number, Candidate>();
  const endsAt = new Map<number, Candidate>();
  for (const c of candidates) {
    startsAt.set(c.i, c);
    endsAt.set(c.j, c);
  }
  const r: Reading = { text, tk, startsAt, endsAt, full: [], surnames: [], roles: [] };
  const roles: Resolved[] = [];
  for (const c of candidates) {
    // one spelling shared by two entities: the first listed (the story's own before namesakes)
    let t: Term | undefined;
    let surname = false;
    for (const term of c.terms) {
      if (term[1] === K_NAME || term[1] === K_ABBR) {
        if (!t || term[0] < t[0]) t = term;
      } else if (term[1] === K_SURNAME) surname = true;
    }
    if (t) {
      if (t[1] === K_ABBR && wordlikeInCapsLine(text, tk, c)) continue;
      if (t[1] === K_ABBR && (c.part || c.end - c.start === 1) && !koreanAbbreviation(p, text, tk, c)) continue;
      // "US$36,254" is a currency, not the country
      if (t[1] === K_ABBR && text.charCodeAt(c.end) === 0x24) continue;
      if (p.entity(t[0]).type === 'place' && (qualifiedPlace(text, tk, c) || namedAfterPlace(text, tk, c, startsAt))) continue;
      r.full.push({ c, entity: t[0], kind: t[1] });
    } else if (surname) {
      // 조선 시대 (the Joseon era) is no North Korea
      const place = c.terms.find((x) => x[1] === K_SURNAME && p.entity(x[0]).type === 'place');
      if (!place || !namedAfterPlace(text, tk, c, startsAt)) r.surnames.push(c);
    } else roles.push({ c, entity: c.terms[0]![0], kind: K_DESC });
  }
  const named = candidates.filter((c) => c.terms.some((t) => t[1] !== K_DESC));
  for (const role of roles) {
    // a name inside it wins ("лидер КНДР", "러시아 대통령": the country is the mention)
    if (named.some((n) => n.start < role.c.end && n.end > role.c.start)) continue;
    // "Russian president Vladimir Putin": the title written next to a name is not a mention of its own
    const next = startsAt.get(role.c.j + 1);
    if (next && isSpaceGap(text, role.c.end, next.start)) continue;
    // ...nor one written right after the name, as Korean does ("블라디미르 푸틴 러시아 대통령")
    const prev = endsAt.get(role.c.i - 1);
    if (prev && isSpaceGap(text, prev.end, role.c.start) && prev.terms.some((x) => x[0] === role.entity)) continue;
    r.roles.push(role);
  }
  return r;
}

/** The entity of each of the reading's surnames (in order), -1 for none, with the page's support as it stands. */
export function resolveSurnames(p: PreparedMatcher, r: Reading, support: NameSupport): number[] {
  /** tokens where a surname was found to be part of someone else's name ("Kim Kardashian", "Jennifer Kim") */
  const others: number[] = [];
  return r.surnames.map((c) => resolveSurname({ p, r, support, others }, c) ?? -1);
}

/**
 * The piece's mentions, in text order: its full names, the surnames whose entity is given, its role
 * mentions. The one place entity types are filtered (the matcher's types: what the reader has on); the
 * page's support counts every type.
 */
export function mentionsOf(p: PreparedMatcher, r: Reading, surnameEntities: readonly number[]): Mention[] {
  const out: Resolved[] = [...r.full];
  r.surnames.forEach((c, k) => {
    if (surnameEntities[k]! >= 0) out.push({ c, entity: surnameEntities[k]!, kind: K_SURNAME });
  });
  out.push(...r.roles);
  out.sort((a, b) => a.c.start - b.c.start);
  const mentions: Mention[] = [];
  for (const x of out) {
    const type = p.entity(x.entity).type;
    if (!p.types.has(type)) continue;
    const mention: Mention = { start: x.c.start, end: x.c.end, entity: p.id(x.entity), type };
    if (x.kind === K_DESC) mention.role = true;
    mentions.push(mention);
  }
  return mentions;
}

/** "LET US KNOW": a word-like abbreviation in an all-caps line, after a verb or preposition, is the word. */
function wordlikeInCapsLine(text: string, tk: Tokens, c: Candidate): boolean {
  const key = tk.joinKeys(c.i, c.j + 1, '');
  if (!WORDLIKE_ABBREVIATIONS.has(key)) return false;
  const isCapsWord = (k: number) => {
    if (k < 0 || k >= tk.count) return false;
    const s = tk.start[k]!;
    const e = tk.end[k]!;
    return e - s >= 2 && allUpper(text, s, e) && !blockBetween(text, Math.min(s, c.start), Math.max(e, c.end));
  };
  // "LET US KNOW", "CONTACT US", "WHAT IT MEANS FOR US": after a verb or preposition it is the pronoun;
  // "THE US", "US SANCTIONS", "CHINA AND US" stay the country
  return isCapsWord(c.i - 1) && PRONOUN_CUES.has(tk.key(c.i - 1));
}

/**
 * 북, 러, 미 written alone (an abbreviation of one syllable; see lang-ko.ts): a country when joined by "·" to
 * another ("북·러", "한·미·일"), or standing as lang-ko.ts allows ("러 국방장관", "미 국무부"), never inside
 * ordinary words ("한 번", "회의 중"). Compounds ("북러") are found whole (find-candidates.ts).
 */
function koreanAbbreviation(p: PreparedMatcher, text: string, tk: Tokens, c: Candidate): boolean {
  const ch = text[c.start]!;
  const k = c.i;
  // Hanja (北, 美) only in Korean text: Korean after it in its block
  if (isHan(ch.charCodeAt(0)) && !koreanAfter(text, tk, c)) return false;
  if (c.part) return true;
  // written onto a Latin word it is part of it ("e북": e-book)
  if (k > 0 && tk.end[k - 1] === c.start) return false;
  if (k > 0 && linkedSyllable(p, text, tk, k - 1, tk.end[k - 1]!, c.start)) return true;
  if (k + 1 < tk.count && linkedSyllable(p, text, tk, k + 1, tk.end[k]!, tk.start[k + 1]!)) return true;
  const next = tk.start[k + 1] ?? -1;
  if (KO_ALONE.includes(ch)) return !(ch === '북' && next > 0 && KO_BOOK_WORDS.includes(tk.key(k + 1).slice(0, 2)));
  return KO_BEFORE_NOUN.includes(ch) && tk.end[k] === c.end && next > 0 && isSpaceGap(text, c.end, next) && text.charCodeAt(next) >= 0xac00;
}

/** a Korean particle on the candidate's word, or a Korean word among the next three of its block */
function koreanAfter(text: string, tk: Tokens, c: Candidate): boolean {
  if (tk.end[c.j]! > c.end) return true;
  for (let n = c.j + 1; n < tk.count && n <= c.j + 3; n++) {
    if (blockBetween(text, tk.end[n - 1]!, tk.start[n]!)) return false;
    const first = text.charCodeAt(tk.start[n]!);
    if (first >= 0xac00 && first <= 0xd7a3) return true;
  }
  return false;
}

/** token k, joined to its neighbour by "·", "-" or "/", is a country syllable (with or without a particle) */
function linkedSyllable(p: PreparedMatcher, text: string, tk: Tokens, k: number, from: number, to: number): boolean {
  if (!/^[^\S\u2029]*[·ㆍ・‧/\u2013-][^\S\u2029]*$/.test(text.slice(from, to))) return false;
  const key = tk.key(k);
  const one =
    key.length === 1
      ? key
      : p
          .splits(key)
          .map((len) => key.slice(0, -len))
          .find((w) => w.length === 1);
  return one !== undefined && KO_COUNTRY_SYLLABLES.includes(one);
}

/**
 * "Moscow, Idaho": a place followed by a comma and a US state or Canadian province is a namesake town.
 * Within the place's block only (a page read in pieces never sees the next block with it).
 */
function qualifiedPlace(text: string, tk: Tokens, c: Candidate): boolean {
  const k = c.j + 1;
  if (k >= tk.count) return false;
  const between = text.slice(c.end, tk.start[k]);
  if (!/^[^\S\u2029]*,[^\S\u2029]*$/.test(between)) return false;
  return PLACE_QUALIFIERS.has(tk.key(k)) && startsUpper(text, tk.start[k]!);
}

/** white space or one hyphen, within a block: "Moscow Times", "Москва-ТВ" */
const joined = (text: string, from: number, to: number) =>
  isSpaceGap(text, from, to) || /^[^\S\u2029]*-[^\S\u2029]*$/.test(text.slice(from, to));

/** a Hangul word is read by its first two syllables (a particle or 집 may follow: 냉면은, 냉면집) */
const stemOf = (key: string) => (key.charCodeAt(0) >= 0xac00 ? key.slice(0, 2) : key);

/**
 * Something else named after the place: a sea, river or island ("South China Sea", "United States Virgin
 * Islands"), an institution or a newspaper ("Seoul National University", "The Moscow Times", "Seoul Shinmun"),
 * a channel ("Moscow 24", "Radio Moscow", "Эхо Москвы"), a dish or drink ("Moscow mule", "Pyongyang cold noodles",
 * "평양 냉면", "mula de Moscú"). Within the place's block only (a page read in pieces never sees the next block).
 */
function namedAfterPlace(text: string, tk: Tokens, c: Candidate, names: Map<number, Candidate>): boolean {
  const k = c.j + 1;
  if (k < tk.count && c.i === c.j && agreeingAdjectives(text, tk, c.i)) return true;
  // up to two more capitalised words may come between ("Virgin" in "United States Virgin Islands")
  for (let f = k, prevEnd = c.end, caps = true; f < tk.count && f <= k + 2; prevEnd = tk.end[f]!, f++) {
    if (!joined(text, prevEnd, tk.start[f]!)) break;
    const key = tk.key(f);
    // a dish: right after the place, or after one more word ("Pyongyang cold noodles"), in any case
    if (f <= k + 1 && NAMED_AFTER.get(stemOf(key)) === DISH) return true;
    if (f === k && /^\d\d?$/.test(key)) return channelNumber(text, tk, f);
    caps &&= startsUpper(text, tk.start[f]!) || key.charCodeAt(0) >= 0xac00;
    const what = caps ? NAMED_AFTER.get(f === k ? stemOf(key) : key) : undefined;
    if (what === PLACE_NAMED || (what === MEDIA_COMMON && !headlineWord(text, tk, c, f, names))) return true;
  }
  const pv = c.i - 1;
  if (pv < 0) return false;
  const gap = text.slice(tk.end[pv], c.start);
  if (/\u2029/.test(gap)) return false;
  const before = NAMED_BEFORE.get(tk.key(pv));
  // "телеканал «Москва 24»", "Radio Moscow", "Эхо Москвы", "Echo of Moscow"
  if (
    (before === CHANNEL && /^[\s«"“„]+$/.test(gap)) ||
    (before === MEDIA_BEFORE && startsUpper(text, tk.start[pv]!) && joined(text, tk.end[pv]!, c.start))
  )
    return true;
  if (pv < 1 || !joined(text, tk.end[pv]!, c.start) || !(tk.key(pv) === 'of' || tk.key(pv) === 'de')) return false;
  // "Echo of Moscow", "mula de Moscú", "fideos fríos de Pionyang"
  for (let b = pv - 1; b >= 0 && b >= pv - 2; b--) {
    const w = NAMED_BEFORE.get(tk.key(b));
    if (w === DISH || (w === MEDIA_BEFORE && b === pv - 1 && startsUpper(text, tk.start[b]!))) return true;
  }
  return false;
}

/**
 * "Moscow News", "Russia Today" name a newspaper and a channel in running text; where a capitalised word follows
 * or the line is in Title Case, the word may be a common one ("Putin Holds Moscow News Conference").
 */
function headlineWord(text: string, tk: Tokens, c: Candidate, f: number, names: Map<number, Candidate>): boolean {
  const n = f + 1;
  if (n < tk.count && isSpaceGap(text, tk.end[f]!, tk.start[n]!) && startsUpper(text, tk.start[n]!)) return true;
  return isTitleCaseBlock(text, tk, c, names);
}

/** a Russian adjective's case ending, ы/и and о/е made one ("Восточный" and "экономический" agree) */
const adjectiveEnding = (w: string) =>
  /(?:[ыи]й|ой|[ая]я|[ое]е|[ыи]е|[ое]го|[ое]му|[ыи]м|[ое]м|[ую]ю|[ыи]х)$/.exec(w)?.[0].replace('ы', 'и').replace('о', 'е');

/**
 * "Восточный военный округ", "Восточного экономического форума": a place named by a Russian adjective
 * (Восточный) followed by another adjective in the same case is the start of another name.
 */
function agreeingAdjectives(text: string, tk: Tokens, i: number): boolean {
  const key = tk.key(i);
  const next = tk.key(i + 1);
  if (!isCyrillic(key) || !isSpaceGap(text, tk.end[i]!, tk.start[i + 1]!) || startsUpper(text, tk.start[i + 1]!)) return false;
  const ending = adjectiveEnding(key);
  return ending !== undefined && ending === adjectiveEnding(next);
}

/**
 * "«Москва 24»", "Moscow 24 TV", "the Moscow 24 channel": a place and a number of one or two digits are a
 * channel where the number ends the phrase or a broadcaster's word follows; not before other words (a count:
 * "Moscow 24 people", "Corea del Norte 24 años después"; a date: "Moscow 24 June").
 */
function channelNumber(text: string, tk: Tokens, f: number): boolean {
  const n = f + 1;
  if (n >= tk.count || !isSpaceGap(text, tk.end[f]!, tk.start[n]!)) return true;
  const what = NAMED_AFTER.get(tk.key(n));
  return what === PLACE_NAMED || what === MEDIA_COMMON;
}

/**
 * Where the quotation holding `at` opened (within its block), or -1 when `at` is not inside one.
 * Curly and angle quotes pair by direction; straight double quotes by count.
 */
function quoteOpenAt(text: string, at: number): number {
  const from = text.lastIndexOf('\u2029', at - 1) + 1;
  let open = -1;
  let straight = -1;
  for (let i = from; i < at; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x201c || ch === 0x00ab || ch === 0x201e)
      open = i; // “ « „
    else if (ch === 0x201d || ch === 0x00bb)
      open = -1; // ” »
    else if (ch === 0x22) straight = straight < 0 ? i : -1;
  }
  return Math.max(open, straight);
}

const SENTENCE_END = /[.!?:;|"“”«»()[\]\u2029\u2014\u2013]/;

/** token k opens a sentence, a block or a quote: its capital says nothing about it being a name */
function sentenceStart(text: string, tk: Tokens, k: number): boolean {
  if (k === 0) return true;
  const gap = text.slice(tk.end[k - 1], tk.start[k]);
  return SENTENCE_END.test(gap);
}

/**
 * The sentence holding the candidate is written in Title Case: most of its
 * longer words are capitalised, not counting the two neighbours being judged
 * nor other names ("When Did Putin Arrive, and How Long Did He Stay?").
 */
function isTitleCaseBlock(text: string, tk: Tokens, c: Candidate, names: Map<number, Candidate>): boolean {
  let caps = 0;
  let words = 0;
  const look = (k: number) => {
    if (k === c.i - 1 || k === c.j + 1 || names.has(k)) return;
    if (tk.end[k]! - tk.start[k]! >= 4) {
      words++;
      if (startsUpper(text, tk.start[k]!)) caps++;
    }
  };
  // back to the sentence's start, never into the block before (a page read in pieces never sees it)
  for (let k = c.i - 1; k >= 0 && k >= c.i - 12 && !blockBetween(text, tk.end[k]!, tk.start[k + 1]!); k--) {
    look(k);
    if (k > 0 && sentenceGap(text, tk.end[k - 1]!, tk.start[k]!)) break;
  }
  for (let k = c.j + 1; k < tk.count && k <= c.j + 12; k++) {
    if (sentenceGap(text, tk.end[k - 1]!, tk.start[k]!)) break;
    look(k);
  }
  return words >= 3 && caps / words >= 0.6;
}

/** the gap ends a sentence or a block (. ! ? or a block break) */
function sentenceGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x2e || ch === 0x21 || ch === 0x3f || ch === 0x2029) return true;
  }
  return false;
}

/**
 * title words just before token i ("Mr", "Mr.", "Supreme Leader"), in its block, as a folded key encoded
 * as the matcher's titles are, or undefined
 */
function titleBefore(p: PreparedMatcher, text: string, tk: Tokens, i: number): string | undefined {
  for (let n = Math.min(p.maxTitleWords, i); n >= 1; n--) {
    const first = i - n;
    const gap = text.slice(tk.end[i - 1], tk.start[i]);
    if (!/^\.?[^\S\u2029]+$/.test(gap)) return undefined;
    let ok = true;
    for (let k = first; k < i - 1; k++) if (!isSpaceGap(text, tk.end[k]!, tk.start[k + 1]!)) ok = false;
    if (!ok) continue;
    const key = encode(tk.joinKeys(first, i, ' '));
    if (p.title(key)) return key;
  }
  return undefined;
}

/** what resolving one piece's surnames reads */
interface SurnameContext {
  p: PreparedMatcher;
  r: Reading;
  support: NameSupport;
  /** tokens where a surname was found to be part of someone else's name ("Kim Kardashian", "Jennifer Kim") */
  others: number[];
}

function resolveSurname(x: SurnameContext, c: Candidate): number | undefined {
  const { p, r } = x;
  const { text, tk } = r;
  let cands = [...new Set(c.terms.filter((t) => t[1] === K_SURNAME).map((t) => t[0]))];
  const title = titleBefore(p, text, tk, c.i);
  if (someoneElses(x, c, cands.length, title)) {
    x.others.push(c.i);
    return undefined;
  }
  // A surname the story gives to two people ("Kim") is common: the story around is not enough,
  // it takes the full name, or one of the person's own titles ("Chairman Kim").
  const shared = cands.length > 1;
  // "Professor Kim" is the Kim whose titles include Professor
  let titled = false;
  if (title) {
    const own = p.title(title) ?? [];
    const narrowed = cands.filter((e) => own.includes(e));
    if (narrowed.length) {
      cands = narrowed;
      titled = narrowed.length === 1;
    }
  }
  if (!titled) {
    const last = lastNamedInBlock(x, c);
    // ...unless the surname stands in a quotation opened since: the speaker talks of someone else
    // ("said Kim Jae-chun: “Putin needs shells. Kim needs technology.”" is Kim Jong Un)
    // (a namesake of the story's pack too: "Kim Yo Jong spoke. Kim said" is Kim Yo Jong, not Kim Jong Un)
    if (last && !(quoteOpenAt(text, c.start) > last.at)) return last.entity;
  }
  return supportedReading(x, cands, title, shared);
}

/** The surname is part of someone else's name: "Kim Kardashian", "Jennifer Kim". */
function someoneElses(x: SurnameContext, c: Candidate, people: number, title: string | undefined): boolean {
  const { text, tk, startsAt, endsAt } = x.r;
  const shouting = allUpper(text, c.start, c.end);
  // In a Title Case Heading ("When Did Putin Arrive") every word is capitalised: the two rules below cannot tell.
  let titleCaseMemo: boolean | undefined;
  const titleCase = () => (titleCaseMemo ??= !shouting && isTitleCaseBlock(text, tk, c, startsAt));
  // "Kim Kardashian": a capitalised word right after the surname makes it someone else's name
  const nx = c.j + 1;
  if (!shouting && nx < tk.count && isSpaceGap(text, c.end, tk.start[nx]!) && startsUpper(text, tk.start[nx]!)) {
    if (!CAPITALISED_FUNCTION_WORDS.has(tk.key(nx)) && !startsAt.has(nx) && !titleCase()) return true;
  }
  // "Jennifer Kim": a capitalised first name before it (not a title, not a word that starts sentences:
  // "Previous Putin trip", "Накануне Путин выступал")
  const pv = c.i - 1;
  if (title || shouting || pv < 0 || !isSpaceGap(text, tk.end[pv]!, c.start) || !startsUpper(text, tk.start[pv]!)) return false;
  if (CAPITALISED_FUNCTION_WORDS.has(tk.key(pv)) || endsAt.has(pv) || allUpper(text, tk.start[pv]!, tk.end[pv]!)) return false;
  // "By Christopher Kim", "Автор: Мария Путина": after a byline's cue the word is a given name, wherever it stands
  if (pv > 0 && BYLINE_CUES.has(tk.key(pv - 1)) && !blockBetween(text, tk.end[pv - 1]!, tk.start[pv]!)) return true;
  return (
    // A sentence's first word is capitalised anyway (so is every word of a Title Case Heading: "As Trump
    // Reaches Toward Putin"): it is a common word if the page also writes it in lower case, and taken as one
    // before a surname only one person of the story has ("Переговоры Путина", not "Stella Kim reported").
    !((sentenceStart(text, tk, pv) || titleCase()) && (people === 1 || x.support.lower.has(lowerKey(tk.hash[pv]!))))
  );
}

/**
 * The last person of the surname the paragraph named before it, who is the one meant: "Kim Yo Jong said ...
 * Kim added" is Kim Yo Jong; "Kim" after "Kim Kardashian" is no one (entity undefined); "Kim Jae-chun ...
 * said. Kim added" is Kim Jae-chun. Undefined when the paragraph named none.
 */
function lastNamedInBlock(x: SurnameContext, c: Candidate): { at: number; entity: number | undefined } | undefined {
  const { text, tk, full } = x.r;
  const blockStart = text.lastIndexOf('\u2029', c.start) + 1;
  const surnameKey = tk.key(c.i);
  let last: { at: number; entity: number | undefined } | undefined;
  // full is in text order: walk back from the surname to the paragraph's start
  let lo = 0;
  let hi = full.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (full[mid]!.c.start < c.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0; k--) {
    const f = full[k]!;
    if (f.c.start < blockStart) break;
    if (x.p.entity(f.entity).type !== 'person' || tk.key(f.c.i) !== surnameKey) continue;
    last = { at: f.c.start, entity: f.entity };
    break;
  }
  for (const k of x.others)
    if (tk.key(k) === surnameKey && tk.start[k]! >= blockStart && tk.start[k]! < c.start && tk.start[k]! > (last?.at ?? -1))
      last = { at: tk.start[k]!, entity: undefined };
  return last;
}

/**
 * The page must support the reading: the person named in full, or enough of the story around. Of several,
 * the one the page names most, then the story's own before namesakes, then pack order.
 */
function supportedReading(x: SurnameContext, cands: number[], title: string | undefined, shared: boolean): number | undefined {
  const { p, support } = x;
  const named = (e: number) => support.named.get(e) ?? 0;
  const ownTitle = (e: number) => title !== undefined && (p.title(title) ?? []).includes(e);
  // a place's short name that is also a common word (조선: North Korea, also Joseon and shipbuilding) needs the
  // place named in full
  const place = (e: number) => p.entity(e).type === 'place';
  cands = cands.filter(
    (e) =>
      named(e) > 0 ||
      (!place(e) &&
        ((!shared && title !== undefined) || // "President Putin", "Mr Shoigu"
          (!shared && support.storyContext >= CONTEXT_ENTITIES) ||
          (support.storyContext >= CONTEXT_ENTITIES_SHARED && ownTitle(e)))),
  );
  if (cands.length <= 1) return cands[0];
  const own = (e: number) => Number(p.entity(e).fromArticle !== false);
  cands.sort((a, b) => named(b) - named(a) || own(b) - own(a) || a - b);
  return cands[0];
}
