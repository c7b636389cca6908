/**
 * Every detection case as a small page with the JSON of what must be found
 * (tests/fixtures/detection, in the format of the shared eval set): each page
 * is scanned as `npm run scan` does and scored. Every required mention must be
 * found, nothing else of the story may be found, and no trap may be hit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultMatcher, scanHtml, type ScannedMention } from '../../../scripts/scan';
import { entityInfo, findMentions } from '../../../src/core/matcher';
import { storyMatcher } from './detect-helpers';
import { collectText } from '../../../src/page/collect-text';
import { parseHtml } from '../../../scripts/scan';

const DIR = join(__dirname, '../../fixtures/detection');

interface Gold {
  page: string;
  lang: string;
  mentions: { entity: string; text: string; kind: 'required' | 'optional' }[];
  must_not: { text: string; not_entity: string; count: number }[];
}

/** surface as a reader sees it (as ../shared/eval/score.mjs): no soft hyphens, one space, no possessive, lower case */
const surf = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\u00ad/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/['’]s?$/u, '')
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '')
    .toLowerCase();
const sameWordPrefix = (g: string, s: string) => g.startsWith(s) && !/\s/u.test(g.slice(s.length));

function take(pool: string[], s: string): boolean {
  let i = pool.indexOf(s);
  if (i < 0) i = pool.findIndex((g) => s.includes(g) || sameWordPrefix(g, s));
  if (i < 0) return false;
  pool.splice(i, 1);
  return true;
}

function insideTrap(m: ScannedMention, trap: string): boolean {
  const norm = (x: string) => x.replace(/[\s\u00a0]+/g, ' ').replace(/\u00ad/g, '');
  const before = norm(m.before);
  const whole = before + norm(m.text) + norm(m.after);
  const t = norm(trap);
  const start = before.length;
  const end = start + norm(m.text).length;
  for (let i = whole.indexOf(t); i >= 0; i = whole.indexOf(t, i + 1)) if (i <= start && i + t.length >= end) return true;
  return false;
}

function score(gold: Gold, mentions: ScannedMention[]) {
  const req = new Map<string, string[]>();
  const opt = new Map<string, string[]>();
  for (const g of gold.mentions) {
    const map = g.kind === 'optional' ? opt : req;
    map.set(g.entity, [...(map.get(g.entity) ?? []), surf(g.text)]);
  }
  const wrong: string[] = [];
  const traps: string[] = [];
  for (const m of mentions) {
    for (const t of gold.must_not)
      if ((t.not_entity === '*' || t.not_entity === m.name) && insideTrap(m, t.text)) traps.push(`${m.text} (${m.name}) in "${t.text}"`);
    if (!take(req.get(m.name) ?? [], surf(m.text)) && !take(opt.get(m.name) ?? [], surf(m.text))) wrong.push(`${m.text} → ${m.name}`);
  }
  const missed = [...req].flatMap(([e, left]) => left.map((t) => `${t} → ${e}`));
  return { missed, wrong, traps };
}

const pages = readdirSync(join(DIR, 'gold'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, 'gold', f), 'utf8')) as Gold);

describe('detection fixtures', () => {
  const matcher = defaultMatcher();
  it('has a page for each gold file', () => {
    expect(pages.length).toBeGreaterThanOrEqual(11);
  });
  for (const gold of pages) {
    it(`finds exactly what ${gold.page} names (${gold.lang})`, () => {
      const html = readFileSync(join(DIR, 'pages', gold.page), 'utf8');
      const result = score(gold, scanHtml(html, matcher));
      expect(result).toEqual({ missed: [], wrong: [], traps: [] });
    });
  }
});

describe('names planted in random markup', () => {
  const NAMES: [string, string][] = [
    ['Kim Jong Un', 'kim-jong-un'],
    ['Vladimir Putin', 'vladimir-putin'],
    ['Sergei Shoigu', 'sergei-shoigu'],
    ['Vostochny Cosmodrome', 'vostochny-cosmodrome'],
    ['North Korea', 'north-korea'],
    ['Pyongyang', 'pyongyang'],
    ['Eastern Economic Forum', 'eastern-economic-forum'],
    ['Ким Чен Ын', 'kim-jong-un'],
    ['김정은', 'kim-jong-un'],
    ['Corea del Norte', 'north-korea'],
  ];
  const FILLER = ['the', 'talks', 'on', 'Monday', 'arms', 'deal', 'и', 'встреча', '회담', 'con', 'el', 'train', 'said', '2023'];
  const INLINE = ['b', 'i', 'span', 'em', 'a', 'strong'];
  const BLOCK = ['p', 'div', 'li', 'td', 'h2', 'blockquote'];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

  /** white space as pages write it between the words of a name */
  const SEPARATORS = [' ', '&nbsp;', '\n    ', ' <!-- c --> '];
  /**
   * A name written across inline elements (each word may sit in its own element), with any white space
   * between its words, in its own case or in capitals.
   */
  const plantedName = fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.array(fc.constantFrom(...INLINE, ''), { minLength: 4, maxLength: 4 }),
      fc.array(fc.constantFrom(...SEPARATORS), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([[name, id], wraps, seps, caps]) => {
      const words = (caps ? name.toUpperCase() : name).split(' ');
      const html = words.map((w, k) => (k ? seps[k]! : '') + (wraps[k] ? `<${wraps[k]}>${esc(w)}</${wraps[k]}>` : esc(w))).join('');
      return { html, id, name };
    });
  const filler = fc.array(fc.constantFrom(...FILLER), { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
  const block = fc.tuple(fc.constantFrom(...BLOCK), filler, plantedName, filler).map(([tag, a, n, b]) => ({
    html:
      tag === 'li'
        ? `<ul><li>${a} ${n.html}, ${b}</li></ul>`
        : tag === 'td'
          ? `<table><tr><td>${a} ${n.html}, ${b}</td></tr></table>`
          : `<${tag}>${a} ${n.html}, ${b}</${tag}>`,
    id: n.id,
  }));

  it('finds each planted name exactly once, in order', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), (blocks) => {
        const doc = parseHtml(`<html><body>${blocks.map((b) => b.html).join('\n')}</body></html>`);
        const text = collectText(doc.body as unknown as Node).text;
        const ids = findMentions(storyMatcher(), text).map((m) => m.entity);
        expect(ids).toEqual(blocks.map((b) => b.id));
      }),
      { numRuns: 150 },
    );
  });
});

describe('mentions in any text', () => {
  const PIECES = [
    'Kim',
    'Jong',
    'Un',
    '-un',
    'Putin',
    'Vladimir',
    'V.',
    'U.S.',
    'US',
    'us',
    'North',
    'Korea',
    'South',
    'Путин',
    'Путина',
    'Ким',
    'Чен',
    'Ына',
    '김정은',
    '과',
    '러시아의',
    'Moscú',
    'EE.',
    'UU.',
    ' ',
    ' ',
    ' ',
    '\u00a0',
    '\u00ad',
    '\u200b',
    '\n',
    ', ',
    '. ',
    '’s',
    '“',
    '”',
    '\u2029',
    'Mr',
    'Professor',
    'Idaho',
    'Sea',
    'constructor',
    '__proto__',
    '$',
  ];
  it('are ordered, never overlap, never cross a block break, and name a known entity', () => {
    const m = storyMatcher(true);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const found = findMentions(m, text);
        let last = 0;
        for (const x of found) {
          expect(x.start).toBeGreaterThanOrEqual(last);
          expect(x.end).toBeGreaterThan(x.start);
          expect(text.slice(x.start, x.end)).not.toContain('\u2029');
          expect(entityInfo(m, x.entity)?.type).toBe(x.type);
          last = x.end;
        }
        expect(findMentions(m, text)).toEqual(found);
      }),
      { numRuns: 400 },
    );
  });
});
