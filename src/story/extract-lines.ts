/**
 * Second step of "Add a story": drop the lines a capture carries that are not
 * the story (issue 5 and shared/story/README.md: the seed article's newsletter
 * line, "See also" links to unrelated stories, photo captions and credits),
 * then cut the rest into sentences, verbatim.
 */

export type BoilerplateKind = 'newsletter' | 'see-also' | 'photo' | 'byline' | 'site';

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
  /(?:^|\()(?:Photo(?:graph)?|Picture|Image)s? by\b/,
];
const BYLINE = /^(?:by|words by|reporting by|additional reporting by|written by|edited by)\s+\p{Lu}/u;
const SITE =
  /^(?:all rights reserved|advertisement|share this(?: article| story)?|click here|skip to (?:main )?content|cookies?\b|accept (?:all )?cookies|follow us)\b/i;

/** Why a line is not story text, or undefined if it is. */
export function boilerplateKind(line: string): BoilerplateKind | undefined {
  if (line.length < 160 && NEWSLETTER.some((re) => re.test(line))) return 'newsletter';
  if (SEE_ALSO.test(line)) return 'see-also';
  if (PHOTO.some((re) => re.test(line))) return 'photo';
  if (line.length < 120 && BYLINE.test(line)) return 'byline';
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
}

/**
 * Drops boilerplate lines. A short line that does not end like a sentence and
 * sits just before a photo credit is the picture's caption or alt text
 * ("Kim on a red carpet at a railway station ..." above "... © KCNA/AFP/Getty Images")
 * and goes with it.
 */
export function dropBoilerplate(lines: string[]): CleanLines {
  const dropped: Record<BoilerplateKind, number> = { newsletter: 0, 'see-also': 0, photo: 0, byline: 0, site: 0 };
  const kinds = lines.map(boilerplateKind);
  for (let i = 1; i < lines.length; i++) {
    if (kinds[i] !== 'photo' || kinds[i - 1] !== undefined) continue;
    const prev = lines[i - 1];
    // i - 1 > 0: the first line is the headline, never a caption
    if (i - 1 > 0 && prev.length < 200 && !endsLikeSentence(prev)) kinds[i - 1] = 'photo';
  }
  const kept: string[] = [];
  lines.forEach((l, i) => {
    const k = kinds[i];
    if (k) dropped[k]++;
    else kept.push(l);
  });
  return { lines: kept, dropped };
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
