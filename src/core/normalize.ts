/**
 * Folding and tokenizing, shared by the matcher's compile step (names) and
 * its search (page text), so both sides see the same tokens.
 *
 * foldCode(): one UTF-16 unit in, one out (offsets never shift): lower case, Latin diacritics dropped
 * (Moscú = Moscu, Vladímir = Vladimir), ё = е, typographic apostrophes and
 * dashes made plain, no-break space = space. Hangul and Cyrillic letters keep
 * their identity (й is not и: Сергей, Восточный).
 *
 * Tokens are runs of letters and digits; Hangul after a Latin letter starts a new one ("AFP연합뉴스").
 * Soft hyphens, zero-width characters
 * and combining marks inside a run are ignorable: they neither split a token
 * nor count in its key ("Pu\u00adtin" is "putin"). The tokenizer reads each
 * character of a word once through two lookup tables and hashes its folded key
 * as it goes (runs of white space, most of a page's collected text, are skipped
 * by the regex engine); words go into typed arrays, and key strings are built
 * only for the few words that may start a name.
 */

/* character classes (plain numbers: they are compared on every character, and the content script is counted in bytes) */
const UNKNOWN = 0;
const SEPARATOR = 1;
const WORD = 2;
/** inside a word, dropped from its key */
const IGNORABLE = 3;

const FOLD = new Uint16Array(65536);
const CLASS = new Uint8Array(65536);
/** STARTS_LOWER for a lower-case character (one that upper case changes), else 0; set with CLASS */
const LOWER = new Uint8Array(65536);

const WORD_RE = /[\p{L}\p{N}]/u;
const MARK_RE = /\p{M}/u;

function computeChar(c: number): void {
  let folded = c;
  let cls = SEPARATOR;
  if (c >= 0xd800 && c <= 0xdfff) {
    // astral characters (emoji, rare scripts): separators
  } else if (c === 0x00ad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) {
    cls = IGNORABLE;
  } else {
    const ch = String.fromCharCode(c);
    if (MARK_RE.test(ch)) cls = IGNORABLE;
    else if (WORD_RE.test(ch)) {
      cls = WORD;
      if (ch !== ch.toUpperCase()) LOWER[c] = STARTS_LOWER;
      if (c >= 0xac00 && c <= 0xd7a3)
        folded = c; // Hangul syllables: NFD would split them into jamo
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
    else if (c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0x2032)
      folded = 0x27; // ’ ‘ ʼ ′ → '
    else if (c >= 0x2010 && c <= 0x2015) folded = 0x2d; // ‐ ‑ ‒ – — ― → -
  }
  FOLD[c] = folded || c;
  CLASS[c] = cls;
}

function classOf(c: number): number {
  if (CLASS[c] === UNKNOWN) computeChar(c);
  return CLASS[c]!;
}

export function foldCode(c: number): number {
  if (CLASS[c] === UNKNOWN) computeChar(c);
  return FOLD[c]!;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a folded key: the tokenizer computes the same number while it reads a word. */
export function hashKey(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function grown<T extends Int32Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** token flags */
export const ENDS_HANGUL = 1;
const HAS_IGNORABLE = 2;
/** the word's first letter is a lower-case one */
export const STARTS_LOWER = 4;

/**
 * The words of a text: offsets, the hash of each folded key, and the keys
 * themselves on demand (most words of a page are never looked at beyond their
 * hash, so their key string is never built).
 */
/** a Tokens' arrays, kept to be written over by a later tokenize */
export type TokenArrays = Pick<Tokens, 'start' | 'end' | 'hash' | 'flags'>;

export class Tokens {
  /** per word: offset of its first letter, offset after its last letter, hash of its folded key, flags (typed arrays: no boxing, no per-word growth) */
  start: Int32Array;
  end: Int32Array;
  hash: Uint32Array;
  flags: Uint8Array;
  count = 0;
  private readonly keys: (string | undefined)[] = [];

  constructor(
    public text: string,
    capacity = 16,
    from?: TokenArrays,
  ) {
    if (from && from.start.length >= capacity) {
      // the arrays of an earlier, finished Tokens (see tokenize's `reuse`)
      this.start = from.start;
      this.end = from.end;
      this.hash = from.hash;
      this.flags = from.flags;
    } else {
      this.start = new Int32Array(capacity);
      this.end = new Int32Array(capacity);
      this.hash = new Uint32Array(capacity);
      this.flags = new Uint8Array(capacity);
    }
  }

  /** room for more words */
  grow(): void {
    const cap = this.start.length * 2 + 16;
    this.start = grown(this.start, new Int32Array(cap));
    this.end = grown(this.end, new Int32Array(cap));
    this.hash = grown(this.hash, new Uint32Array(cap));
    this.flags = grown(this.flags, new Uint8Array(cap));
  }

  /** the folded key of word k, without ignorable characters */
  key(k: number): string {
    let key = this.keys[k];
    if (key === undefined) {
      const text = this.text;
      const s = this.start[k]!;
      const e = this.end[k]!;
      // a "word" of hundreds of letters (a hash, base64 in the text) is no name: do not build it
      if (e - s > 200) return (this.keys[k] = '\u0000');
      // a word with soft hyphens or zero-width characters: only its letters count
      const clean = (this.flags[k]! & HAS_IGNORABLE) !== 0;
      key = '';
      for (let i = s; i < e; i++) {
        const c = text.charCodeAt(i);
        if (!clean || classOf(c) === WORD) key += String.fromCharCode(foldCode(c));
      }
      this.keys[k] = key;
    }
    return key;
  }

  /** lets go of the text and the keys built from it; the arrays stay, for the next tokenize to write over */
  release(): void {
    this.text = '';
    this.keys.length = 0;
    this.count = 0;
  }

  /** the same words in arrays of their own, for a Tokens kept past the next tokenize that reuses these arrays */
  kept(): Tokens {
    const n = this.count;
    const t = new Tokens(this.text, 0, {
      start: this.start.slice(0, n),
      end: this.end.slice(0, n),
      hash: this.hash.slice(0, n),
      flags: this.flags.slice(0, n),
    });
    t.count = n;
    return t;
  }

  /** keys of words from..to (exclusive), joined */
  joinKeys(from: number, to: number, sep: string): string {
    const out: string[] = [];
    for (let k = from; k < to; k++) out.push(this.key(k));
    return out.join(sep);
  }
}

/** separators read one by one before the tokenizer jumps to the next letter with NEXT_LETTER */
const SKIP_AFTER = 3;
/**
 * The next character that is not white space (every white space character is a separator or, like
 * U+FEFF, ignorable outside a word: either way skipped); what it is, the loop reads as usual.
 */
const NEXT_LETTER = /\S/g;

/**
 * Cuts a text into words (runs of letters and digits; soft hyphens,
 * zero-width characters and combining marks inside a run are ignored) in one
 * pass of table look-ups per character, hashing each word's folded key as it goes.
 *
 * `reuse`: the arrays of a Tokens no longer in use, which may be written over (a page
 * scan tokenizes text after text; fresh megabyte arrays each time cost more
 * than the tokenizing when the garbage collector is busy).
 */
export function tokenize(text: string, reuse?: TokenArrays): Tokens {
  const n = text.length;
  const tk = new Tokens(text, (n >> 5) + 64, reuse);
  let { start, end, hash, flags } = tk;
  let cap = start.length;
  let count = 0;
  let i = 0;
  let gap = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = CLASS[c]!;
    if (k === UNKNOWN) k = classOf(c);
    if (k !== WORD) {
      i++;
      // a long run without letters (page text is mostly indentation between elements): let the regex engine skip it
      if (++gap >= SKIP_AFTER && i < n) {
        gap = 0;
        NEXT_LETTER.lastIndex = i;
        if (!NEXT_LETTER.test(text)) break;
        i = NEXT_LETTER.lastIndex - 1;
      }
      continue;
    }
    gap = 0;
    const s = i;
    let h = Math.imul(FNV_OFFSET ^ FOLD[c]!, FNV_PRIME);
    let last = c;
    let fl = LOWER[c]!;
    let e = ++i;
    while (i < n) {
      c = text.charCodeAt(i);
      k = CLASS[c]!;
      if (k === UNKNOWN) k = classOf(c);
      if (k === WORD) {
        // Hangul right after a Latin letter starts a word: "AFP연합뉴스" is an agency credit and a name
        if (c >= 0xac00 && c <= 0xd7a3 && last >= 0x41 && last < 0x250) break;
        h = Math.imul(h ^ FOLD[c]!, FNV_PRIME);
        last = c;
        e = ++i;
      } else if (k === IGNORABLE) {
        fl |= HAS_IGNORABLE;
        i++;
      } else break;
    }
    // trailing ignorables (a soft hyphen at the end of a line) are not part of the word: e is after the last letter
    if (last >= 0xac00 && last <= 0xd7a3) fl |= ENDS_HANGUL;
    if (count === cap) {
      tk.count = count;
      tk.grow();
      ({ start, end, hash, flags } = tk);
      cap = start.length;
    }
    start[count] = s;
    end[count] = e;
    hash[count] = h >>> 0;
    flags[count] = fl;
    count++;
  }
  tk.count = count;
  return tk;
}

/**
 * What may stand between two tokens of one name, reduced to a key:
 * white space, line breaks, hyphens and ignorables count as nothing
 * ("Kim Jong-un" = "Kim Jong Un"), "." and "'" are kept ("U.S.", "People's"),
 * anything else (a comma, a block break, a quote) makes the gap "#", which no
 * name has.
 */
export function gapKey(text: string, from: number, to: number): string {
  if (to - from > 40) return '#';
  let g = '';
  for (let i = from; i < to; i++) {
    const c = foldCode(text.charCodeAt(i));
    if (c === 0x20 || c === 0x2d || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) continue;
    if (c === 0x2e || c === 0x27) {
      g += String.fromCharCode(c);
      continue;
    }
    const k = classOf(c);
    if (k === IGNORABLE) continue;
    if (c === 0x2029 || k !== WORD) return '#';
  }
  return g;
}

/** true when the gap is only spaces (no hyphen, no punctuation): "Kim Kardashian", not "Putin-Kim" */
export function isSpaceGap(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > 40) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 0x20 || c === 0xa0 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x202f || classOf(c) === IGNORABLE)) return false;
  }
  return true;
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
