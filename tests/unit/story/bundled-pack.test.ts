import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK_ID, bundledPack } from '../../../src/story/bundled/index';
import type { Entity, Role } from '../../../src/core/pack';

const ROOT = join(__dirname, '../../..');
const ARTICLE = readFileSync(join(ROOT, 'src/story/seed-article.txt'), 'utf8');
const pack = bundledPack();
const byId = new Map(pack.entities.map((e) => [e.id, e]));
const entity = (id: string): Entity => {
  const e = byId.get(id);
  if (!e) throw new Error(`no entity ${id}`);
  return e;
};

/** Everything the article itself names (docs: /work/brief ids; the story's README). */
const FROM_ARTICLE: Record<Entity['type'], Record<string, string>> = {
  person: {
    'kim-jong-un': 'Kim Jong Un',
    'vladimir-putin': 'Vladimir Putin',
    'sergei-shoigu': 'Sergei Shoigu',
    'dmitry-peskov': 'Dmitry Peskov',
    'kim-jae-chun': 'Kim Jae-chun',
  },
  place: {
    russia: 'Russia',
    'north-korea': 'North Korea',
    ukraine: 'Ukraine',
    moscow: 'Moscow',
    pyongyang: 'Pyongyang',
    china: 'China',
    vladivostok: 'Vladivostok',
    'vostochny-cosmodrome': 'Vostochny Cosmodrome',
    ussuriysk: 'Ussuriysk',
    'united-states': 'United States',
    seoul: 'Seoul',
  },
  organization: {
    kremlin: 'Kremlin',
    'eastern-economic-forum': 'Eastern Economic Forum',
    'rossiya-24': 'Rossiya-24',
    yonhap: 'Yonhap',
    ytn: 'YTN',
    kcna: 'KCNA',
    'sogang-university': 'Sogang University',
    afp: 'AFP',
    'mercedes-benz': 'Mercedes-Benz',
  },
};
/** Namesakes coverage names beside the story: carried so they are told apart, not from the article. */
const NAMESAKES: Record<string, Entity['type']> = {
  'kim-yo-jong': 'person',
  'kim-jong-il': 'person',
  'kim-il-sung': 'person',
  'sergei-lavrov': 'person',
  'andrei-belousov': 'person',
  'choe-son-hui': 'person',
  'south-korea': 'place',
  'kim-il-sung-square': 'place',
  'amur-oblast': 'place',
  'primorsky-krai': 'place',
  khasan: 'place',
  'komsomolsk-on-amur': 'place',
  'tumen-river': 'place',
};

/**
 * Lines of the capture that are not the story: the newsletter line, the "See also"
 * links, and the two pictures (alt text, caption, credit). Nothing may be quoted from them.
 */
const BOILERPLATE_LINES = ARTICLE.split('\n').filter((line, i, lines) => {
  const next = lines.slice(i + 1).find((l) => l.trim() !== '') ?? '';
  return (
    line.startsWith('Receive free') ||
    line.startsWith('See also') ||
    line.includes('©') || // caption with its photo credit
    next.includes('©') // the picture's alt text, just before its caption
  );
});

/** The role someone held on a given day (YYYY-MM prefixes compare correctly as strings). */
function rolesOn(e: Entity, day: string): Role[] {
  return e.roles.filter((r) => (!r.from || r.from <= day) && (!r.to || r.to > day));
}

describe('the bundled story pack', () => {
  it('validates and is the Kim–Putin story of 12 September 2023', () => {
    expect(pack.id).toBe(BUNDLED_PACK_ID);
    expect(pack.id).toBe('kim-putin-2023');
    expect(pack.date).toBe('2023-09-12');
    expect(pack.title).toBe(ARTICLE.split('\n')[0]);
    expect(pack.source.publisher).toBe('Financial Times');
    expect(pack.summary.length).toBeGreaterThan(40);
  });

  it('contains every person, place and organization the article names, under its canonical English name', () => {
    for (const [type, entities] of Object.entries(FROM_ARTICLE)) {
      for (const [id, name] of Object.entries(entities)) {
        const e = entity(id);
        expect({ id, type: e.type, name: e.name, fromArticle: e.fromArticle }).toEqual({ id, type, name, fromArticle: true });
      }
    }
  });

  it('carries the known namesakes as not from the article', () => {
    for (const [id, type] of Object.entries(NAMESAKES)) {
      expect({ id, type: entity(id).type, fromArticle: entity(id).fromArticle }).toEqual({ id, type, fromArticle: false });
    }
  });

  it('holds exactly those entities, with stable kebab-case ids', () => {
    const expected = [...Object.values(FROM_ARTICLE).flatMap((m) => Object.keys(m)), ...Object.keys(NAMESAKES)];
    expect(pack.entities.map((e) => e.id).sort()).toEqual(expected.sort());
    for (const e of pack.entities) expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('contains nothing from the capture’s boilerplate (England, the UK, Trump, Getty, photographers, the IEA)', () => {
    const banned = /\b(England|UK|United Kingdom|Britain|Trump|Getty|Kudryavtsev|IEA|Eire|Financial Times)\b/i;
    for (const e of pack.entities) {
      const texts = [e.id.replace(/-/g, ' '), e.name, ...e.names.map((n) => n.text)];
      for (const t of texts) expect(t, `${e.id}: ${t}`).not.toMatch(banned);
    }
  });

  it('gives every entity a one-line description and every fact and role an as-of date and an https Wikipedia or Wikidata source', () => {
    const source = /^https:\/\/(en\.wikipedia\.org\/wiki\/|www\.wikidata\.org\/wiki\/Q\d+$)/;
    for (const e of pack.entities) {
      expect(e.description, e.id).not.toMatch(/\n/);
      for (const item of [...e.facts, ...e.roles]) {
        const label = `${e.id}: ${'label' in item ? item.label : item.title}`;
        expect(item.asOf, label).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
        expect(item.source, label).toMatch(source);
        // a fact cannot be current to a day after the one the pack says its facts are current to
        expect(item.asOf <= pack.factsAsOf!, label).toBe(true);
      }
      for (const r of e.roles) if (r.from && r.to) expect(r.from <= r.to, `${e.id}: ${r.title}`).toBe(true);
    }
  });

  it('says its facts are current to the date of the newest source it uses', () => {
    const newest = pack.entities
      .flatMap((e) => [...e.facts, ...e.roles].map((item) => item.asOf))
      .sort()
      .at(-1);
    expect(pack.factsAsOf).toBe(newest);
  });

  it('states a distance that agrees with its own coordinates (within 5%)', () => {
    const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
      const rad = Math.PI / 180;
      const h =
        Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
        Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
      return 2 * 6371 * Math.asin(Math.sqrt(h));
    };
    const stated = Number(/(\d+) km north of Vladivostok/.exec(entity('ussuriysk').facts.find((f) => f.label === 'Distance')!.value)![1]);
    const actual = km(entity('ussuriysk').location!, entity('vladivostok').location!);
    expect(Math.abs(stated - actual) / actual).toBeLessThan(0.05);
    const rail = Number(
      /about (\d+) km north-west of Ussuriysk/.exec(entity('vostochny-cosmodrome').relations.find((r) => r.to === 'ussuriysk')!.text)![1],
    );
    expect(Math.abs(rail - km(entity('ussuriysk').location!, entity('vostochny-cosmodrome').location!)) / rail).toBeLessThan(0.05);
  });

  it('keeps the corrected claims: no forum in 2020, Rossiya-24 off air in Ukraine since 2014, YTN not Yonhap’s channel', () => {
    const facts = (id: string) =>
      entity(id)
        .facts.map((f) => `${f.label}: ${f.value}`)
        .join('\n');
    expect(facts('eastern-economic-forum')).toMatch(/except 2020/);
    expect(facts('rossiya-24')).toMatch(/Ukraine.*2014/);
    expect(facts('rossiya-24')).not.toMatch(/United Kingdom/);
    expect(facts('ytn')).not.toMatch(/\(Yonhap Television News\)/);
    expect(facts('ytn')).toMatch(/independent of Yonhap since 1998/);
  });

  it('holds Kim Yo Jong’s February 2026 promotion and Shoigu’s committee before his ministry', () => {
    const titles = (id: string, day: string) => rolesOn(entity(id), day).map((r) => r.title);
    expect(titles('kim-yo-jong', '2026-02-24')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Department director/), expect.stringMatching(/^Alternate member of the Politburo/)]),
    );
    expect(titles('kim-yo-jong', pack.date)).toContain("Vice department director of the Central Committee of the Workers' Party of Korea");
    expect(titles('sergei-shoigu', '1992-01-01')).toEqual(['Chairman of the State Committee for Emergency Situations']);
    expect(titles('sergei-shoigu', '1995-01-01')).toEqual(['Minister of Emergency Situations']);
  });

  it('links every entity to its English Wikipedia article, except Kim Jae-chun who has none', () => {
    for (const e of pack.entities) {
      if (e.id === 'kim-jae-chun') expect(e.wikipedia).toBeUndefined();
      else expect(e.wikipedia, e.id).toMatch(/^https:\/\/en\.wikipedia\.org\/wiki\/[^\s/]+$/);
    }
  });

  it('carries only Wikidata ids that were confirmed against reference pages', () => {
    // Each was found in at least one independent reference listing beside the same label
    // (see the H1 report); an id not listed here must be confirmed before it is added.
    const confirmed: Record<string, string> = {
      'kim-jong-un': 'Q56226',
      'vladimir-putin': 'Q7747',
      russia: 'Q159',
      'north-korea': 'Q423',
      ukraine: 'Q212',
      moscow: 'Q649',
      pyongyang: 'Q18808',
      china: 'Q148',
      vladivostok: 'Q959',
      'united-states': 'Q30',
      seoul: 'Q8684',
      'south-korea': 'Q884',
      'kim-jong-il': 'Q10665',
      'kim-il-sung': 'Q41117',
      afp: 'Q40464',
      'mercedes-benz': 'Q36008',
    };
    const carried = Object.fromEntries(pack.entities.filter((e) => e.wikidata).map((e) => [e.id, e.wikidata]));
    expect(carried).toEqual(confirmed);
  });

  it('quotes only the article’s own sentences, word for word, never its boilerplate', () => {
    let quoted = 0;
    for (const e of pack.entities) {
      for (const s of e.sentences) {
        quoted++;
        expect(ARTICLE.includes(s), `${e.id}: ${s}`).toBe(true);
        for (const line of BOILERPLATE_LINES) expect(line.includes(s), `${e.id} quotes boilerplate: ${s}`).toBe(false);
        expect(s).not.toMatch(/©|See also|Receive free/);
      }
      expect(new Set(e.sentences).size, e.id).toBe(e.sentences.length);
    }
    expect(quoted).toBeGreaterThan(50);
  });

  it('gives every entity the article names at least one sentence (agencies credited only under a photo excepted), and namesakes none', () => {
    for (const e of pack.entities) {
      if (!e.fromArticle) expect(e.sentences, e.id).toEqual([]);
      else if (e.id === 'kcna' || e.id === 'afp') expect(e.sentences, e.id).toEqual([]);
      else expect(e.sentences.length, e.id).toBeGreaterThan(0);
    }
    // most telling first: the lede for Kim and Putin, the quote for the professor
    expect(entity('kim-jong-un').sentences[0]).toMatch(/^North Korean leader Kim Jong Un arrived in Russia/);
    expect(entity('vladimir-putin').sentences[0]).toMatch(/^North Korean leader Kim Jong Un arrived in Russia/);
    expect(entity('kim-jae-chun').sentences[0]).toMatch(/said Kim Jae-chun, a professor at Sogang University in Seoul\.$/);
    // Kim Jae-chun's quote is not about Kim Jong Un
    expect(entity('kim-jong-un').sentences.some((s) => s.includes('Kim Jae-chun'))).toBe(false);
  });

  it('locates every place with coordinates, region and country', () => {
    for (const e of pack.entities.filter((x) => x.type === 'place')) {
      expect(e.location, e.id).toBeDefined();
      expect(Number.isFinite(e.location!.lat) && Number.isFinite(e.location!.lon), e.id).toBe(true);
      expect(e.location!.country, e.id).not.toBe('');
    }
    const vostochny = entity('vostochny-cosmodrome').location!;
    expect(vostochny.region).toBe('Amur Oblast');
    expect(vostochny.lat).toBeCloseTo(51.88, 1);
    expect(vostochny.lon).toBeCloseTo(128.33, 1);
    expect(entity('ussuriysk').location!.region).toBe('Primorsky Krai');
    expect(entity('khasan').location!.region).toBe('Primorsky Krai');
    // the train went north: Khasan (border) → Ussuriysk → Vostochny
    expect(entity('khasan').location!.lat).toBeLessThan(entity('ussuriysk').location!.lat);
    expect(entity('ussuriysk').location!.lat).toBeLessThan(vostochny.lat);
  });

  it('tells the role each person held on the story day and what changed since', () => {
    const day = pack.date;
    expect(rolesOn(entity('sergei-shoigu'), day).map((r) => r.title)).toContain('Minister of Defence of Russia');
    const defence = entity('sergei-shoigu').roles.find((r) => r.title === 'Minister of Defence of Russia')!;
    expect(defence.from).toBe('2012-11-06');
    expect(defence.to).toMatch(/^2024-05/);
    expect(rolesOn(entity('sergei-shoigu'), '2025-01-01').map((r) => r.title)).toEqual(['Secretary of the Security Council of Russia']);
    expect(rolesOn(entity('andrei-belousov'), day).map((r) => r.title)).not.toContain('Minister of Defence of Russia');
    expect(rolesOn(entity('andrei-belousov'), '2024-06-01').map((r) => r.title)).toContain('Minister of Defence of Russia');
    expect(rolesOn(entity('vladimir-putin'), day).map((r) => r.title)).toEqual(['President of Russia (fourth term)']);
    expect(rolesOn(entity('vladimir-putin'), '2024-06-01')[0]!.title).toMatch(/fifth term/);
    expect(rolesOn(entity('kim-jong-un'), day).map((r) => r.title)).toEqual(
      expect.arrayContaining(["General Secretary of the Workers' Party of Korea", 'President of the State Affairs of North Korea']),
    );
    expect(rolesOn(entity('dmitry-peskov'), day)[0]!.title).toMatch(/^Press Secretary of the President of Russia/);
    expect(rolesOn(entity('sergei-lavrov'), day)[0]!.title).toBe('Minister of Foreign Affairs of Russia');
    expect(rolesOn(entity('choe-son-hui'), day)[0]!.title).toBe('Minister of Foreign Affairs of North Korea');
    for (const id of Object.keys(FROM_ARTICLE.person).filter((x) => x !== 'kim-jae-chun')) {
      expect(rolesOn(entity(id), day).length, id).toBeGreaterThan(0);
    }
  });

  it('relates the story’s people and places as a reader would say it, with dates', () => {
    const rel = (from: string, to: string) => entity(from).relations.find((r) => r.to === to);
    expect(rel('vladimir-putin', 'kim-jong-un')).toEqual({
      to: 'kim-jong-un',
      text: 'met Kim Jong Un at the Vostochny Cosmodrome',
      date: '2023-09-13',
    });
    expect(rel('sergei-shoigu', 'andrei-belousov')?.date).toBe('2024-05-14');
    expect(rel('kim-yo-jong', 'kim-jong-un')?.text).toMatch(/^sister of/);
    // Kim's train route, in order: Pyongyang → Khasan → Ussuriysk → Vostochny
    const route = ['pyongyang', 'khasan', 'ussuriysk', 'vostochny-cosmodrome'].map((to) => rel('kim-jong-un', to)?.date);
    expect(route.every(Boolean)).toBe(true);
    expect([...route].sort()).toEqual(route);
    for (const e of pack.entities) for (const r of e.relations) expect(r.to, e.id).not.toBe(e.id);
  });

  it('npm run check:pack validates it and prints one line per entity type', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/check-pack.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^pack "kim-putin-2023" \(2023-09-12, facts as of \d{4}-\d{2}-\d{2}\): 38 entities$/);
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual(['person', 'place', 'organization']);
    expect(lines[1]).toMatch(/^person: 11 \(5 from the article, 6 namesakes\)/);
  }, 60_000);

  it('npm run check:pack exits 1 naming the entity and field of a broken pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-pack-'));
    const file = join(dir, 'pack.json');
    const bad = structuredClone(pack) as unknown as { entities: Array<Record<string, unknown>> };
    bad.entities[2]!.wikidata = 'Q12x';
    writeFileSync(file, JSON.stringify(bad));
    const run = spawnSync('npx', ['tsx', 'scripts/check-pack.ts', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`entity "${pack.entities[2]!.id}" (${pack.entities[2]!.name}), field wikidata: expected a Wikidata id`);
  }, 60_000);
});
