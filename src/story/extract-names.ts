/**
 * Third step of "Add a story": find the names in the sentences and merge the
 * forms of one name into one entity.
 *
 * compromise proposes people, places and organizations; its spans are then
 * trimmed to the name itself ("president Vladimir Putin" → "Vladimir Putin",
 * "Moscow’s" → "Moscow", "Kim Jae-" → "Kim Jae-chun", "Kim Jong" + "Un").
 * Cues in the text add what compromise misses but the text plainly names
 * ("the Vostochny cosmodrome", "900km north-west of Ussuriysk", "Ussuriysk,
 * a city", "broadcaster YTN", "Eastern Economic Forum" + "EEF"). Forms are then
 * grouped: equal up to case, hyphens and dots; a shorter form ("Kim", "Putin",
 * "Kim Jong") joins the longer name that contains it.
 */
import nlp from 'compromise';
import type { EntityType } from '../core/pack';

export interface Sentence {
  text: string;
  /** Title Case / ALL CAPS heading: names are not discovered in it, only found again */
  heading: boolean;
}

/** Why a form is believed to be a name of this type (kept for the description). */
export interface Cue {
  type: EntityType;
  /** what the text says it is: "city", "news agency", "university" */
  what?: string;
  /** a better canonical spelling than the surface ("Vostochny Cosmodrome" for "Vostochny cosmodrome") */
  name?: string;
}

interface Candidate {
  form: string;
  type: EntityType;
  /** compromise's guess weighs 1, a cue in the text 3 */
  weight: number;
  cue?: Cue;
  sentence: number;
}

// ---------------------------------------------------------------- word lists

const TITLES = new Set(
  (
    'mr mrs ms miss mx dr prof professor president premier chairman chairwoman comrade general gen marshal minister sir dame lord lady ' +
    'king queen prince princess pope senator sen rep representative governor gov mayor judge justice chancellor leader secretary ' +
    'ambassador colonel col captain capt lieutenant lt sergeant sgt admiral commander chief deputy vice foreign defence defense ' +
    'supreme spokesman spokeswoman spokesperson analyst professor. dr. mr. mrs. ms. prof. gen. sen. gov. col. lt. capt. sgt. st. saint'
  ).split(' '),
);

/** Function words and weekdays: never the first word of a name ("In Seoul", "The US", "Asked Putin"). */
const FUNCTION_CAPS = new Set(
  (
    'the a an this that these those he she it they we i you his her its their our my your in on at for with by from to of and but or ' +
    'if when while as after before since asked said says also not no yes all some many more most other such both each every ' +
    'here there what who why how where which today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday ' +
    'however meanwhile still then now even just only last next like despite during under over between among about against ' +
    'former according although though unlike whether once consequently therefore furthermore moreover additionally ' +
    'nevertheless nonetheless thus hence instead otherwise indeed overall currently recently previously initially finally ' +
    'eventually similarly ' +
    'january february march april june july august september october november december'
  ).split(' '),
);
/** Capitalised words that are not names on their own. */
const COMMON_CAPS = new Set([
  ...FUNCTION_CAPS,
  ...(
    'one two three may first north south east west northern southern eastern western central new old mr mrs ms dr covid covid-19 ' +
    'god internet web state government president minister photo image video read more see also related topics comments comment ' +
    'contact about privacy terms home search share menu news opinion world business sport sports politics live update updates ' +
    'breaking explainer analysis editorial profile draft subject cite key facts gdp gnp ceo cfo hiv aids dna gmt utc ppp hdi vat ipo gps'
  ).split(' '),
]);

const DEMONYM =
  /^(?:(?:north|south|east|west)(?:ern)?\s+)?(?:korean|russian|american|chinese|ukrainian|british|english|japanese|french|german|soviet|european|asian|african|indian|iranian|israeli|palestinian|syrian|turkish|polish|italian|spanish|canadian|australian|mexican|brazilian|vietnamese|belarusian|georgian|arab|saudi|kremlin-backed|pro-russian|north korean|south korean)s?$/i;

/** Lower-case words allowed inside a name ("University of Tokyo", "Mohammed bin Salman"). */
const PARTICLES = new Set('of de del da do dos das van von der den bin al el la le du y and for upon on'.split(' '));
/** Particles that open a surname ("von der Leyen", "de Gaulle", "bin Salman"). */
const NAME_PARTICLES = new Set('de del della da dos das van von der den ter bin ibn al le la du'.split(' '));

/** Last words that make a capitalised run an organization or a place. */
const ORG_SUFFIX = new Set(
  (
    'university institute forum ministry agency council party bank committee foundation corporation corp company organization ' +
    'organisation association commission academy college times post news television tv union federation fund group inc ltd ' +
    'department office service services army navy command parliament assembly congress court league center centre school trust ' +
    'institution institutes studies festival authority society club network studios bureau conference tribunal'
  ).split(' '),
);
const ORG_PREFIX = new Set(
  (
    'university ministry bank department office academy college institute institutes council center centre school commission ' +
    'committee federation association society trust fund organisation organization league union court bureau'
  ).split(' '),
);
/** Lower-case words that join the words of an organization's name: "Center for Strategic and International Studies". */
const ORG_CONNECTORS = new Set(['of', 'for', 'on', 'and', 'the', '&']);
const PLACE_SUFFIX = new Set(
  'cosmodrome spaceport square island islands station airport river mountains mountain sea bay oblast krai province region peninsula strait street avenue valley lake desert harbour harbor beach coast gulf basin trench plateau county'.split(
    ' ',
  ),
);
/** Place suffixes after which the first word alone is the same place ("Vostochny" for "Vostochny Cosmodrome"). */
const GENERIC_PLACE_SUFFIX = new Set(['cosmodrome', 'spaceport', 'airport', 'airbase']);

/**
 * Family names that, first in a romanised Chinese or Korean name, make it a person's name written family
 * name first: "Xi Jinping", "Yoon Suk Yeol", "Kim Yo Jong". (Japanese names are written given name first
 * in English news: "Shinzo Abe".) Short words that are also common English words ("He", "Sun", "Moon")
 * are left out.
 */
const FAMILY_FIRST = new Set(
  (
    'Kim Lee Park Choi Choe Jung Chung Kang Cho Yoon Yun Jang Lim Han Shin Kwon Hwang Ahn Ri Pak ' +
    'Xi Li Wang Zhang Liu Chen Yang Huang Zhao Zhou Wu Jiang Deng Mao Wen Xu Guo Lin Gao Hu Zhu Luo Zheng Xie Tang Feng'
  ).split(' '),
);
/** A romanised Korean given name in two syllables joined by a hyphen: "Jae-myung", "Duck-soo", "Dong-hoon". */
const KOREAN_GIVEN = String.raw`\p{Lu}[\p{Ll}]{0,5}-[bcdghjkmnpstwy]{0,2}[aeiouwy]{1,3}[mngk]{0,2}`;

/** A person's name written family name first ("Kim Jong Un", "Lee Jae-myung"): its first word is the surname. */
export function isFamilyFirst(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 3) return false;
  return FAMILY_FIRST.has(words[0]) || (words.length === 2 && new RegExp(`^${KOREAN_GIVEN}$`, 'u').test(words[1]));
}

interface KnownName {
  canonical: string;
  type: EntityType;
  forms: string[];
}
/**
 * Abbreviations and official names a reader writes for well-known countries
 * and bodies: "The US expects..." is the United States (issue 5 asks for
 * "United States" from "The US"). Only applied to forms found in the text.
 */
const KNOWN: KnownName[] = [
  { canonical: 'United States', type: 'place', forms: ['US', 'U.S.', 'USA', 'U.S.A.', 'United States of America'] },
  { canonical: 'United Kingdom', type: 'place', forms: ['UK', 'U.K.', 'Britain', 'Great Britain'] },
  {
    canonical: 'North Korea',
    type: 'place',
    forms: ['DPRK', 'Democratic People’s Republic of Korea', "Democratic People's Republic of Korea"],
  },
  { canonical: 'South Korea', type: 'place', forms: ['ROK', 'Republic of Korea'] },
  { canonical: 'China', type: 'place', forms: ['PRC', 'People’s Republic of China', "People's Republic of China"] },
  { canonical: 'Russia', type: 'place', forms: ['Russian Federation'] },
  { canonical: 'Soviet Union', type: 'place', forms: ['USSR'] },
  { canonical: 'United Arab Emirates', type: 'place', forms: ['UAE'] },
  { canonical: 'United Nations', type: 'organization', forms: ['UN', 'U.N.'] },
  { canonical: 'European Union', type: 'organization', forms: ['EU', 'E.U.'] },
];

// ---------------------------------------------------------------- forms

/** Grouping key: "Kim Jong-un" = "Kim Jong Un", "U.S." = "US", "Moscow" = "MOSCOW". */
export function formKey(form: string): string {
  return form
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[-‐‑–\s]+/g, ' ')
    .trim();
}

const KNOWN_BY_KEY = new Map<string, KnownName>();
for (const k of KNOWN) for (const f of [k.canonical, ...k.forms]) KNOWN_BY_KEY.set(formKey(f), k);
/** The KNOWN forms as written (case matters: "US", never "us"). */
const KNOWN_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${KNOWN.flatMap((k) => [k.canonical, ...k.forms])
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\p{L}\p{N}])`,
  'gu',
);

const isUpperStart = (w: string) => /^[\p{Lu}\p{N}]/u.test(w);
const letterRe = /[\p{L}\p{N}]/u;

interface Tok {
  text: string;
  start: number;
  end: number;
}

function tokens(s: string, offset = 0): Tok[] {
  const out: Tok[] = [];
  for (const m of s.matchAll(/\S+/g)) out.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  return out;
}

/** Trims a token to its letters; "“Russia" → "Russia", "Seoul." → "Seoul" (but "U.S." keeps its dots). */
function trimToken(t: Tok): Tok | undefined {
  let { start, end } = t;
  let text = t.text;
  const lead = /^[^\p{L}\p{N}]+/u.exec(text)?.[0].length ?? 0;
  let trail = /[^\p{L}\p{N}.]+$/u.exec(text)?.[0].length ?? 0;
  text = text.slice(lead, text.length - trail);
  start += lead;
  end -= trail;
  // a final full stop belongs to an initialism ("U.S.") only
  if (text.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(text)) {
    trail = /\.+$/.exec(text)![0].length;
    text = text.slice(0, -trail);
    end -= trail;
  }
  // possessive: "Kim’s", "Russia's", "Kims’" (the last only loses its apostrophe)
  const poss = /(?:['’]s|(?<=s)['’])$/u.exec(text);
  if (poss) {
    text = text.slice(0, -poss[0].length);
    end -= poss[0].length;
  }
  return text && letterRe.test(text) ? { text, start, end } : undefined;
}

function isNameToken(w: string): boolean {
  // "al-Bashir", "bin-Laden": a particle joined to a capitalised name
  return (isUpperStart(w) || /^(?:al|el|bin|ibn|abu|ad|ash|as|az|ud|ul)-\p{Lu}/u.test(w)) && !/[/@©]|https?:/.test(w);
}

/**
 * Trims [s, e) of `text` to the name it holds; undefined if none.
 * Returns the verbatim slice, so "Kim Jong-un" keeps its hyphen.
 */
export function trimName(
  text: string,
  s: number,
  e: number,
  keepDemonym = false,
  keepTitles = false,
  maxWords = 6,
): { start: number; end: number; form: string } | undefined {
  // whole words at both ends ("Kim Jae-" → "Kim Jae-chun")
  while (s > 0 && letterRe.test(text[s - 1])) s--;
  while (e < text.length && (letterRe.test(text[e]) || (/[-‐]/.test(text[e]) && letterRe.test(text[e + 1] ?? '')))) e++;
  if (e < text.length && /[-‐]/.test(text[e - 1]) && letterRe.test(text[e])) {
    while (e < text.length && letterRe.test(text[e])) e++;
  }
  let toks = tokens(text.slice(s, e), s);
  // cut at punctuation between words: "Putin, Kim" is two names; "Kirill Kudryavtsev/AFP" is a credit
  const cut: Tok[] = [];
  for (const t0 of toks) {
    if (/[/@©]|https?:/.test(t0.text)) break;
    // "New Zealand–China relations": an en dash joins two names
    const dash = t0.text.search(/[–—]/);
    const t = dash > 0 ? { text: t0.text.slice(0, dash), start: t0.start, end: t0.start + dash } : t0;
    const tt = dash === 0 ? undefined : trimToken(t);
    if (!tt) break;
    if (cut.length && /^[(“"‘]/.test(t.text)) break;
    cut.push(tt);
    // "Russia’s Pacific coast": a possessive ends the name
    if (/['’]s?$/.test(t.text.replace(/[^\p{L}\p{N}'’]+$/u, ''))) break;
    // a full stop ends the name, unless it is an initialism ("U.S.") or a title's ("Mr. Putin", "Dr. Kim")
    if (/[,;:!?)”"]$|[^.]\.$|…$/.test(t.text) && !/^(?:\p{L}\.)+$/u.test(t.text) && !TITLES.has(t.text.toLowerCase())) break;
    if (dash > 0) break;
  }
  toks = cut;
  // "Kazakh president Kassym-Jomart Tokayev", "Minnesota Governor Tim Walz": everything up to a title goes
  // (not in an institution's name: "Court of Justice")
  for (let i = toks.length - 2; i >= 0; i--) {
    const capitalTitle = !keepTitles && i > 0 && TITLES.has(toks[i].text.toLowerCase()) && isNameToken(toks[i + 1].text);
    if ((/^\p{Ll}/u.test(toks[i].text) && TITLES.has(toks[i].text)) || capitalTitle) {
      toks = toks.slice(i + 1);
      break;
    }
  }
  // leading lower-case words, titles, demonyms: "president Vladimir Putin", "eastern city of Vladivostok", "Russian President X"
  while (toks.length) {
    const w = toks[0].text;
    // "President-elect Donald J. Trump"
    const lw = w.toLowerCase().replace(/-elect$/, '');
    let p = 0;
    while (p < toks.length && NAME_PARTICLES.has(toks[p].text)) p++;
    if (p > 0 && p < toks.length && isNameToken(toks[p].text)) break; // "von der Leyen"
    if (
      !isNameToken(w) ||
      (!keepTitles && (TITLES.has(lw) || TITLES.has(lw + '.'))) ||
      FUNCTION_CAPS.has(lw) ||
      (!keepDemonym && toks.length > 1 && DEMONYM.test(w))
    )
      toks.shift();
    else if (!keepDemonym && toks.length > 1 && DEMONYM.test(`${w} ${toks[1].text}`)) toks.splice(0, 2);
    else break;
  }
  // a name runs while words are capitalised, with particles between them
  let n = 0;
  while (n < toks.length) {
    const w = toks[n].text;
    // "the One S. That is": a function word after an initial starts a sentence, not a name's next word
    if (n > 0 && FUNCTION_CAPS.has(w.toLowerCase()) && /^\p{Lu}/u.test(w)) break;
    if (isNameToken(w)) n++;
    else if (PARTICLES.has(w) && n + 1 < toks.length && isNameToken(toks[n + 1].text) && n > 0) n++;
    else if (NAME_PARTICLES.has(w) && n + 1 < toks.length && (isNameToken(toks[n + 1].text) || NAME_PARTICLES.has(toks[n + 1].text))) n++;
    else break;
  }
  toks = toks.slice(0, n);
  while (toks.length && PARTICLES.has(toks[toks.length - 1].text)) toks.pop();
  if (!toks.length || toks.length > maxWords) return undefined;
  if (toks.every((t) => COMMON_CAPS.has(t.text.toLowerCase()) || TITLES.has(t.text.toLowerCase()))) return undefined;
  if (DEMONYM.test(toks.map((t) => t.text).join(' '))) return undefined;
  const start = toks[0].start;
  const end = toks[toks.length - 1].end;
  const form = text.slice(start, end);
  if (form.length > 80 || !/\p{L}{2}|\p{Lu}/u.test(form) || /^\p{N}+$/u.test(form)) return undefined;
  return { start, end, form };
}

// ---------------------------------------------------------------- compromise

/** A term as compromise keeps it after compute('offset'). */
interface NlpTerm {
  tags: Set<string>;
  offset: { start: number; length: number };
}

/**
 * A sentence whose only capital starts it with a function word ("The train
 * was slow.", "He said so.") names nobody: compromise is not run on it.
 */
function mayHoldName(text: string): boolean {
  const caps = text.match(/(?<![\p{L}\p{N}’'])\p{Lu}[\p{L}\p{N}’'-]*/gu) ?? [];
  if (caps.length !== 1) return caps.length > 1;
  return !(text.trimStart().startsWith(caps[0]) || /^[“"‘(]/.test(text.trimStart())) || !FUNCTION_CAPS.has(caps[0].toLowerCase());
}

/**
 * Runs compromise over a batch of sentences (joined by blank lines so no
 * match runs across two) and returns the trimmed candidates.
 */
export function nlpCandidates(sentences: Sentence[], first: number): Candidate[] {
  const starts: number[] = [];
  let joined = '';
  for (const s of sentences) {
    if (joined) joined += '\n\n';
    starts.push(joined.length);
    joined += s.heading || !mayHoldName(s.text) ? '' : s.text;
  }
  const doc = nlp(joined);
  // Offsets computed once for the batch and read through each match's pointer:
  // .json({offset}) per match list costs half as much again as the parse.
  doc.compute('offset');
  const terms = doc.document as unknown as NlpTerm[][];
  type Span = { s: number; e: number; type: EntityType; firstNameOnly: boolean };
  const spans = (pointers: unknown[], type: EntityType): Span[] =>
    (pointers as [number, number, number][]).flatMap(([n, a, z]) => {
      const t0 = terms[n]?.[a];
      const t1 = terms[n]?.[z - 1];
      if (!t0 || !t1) return [];
      const firstNameOnly = z - a === 1 && t0.tags.has('FirstName') && !t0.tags.has('LastName');
      return [{ s: t0.offset.start, e: t1.offset.start + t1.offset.length, type, firstNameOnly }];
    });
  // compromise cuts "Vladimir Putin’s" into "Vladimir" + "Putin’s": a lone first name runs on into the next person
  const people = spans(doc.people().fullPointer, 'person');
  for (let i = 0; i + 1 < people.length; i++) {
    const a = people[i];
    const b = people[i + 1];
    if (a.firstNameOnly && /^\s?$/.test(joined.slice(a.e, b.s))) {
      people[i] = { ...b, s: a.s };
      people.splice(i + 1, 1);
    }
  }
  const found = [...people, ...spans(doc.places().fullPointer, 'place'), ...spans(doc.organizations().fullPointer, 'organization')];
  const matchStarts = new Set(found.map((f) => f.s));
  const out: Candidate[] = [];
  for (const f of found) {
    // which sentence: last start ≤ f.s
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= f.s) lo = mid;
      else hi = mid - 1;
    }
    const sent = sentences[lo];
    if (sent.heading) continue;
    const base = starts[lo];
    const text = sent.text;
    // "North Korean leader Kim" loses its demonym; "European Commission" keeps it
    const span = trimName(text, Math.max(0, f.s - base), Math.min(text.length, f.e - base), f.type === 'organization');
    if (!span) continue;
    let { form, end } = span;
    if (f.type === 'person' && form.split(/\s+/).length <= 3) {
      // compromise reads the "Un" of "Kim Jong Un" as a prefix: a capitalised short word right after a person's name is part of it
      // and "Ursula" runs on into "von der Leyen"
      const next =
        /^ ((?:(?:von|van|der|den|de|da|du|del|della|bin|ibn|al|le|la) ){1,3}\p{Lu}[\p{L}’'-]+)(?![\p{L}\p{N}])/u.exec(text.slice(end)) ??
        /^ (\p{Lu}[\p{Ll}]{0,11})(?![\p{L}\p{N}-])/u.exec(text.slice(end));
      if (next && !COMMON_CAPS.has(next[1].toLowerCase()) && !TITLES.has(next[1].toLowerCase()) && !matchStarts.has(base + end + 1)) {
        end += next[0].length;
        form = text.slice(span.start, end);
      }
    }
    out.push({ form, type: f.type, weight: 1, sentence: first + lo });
  }
  return out;
}

// ---------------------------------------------------------------- cues

const NAME = String.raw`\p{Lu}[\p{L}\p{N}'’.\-]*(?:\s+(?:(?:of|de|del|the|bin|al|van|von)\s+)?\p{Lu}[\p{L}\p{N}'’.\-]*)*`;
const NAME12 = String.raw`\p{Lu}[\p{L}\p{N}'’\-]*(?:\s+\p{Lu}[\p{L}\p{N}'’\-]*)?`;
/** One or two words, neither possessive, from a word's start: "Likud" of "Netanyahu’s Likud party", never "Netanyahu". */
const OWN12 = String.raw`(?<![\p{L}\p{N}'’])\p{Lu}[\p{L}\p{N}\-]*(?:\s+\p{Lu}[\p{L}\p{N}\-]*)?(?![\p{L}\p{N}'’])`;
const DIRECTION = String.raw`(?:north|south|east|west)(?:-?(?:east|west))?(?:ward)?`;
const PLACE_WORD =
  'city|town|village|port|region|province|country|capital|island|district|republic|oblast|krai|settlement|harbour|harbor|border town|port city|resort';
const ORG_WORD =
  'news agency|agency|broadcaster|newspaper|daily|channel|network|carmaker|automaker|company|firm|think tank|ministry|bank|party|outlet|tabloid|magazine|wire service|' +
  'group|club|charity|studio|insurer|lender|airline|regulator|watchdog|website|web site|fan site|supplier|shipper|retailer|publisher|streamer';
/** After an organization's name, with a person's name next: "Morgan Stanley economist Bruna Skarica", "Liverpool head coach Arne Slot". */
const ORG_STAFF =
  'spokesperson|spokesman|spokeswoman|press secretary|press service|economist|strategist|analyst|boss|chief executive|chief economist|' +
  'chairman|chairwoman|manager|head coach|coach|supervisor|founder|owner|striker|midfielder|defender|goalkeeper';

/** Lower-case words that, beside a name, say it is a person's. */
const PERSON_WORD =
  'professor|president|prime minister|minister|spokesperson|spokesman|spokeswoman|press secretary|chairman|chairwoman|ambassador|envoy|analyst|researcher|economist|historian|lawyer|leader|general|commander|governor|mayor|senator|chancellor|director|founder|diplomat|journalist|correspondent|adviser|advisor|sister|brother|father|mother|daughter|son|wife|husband|' +
  'coach|manager|captain|striker|midfielder|defender|goalkeeper|actor|actress|singer|rapper|writer|author|novelist|filmmaker|producer|scientist|expert|executive|boss|supervisor|deputy|colleague|ally|rival|fellow|ranger|elder|reporter|running mate';
/** Capitalised titles before a name, which make it a person's: "President Obama", "Prime Minister Han Duck-soo", "Mr. Reeves". */
const CAP_TITLE =
  'Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|President|President-elect|Vice President|Prime Minister|Chancellor|Senator|Sen|Governor|Gov|Rep|' +
  'Minister|Secretary|Ambassador|Pope|King|Queen|Chairman|Chairwoman|Mayor';
/** One to four capitalised words, with initials between them: "Donald J. Trump", "George H.W. Bush". */
const NAME14 = String.raw`\p{Lu}[\p{L}’'\-]*(?:\s+(?:(?:\p{Lu}\.)+\s+)?\p{Lu}[\p{L}’'\-]*){0,3}`;
/** The words of PERSON_WORD in either case ("coach" and "Coach"). */
const anyCase = (words: string) =>
  words
    .split('|')
    .map((w) => `[${w[0]}${w[0].toUpperCase()}]${w.slice(1)}`)
    .join('|');

interface CueRule {
  re: RegExp;
  cue: (m: RegExpExecArray) => Cue;
  /** builds the canonical name from the match and the trimmed name */
  name?: (name: string, m: RegExpExecArray) => string;
  group?: number;
}

const titleWord = (w: string) => w[0].toUpperCase() + w.slice(1).toLowerCase();

const CUE_RULES: CueRule[] = [
  // "the Vostochny cosmodrome", "Vostochny Cosmodrome", "the Baikonur spaceport"
  {
    re: new RegExp(String.raw`(${NAME12})\s+([Cc]osmodrome|[Ss]paceport|[Aa]irbase)\b`, 'dgu'),
    cue: (m) => ({ type: 'place', what: m[2].toLowerCase() }),
    name: (name, m) => `${name} ${titleWord(m[2])}`,
  },
  // "about 900km north-west of Ussuriysk", "60 miles from Seoul"
  {
    re: new RegExp(String.raw`\d[\d,.]*\s?(?:km|kilometres|kilometers|miles|mi)\b\s+(?:${DIRECTION}\s+)?(?:of|from)\s+(${NAME})`, 'dgu'),
    cue: () => ({ type: 'place' }),
  },
  // "a city north of Vladivostok"
  { re: new RegExp(String.raw`\b${DIRECTION}\s+of\s+(${NAME})`, 'dgu'), cue: () => ({ type: 'place' }) },
  // "Ussuriysk, a city where..."
  {
    re: new RegExp(
      String.raw`(${NAME}),\s+(?:a|an|the)\s+(?:(?!of\b|at\b|in\b|for\b|with\b|where\b|which\b)[\p{Ll}\-]+\s+){0,3}?(${PLACE_WORD})\b`,
      'dgu',
    ),
    cue: (m) => ({ type: 'place', what: m[2] }),
  },
  // "the eastern city of Vladivostok"
  { re: new RegExp(String.raw`\b(${PLACE_WORD}) of (${NAME})`, 'dgu'), cue: (m) => ({ type: 'place', what: m[1] }), group: 2 },
  // "Yonhap, the South Korean news agency", "KCNA, Pyongyang’s official news agency"
  {
    re: new RegExp(
      String.raw`(${NAME}),\s+(?:(?:a|an|the)\s+)?(?:(?!of\b|at\b|in\b|for\b|with\b)[\p{L}’'-]+\s+){0,3}?(${ORG_WORD})\b`,
      'dgu',
    ),
    cue: (m) => ({ type: 'organization', what: m[2] }),
  },
  // "South Korean broadcaster YTN", "state channel Rossiya-24", "news agency, KCNA"
  {
    re: new RegExp(String.raw`\b(${ORG_WORD})\s*,?\s+(${NAME})`, 'dgu'),
    cue: (m) => ({ type: 'organization', what: m[1] }),
    group: 2,
  },
  // "Kremlin spokesperson Dmitry Peskov"
  {
    re: /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}-]+)\s+(?:spokesperson|spokesman|spokeswoman|press secretary|press service)\b/dgu,
    cue: () => ({ type: 'organization' }),
  },
  // "Aigerim Nurlanova, a professor at ...", "Putin, the Russian president"
  {
    re: new RegExp(
      String.raw`(${NAME}),\s+(?:(?:a|an|the)\s+)(?:(?!of\b|at\b|in\b|for\b|with\b)[\p{L}’'-]+\s+){0,3}?(?:${PERSON_WORD})\b`,
      'dgu',
    ),
    cue: () => ({ type: 'person' }),
  },
  // "professor Aigerim Nurlanova", "spokesperson Dmitry Peskov", "his son, Te Kaurinui Robert Parata" (two words at least:
  // "the president Monday" is not a name)
  {
    re: new RegExp(String.raw`\b(?:${anyCase(PERSON_WORD)}),?\s+(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){1,3})`, 'dgu'),
    cue: () => ({ type: 'person' }),
  },
  // "President Obama", "Prime Minister Han Duck-soo", "President-elect Donald J. Trump"
  { re: new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${CAP_TITLE})\.?\s+(${NAME14})`, 'dgu'), cue: () => ({ type: 'person' }) },
  // "Xi Jinping", "Yoon Suk Yeol", "Kim Yo Jong", "Lee Jae-myung", "Ban Ki-moon": family name first
  {
    re: new RegExp(
      String.raw`(?<![\p{L}\p{N}])((?:${[...FAMILY_FIRST].join('|')})(?:\s+\p{Lu}\p{Ll}{1,7}){1,2}|\p{Lu}\p{Ll}{1,4}\s+${KOREAN_GIVEN})(?![\p{L}\p{N}-])`,
      'dgu',
    ),
    cue: () => ({ type: 'person' }),
  },
  // "the Biden administration": a person's surname (compromise reads an organization)
  { re: /(?<![\p{L}\p{N}])(\p{Lu}[\p{Ll}'’-]+)\s+administration\b/dgu, cue: () => ({ type: 'person' }) },
  // "Morgan Stanley economist Bruna Skarica", "United manager Ruben Amorim"
  {
    re: new RegExp(String.raw`(${OWN12})\s+(?:${ORG_STAFF})\s+(?=\p{Lu})`, 'dgu'),
    cue: () => ({ type: 'organization' }),
  },
  // "Manchester United beat Liverpool 2-1"
  {
    re: new RegExp(
      String.raw`(${OWN12})\s+(?:beat|beats|defeated|drew with|drew|lost to|edged|thrashed)\s+(${NAME12})\s+\d{1,2}-\d{1,2}\b`,
      'dgu',
    ),
    cue: () => ({ type: 'organization' }),
  },
  {
    re: new RegExp(
      String.raw`(?:${NAME12})\s+(?:beat|beats|defeated|drew with|drew|lost to|edged|thrashed)\s+(${NAME12})\s+\d{1,2}-\d{1,2}\b`,
      'dgu',
    ),
    cue: () => ({ type: 'organization' }),
  },
  // "Chinese state media Xinhua reported"
  {
    re: new RegExp(String.raw`\b(?:state media|state broadcaster|news outlet)\s+(${NAME12})`, 'dgu'),
    cue: () => ({ type: 'organization' }),
  },
  // "the US state of Louisiana", "the state of Victoria"
  { re: new RegExp(String.raw`\b(?:state|county|prefecture|emirate|canton) of (${NAME})`, 'dgu'), cue: () => ({ type: 'place' }) },
  // "Vulture magazine", "the Interfax news agency", "Netanyahu's Likud party"
  {
    re: new RegExp(String.raw`(${OWN12})\s+(?:magazine|newspaper|news agency|tabloid|website|broadcaster|party)\b`, 'dgu'),
    cue: () => ({ type: 'organization' }),
  },
  // "Disney's acquisition of Lucasfilm", "Shares in Barclays"
  {
    re: new RegExp(
      String.raw`\b(?:acquisition of|takeover of|merger with|stake in|[Ss]hares in|[Ss]hares of|bought|acquired)\s+(${NAME12})`,
      'dgu',
    ),
    cue: () => ({ type: 'organization' }),
  },
  // seats of government that stand for it: "The Kremlin had kept expectations low"
  {
    re: /(?<![\p{L}\p{N}])(Kremlin|White House|Pentagon|Blue House|Downing Street|Élysée|Elysee|Vatican|Knesset|State Duma|Duma|State Department|Foreign Office|Quai d’Orsay)(?![\p{L}\p{N}])/dgu,
    cue: () => ({ type: 'organization' }),
  },
  // "the Kremlin said"
  {
    re: /\b[Tt]he\s+(\p{Lu}[\p{Ll}-]+)\s+(?:said|says|announced|denied|confirmed|has said|had said|wants|warned|insisted)\b/dgu,
    cue: () => ({ type: 'organization' }),
  },
];

/** Cues for names compromise does not know, from one sentence. */
export function cueCandidates(sentence: Sentence, index: number): Candidate[] {
  if (sentence.heading) return [];
  const text = sentence.text;
  const out: Candidate[] = [];
  for (const rule of CUE_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const [gs, ge] = m.indices![rule.group ?? 1];
      const span = trimName(text, gs, ge);
      if (!span) continue;
      const cue = rule.cue(m);
      if (rule.name) {
        // "Vostochny cosmodrome" as written, named "Vostochny Cosmodrome"; "Vostochny" alone is the same place
        cue.name = rule.name(span.form, m);
        const keywordEnd = m.indices![2][1];
        out.push({ form: text.slice(span.start, keywordEnd), type: cue.type, weight: 3, cue, sentence: index });
        out.push({ form: span.form, type: cue.type, weight: 1, sentence: index });
      } else out.push({ form: span.form, type: cue.type, weight: 3, cue, sentence: index });
    }
  }
  // "EU leaders", "U.S. officials": abbreviations compromise may not tag
  for (const m of text.matchAll(KNOWN_RE)) {
    const k = KNOWN_BY_KEY.get(formKey(m[0]))!;
    out.push({ form: m[0], type: k.type, weight: 3, cue: { type: k.type }, sentence: index });
  }
  out.push(...institutionCandidates(text, index));
  return out;
}

/** A capitalised run with the lower-case words an institution's name holds ("of", "for", "and", "&"). */
const INSTITUTION_RUN = /\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+(?:(?:of|for|on|and|the|de|&)\s+)*(?:\p{Lu}[\p{L}\p{N}'’.-]*|&))*/gu;

/**
 * Capitalised runs ending in an organization or place word: "Sogang University", "Eastern Economic Forum",
 * "Kim Il Sung Square"; or with one before "of", "for", "on": "Bank of England", "Center for Strategic and
 * International Studies", "Johns Hopkins Bloomberg School of Public Health"; or joined by "&":
 * "Industrial Light & Magic". A possessive ends a run ("South Korea's National Intelligence Service").
 */
function institutionCandidates(text: string, index: number): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(INSTITUTION_RUN)) {
    let offset = m.index;
    for (const part of m[0].split(/(?<=['’]s?)\s+/u)) {
      const start = offset;
      offset += part.length + 1;
      const c = institutionIn(text, start, start + part.length, index);
      if (c) out.push(c);
    }
  }
  return out;
}

function institutionIn(text: string, s: number, e: number, index: number): Candidate | undefined {
  let words = text.slice(s, e).split(/\s+/);
  // "and" joins two names ("Snopes and ABC News") unless "of", "for", "on" came first ("Department of Health and Human Services")
  const and = words.indexOf('and');
  if (and > 0 && !words.slice(0, and).some((w) => w === 'of' || w === 'for' || w === 'on')) words = words.slice(and + 1);
  while (words.length && (ORG_CONNECTORS.has(words[words.length - 1]) || !/^[\p{Lu}&]/u.test(words[words.length - 1]))) words.pop();
  while (words.length && (FUNCTION_CAPS.has(words[0].toLowerCase()) || ORG_CONNECTORS.has(words[0]))) words.shift();
  if (words.length < 2) return undefined;
  const lower = words.map((w) => w.toLowerCase().replace(/['’]s?$/, ''));
  const last = lower[lower.length - 1];
  const keyword = lower.findIndex(
    (w, i) => (ORG_SUFFIX.has(w) || ORG_PREFIX.has(w)) && ORG_CONNECTORS.has(lower[i + 1] ?? '') && lower[i + 1] !== 'and',
  );
  // "Asia Digital Editor for NBC News": without an institution word before "for", the name starts after it
  const joint = lower.findLastIndex((w) => w === 'of' || w === 'for' || w === 'on');
  if (keyword < 0 && joint > 0 && joint < words.length - 2 && ORG_SUFFIX.has(last)) words = words.slice(joint + 1);
  const form = words.join(' ');
  const at = text.indexOf(form, s);
  // "Korean Central News Agency": here a demonym is part of the name, and so is a title ("Premier League")
  if (at < 0) return undefined;
  const span = words.includes('&') ? { form } : trimName(text, at, at + form.length, true, true, 10);
  if (!span || span.form.split(/\s+/).length < 2) return undefined;
  if (PLACE_SUFFIX.has(last) && !words.includes('&'))
    return { form: span.form, type: 'place', weight: 3, cue: { type: 'place', what: last }, sentence: index };
  if (ORG_SUFFIX.has(last) || keyword >= 0 || words.includes('&'))
    return {
      form: span.form,
      type: 'organization',
      weight: 3,
      cue: { type: 'organization', what: ORG_SUFFIX.has(last) ? last : keyword >= 0 ? lower[keyword] : undefined },
      sentence: index,
    };
  return undefined;
}

// ---------------------------------------------------------------- grouping

export interface NameGroup {
  key: string;
  /** surface forms with how often a finder proposed them */
  forms: Map<string, number>;
  votes: Record<EntityType, number>;
  /** index of the first sentence it was proposed in */
  first: number;
  cues: Cue[];
  /** canonical name from the KNOWN table ("United States" for "US") */
  known?: KnownName;
  /** groups merged into this one (shorter forms) */
  merged: NameGroup[];
  /** surnames and short forms that count for this name, with their kind */
  shortForms: Set<string>;
  /** sentences it was proposed in (this form, not the merged ones) */
  sentences: Set<number>;
}

const tokenKeys = (key: string) => key.split(' ');

export function groupCandidates(cands: Candidate[]): NameGroup[] {
  const byKey = new Map<string, NameGroup>();
  const groupFor = (key: string, first: number): NameGroup => {
    let g = byKey.get(key);
    if (!g) {
      g = {
        key,
        forms: new Map(),
        votes: { person: 0, place: 0, organization: 0 },
        first,
        cues: [],
        merged: [],
        shortForms: new Set(),
        sentences: new Set(),
      };
      byKey.set(key, g);
    }
    g.first = Math.min(g.first, first);
    return g;
  };
  for (const c of cands) {
    // "Snopes.com" is Snopes
    let key = formKey(c.form.replace(/\.(?:com|net|org|co\.uk)$/i, ''));
    if (!key) continue;
    const known = KNOWN_BY_KEY.get(key);
    if (known) key = formKey(known.canonical);
    const g = groupFor(key, c.sentence);
    if (known) g.known = known;
    g.forms.set(c.form, (g.forms.get(c.form) ?? 0) + 1);
    g.sentences.add(c.sentence);
    g.votes[known ? known.type : c.type] += known ? 3 : c.weight;
    if (c.cue) g.cues.push(c.cue);
  }
  return [...byKey.values()];
}

export function groupType(g: NameGroup): EntityType {
  const v: Record<EntityType, number> = { ...g.votes };
  for (const m of g.merged) for (const t of Object.keys(v) as EntityType[]) v[t] += m.votes[t] * 0.5;
  return (Object.keys(v) as EntityType[]).reduce((a, b) => (v[b] > v[a] ? b : a));
}

/** in how many sentences the name is written in full (finders may propose one mention twice) */
const fullMentions = (g: NameGroup) => g.sentences.size;

/** index of `short` as a run of whole words inside `long`, or -1 */
function subsequenceAt(short: string[], long: string[]): number {
  outer: for (let i = 0; i + short.length <= long.length; i++) {
    for (let j = 0; j < short.length; j++) if (long[i + j] !== short[j]) continue outer;
    return i;
  }
  return -1;
}

/** The group's longest form as written: "Kim Jong Un" for the key "kim jong un". */
function surfaceOf(g: NameGroup): string {
  let best = '';
  for (const f of g.forms.keys()) if (f.length > best.length) best = f;
  return best || g.key;
}

/**
 * Merges shorter forms into the longer name that contains them: "Kim" and
 * "Kim Jong" into "Kim Jong Un", "Putin" into "Vladimir Putin", "Vostochny"
 * into "Vostochny Cosmodrome", "Hopkins" into "Johns Hopkins University".
 * A lone word joins a person as the surname only (the last word, or the first
 * of a name written family name first); a first name alone ("Maggie", "John")
 * is neither an alias nor an entity. A surname two people share ("Kim": Kim Yo
 * Jong and Kim Jong Un) goes to the one the text names most only when each of
 * the others is named in one sentence (the seed article's Kim Jae-chun);
 * otherwise to nobody. A lone word joins a place only as the first word before
 * a place word ("Vostochny" of "Vostochny Cosmodrome": "Sudan" is not South
 * Sudan), and an organization as any word of its own ("Sachs", "Hopkins").
 * Returns the groups that remain entities.
 */
export function mergeShortForms(groups: NameGroup[]): NameGroup[] {
  const sorted = [...groups].sort((a, b) => tokenKeys(b.key).length - tokenKeys(a.key).length || a.first - b.first);
  const roots: NameGroup[] = [];
  for (const g of sorted) {
    if (g.known) {
      roots.push(g);
      continue;
    }
    const target = tokenKeys(g.key).length === 1 ? wordTarget(g, roots) : nameTarget(g, roots);
    if (target === 'drop') continue;
    if (target) target.merged.push(g);
    else roots.push(g);
  }
  return roots;
}

const byMentions = (a: NameGroup, b: NameGroup) => fullMentions(b) - fullMentions(a) || a.first - b.first;

/** A longer name of the same type that holds `g`'s words in a row ("Kim Jong" of "Kim Jong Un"). */
function nameTarget(g: NameGroup, roots: NameGroup[]): NameGroup | undefined {
  const gt = tokenKeys(g.key);
  const type = groupType(g);
  const containers = roots.filter((r) => {
    const rt = tokenKeys(r.key);
    return rt.length > gt.length && subsequenceAt(gt, rt) >= 0 && groupType(r) === type && !r.known;
  });
  return containers.sort(byMentions)[0];
}

/** Where a lone word goes: a longer name, nowhere (it stays an entity), or 'drop' (a first name, a shared surname). */
function wordTarget(g: NameGroup, roots: NameGroup[]): NameGroup | 'drop' | undefined {
  const [word] = tokenKeys(g.key);
  const type = groupType(g);
  const weak = g.cues.every((c) => c.type === 'person');
  const surnameOf: NameGroup[] = [];
  const givenOf: NameGroup[] = [];
  let place: NameGroup | undefined;
  const orgs: NameGroup[] = [];
  for (const r of roots) {
    const rt = tokenKeys(r.key);
    const at = rt.indexOf(word);
    if (rt.length < 2 || at < 0 || r.known) continue;
    const rType = groupType(r);
    if (rType === 'person' && (type === 'person' || weak)) {
      const familyFirst = isFamilyFirst(surfaceOf(r));
      if (at === (familyFirst ? 0 : rt.length - 1)) surnameOf.push(r);
      else if (at === (familyFirst ? rt.length - 1 : 0)) givenOf.push(r);
    } else if (
      rType === 'place' &&
      at === 0 &&
      rt.slice(1).every((w) => GENERIC_PLACE_SUFFIX.has(w)) &&
      (type === 'place' || !g.cues.length)
    )
      // "Vostochny" (which compromise may call anything) is the Vostochny Cosmodrome
      place = r;
    // "Hopkins researchers" (which compromise may call a person) is Johns Hopkins University; "Pacific" is no forum
    else if (
      rType === 'organization' &&
      (type === 'organization' || (type === 'person' && !g.cues.length)) &&
      !ORG_SUFFIX.has(word) &&
      !ORG_PREFIX.has(word)
    )
      orgs.push(r);
  }
  if (surnameOf.length) {
    const [top, ...others] = surnameOf.sort(byMentions);
    if (!others.length || (fullMentions(top) >= 2 && others.every((o) => fullMentions(o) <= 1))) return top;
    return 'drop';
  }
  if (givenOf.length && type === 'person') return 'drop';
  if (place) return place;
  if (orgs.length && !COMMON_CAPS.has(word)) return orgs.sort(byMentions)[0];
  return undefined;
}

/**
 * Short forms a full name is written with that compromise may not have
 * proposed on their own: a person's last word ("Shoigu", "Peskov") and the
 * first word of "X Cosmodrome". Added only where unambiguous among roots.
 */
export function addShortForms(roots: NameGroup[], surfaceOf: (g: NameGroup) => string): void {
  const owners = new Map<string, NameGroup[]>();
  const proposeRaw = (word: string, g: NameGroup) => {
    const list = owners.get(word) ?? [];
    if (!list.includes(g)) list.push(g);
    owners.set(word, list);
  };
  const propose = (word: string, g: NameGroup) => {
    if (word.length < 3 || COMMON_CAPS.has(word.toLowerCase()) || TITLES.has(word.toLowerCase()) || !isUpperStart(word)) return;
    const list = owners.get(word) ?? [];
    if (!list.includes(g)) list.push(g);
    owners.set(word, list);
  };
  for (const g of roots) {
    const words = surfaceOf(g).split(/\s+/);
    if (words.length < 2) continue;
    const type = groupType(g);
    const particle = words.findIndex((w, i) => i > 0 && NAME_PARTICLES.has(w));
    if (type === 'person' && particle > 0)
      proposeRaw(words.slice(particle).join(' '), g); // "von der Leyen"
    else if (type === 'person') propose(isFamilyFirst(surfaceOf(g)) ? words[0] : words[words.length - 1], g);
    else if (type === 'place' && words.slice(1).every((w) => GENERIC_PLACE_SUFFIX.has(w.toLowerCase()))) propose(words[0], g);
  }
  const rootKeys = new Set(roots.map((r) => r.key));
  for (const [word, list] of owners) {
    if (list.length !== 1 || rootKeys.has(formKey(word))) continue;
    list[0].shortForms.add(word);
  }
}

/**
 * An all-capitals word in the text that spells the initials of an
 * organization or place it names in full is that name: "EEF" for the Eastern
 * Economic Forum, "KCNA" for the Korean Central News Agency.
 */
export function addAcronyms(roots: NameGroup[], surfaceOf: (g: NameGroup) => string, sentences: Sentence[]): NameGroup[] {
  const byInitials = new Map<string, NameGroup[]>();
  for (const g of roots) {
    if (groupType(g) === 'person') continue;
    const words = surfaceOf(g)
      .split(/[\s-]+/)
      .filter((w) => !PARTICLES.has(w) && w !== '&');
    if (words.length < 2 || !words.every(isUpperStart)) continue;
    const initials = words.map((w) => w[0].toUpperCase()).join('');
    byInitials.set(initials, [...(byInitials.get(initials) ?? []), g]);
  }
  if (!byInitials.size) return roots;
  const rootByKey = new Map(roots.map((r) => [r.key, r]));
  const mergedAway = new Set<NameGroup>();
  for (const s of sentences)
    for (const m of s.text.matchAll(/(?<![\p{L}\p{N}])\p{Lu}{2,6}(?![\p{L}\p{N}])/gu)) {
      const owners = byInitials.get(m[0]);
      if (owners?.length !== 1) continue;
      const own = rootByKey.get(formKey(m[0]));
      // compromise may have made "AIF" an entity of its own: it joins the Astana International Forum
      if (own && own !== owners[0] && !own.known && !mergedAway.has(own)) {
        owners[0].merged.push(own);
        mergedAway.add(own);
      }
      owners[0].shortForms.add(m[0]);
    }
  return roots.filter((r) => !mergedAway.has(r));
}

// ---------------------------------------------------------------- neighbours and words

/**
 * A name written beside one of a known type, in a list or after a comma, is of that type: "both
 * Roscosmos and NASA", "ABC News and Politifact", "in Baikonur, Kazakhstan," (the last only when the
 * comma's name ends a clause: "in Moscow, Putin said" is not a place). People are left out: "Obama
 * and Congress" is no person.
 */
export function neighbourCandidates(cands: Candidate[], sentences: Sentence[]): Candidate[] {
  const known = new Set(cands.map((c) => formKey(c.form)));
  const out: Candidate[] = [];
  const word = String.raw`\p{Lu}[\p{L}\p{N}.’'-]*(?:\s+\p{Lu}[\p{L}\p{N}.’'-]*)?`;
  const after = new RegExp(String.raw`^(?:(,)\s+(?:and\s+)?|\s+(?:and|or)\s+)(${word})(?![\p{L}\p{N}])`, 'u');
  const before = new RegExp(String.raw`(?<![\p{L}\p{N}])(${word})(?:(,)\s+|\s+(?:and|or)\s+)$`, 'u');
  const seen = new Set<string>();
  for (const c of cands) {
    if (c.type === 'person' || seen.has(`${c.sentence}\u0000${c.form}`)) continue;
    seen.add(`${c.sentence}\u0000${c.form}`);
    const text = sentences[c.sentence].text;
    for (let at = text.indexOf(c.form); at >= 0; at = text.indexOf(c.form, at + 1)) {
      const a = after.exec(text.slice(at + c.form.length));
      const b = before.exec(text.slice(Math.max(0, at - 60), at));
      const rest = a ? text.slice(at + c.form.length + a[0].length) : '';
      if (a && (!a[1] || /^\s*(?:[,.;:)]|$)/.test(rest))) out.push(...neighbour(a[2], c, known));
      if (b && !b[2]) out.push(...neighbour(b[1], c, known));
    }
  }
  return out;
}

function neighbour(form: string, c: Candidate, known: Set<string>): Candidate[] {
  const span = trimName(form, 0, form.length, c.type === 'organization');
  // "Florida." at a sentence's end is Florida; "Cape Canaveral, Florida Keys" is not
  if (!span || known.has(formKey(span.form)) || span.form !== form.replace(/(?<!\.\p{L})\.$/u, '')) return [];
  const words = span.form.split(/\s+/);
  if (words.some((w) => COMMON_CAPS.has(w.toLowerCase())) || (words.length === 1 && isCommonWord(words[0]))) return [];
  return [{ form: span.form, type: c.type, weight: 1, sentence: c.sentence }];
}

type Lexicon = Map<string, string>;
let lexicon: Lexicon | undefined;
/** compromise's own word list, read into a Map once (words from the text are never keys of a plain object). */
function lexiconTag(word: string): string | undefined {
  if (!lexicon) {
    const raw = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
    lexicon = new Map(Object.entries(raw).map(([w, t]) => [w, Array.isArray(t) ? t[0] : t]));
  }
  return lexicon.get(word.toLowerCase());
}

const NAME_TAGS = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Person',
  'Place',
  'City',
  'Country',
  'Region',
  'Organization',
  'Company',
  'ProperNoun',
  'SportsTeam',
  'School',
  'Honorific',
]);

/** A word compromise knows as an ordinary English word ("earnest", "cook", "difficult", "bank"). */
export function isCommonWord(word: string): boolean {
  const tag = lexiconTag(word);
  return tag !== undefined && !NAME_TAGS.has(tag);
}

/** A word compromise knows only as a given name ("Mark", "Chris"); an East Asian family name ("Kim") is not one. */
export function isGivenName(word: string): boolean {
  const tag = lexiconTag(word);
  return (tag === 'FirstName' || tag === 'MaleName' || tag === 'FemaleName') && !FAMILY_FIRST.has(word);
}
