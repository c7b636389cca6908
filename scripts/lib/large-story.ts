/**
 * A story as large as the pack schema allows in entities (issue 13: 2,000 entities of 25 names each, 50,000
 * names) and a page naming 1,500 of them, made the same on every run (a seeded generator), for the e2e test
 * of a page kept responsive under it and for the bench's numbers of it.
 *
 * The names are made of syllables, so they share first words and stems the way real names do (a trie
 * node with many edges), in three scripts: Latin, Cyrillic (declining, so the matcher keeps stems and
 * paradigms) and Hangul.
 */
import { prng } from './prng';
import { PACK_FORMAT_VERSION, type Entity, type EntityName, type EntityType, type StoryPack } from '../../src/core/pack';

export const LARGE_STORY_ENTITIES = 2000;
export const LARGE_STORY_NAMES = 25;
export const LARGE_PAGE_NAMED = 1500;

const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'kr', 'st', 'tr', 'gl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'k', 'm'];
const CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'б',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  i: 'и',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  z: 'з',
};
const HANGUL_START = 0xac00;

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const cyrillic = (latin: string) => [...latin.toLowerCase()].map((c) => CYRILLIC[c] ?? c).join('');
const cyrillicCap = (latin: string) => cap(cyrillic(latin));

/** A made-up word of `syllables` syllables. */
function word(rnd: () => number, syllables: number): string {
  let w = '';
  for (let s = 0; s < syllables; s++) {
    w += ONSETS[Math.floor(rnd() * ONSETS.length)]! + VOWELS[Math.floor(rnd() * VOWELS.length)]!;
    if (s === syllables - 1) w += CODAS[Math.floor(rnd() * CODAS.length)]!;
  }
  return cap(w);
}

/** The same word in Hangul: one syllable block per Latin syllable (made up, but stable per word). */
function hangul(latin: string): string {
  let h = 0;
  let out = '';
  for (let i = 0; i < latin.length; i += 2) {
    h = (Math.imul(h ^ latin.charCodeAt(i), 0x01000193) + latin.charCodeAt(i + 1 < latin.length ? i + 1 : i)) >>> 0;
    out += String.fromCharCode(HANGUL_START + (h % 11172));
  }
  return out;
}

const name = (text: string, lang: string, kind: EntityName['kind'] = 'name'): EntityName => ({ text, lang, kind });

/** 25 ways of writing a person's name `first last`: initials, a middle name, spellings, Russian and Korean forms. */
function personNames(first: string, middle: string, last: string): EntityName[] {
  const ru = cyrillicCap;
  const variants = [last + 'e', last.replace(/[aeiou]/, 'y'), last + 'a', last.slice(0, -1) + 'h'];
  return [
    name(last, 'en', 'surname'),
    name(`${first[0]}. ${last}`, 'en'),
    name(`${first} ${middle} ${last}`, 'en'),
    name(`${first} ${middle[0]}. ${last}`, 'en'),
    name(`${last} ${first}`, 'en'),
    ...variants.map((v) => name(`${first} ${v}`, 'en')),
    ...variants.slice(0, 2).map((v) => name(v, 'en', 'surname')),
    name(`${ru(first)} ${ru(last)}`, 'ru'),
    name(`${ru(first)} ${ru(middle)} ${ru(last)}`, 'ru'),
    name(ru(last), 'ru', 'surname'),
    name(`${ru(first)} ${ru(variants[0]!)}`, 'ru'),
    name(`${ru(last)} ${ru(first)}`, 'ru'),
    name(`${hangul(first)} ${hangul(last)}`, 'ko'),
    name(hangul(last), 'ko', 'surname'),
    name(`${hangul(last)} ${hangul(first)}`, 'ko'),
    name(`${first} ${last}-${middle}`, 'de'),
    name(`${first}-${middle} ${last}`, 'fr'),
    name(`${first} de ${last}`, 'es'),
    name(`${first} ${last}i`, 'it'),
    name(`${middle} ${last}`, 'en'),
    name(`${first} ${last} Jr.`, 'en'),
  ];
}

/** 25 ways of writing a place or an organization `head tail`. */
function groupNames(type: EntityType, head: string, tail: string): EntityName[] {
  const ru = cyrillicCap;
  const kinds = type === 'place' ? ['Port', 'Lake', 'Mount', 'Fort', 'New'] : ['Bank', 'Institute', 'Union', 'Council', 'Agency'];
  const abbr = (head[0]! + tail[0]! + kinds[0]![0]!).toUpperCase();
  return [
    name(`${head}${tail.toLowerCase()}`, 'en'),
    name(abbr, 'en', 'abbreviation'),
    ...kinds.map((k) => name(`${k} ${head} ${tail}`, 'en')),
    ...kinds.slice(0, 3).map((k) => name(`${head} ${tail} ${k}`, 'en')),
    name(`${head}-${tail}`, 'en'),
    name(`${ru(head)} ${ru(tail)}`, 'ru'),
    name(`${ru(head)}-${ru(tail)}`, 'ru'),
    name(ru(`${head}${tail.toLowerCase()}`), 'ru'),
    name(`${ru(tail)} ${ru(head)}`, 'ru'),
    name(`${hangul(head)} ${hangul(tail)}`, 'ko'),
    name(`${hangul(head)}${hangul(tail)}`, 'ko'),
    name(`${head} ${tail}a`, 'es'),
    name(`${head} ${tail}e`, 'fr'),
    name(`${head} ${tail}en`, 'de'),
    name(`${head}a ${tail}`, 'it'),
    name(`${head} ${tail}o`, 'pt'),
    name(`${head} ${tail}i`, 'fi'),
    name(`the ${head} ${tail}`, 'en'),
    name(`${head} ${tail} ${abbr}`, 'en'),
  ];
}

export interface LargeStory {
  pack: StoryPack;
  /** each entity's canonical name and two more of its names, as a page writes them */
  written: { name: string; other: string; surname?: string; ru: string; ko: string }[];
}

/** The large story: `entities` entities of 25 names each (besides the canonical name), every field within the schema's limits. */
export function largeStory(entities = LARGE_STORY_ENTITIES, seed = 13): LargeStory {
  const rnd = prng(seed);
  const firsts = Array.from({ length: 150 }, () => word(rnd, 2));
  const list: Entity[] = [];
  const written: LargeStory['written'] = [];
  const ids = new Set<string>();
  for (let i = 0; ids.size < entities; i++) {
    const type: EntityType = i % 4 === 2 ? 'place' : i % 4 === 3 ? 'organization' : 'person';
    let names: EntityName[];
    let canonical: string;
    let surname: string | undefined;
    if (type === 'person') {
      const first = firsts[Math.floor(rnd() * firsts.length)]!;
      const last = word(rnd, 2 + Math.floor(rnd() * 2));
      canonical = `${first} ${last}`;
      surname = last;
      names = personNames(first, word(rnd, 2), last);
    } else {
      const head = word(rnd, 2);
      const tail = word(rnd, 2);
      canonical = `${head} ${tail}`;
      names = groupNames(type, head, tail);
    }
    const id = `${type}-${canonical.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    if (ids.has(id)) continue;
    ids.add(id);
    if (names.length !== LARGE_STORY_NAMES) throw new Error(`${names.length} names for ${canonical}`);
    list.push({
      id,
      name: canonical,
      type,
      centrality: 'central',
      description: `Made up for a test of a large story: ${canonical}, entity ${list.length + 1}.`,
      fromArticle: true,
      names,
      titles: [],
      roles: [],
      facts: [],
      sentences: [],
      relations: [],
    });
    const inLang = (lang: string) => names.find((n) => n.lang === lang && n.kind === 'name')!.text;
    written.push({ name: canonical, other: names[type === 'person' ? 1 : 2]!.text, surname, ru: inLang('ru'), ko: inLang('ko') });
  }
  const pack: StoryPack = {
    format: 'story-lens/pack',
    formatVersion: PACK_FORMAT_VERSION,
    id: 'large-story',
    title: 'A story of two thousand made-up names',
    date: '2024-05-01',
    source: {},
    summary: 'Made up for the tests of a large story (issue 13).',
    language: 'en',
    entities: list,
  };
  return { pack, written };
}

const FILLER = [
  'Officials declined to comment on the schedule.',
  'The weather in the region was mild for the season.',
  'Markets opened as usual on Tuesday morning.',
  'A spokesman said talks would resume next week.',
];

/**
 * A page naming `named` of the story's entities (the first ones, in order), each in a paragraph of its own:
 * its canonical name, another of its names, its Russian and Korean names and, for a person, the surname alone.
 */
export function largeStoryPage(story: LargeStory, named = LARGE_PAGE_NAMED): string {
  const ps: string[] = [];
  for (let i = 0; i < named && i < story.written.length; i++) {
    const w = story.written[i]!;
    const again = w.surname ? ` Later, ${w.surname} spoke to reporters.` : '';
    ps.push(
      `<p>${i + 1}. ${w.name} arrived on Monday. ${FILLER[i % FILLER.length]} ${w.other} was seen there too.${again} ` +
        `Сообщается, что ${w.ru} тоже там. ${w.ko} 관련 보도.</p>`,
    );
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page naming ${named} entities</title></head><body>
<h1>A page naming ${named} entities of a large story</h1>
${ps.join('\n')}
</body></html>`;
}

/** The story as a backup file the options page imports (store/backup.ts's format). */
export function largeStoryBackup(story: LargeStory, settings: unknown): string {
  return JSON.stringify({
    format: 'story-lens/backup',
    formatVersion: 1,
    settingsVersion: 2,
    settings,
    stories: [{ id: story.pack.id, title: story.pack.title, enabled: true, bundled: false, pack: story.pack }],
  });
}
