/**
 * The compiled matcher's format (4): what a page receives must parse fast however many names there are
 * (one-byte text, pieces under V8's large-object size, Russian words as stems) and find exactly what the
 * names say. docs/adr/0007-matcher-format.md.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, encode, entityInfo, findMentions, prepareMatcher, type CompiledMatcher } from '../../../src/core/matcher';
import { particleSplits } from '../../../src/core/lang-ko';
import type { StoryPack } from '../../../src/core/pack';
import { parsePack } from '../../../src/story/schema';
import { bundledPack } from '../../../src/story/bundled/index';

const LAT = ['ba', 'ko', 'li', 'mu', 'ne', 'ro', 'sa', 'tu'];
const CYR = ['ба', 'ко', 'ли', 'му', 'не', 'ро', 'са', 'ту'];
const HAN = ['가', '나', '다', '라', '마', '바', '사', '아', '자', '차', '카', '타', '파', '하', '민', '준'];
const digits = (k: number, base: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor(k / base ** i) % base);
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** entity k: a Latin full name and surname, a Russian one (declining, consonant-final), a Korean one; first names shared by an eighth */
function manyPack(count: number, from = 0): StoryPack {
  const entities = Array.from({ length: count }, (_, i) => {
    const k = i + from;
    const d = digits(k, 8, 5);
    const lat = cap(d.map((x) => LAT[x]).join('')) + 'v';
    const cyr = cap(d.map((x) => CYR[x]).join('')) + 'ов';
    const ko = digits(k, 16, 4)
      .map((x) => HAN[x])
      .join('');
    return {
      id: `m${k}`,
      name: `${cap(LAT[k % 8]!)}van ${lat}`,
      type: 'person',
      description: 'made up',
      names: [
        { text: lat, lang: 'en', kind: 'surname' },
        { text: `${cap(CYR[k % 8]!)}ван ${cyr}`, lang: 'ru' },
        { text: ko, lang: 'ko' },
      ],
    };
  });
  return parsePack({ format: 'story-lens/pack', formatVersion: 1, id: `many${from}`, title: 'Many', date: '2024-01-01', entities });
}

const OPTIONS = { types: ['person', 'place', 'organization'] as const, roleMentions: false };
const compile = (packs: StoryPack[]) => compileMatcher(packs, { ...OPTIONS, types: [...OPTIONS.types] });
const roundTrip = (m: CompiledMatcher) => JSON.parse(JSON.stringify(m)) as CompiledMatcher;
const found = (m: CompiledMatcher, text: string) => findMentions(m, text).map((x) => `${text.slice(x.start, x.end)} → ${x.entity}`);

describe('the compiled matcher a page receives', () => {
  const first = manyPack(2000);
  const last = manyPack(2000, 2000);
  const big = compile([bundledPack(), first, last]);
  /** entity k's names: full, Russian, Korean */
  const names = (pack: StoryPack, i: number) => [
    pack.entities[i]!.name,
    pack.entities[i]!.names[1]!.text,
    pack.entities[i]!.names[2]!.text,
  ];

  it('is one-byte text, so V8 parses it as such (names in Cyrillic and Hangul included)', () => {
    const json = JSON.stringify(big);
    expect(json).toMatch(/[\u0080-\u00ff]/); // the encoded Cyrillic and Hangul
    // eslint-disable-next-line no-control-regex -- the one-byte range starts at U+0000
    expect(json).not.toMatch(/[^\u0000-\u00ff]/);
  });

  it('cuts its trie in pieces under 60,000 characters, and finds names in the first and the last', () => {
    expect(big.trie.length).toBeGreaterThan(1);
    for (const piece of big.trie) expect(piece.length).toBeLessThanOrEqual(60_000);
    const m = roundTrip(big);
    // entity m3999 was added last: the nodes where its names end are in the last piece
    const lastEntity = big.entAt.length / big.w - 2;
    expect(big.trie.at(-1)).toContain(`|${lastEntity}`);
    const [en0, ru0, ko0] = names(first, 0);
    const [en1, ru1, ko1] = names(last, 1999);
    const [ruFirst, ruLast] = ru1!.split(' ');
    const text = `${en1} met ${en0}. ${ruFirst}ом ${ruLast}ым и ${ru0}; ${ko1}와 ${ko0}.`;
    expect(found(m, text)).toEqual([
      `${en1} → m3999`,
      `${en0} → m0`,
      `${ruFirst}ом ${ruLast}ым → m3999`,
      `${ru0} → m0`,
      `${ko1} → m3999`,
      `${ko0} → m0`,
    ]);
  });

  it("tells a page each entity's story and whether it is central to it", () => {
    const many = manyPack(3);
    many.entities[1]!.centrality = 'background';
    const m = compile([bundledPack(), many]);
    const p = prepareMatcher(m);
    const at = (id: string) => p.index(id);
    expect(p.stories).toEqual(['kim-putin-2023', 'many0']);
    expect([p.story(at('kim-jong-un')), p.entity(at('kim-jong-un')).central]).toEqual([0, true]);
    expect([p.story(at('russia')), p.entity(at('russia')).central]).toEqual([0, false]);
    expect([p.story(at('m1')), p.entity(at('m1')).central]).toEqual([1, false]);
    expect(m.storyCentral).toEqual([6, many.entities.filter((e) => e.centrality === 'central').length]);
    expect(entityInfo(m, 'vostochny-cosmodrome')).toMatchObject({ name: 'Vostochny Cosmodrome', type: 'place', central: true });
  });

  it('still finds the story as before alongside 12,000 more names', () => {
    const text = 'Владимир Путин встретился с Ким Чен Ыном. 김정은과 푸틴은 회담했다. Vladimir Putin met Kim Jong Un.';
    expect(findMentions(roundTrip(big), text)).toEqual(findMentions(compile([bundledPack()]), text));
  });
});

describe('Russian words in the compiled matcher', () => {
  const pack = (names: [id: string, text: string][]) =>
    parsePack({
      format: 'story-lens/pack',
      formatVersion: 1,
      id: 'ru',
      title: 'T',
      date: '2024-01-01',
      entities: names.map(([id, text]) => ({ id, name: text, type: 'person', description: 'x' })),
    });

  it('hold a declining word once, as a stem, and match its forms and nothing else', () => {
    const m = roundTrip(compile([pack([['b', 'Бакоров']])]));
    expect(m.trie.join('').split('=').length - 1).toBe(1); // one edge, not one per form
    expect(found(m, 'Бакоров, Бакорова, Бакорову, Бакоровым, Бакорове.')).toEqual([
      'Бакоров → b',
      'Бакорова → b',
      'Бакорову → b',
      'Бакоровым → b',
      'Бакорове → b',
    ]);
    expect(found(m, 'Бакоровка, Бакоро, Бакоровщина, Бакоровой')).toEqual([]);
  });

  it('keep a form as an edge of its own where it leads elsewhere (another name has it)', () => {
    // "Ивану" and "Иване" do not decline (vowel-final); "Иван" does, and its forms "ивану" and "иване" were taken
    const m = roundTrip(
      compile([
        pack([
          ['a', 'Ивану'],
          ['c', 'Иване'],
          ['b', 'Иван'],
        ]),
      ]),
    );
    expect(found(m, 'Иване')).toEqual(['Иване → c']);
    // "Иван" took the node of "Ивану" (the first of its forms already there), as format 2 compiled it
    expect(found(m, 'Иваном')).toEqual(['Иваном → a']);
  });
});

describe('encode', () => {
  it('writes every UTF-16 unit in one-byte characters JSON leaves as they are, one to one', () => {
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const e = encode(ch);
      seen.add(e);
      // eslint-disable-next-line no-control-regex -- the one-byte range starts at U+0000
      if (/[^\u0000-\u00ff]/.test(e)) wrong.push(`U+${c.toString(16)} is not one-byte`);
      if (c >= 0x7f && JSON.stringify(e) !== `"${e}"`) wrong.push(`U+${c.toString(16)} is escaped`);
      // the separators of the format and the paradigm letters appear only where the text has them
      if (!/[ =|A-Z]/.test(ch) && /[ =|A-Z]/.test(e)) wrong.push(`U+${c.toString(16)} makes a separator`);
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(0x10000);
    // no code is the start of another, so a string's encoding is one to one too
    expect(encode('аб')).not.toBe(encode('б'));
    expect(encode('путин')).toHaveLength(5);
    expect(encode('푸틴은')).toHaveLength(9);
  });
});

describe('the page side of the format', () => {
  it('splits Korean particles off as lang-ko does', () => {
    const p = prepareMatcher(roundTrip(compile([bundledPack()])));
    const words = [
      '김정은과',
      '러시아의',
      '푸틴은',
      '평양에서',
      '크렘린궁과',
      '서울대',
      '북한군',
      '평양냉면',
      '은',
      '과',
      '에서부터',
      '서울에서부터',
      '러시아',
      'putin',
      '2023년에',
    ];
    for (const w of words) expect(p.splits(w), w).toEqual(particleSplits(w));
  });

  it('finds an entity by its whole id only', () => {
    const many = manyPack(30);
    const m = roundTrip(compile([bundledPack(), many]));
    expect(entityInfo(m, 'm29')).toEqual({
      name: many.entities[29]!.name,
      type: 'person',
      fromArticle: true,
      central: many.entities[29]!.centrality === 'central',
    });
    expect(entityInfo(m, 'm2')?.name).toBe(many.entities[2]!.name);
    expect(entityInfo(m, 'vladimir')).toBeUndefined();
    expect(entityInfo(m, 'putin')).toBeUndefined();
    expect(entityInfo(m, 'Ivan')).toBeUndefined();
  });

  it('refuses a matcher of another format (a stored one is compiled again, not misread)', () => {
    const m = compile([bundledPack()]);
    expect(() => prepareMatcher({ ...m, formatVersion: 2 })).toThrow(/format 2/);
  });
});
