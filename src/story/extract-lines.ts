/**
 * Second step of "Add a story": drop the lines a capture carries that are not
 * the story (issue 5 and shared/story/README.md: the seed article's newsletter
 * line, "See also" links to unrelated stories, photo captions and credits),
 * then cut the rest into sentences, verbatim.
 */

export type BoilerplateKind = 'newsletter' | 'see-also' | 'photo' | 'byline' | 'site' | 'reference';

// "Receive free North Korea updates", "Sign up to our Asia newsletter", "Get alerts on Russia"
const NEWSLETTER = [
  /^(?:receive|get|sign up(?: for| to)?|subscribe(?: to)?|follow)\b[^.!?]{0,100}\b(?:updates|newsletters?|alerts|digest|briefings?|emails?)\b[.!]?$/i,
  /^(?:sign up|subscribe|newsletter|unsubscribe)\b/i,
];
// "See also House building in England...", "Read more: ...", "Related: ..."
const SEE_ALSO =
  /^(?:see also|read more|also read|read next|more on this (?:story|topic)|related(?: stories| articles| content)?|recommended(?: stories)?|most read|you may also like)\b\s*(?:[:\-–—|»›>]\s*|$|\s+\S)/i;
// photo credits: "© KCNA/AFP/Getty Images", "Photograph: KCNA", "Kirill Kudryavtsev/AFP"
const PHOTO = [
  /©/,
  /\(c\)\s*\d{4}/i,
  /\bGetty Images\b/,
  /\b(?:AFP|Reuters|REUTERS|AP|EPA|Getty|Shutterstock|Alamy|Bloomberg|Xinhua|KCNA|Sputnik|TASS|Yonhap|Pool|Anadolu|Zuma|SOPA|NurPhoto)\s*(?:\/|via\b)/,
  /\/\s*(?:AFP|Getty|Reuters|AP|EPA|Pool|Sputnik|TASS|Bloomberg|Shutterstock|Alamy|Xinhua)\b/,
  // a label, at the start or after the caption's full stop: "... at the university. Photograph: KCNA"
  /(?:^|[.(|·]\s*)(?:Photo(?:graph(?:er)?)?|PHOTO|Image|Picture|Credit|Illustration)s?(?: credit)?\s*:\s*\S/,
  /(?:^|[(.]\s*)(?:Photo(?:graph)?|Picture|Image)s? by\b/,
  // "(Oleg Urusov/ Roscosmos Space Agency Press Service photo via AP)", "... built on a shift to the right. (Reuters)"
  /\b[Pp]hoto via\b|\bvia (?:AP|Reuters|REUTERS|AFP|Getty Images)\b|\((?:AP|Reuters|AFP|EPA|Getty Images)\)$/,
];
const BYLINE = /^(?:[Bb]y|[Ww]ords by|[Rr]eporting by|[Aa]dditional reporting by|[Ww]ritten by|[Ee]dited by)\s+\p{Lu}/u;
// the credits at an article's end: "Marcia Dunn in Cape Canaveral contributed to this report.", "Reporting by Liz Lee; Editing by Kim Coghill"
const CREDIT =
  /\bcontributed (?:reporting )?to this (?:report|story|article)\b|(?:^|[.;]\s*)(?:[Aa]dditional reporting|[Rr]eporting|[Ww]riting|[Ee]diting) by\s+\p{Lu}/u;
// a Wikipedia-style reference: "^ "Protocol ..." Ministry for Culture and Heritage. Retrieved 17 February 2008."
const REFERENCE = [
  /^\^/,
  /\bRetrieved (?:\d{1,2} \p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+ \d{1,2},) \d{4}\b/u,
  /\bISBN[ :]*[\dX-]{10}|\bdoi:\s*10\.|\bArchived from the original\b/,
];
/** A heading after which a page holds only references and links. */
const BACK_MATTER =
  /^(?:references|notes|notes and references|sources|bibliography|further reading|external links|citations|footnotes|works cited)$/i;
/** A heading whose following short lines are links to other stories. */
const LINK_LIST =
  /^(?:see also|related(?: stories| articles| content| coverage)?|read more|more on this (?:story|topic)|most read|recommended|you may also like|more from \p{L}+)[:]?$/iu;
const SITE =
  /^(?:all rights reserved|advertisement|share this(?: article| story)?|click here|skip to (?:main )?content|cookies?\b|accept (?:all )?cookies|follow us)\b/i;

/** Why a line is not story text, or undefined if it is. */
export function boilerplateKind(line: string): BoilerplateKind | undefined {
  if (line.length < 160 && NEWSLETTER.some((re) => re.test(line))) return 'newsletter';
  if (SEE_ALSO.test(line)) return 'see-also';
  if (PHOTO.some((re) => re.test(line))) return 'photo';
  if (line.length < 120 && BYLINE.test(line)) return 'byline';
  if (line.length < 300 && CREDIT.test(line)) return 'byline';
  if (REFERENCE.some((re) => re.test(line))) return 'reference';
  if (line.length < 120 && SITE.test(line)) return 'site';
  return undefined;
}

/** A line that reads as a sentence ends like one. */
function endsLikeSentence(line: string): boolean {
  return /[.!?…:;]["”’)\]]*$/.test(line);
}

export interface CleanLines {
  lines: string[];
  dropped: Record<BoilerplateKind, number>;
  /** the people the bylines and credits name: the article's authors, never its subjects */
  authors: string[];
}

/** Citation marks a page's text carries: "[12]", "[n 1]", "[citation needed]". */
const CITATION_MARK = /\[(?:\d{1,4}|[a-z]{1,4} ?\d{1,4}|[a-z]|citation needed|clarification needed|according to whom\?|when\?|who\?)\]/gi;

export function dropCitationMarks(line: string): string {
  return line.includes('[') ? line.replace(CITATION_MARK, '').trim() : line;
}

/** "Stella Kim and Min-ji Park" of "By Stella Kim and Min-ji Park": the names in a byline or credit line. */
export function authorNames(line: string): string[] {
  const out: string[] = [];
  const run =
    /(?<![\p{L}\p{N}])((?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{L}'’.-]*)){1,3})(?=\d|\s*$|\s*[,;:|(]|\s+(?:and|in|for|at|contributed|reported|is|covers)\b)/gu;
  for (const m of line.matchAll(run)) {
    // "in Cape Canaveral": a place the reporter was, not a reporter
    if (/\b(?:in|from|at)\s+$/.test(line.slice(0, m.index))) continue;
    out.push(
      m[1].replace(/^(?:(?:By|Reporting|Additional|Editing|Writing|Words|Aerospace|Writer|Reporter|Correspondent|Editor)\s+)+/u, ''),
    );
  }
  return out.filter((n) => /\s/.test(n));
}

/**
 * The first lines of a page: headline, section label, byline. A line of two to four capitalised
 * words there, after the first, with nothing else ("Jeffrey Gettleman", "NATALIYA VASILYEVA",
 * "BBC News"), is an author or the outlet's name, not the story.
 */
function isNameOnlyLine(line: string, index: number, count: number): boolean {
  if (index === 0 || (index > 4 && index < count - 8) || line.length > 80) return false;
  // "Stella Kim, Jennifer Jett", "Lucas Nolan and Jo Smith"
  return line.split(/,\s+|\s+and\s+/).every((name) => {
    const words = name.split(' ');
    return words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w));
  });
}

/** Strips a dateline: "SEOUL, South Korea — ", "MOSCOW (AP) — ", "LONDON, 6 November 2025 —". */
export function dropDateline(line: string): string {
  const m =
    /^\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,3}(?:,\s*[\p{L}\d .]{2,40}?){0,2}(?:\s*\([A-Za-z]{2,10}\))?\s*[—–-]{1,2}(?:\s+|$)/u.exec(
      line,
    );
  return m ? line.slice(m[0].length) : line;
}

/**
 * Drops boilerplate lines. A short line that does not end like a sentence and
 * sits just before a photo credit is the picture's caption or alt text
 * ("Kim on a red carpet at a railway station ..." above "... © KCNA/AFP/Getty Images")
 * and goes with it.
 */
export function dropBoilerplate(lines: string[]): CleanLines {
  const dropped: Record<BoilerplateKind, number> = { newsletter: 0, 'see-also': 0, photo: 0, byline: 0, site: 0, reference: 0 };
  lines = lines.map(dropCitationMarks);
  // the headline said again ("New Zealand" over an encyclopedia page's infobox) is no byline
  const nameOnly = (l: string, i: number) => isNameOnlyLine(l, i, lines.length) && l !== lines[0];
  const kinds = lines.map((l, i) => boilerplateKind(l) ?? (nameOnly(l, i) ? 'byline' : undefined));
  markListsAndBackMatter(lines, kinds);
  const authors = new Set<string>();
  lines.forEach((l, i) => {
    if (kinds[i] !== 'byline') return;
    for (const n of boilerplateKind(l) ? authorNames(l) : l.split(/,\s+|\s+and\s+/)) authors.add(n);
  });
  // an author's bio at the end: "Lucas Nolan is a reporter for Breitbart Tech", "Stella Kim is an NBC News producer"
  for (let i = Math.max(0, lines.length - 8); i < lines.length; i++)
    if (!kinds[i] && [...authors].some((a) => lines[i].startsWith(`${a} `) && lines[i].length < 300)) kinds[i] = 'byline';
  for (let i = 1; i < lines.length; i++) {
    if (kinds[i] !== 'photo' || kinds[i - 1] !== undefined) continue;
    const prev = lines[i - 1];
    // i - 1 > 0: the first line is the headline, never a caption
    if (i - 1 > 0 && prev.length < 200 && !endsLikeSentence(prev)) kinds[i - 1] = 'photo';
  }
  const kept: string[] = [];
  let datelines = 0;
  lines.forEach((l, i) => {
    const k = kinds[i];
    if (k) dropped[k]++;
    else {
      // a dateline opens the story's first paragraph: only there
      const line = datelines < 1 && i < 12 ? dropDateline(l) : l;
      if (line !== l) datelines++;
      if (line) kept.push(line);
    }
  });
  return { lines: kept, dropped, authors: [...authors] };
}

/**
 * The short lines under a "Related" or "See also" heading are links to other stories, up to the
 * first line that reads as a sentence; everything under "References" or "External links" in the
 * second half of a page is back matter.
 */
function markListsAndBackMatter(lines: string[], kinds: (BoilerplateKind | undefined)[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (BACK_MATTER.test(lines[i]) && i > lines.length / 2) {
      for (let j = i; j < lines.length; j++) kinds[j] ??= 'reference';
      return;
    }
    if (!LINK_LIST.test(lines[i])) continue;
    kinds[i] ??= 'see-also';
    for (let j = i + 1; j < lines.length && lines[j].length < 120 && !/[.]["”’)]*$/.test(lines[j]); j++) kinds[j] ??= 'see-also';
  }
}

const SMALL_WORDS = new Set('a an and as at but by for from in into of on or over the to up via with vs nor so yet is are was'.split(' '));

/**
 * Title Case and ALL CAPS lines (headings, kickers: "When Did Putin Arrive,
 * and How Long Did He Stay?", "EXPLAINER | PUTIN IN PYONGYANG"): capitals
 * there do not mark names, so names are not discovered in them (they still
 * count as places a name is mentioned).
 */
export function isHeadingCase(line: string): boolean {
  const words = line.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length < 3) return false;
  const letters = line.replace(/[^\p{L}]/gu, '');
  const upper = line.replace(/[^\p{Lu}]/gu, '');
  if (letters.length >= 6 && upper.length / letters.length > 0.8) return true;
  // a line that ends with a full stop is a sentence ("Kim Jong Un Met Putin." is rare; "Kim, Putin and Shoigu Met." rarer)
  if (/\.["”’)]*$/.test(line)) return false;
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (content.length < 3) return false;
  const capped = content.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capped / content.length >= 0.85;
}

/** Words before a full stop that do not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st gen col lt capt sgt rep sen gov jr sr co inc ltd corp no vs etc jan feb mar apr jun jul aug sep sept oct nov dec approx est fig mt ft ave rev hon maj adm cmdr'.split(
    ' ',
  ),
);

/** Longest stored sentence; longer runs (a paste with no punctuation) are cut at a space. */
export const MAX_SENTENCE = 1000;

function chunk(s: string): string[] {
  if (s.length <= MAX_SENTENCE) return [s];
  const out: string[] = [];
  let rest = s;
  while (rest.length > MAX_SENTENCE) {
    let cut = rest.lastIndexOf(' ', MAX_SENTENCE);
    if (cut < MAX_SENTENCE / 2) cut = MAX_SENTENCE;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/** Cuts one line into sentences, keeping their text exactly. */
export function splitSentences(line: string): string[] {
  const out: string[] = [];
  const re = /[.!?…]+["”’)\]]*\s+(?=["“‘([]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const end = m.index + m[0].trimEnd().length;
    const before = line.slice(start, m.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
    const dotted = m[0][0] === '.';
    // no sentence ends inside a quotation: “I have a programme there. When I get there, you’ll know.”
    const upto = line.slice(start, end);
    if ((upto.match(/“/g) ?? []).length > (upto.match(/”/g) ?? []).length || (upto.match(/"/g) ?? []).length % 2 === 1) continue;
    // "Mr. Kim", "J. Smith", "the U.S. Kim" (an initialism is never a sentence end here: rare, and safer)
    if (dotted && (ABBREVIATIONS.has(lastWord.toLowerCase()) || /^\p{Lu}$/u.test(lastWord) || /^(?:\p{L}\.)+\p{L}$/u.test(lastWord)))
      continue;
    out.push(...chunk(line.slice(start, end).trim()));
    start = m.index + m[0].length;
  }
  const tail = line.slice(start).trim();
  if (tail) out.push(...chunk(tail));
  return out;
}
