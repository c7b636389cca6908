/**
 * First step of "Add a story": decide whether the pasted text can be read at
 * all, and turn it into plain lines. Every refusal is an ExtractError whose
 * message a reader understands (issue 5: "Bad input ... gets a clear answer,
 * never a frozen page or a half-saved story").
 *
 * Pure string work: runs in a Web Worker and in Node alike (no DOM, no Node API).
 */

/** Largest input read, in UTF-8 bytes. A long feature is ~100 KB; a megabyte is a paste gone wrong. */
export const MAX_TEXT_BYTES = 1_000_000;

/** Texts shorter than this many words are not tested for being English (too little to tell). */
const MIN_WORDS_FOR_LANGUAGE_CHECK = 30;

export type ExtractErrorCode = 'empty' | 'too-large' | 'not-english';

/** A reason the text cannot be turned into a story; `message` is meant for the reader. */
export class ExtractError extends Error {
  constructor(
    message: string,
    /** lets the UI pick a next step ("add names by hand") without parsing the message */
    readonly code: ExtractErrorCode = 'empty',
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

export interface CheckedText {
  /** lines of plain text (blocks), whitespace collapsed inside each */
  lines: string[];
  warnings: string[];
}

function formatSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} KB`;
}

function utf8Bytes(s: string): number {
  // TextEncoder exists in browsers, workers and Node 11+.
  return new TextEncoder().encode(s).length;
}

/** Tag names whose appearance as tags marks pasted page source rather than an article. */
const HTML_TAG =
  /<\/?(?:html|head|body|div|p|span|a|br|img|script|style|article|section|main|header|footer|nav|aside|h[1-6]|ul|ol|li|table|tr|td|th|figure|figcaption|strong|em|b|i|meta|link|iframe|form|input|button|blockquote|time|picture|source|noscript)(?:\s[^<>]*)?\/?>/gi;

export function looksLikeHtml(text: string): boolean {
  if (/^\s*<!doctype\s+html/i.test(text)) return true;
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let count = 0;
  HTML_TAG.lastIndex = 0;
  while (HTML_TAG.exec(head)) if (++count >= 3) return true;
  return false;
}

// A Map: the name comes from the pasted text, and no lookup may reach Object.prototype.
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['shy', ''],
  ['mdash', '—'],
  ['ndash', '–'],
  ['hellip', '…'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['laquo', '«'],
  ['raquo', '»'],
  ['middot', '·'],
  ['bull', '•'],
  ['copy', '©'],
  ['reg', '®'],
  ['trade', '™'],
  ['deg', '°'],
  ['eacute', 'é'],
  ['egrave', 'è'],
  ['aacute', 'á'],
  ['iacute', 'í'],
  ['oacute', 'ó'],
  ['uacute', 'ú'],
  ['ntilde', 'ñ'],
  ['uuml', 'ü'],
  ['ouml', 'ö'],
  ['auml', 'ä'],
  ['ccedil', 'ç'],
  ['thinsp', ' '],
  ['ensp', ' '],
  ['emsp', ' '],
  ['zwj', ''],
  ['zwnj', ''],
]);

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES.get(body.toLowerCase()) ?? whole;
  });
}

/** Elements whose content is never article text. */
const DROP_WITH_CONTENT = 'script|style|noscript|template|textarea|head|title|svg|math|iframe|object|select|button|nav|form';
const BLOCK_ELEMENTS =
  'p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|aside|main|figure|figcaption|blockquote|dd|dt|dl|pre|hr|address|details|summary|caption';

/**
 * Page source → its text, one block per U+2029, without a parser: the result
 * is only ever read as a string, never put in a document, so nothing in it
 * can run. (DOMParser is not available in a worker, and one code path gives
 * the same result in the worker, the CLI and the tests.)
 */
export function htmlToBlocks(html: string): string {
  const marked = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, ' ')
    .replace(/<![^>]*>/g, ' ')
    .replace(new RegExp(`<(${DROP_WITH_CONTENT})\\b[^>]*>[\\s\\S]*?(?:<\\/\\1\\s*>|$)`, 'gi'), '\u2029')
    .replace(new RegExp(`<\\/?(?:${DROP_WITH_CONTENT})\\b[^>]*>`, 'gi'), '\u2029')
    .replace(new RegExp(`<\\/?(?:${BLOCK_ELEMENTS})\\b(?:"[^"]*"|'[^']*'|[^'">])*>`, 'gi'), '\u2029')
    .replace(/<\/?[a-z][\w:-]*(?:"[^"]*"|'[^']*'|[^'">])*>/gi, '')
    .replace(/[ \t\r\n\f]+/g, ' ');
  return decodeEntities(marked);
}

const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to in a is that for on it with as was at by he his from be are said has have had this were which but not an they their its who been will would after over more than about into also there when we she her them what can one two could all'.split(
    ' ',
  ),
);

const SCRIPT_NAMES: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'Cyrillic (Russian, Ukrainian...)'],
  [/\p{Script=Hangul}/u, 'Korean'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese'],
  [/\p{Script=Han}/u, 'Chinese characters'],
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
  [/\p{Script=Thai}/u, 'Thai'],
];

function mainOtherScript(text: string): string {
  let best = 'another script';
  let bestCount = 0;
  for (const [re, name] of SCRIPT_NAMES) {
    const count = (text.match(new RegExp(re.source, 'gu')) ?? []).length;
    if (count > bestCount) [best, bestCount] = [name, count];
  }
  return best;
}

const HAND_HINT =
  'Finding names from text works for English articles; you can still add the story’s people, places and organizations by hand in the review.';

/** Refuses text that is not an English article, warns about mixed text. */
function checkLanguage(text: string, warnings: string[]): void {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  const latin = (sample.match(/\p{Script=Latin}/gu) ?? []).length;
  if (letters === 0)
    throw new ExtractError('This text has no words in it, only numbers or signs. Paste the article’s text and try again.', 'empty');
  if (latin === 0)
    throw new ExtractError(`This text has no Latin letters (it looks like ${mainOtherScript(sample)}). ${HAND_HINT}`, 'not-english');
  if (latin / letters < 0.5)
    throw new ExtractError(`Most of this text is in ${mainOtherScript(sample)}, not English. ${HAND_HINT}`, 'not-english');
  if (latin / letters < 0.9) warnings.push(`Part of the text is in ${mainOtherScript(sample)}; only its English part is read for names.`);
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length >= MIN_WORDS_FOR_LANGUAGE_CHECK) {
    const english = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length;
    // English prose runs at 30-45% of these words; Spanish, French, German... at under 5%.
    if (english / words.length < 0.1) throw new ExtractError(`This text does not look like English. ${HAND_HINT}`, 'not-english');
  }
}

/**
 * Checks and cleans the raw input: size, markup, language; returns lines.
 * Throws ExtractError with the reader-facing reason.
 */
export function checkText(raw: unknown): CheckedText {
  const warnings: string[] = [];
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new ExtractError('The text is empty. Paste the article’s text (not only its link) and try again.', 'empty');
  // chars ≤ bytes, so a string longer than the limit is over it without encoding a megabyte
  const bytes = raw.length > MAX_TEXT_BYTES ? raw.length : utf8Bytes(raw);
  if (bytes > MAX_TEXT_BYTES)
    throw new ExtractError(
      `This text is too long to read as one article (${formatSize(bytes)}; the limit is 1 MB). Paste only the article itself.`,
      'too-large',
    );
  let text = raw;
  if (looksLikeHtml(text)) {
    text = htmlToBlocks(text);
    warnings.push(
      'The text looked like a web page’s source (HTML): its tags were removed and only its text was read. Nothing in it was run.',
    );
  }
  text = text
    .normalize('NFC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '') // soft hyphen, zero-width: "Vladi&shy;vostok" is Vladivostok
    .replace(/[\u00a0\u2007\u202f\u2009\u200a\u2002-\u2006]/g, ' ');
  let lines: string[];
  if (text.includes('\u2029')) {
    // Blocks from a page (BLOCK_BREAK) or from HTML: inside a block a newline is only whitespace.
    lines = text.split('\u2029');
  } else {
    lines = text.split(/\r\n|\r|\n|\u2028/);
  }
  lines = lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
  if (lines.length === 0)
    throw new ExtractError('The text is empty once its markup is removed. Paste the article’s text and try again.', 'empty');
  checkLanguage(lines.join('\n'), warnings);
  return { lines, warnings };
}
