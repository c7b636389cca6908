import { describe, expect, it } from 'vitest';
import {
  extractedFromPack,
  initialReview,
  sentencesNaming,
  reviewProblems,
  reviewReducer,
  reviewToPack,
  slugify,
  type ReviewState,
} from '../../../src/ui/review-state';
import { parsePack } from '../../../src/story/schema';

const extracted = {
  entities: [
    {
      name: 'Kim Jong Un',
      type: 'person' as const,
      aliases: ['Kim', 'Kim Jong Un', 'kim'],
      sentences: ['Kim Jong Un arrived.', 'Kim met Putin.'],
    },
    { name: 'Vladimir Putin', type: 'person' as const, aliases: ['Putin'], sentences: ['Kim met Putin.'] },
    {
      name: 'Vostochny',
      type: 'place' as const,
      aliases: ['Vostochny Cosmodrome', 'Amur'],
      sentences: ['They met at the Vostochny Cosmodrome in the Amur region.'],
    },
    { name: 'Kremlin', type: 'organization' as const, aliases: [], sentences: [] },
  ],
};

function start(): ReviewState {
  return initialReview(extracted, { title: 'Kim meets Putin', date: '2023-09-12' });
}
const byName = (s: ReviewState, name: string) => s.entities.find((e) => e.name === name)!;

describe('review screen operations', () => {
  it('starts from what extraction found, without the name repeated among its aliases', () => {
    const s = start();
    expect(s.entities.map((e) => e.name)).toEqual(['Kim Jong Un', 'Vladimir Putin', 'Vostochny', 'Kremlin']);
    expect(byName(s, 'Kim Jong Un').aliases).toEqual(['Kim']);
  });

  it('renaming keeps the old name as an alias so it is still found', () => {
    const s = reviewReducer(start(), { type: 'rename', key: byName(start(), 'Vostochny').key, name: 'Vostochny Cosmodrome' });
    const e = byName(s, 'Vostochny Cosmodrome');
    expect(e.aliases).toEqual(['Amur', 'Vostochny']);
  });

  it('renaming to blank changes nothing', () => {
    const s0 = start();
    expect(reviewReducer(s0, { type: 'rename', key: s0.entities[0].key, name: '   ' })).toBe(s0);
  });

  it('changing the type of an entity', () => {
    const s0 = start();
    const s = reviewReducer(s0, { type: 'setType', key: byName(s0, 'Kremlin').key, entityType: 'place' });
    expect(byName(s, 'Kremlin').type).toBe('place');
    expect(byName(s0, 'Kremlin').type).toBe('organization');
  });

  it('merging two entities keeps one with both names and all sentences', () => {
    const s0 = start();
    const s = reviewReducer(s0, { type: 'merge', into: byName(s0, 'Vladimir Putin').key, from: byName(s0, 'Kremlin').key });
    expect(s.entities.map((e) => e.name)).toEqual(['Kim Jong Un', 'Vladimir Putin', 'Vostochny']);
    expect(byName(s, 'Vladimir Putin').aliases).toEqual(['Putin', 'Kremlin']);
    expect(byName(s, 'Vladimir Putin').sentences).toEqual(['Kim met Putin.']);
  });

  it('merging an entity into itself changes nothing', () => {
    const s0 = start();
    expect(reviewReducer(s0, { type: 'merge', into: s0.entities[0].key, from: s0.entities[0].key })).toBe(s0);
  });

  it('splitting an alias makes it its own entity, with the sentences that use it', () => {
    const s0 = start();
    const s = reviewReducer(s0, { type: 'split', key: byName(s0, 'Vostochny').key, alias: 'Amur' });
    expect(s.entities.map((e) => e.name)).toEqual(['Kim Jong Un', 'Vladimir Putin', 'Vostochny', 'Amur', 'Kremlin']);
    expect(byName(s, 'Vostochny').aliases).toEqual(['Vostochny Cosmodrome']);
    expect(byName(s, 'Amur')).toMatchObject({
      type: 'place',
      aliases: [],
      sentences: ['They met at the Vostochny Cosmodrome in the Amur region.'],
    });
    expect(new Set(s.entities.map((e) => e.key)).size).toBe(5);
  });

  it('splitting a name that is not an alias changes nothing', () => {
    const s0 = start();
    expect(reviewReducer(s0, { type: 'split', key: s0.entities[0].key, alias: 'Putin' })).toBe(s0);
  });

  it('removing an entity', () => {
    const s0 = start();
    const s = reviewReducer(s0, { type: 'remove', key: byName(s0, 'Kremlin').key });
    expect(s.entities.map((e) => e.name)).not.toContain('Kremlin');
    expect(s.entities).toHaveLength(3);
  });

  it('adding an entity the text plainly names, but not one already listed', () => {
    const s0 = start();
    const s = reviewReducer(s0, { type: 'add', name: ' Ussuriysk ', entityType: 'place' });
    expect(byName(s, 'Ussuriysk')).toMatchObject({ type: 'place', aliases: [], sentences: [] });
    expect(reviewReducer(s, { type: 'add', name: 'ussuriysk', entityType: 'place' })).toBe(s);
  });

  it('an added entity takes the article sentences that name it', () => {
    const text = ['The train stopped in Ussuriysk.', 'Nobody lives in Ussuriyskaya street.', 'From  Ussuriysk it went north.'];
    expect(sentencesNaming(text, 'Ussuriysk')).toEqual(['The train stopped in Ussuriysk.', 'From  Ussuriysk it went north.']);
    expect(sentencesNaming(text, 'Ussuriysk (city)')).toEqual([]);
    const s = reviewReducer(start(), {
      type: 'add',
      name: 'Ussuriysk',
      entityType: 'place',
      sentences: sentencesNaming(text, 'Ussuriysk'),
    });
    expect(byName(s, 'Ussuriysk').sentences).toEqual(['The train stopped in Ussuriysk.', 'From Ussuriysk it went north.']);
  });

  it('adding and removing aliases (no duplicates, never the name itself)', () => {
    const s0 = start();
    const key = byName(s0, 'Kim Jong Un').key;
    let s = reviewReducer(s0, { type: 'addAlias', key, alias: 'Kim Jong-un' });
    s = reviewReducer(s, { type: 'addAlias', key, alias: 'KIM' });
    s = reviewReducer(s, { type: 'addAlias', key, alias: 'kim jong un' });
    expect(byName(s, 'Kim Jong Un').aliases).toEqual(['Kim', 'Kim Jong-un']);
    s = reviewReducer(s, { type: 'removeAlias', key, alias: 'kim' });
    expect(byName(s, 'Kim Jong Un').aliases).toEqual(['Kim Jong-un']);
  });

  it('editing the title and date', () => {
    let s = reviewReducer(start(), { type: 'setTitle', title: 'Summit at Vostochny' });
    s = reviewReducer(s, { type: 'setDate', date: '2023-09-13' });
    expect(s).toMatchObject({ title: 'Summit at Vostochny', date: '2023-09-13' });
  });
});

describe('saving a reviewed story', () => {
  it('blocks a save without a title, a date or any entity, or with a name listed twice', () => {
    expect(reviewProblems(start())).toEqual([]);
    let s = reviewReducer(start(), { type: 'setTitle', title: ' ' });
    s = reviewReducer(s, { type: 'setDate', date: '' });
    expect(reviewProblems(s)).toHaveLength(2);
    const dup = reviewReducer(start(), { type: 'rename', key: start().entities[1].key, name: 'kim jong un' });
    expect(reviewProblems(dup)[0]).toMatch(/listed twice/);
    const empty = start().entities.reduce((acc, e) => reviewReducer(acc, { type: 'remove', key: e.key }), start());
    expect(reviewProblems(empty)).toEqual(['Keep at least one person, place or organization.']);
  });

  it('gives a pack that the pack schema accepts, with ids that do not clash with stored stories', () => {
    const pack = parsePack(reviewToPack(start(), { takenPackIds: ['kim-meets-putin-2023-09-12'], takenEntityIds: ['kim-jong-un'] }));
    expect(pack.id).toBe('kim-meets-putin-2023-09-12-2');
    expect(pack.entities.map((e) => e.id)).toEqual(['kim-jong-un-2', 'vladimir-putin', 'vostochny', 'kremlin']);
    expect(pack.entities[0].names.map((n) => n.text)).toEqual(['Kim']);
    expect(pack.entities[0].sentences).toEqual(['Kim Jong Un arrived.', 'Kim met Putin.']);
  });

  it('names in other scripts still get a valid id', () => {
    const s = initialReview(
      {
        entities: [
          { name: '김정은', type: 'person' },
          { name: '푸틴', type: 'person' },
        ],
      },
      { title: '김정은', date: '2024-11-01' },
    );
    const pack = parsePack(reviewToPack(s));
    expect(new Set(pack.entities.map((e) => e.id)).size).toBe(2);
    expect(slugify('Kim Jong-un’s')).toBe('kim-jong-un-s');
  });

  it('keeps what extraction knew of each name: a surname stays a surname, a description stays until the type changes', () => {
    const s0 = initialReview(
      extractedFromPack({
        entities: [
          {
            id: 'kim-jong-un',
            name: 'Kim Jong Un',
            type: 'person',
            centrality: 'central',
            description: 'North Korean leader named in the story',
            fromArticle: true,
            names: [
              { text: 'Kim', lang: 'en', kind: 'surname' },
              { text: 'Kim Jong-un', lang: 'en', kind: 'name' },
            ],
            titles: [],
            roles: [],
            facts: [],
            sentences: ['Kim arrived.'],
            relations: [],
          },
          {
            id: 'dprk',
            name: 'North Korea',
            type: 'place',
            centrality: 'background',
            description: 'Country named in the story',
            fromArticle: true,
            names: [{ text: 'DPRK', lang: 'en', kind: 'abbreviation' }],
            titles: [],
            roles: [],
            facts: [],
            sentences: [],
            relations: [],
          },
        ],
      }),
      { title: 'T', date: '2023-09-12' },
    );
    const [kim, nk] = s0.entities;
    let s = reviewReducer(s0, { type: 'merge', into: kim.key, from: nk.key });
    s = reviewReducer(s, { type: 'setType', key: kim.key, entityType: 'person' });
    const pack = parsePack(reviewToPack(s));
    expect(pack.entities[0].description).toBe('North Korean leader named in the story');
    expect(pack.entities[0].names).toEqual([
      { text: 'Kim', lang: 'en', kind: 'surname' },
      { text: 'Kim Jong-un', lang: 'en', kind: 'name' },
      { text: 'North Korea', lang: 'en', kind: 'name' },
      { text: 'DPRK', lang: 'en', kind: 'abbreviation' },
    ]);
    const moved = parsePack(reviewToPack(reviewReducer(s0, { type: 'setType', key: nk.key, entityType: 'organization' })));
    expect(moved.entities[1].description).toBe('Organization named in “T”');
  });

  it('an alias that reads like a built-in word ("constructor", "toString") saves as a plain name', () => {
    const s = initialReview(
      { entities: [{ name: 'Object Lesson', type: 'organization', aliases: ['constructor', 'toString'] }] },
      { title: 'T', date: '2023-09-12' },
    );
    const pack = parsePack(reviewToPack(s));
    expect(pack.entities[0].names.map((n) => [n.text, n.kind])).toEqual([
      ['constructor', 'name'],
      ['toString', 'name'],
    ]);
  });
});
