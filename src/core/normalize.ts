/**
 * Folding and tokenizing, shared by the matcher's compile step (names) and
 * its search (page text), so both sides see the same tokens.
 *
 * fold(): one UTF-16 unit in, one out, so the folded text has the same length
 * and offsets as the page text: lower case, Latin diacritics dropped
 * (Moscú = Moscu, Vladímir = Vladimir), ё = е, typographic apostrophes and
 * dashes made plain, no-break space = space. Hangul and Cyrillic letters keep
 * their identity (й is not и: Сергей, Восточный).
 *
 * Tokens are runs of letters and digits. Soft hyphens, zero-width characters
 * and combining marks inside a run are ignorable: they neither split a token
 * nor count in its key ("Pu\u00adtin" is "putin").
 */

export const CharClass = {
  Unknown: 0,
  Separator: 1,
  Word: 2,
  /** inside a word, dropped from its key */
  Ignorable: 3,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

const FOLD = new Uint16Array(65536);
const CLASS = new Uint8Array(65536);

const WORD_RE = /[\p{L}\p{N}]/u;
const MARK_RE = /\p{M}/u;

function computeChar(c: number): void {
  let folded = c;
  let cls: CharClass = CharClass.Separator;
  if (c >= 0xd800 && c <= 0xdfff) {
    // astral characters (emoji, rare scripts): separators
  } else if (c === 0x00ad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) {
    cls = CharClass.Ignorable;
  } else {
    const ch = String.fromCharCode(c);
    if (MARK_RE.test(ch)) cls = CharClass.Ignorable;
    else if (WORD_RE.test(ch)) {
      cls = CharClass.Word;
      if (c >= 0xac00 && c <= 0xd7a3) folded = c; // Hangul syllables: NFD would split them into jamo
      else if (c >= 0x0400 && c <= 0x04ff) {
        const lower = ch.toLowerCase();
        folded = lower.length === 1 ? lower.charCodeAt(0) : c;
        if (folded === 0x0451) folded = 0x0435; // ё → е
      } else {
        const base = ch.normalize('NFD')[0] ?? ch;
        const lower = base.toLowerCase();
        folded = lower.length === 1 ? lower.charCodeAt(0) : base.length === 1 ? base.charCodeAt(0) : c;
      }
    } else if (c === 0x00a0 || c === 0x202f || c === 0x2007) folded = 0x20;
    else if (c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0x2032) folded = 0x27; // ’ ‘ ʼ ′ → '
    else if (c >= 0x2010 && c <= 0x2015) folded = 0x2d; // ‐ ‑ ‒ – — ― → -
  }
  FOLD[c] = folded || c;
  CLASS[c] = cls;
}

export function classOf(c: number): CharClass {
  if (CLASS[c] === CharClass.Unknown) computeChar(c);
  return CLASS[c] as CharClass;
}

export function foldCode(c: number): number {
  if (CLASS[c] === CharClass.Unknown) computeChar(c);
  return FOLD[c]!;
}

/** The text folded unit by unit: same length, same offsets. */
export function foldText(text: string): string {
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (CLASS[c] === CharClass.Unknown) computeChar(c);
    out[i] = FOLD[c]!;
  }
  let s = '';
  const STEP = 8192;
  for (let i = 0; i < n; i += STEP) s += String.fromCharCode.apply(null, out.subarray(i, i + STEP) as unknown as number[]);
  return s;
}

export interface Tokens {
  /** offsets in the text */
  start: number[];
  end: number[];
  /** folded, without ignorable characters */
  key: string[];
}

/** Tokens of a text (letters and digits runs), with their folded keys. */
export function tokenize(text: string, folded: string = foldText(text)): Tokens {
  const start: number[] = [];
  const end: number[] = [];
  const key: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = CLASS[c] || classOf(c);
    if (k !== CharClass.Word) {
      i++;
      continue;
    }
    const s = i;
    let ignorable = false;
    i++;
    while (i < n) {
      c = text.charCodeAt(i);
      k = CLASS[c] || classOf(c);
      if (k === CharClass.Word) i++;
      else if (k === CharClass.Ignorable) {
        ignorable = true;
        i++;
      } else break;
    }
    // trailing ignorables (a soft hyphen at the end of a line) are not part of the word
    let e = i;
    if (ignorable) while (e > s && classOf(text.charCodeAt(e - 1)) === CharClass.Ignorable) e--;
    let kk = folded.slice(s, e);
    if (ignorable) {
      let clean = '';
      for (let j = s; j < e; j++) if (classOf(text.charCodeAt(j)) === CharClass.Word) clean += folded[j];
      kk = clean;
    }
    start.push(s);
    end.push(e);
    key.push(kk);
  }
  return { start, end, key };
}

/**
 * What may stand between two tokens of one name, reduced to a key:
 * white space, line breaks, hyphens and ignorables count as nothing
 * ("Kim Jong-un" = "Kim Jong Un"), "." and "'" are kept ("U.S.", "People's"),
 * anything else (a comma, a block break, a quote) makes the gap "#", which no
 * name has.
 */
export function gapKey(folded: string, from: number, to: number): string {
  if (to - from > 40) return '#';
  let g = '';
  for (let i = from; i < to; i++) {
    const c = folded.charCodeAt(i);
    if (c === 0x20 || c === 0x2d || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) continue;
    if (c === 0x2e || c === 0x27) {
      g += folded[i];
      continue;
    }
    const k = classOf(c);
    if (k === CharClass.Ignorable) continue;
    if (c === 0x2029 || k !== CharClass.Word) return '#';
  }
  return g;
}

/** true when the gap is only spaces (no hyphen, no punctuation): "Kim Kardashian", not "Putin-Kim" */
export function isSpaceGap(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > 40) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 0x20 || c === 0xa0 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x202f || classOf(c) === CharClass.Ignorable))
      return false;
  }
  return true;
}

export function isHangul(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0xac00 && c <= 0xd7a3;
}

/** the word ends in Hangul, so it may carry a Korean particle (김정은과, and YTN은, KCNA는) */
export function endsHangul(key: string): boolean {
  const c = key.charCodeAt(key.length - 1);
  return c >= 0xac00 && c <= 0xd7a3;
}

export function isCyrillic(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0x0400 && c <= 0x04ff;
}

/** first character is a capital (has case and is upper): "Kim", "KIM", "Путин" */
export function startsUpper(text: string, at: number): boolean {
  const ch = text[at] ?? '';
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** every cased letter in text[from, to) is a capital, and there is at least one */
export function allUpper(text: string, from: number, to: number): boolean {
  const s = text.slice(from, to);
  return s === s.toUpperCase() && s !== s.toLowerCase();
}
