import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractStory } from '../../../src/story/extract';
import { compileMatcher, findMentions } from '../../../src/core/matcher';
import type { Entity } from '../../../src/core/pack';
import { parsePack } from '../../../src/story/schema';
import { isEntity, looseKey, occursIn, root, seedArticle } from './extract-helpers';

const PEOPLE = ['Kim Jong Un', 'Vladimir Putin', 'Sergei Shoigu', 'Dmitry Peskov', 'Kim Jae-chun'];
const PLACES = [
  'Russia',
  'North Korea',
  'Ukraine',
  'Moscow',
  'Pyongyang',
  'China',
  'Vladivostok',
  'Vostochny Cosmodrome',
  'Ussuriysk',
  'United States',
  'Seoul',
];
/** the capture's boilerplate: "See also" stories, photo agencies and photographers */
const NOT_THE_STORY = [
  'England',
  'UK',
  'United Kingdom',
  'Trump',
  'Getty Images',
  'Getty',
  'AFP',
  'Kirill Kudryavtsev',
  'Kudryavtsev',
  'IEA',
  'N Eire',
];

function runCli(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/extract.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('extracting the seed article', () => {
  const { pack, warnings } = extractStory({ text: seedArticle(), date: '2023-09-12' });
  const words = (s: string) => looseKey(s).split(' ');

  it('finds every person and place the story names, each as one entity of the right type', () => {
    for (const [names, type] of [
      [PEOPLE, 'person'],
      [PLACES, 'place'],
    ] as const) {
      for (const name of names) {
        const matches = pack.entities.filter((e) => isEntity(e, name));
        expect(
          matches.map((e) => e.name),
          name,
        ).toHaveLength(1);
        expect(matches[0].type, name).toBe(type);
        // no second entity for a part of the name ("Kim", "Putin", "Vostochny")
        const parts = pack.entities.filter(
          (e) => e !== matches[0] && words(e.name).every((w) => words(name).includes(w)) && e.type === type,
        );
        expect(
          parts.map((e) => e.name),
          name,
        ).toEqual([]);
      }
    }
  });

  it('merges the forms of a name under its full form, possessives and titles stripped, roles as role mentions', () => {
    const kim = pack.entities.find((e) => e.name === 'Kim Jong Un')!;
    expect(kim.names.map((n) => n.text)).toContain('Kim');
    expect(kim.names.find((n) => n.text === 'Kim')?.kind).toBe('surname');
    const putin = pack.entities.find((e) => e.name === 'Vladimir Putin')!;
    expect(putin.names).toEqual([
      { text: 'Putin', lang: 'en', kind: 'surname' },
      // "Russian president Vladimir Putin" ... "the Russian president is attending": a role mention
      { text: 'the Russian president', lang: 'en', kind: 'description' },
    ]);
    expect(pack.entities.find((e) => e.name === 'Vostochny Cosmodrome')!.names.map((n) => n.text)).toEqual([
      'Vostochny cosmodrome',
      'Vostochny',
    ]);
    expect(pack.entities.find((e) => e.name === 'United States')!.names).toContainEqual({ text: 'US', lang: 'en', kind: 'abbreviation' });
    for (const e of pack.entities)
      for (const form of [e.name, ...e.names.map((n) => n.text)]) expect(form, e.name).not.toMatch(/['’]s?$|^(?:Mr|Mrs|Ms|Dr|President)\b/);
  });

  it('leaves out the newsletter line, the "See also" links and the photo credits', () => {
    for (const name of NOT_THE_STORY)
      expect(
        pack.entities.filter((e) => isEntity(e, name)).map((e) => e.name),
        name,
      ).toEqual([]);
    const sentences = pack.entities.flatMap((e) => e.sentences);
    for (const s of sentences) expect(s).not.toMatch(/See also|©|Getty|Receive free|red carpet/);
    expect(warnings.join(' ')).toMatch(/Left out 8 lines/);
  });

  it('keeps what the story says of each entity, verbatim, the full-name sentence first', () => {
    // verbatim from the cleaned text: a no-break space reads as a space
    const text = seedArticle().replace(/\u00a0/g, ' ');
    for (const e of pack.entities) {
      expect(e.sentences.length, e.name).toBeGreaterThan(0);
      for (const s of e.sentences) expect(text.includes(s), s).toBe(true);
    }
    const shoigu = pack.entities.find((e) => e.name === 'Sergei Shoigu')!;
    expect(shoigu.sentences[0]).toMatch(/Russian defence minister Sergei Shoigu/);
    const jae = pack.entities.find((e) => e.name === 'Kim Jae-chun')!;
    expect(jae.sentences).toHaveLength(1);
    expect(jae.description).toBe('Professor at Sogang University in Seoul');
  });

  it('finds the organizations the story credits, with their acronyms', () => {
    const orgs = pack.entities.filter((e) => e.type === 'organization');
    for (const name of ['Rossiya-24', 'Yonhap', 'YTN', 'Sogang University', 'Eastern Economic Forum', 'Kremlin', 'Mercedes-Benz'])
      expect(
        orgs.filter((e) => isEntity(e, name)).map((e) => e.name),
        name,
      ).toHaveLength(1);
    expect(orgs.find((e) => e.name === 'Eastern Economic Forum')!.names.map((n) => n.text)).toContain('EEF');
  });

  it('produces a valid story pack: kebab-case unique ids, from the article, every form in the text', () => {
    expect(() => parsePack(pack)).not.toThrow();
    expect(pack.date).toBe('2023-09-12');
    expect(pack.title).toBe('Kim Jong Un arrives in Russia for talks with Vladimir Putin on expected arms deal');
    const ids = pack.entities.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('kim-jong-un');
    expect(ids).toContain('vostochny-cosmodrome');
    const text = seedArticle();
    for (const e of pack.entities as Entity[]) {
      expect(e.fromArticle).toBe(true);
      for (const n of e.names) expect(occursIn(text, n.text), n.text).toBe(true);
      // the canonical name is in the text, or is the full form of an abbreviation that is ("US")
      if (!occursIn(text, e.name))
        expect(
          e.names.some((n) => n.kind === 'abbreviation'),
          e.name,
        ).toBe(true);
    }
  });
});

describe('a story added from the seed article', () => {
  it('is marked on the article by the matcher: every entity, by its name or its aliases', () => {
    const text = seedArticle();
    const { pack } = extractStory({ text, date: '2023-09-12', id: 'my-story' });
    const matcher = compileMatcher([pack], { types: ['person', 'place', 'organization'], roleMentions: false });
    const found = new Map<string, Set<string>>();
    for (const m of findMentions(matcher, text)) found.set(m.entity, (found.get(m.entity) ?? new Set()).add(text.slice(m.start, m.end)));
    for (const e of pack.entities) expect(found.has(e.id), e.name).toBe(true);
    expect([...found.get('kim-jong-un')!]).toEqual(expect.arrayContaining(['Kim Jong Un', 'Kim']));
    expect([...found.get('vostochny-cosmodrome')!]).toEqual(expect.arrayContaining(['Vostochny cosmodrome', 'Vostochny']));
  });
});

describe('npm run extract', { timeout: 120_000 }, () => {
  it('prints the pack of the seed article as JSON: entities with name, type, aliases, sentences', () => {
    const r = runCli(['src/story/seed-article.txt', '--date', '2023-09-12']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      entities: {
        name: string;
        type: string;
        aliases: string[];
        sentences: string[];
        rank: number;
        selected: boolean;
        centrality: string;
      }[];
      pack: unknown;
    };
    const kim = out.entities.find((e) => e.name === 'Kim Jong Un')!;
    expect(kim).toMatchObject({ type: 'person', aliases: ['Kim'] });
    expect(out.entities.find((e) => e.name === 'Vladimir Putin')).toMatchObject({
      aliases: ['Putin'],
      roleMentions: ['the Russian president'],
    });
    expect(kim.sentences.length).toBeGreaterThan(5);
    out.entities.forEach((e, i) => {
      expect(['person', 'place', 'organization']).toContain(e.type);
      expect(Array.isArray(e.aliases) && Array.isArray(e.sentences)).toBe(true);
      // most central first; a short article selects every entity
      expect(e).toMatchObject({ rank: i + 1, selected: true });
      expect(['central', 'background']).toContain(e.centrality);
    });
    expect(out.entities[0].name).toBe('Kim Jong Un');
    expect(out.entities.map((e) => e.name)).toEqual(expect.arrayContaining([...PEOPLE, ...PLACES]));
    expect(() => parsePack(out.pack)).not.toThrow();
  });

  it('reads the article from stdin with "-"', () => {
    const r = runCli(['-'], readFileSync(`${root}src/story/seed-article.txt`, 'utf8'));
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entities.map((e: { name: string }) => e.name)).toContain('Ussuriysk');
  });

  it('says what is wrong on stderr and exits 1 for a missing file or bad input', () => {
    const missing = runCli(['no/such/article.txt']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/no such file: no\/such\/article\.txt/);
    const empty = runCli(['-'], '   \n ');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/The text is empty/);
    const none = runCli([]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/usage: npm run extract/);
  });
});
