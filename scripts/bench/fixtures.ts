/**
 * What `npm run bench` measures on, built deterministically (a seeded PRNG):
 * the generated 20,000-paragraph page, paragraphs to append, synthetic
 * stories to scale the number of aliases, and the real pages with their
 * scripts stripped (they would try the network, which the bench blocks).
 */
import type { StoryPack } from '../../src/core/pack';
import { parsePack } from '../../src/story/schema';
import { prng } from '../lib/prng';

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** Names a news page on the story would carry. */
const STORY_NAMES = [
  'Kim Jong Un',
  'Vladimir Putin',
  'Putin',
  'Kim',
  'Sergei Shoigu',
  'Dmitry Peskov',
  'the Kremlin',
  'Russia',
  'North Korea',
  'Pyongyang',
  'Moscow',
  'Vladivostok',
  'the Vostochny Cosmodrome',
  'Ussuriysk',
  'Ukraine',
  'China',
  'Seoul',
  'Yonhap',
  'KCNA',
  'the Eastern Economic Forum',
  'the United States',
];
const SUBJECTS = ['Officials', 'Analysts', 'The ministry', 'A spokesman', 'Local residents', 'The committee', 'Observers', 'Diplomats'];
const VERBS = ['said', 'reported', 'noted', 'warned', 'argued', 'confirmed', 'suggested', 'denied'];
const FILLER = [
  'that the schedule for the coming week had not been settled',
  'that trade across the border had grown over the summer',
  'that the railway line would need repairs before winter',
  'that the talks were expected to last several hours',
  'that no agreement had been signed so far',
  'that the harvest in the region was better than last year',
  'that prices of fuel and food had risen again',
  'that the delegation would travel on by train',
];

/** One paragraph of plain news prose; about one in four names someone or somewhere from the story. */
export function paragraph(rnd: () => number): string {
  const sentences: string[] = [];
  const n = 2 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const who = rnd() < 0.25 ? pick(rnd, STORY_NAMES) : pick(rnd, SUBJECTS);
    const subject = who.startsWith('the ') ? `The ${who.slice(4)}` : who;
    sentences.push(`${subject} ${pick(rnd, VERBS)} ${pick(rnd, FILLER)}.`);
  }
  return sentences.join(' ');
}

export function paragraphs(count: number, seed: number): string[] {
  const rnd = prng(seed);
  return Array.from({ length: count }, () => paragraph(rnd));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An article page of `count` paragraphs (the bench's large page: 20,000). */
export function generatedPage(count: number, seed = 20_000): string {
  const body = paragraphs(count, seed)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${count} paragraphs</title></head><body><main><h1>A very long page</h1>\n${body}\n</main></body></html>`;
}

export const EMPTY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Empty page</title></head><body><main></main></body></html>`;

/** The page's scripts and refresh redirects removed: a saved page is measured, never run. */
export function stripScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<meta[^>]+http-equiv=["']?refresh[^>]*>/gi, '');
}

/** Every name the matcher learns from these packs (canonical names and names; role descriptions are off by default). */
export function aliases(packs: StoryPack[], opts: { langs?: string[] } = {}): string[] {
  const out = new Set<string>();
  for (const p of packs)
    for (const e of p.entities) {
      out.add(e.name);
      for (const n of e.names) {
        if (n.kind === 'description') continue;
        if (opts.langs && !opts.langs.some((l) => n.lang === l || n.lang.startsWith(`${l}-`))) continue;
        out.add(n.text);
      }
    }
  return [...out];
}

/** The pack with only the names in `langs` (the canonical English name stays). */
export function withLanguages(pack: StoryPack, langs: string[]): StoryPack {
  return {
    ...pack,
    entities: pack.entities.map((e) => ({
      ...e,
      names: e.names.filter((n) => langs.some((l) => n.lang === l || n.lang.startsWith(`${l}-`))),
    })),
  };
}

// Syllables with their Cyrillic spelling, so synthetic names exercise the
// Russian declension forms the matcher adds, as the story's own names do.
const SYLLABLES: [string, string][] = [
  ['ka', 'ка'],
  ['lo', 'ло'],
  ['mi', 'ми'],
  ['ren', 'рен'],
  ['sto', 'сто'],
  ['va', 'ва'],
  ['dur', 'дур'],
  ['bel', 'бел'],
  ['nik', 'ник'],
  ['tor', 'тор'],
  ['zen', 'зен'],
  ['gri', 'гри'],
  ['pol', 'пол'],
  ['shan', 'шан'],
  ['mur', 'мур'],
  ['te', 'те'],
  ['ros', 'рос'],
  ['lin', 'лин'],
  ['dak', 'дак'],
  ['vel', 'вел'],
];
const HANGUL = ['가', '나', '다', '라', '마', '바', '사', '아', '자', '차', '카', '타', '파', '하', '민', '준', '서', '윤', '현', '진'];

function word(rnd: () => number): [string, string] {
  const n = 2 + Math.floor(rnd() * 2);
  let lat = '';
  let cyr = '';
  for (let i = 0; i < n; i++) {
    const [l, c] = pick(rnd, SYLLABLES);
    lat += l;
    cyr += c;
  }
  return [lat[0]!.toUpperCase() + lat.slice(1), cyr[0]!.toUpperCase() + cyr.slice(1)];
}

/**
 * Synthetic stories adding `count` distinct aliases to `existing` (four per
 * entity: full name, surname, Russian and Korean spellings), in packs of at
 * most 2,000 entities as the schema allows. Made-up words: they cost the
 * matcher what real names cost without matching the pages.
 */
export function syntheticPacks(count: number, seed = 1, existing: Iterable<string> = []): StoryPack[] {
  const rnd = prng(seed);
  const seen = new Set<string>(existing);
  const entities: unknown[] = [];
  let made = 0;
  const types = ['person', 'place', 'organization'] as const;
  while (made < count) {
    const [f, fc] = word(rnd);
    const [l, lc] = word(rnd);
    const name = `${f} ${l}`;
    if (seen.has(name)) continue;
    seen.add(name);
    made++;
    const ko = Array.from({ length: 3 }, () => pick(rnd, HANGUL)).join('');
    const names: { text: string; lang: string; kind?: string }[] = [];
    for (const n of [
      { text: l, lang: 'en', kind: 'surname' },
      { text: `${fc} ${lc}`, lang: 'ru' },
      { text: ko, lang: 'ko' },
    ]) {
      if (made >= count) break;
      if (seen.has(n.text)) continue;
      seen.add(n.text);
      names.push(n);
      made++;
    }
    entities.push({
      id: `synthetic-${entities.length + 1}`,
      name,
      type: types[entities.length % 3],
      description: 'A made-up entity of the benchmark.',
      fromArticle: false,
      names,
    });
  }
  const packs: StoryPack[] = [];
  for (let i = 0; i < entities.length; i += 2000) {
    packs.push(
      parsePack({
        format: 'story-lens/pack',
        formatVersion: 1,
        id: `synthetic-${i / 2000 + 1}`,
        title: 'Synthetic story for the benchmark',
        date: '2023-09-12',
        entities: entities.slice(i, i + 2000),
      }),
    );
  }
  return packs;
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
