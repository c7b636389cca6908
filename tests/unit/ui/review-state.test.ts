import { describe, expect, it } from 'vitest';
import { initialReview, sentencesNaming, reviewProblems, reviewReducer, slugify, type ReviewState } from '../../../src/ui/review-state';
import { extractedFromPack, reviewFromPack, reviewToPack } from '../../../src/ui/review-pack';
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

describe('acting on many entities at once', () => {
  const ranked = {
    entities: [
      { name: 'Seoul', type: 'place' as const, rank: 3, selected: false },
      { name: 'Yoon Suk Yeol', type: 'person' as const, rank: 1, centrality: 'central' as const },
      { name: 'Lee Jae-myung', type: 'person' as const, rank: 2 },
      { name: 'United States', type: 'place' as const, centrality: 'background' as const, rank: 4, selected: false },
    ],
  };
  const names = (s: ReviewState, selected = true) => s.entities.filter((e) => e.selected === selected).map((e) => e.name);

  it('lists entities by rank, with the ones extraction did not select left out', () => {
    const s = initialReview(ranked, { title: 'Martial law', date: '2024-12-04' });
    expect(names(s)).toEqual(['Yoon Suk Yeol', 'Lee Jae-myung']);
    expect(names(s, false)).toEqual(['Seoul', 'United States']);
  });

  it('without a rank or a selection, every entity is kept in the order found, and counts as central', () => {
    const s = start();
    expect(names(s)).toEqual(['Kim Jong Un', 'Vladimir Putin', 'Vostochny', 'Kremlin']);
    expect(s.entities.every((e) => e.centrality === 'central')).toBe(true);
  });

  it('select all, select none and keep the top N', () => {
    const s = initialReview(ranked, { title: 'Martial law', date: '2024-12-04' });
    const keys = s.entities.map((e) => e.key);
    expect(names(reviewReducer(s, { type: 'setSelected', keys, selected: true }))).toHaveLength(4);
    expect(names(reviewReducer(s, { type: 'setSelected', keys, selected: false }))).toEqual([]);
    expect(names(reviewReducer(s, { type: 'keepTop', count: 3 }))).toEqual(['Yoon Suk Yeol', 'Lee Jae-myung', 'Seoul']);
  });

  it('retypes several at once and marks them central or background', () => {
    const s = initialReview(ranked, { title: 'Martial law', date: '2024-12-04' });
    const places = s.entities.filter((e) => e.type === 'place').map((e) => e.key);
    const moved = reviewReducer(s, { type: 'setTypes', keys: places, entityType: 'organization' });
    expect(moved.entities.filter((e) => e.type === 'organization').map((e) => e.name)).toEqual(['Seoul', 'United States']);
    const back = reviewReducer(s, { type: 'setCentrality', keys: places, centrality: 'background' });
    expect(back.entities.map((e) => e.centrality)).toEqual(['central', 'central', 'background', 'background']);
  });

  it('an edit leaves every entity it did not touch as it was (the view redraws only what changed)', () => {
    const s = start();
    const k = byName(s, 'Vladimir Putin').key;
    const next = reviewReducer(s, { type: 'addAlias', key: k, alias: 'President Putin' });
    expect(next.entities.filter((e, i) => e !== s.entities[i]).map((e) => e.name)).toEqual(['Vladimir Putin']);
  });

  it('saves only the selected entities, and a story with none selected cannot be saved', () => {
    const s = initialReview(ranked, { title: 'Martial law', date: '2024-12-04' });
    expect(parsePack(reviewToPack(s)).entities.map((e) => e.name)).toEqual(['Yoon Suk Yeol', 'Lee Jae-myung']);
    const none = reviewReducer(s, { type: 'keepTop', count: 0 });
    expect(reviewProblems(none)).toContain('Keep at least one person, place or organization.');
  });
});

describe('editing a saved story', () => {
  const saved = parsePack({
    format: 'story-lens/pack',
    formatVersion: 1,
    id: 'martial-law-2024-12-04',
    title: 'Martial law in Seoul',
    date: '2024-12-04',
    factsAsOf: '2024-12-05',
    entities: [
      {
        id: 'yoon-suk-yeol',
        name: 'Yoon Suk Yeol',
        type: 'person',
        description: 'President of South Korea.',
        names: [
          { text: 'Yoon', lang: 'en', kind: 'surname' },
          { text: '윤석열', lang: 'ko', kind: 'name' },
        ],
        roles: [{ title: 'President of South Korea', from: '2022-05-10', asOf: '2024-12-05', source: 'https://example.org/a' }],
        facts: [{ label: 'Born', value: '1960', asOf: '2024-12-05', source: 'https://example.org/b' }],
        relations: [{ to: 'seoul', text: 'declared martial law in' }],
      },
      {
        id: 'seoul',
        name: 'Seoul',
        type: 'place',
        description: 'Capital of South Korea.',
        location: { lat: 37.57, lon: 126.98, country: 'South Korea' },
      },
      {
        id: 'stella-kim',
        name: 'Stella Kim',
        type: 'person',
        description: 'A reporter.',
        names: [{ text: 'Kim', lang: 'en', kind: 'surname' }],
      },
    ],
  });
  const open = () => reviewFromPack({ title: 'My martial law story', pack: saved });

  it('opens with its people, places, organizations and their other names, under the title the reader sees', () => {
    const s = open();
    expect(s.title).toBe('My martial law story');
    expect(s.entities.map((e) => [e.name, e.type, e.aliases])).toEqual([
      ['Yoon Suk Yeol', 'person', ['Yoon', '윤석열']],
      ['Seoul', 'place', []],
      ['Stella Kim', 'person', ['Kim']],
    ]);
  });

  it('saving keeps what the screen does not show: ids, facts, roles, places, the kinds and languages of names', () => {
    let s = open();
    s = reviewReducer(s, { type: 'addAlias', key: byName(s, 'Yoon Suk Yeol').key, alias: 'President Yoon' });
    const pack = parsePack(reviewToPack(s, { base: saved, takenEntityIds: ['seoul', 'yoon-suk-yeol', 'stella-kim'] }));
    expect(pack.id).toBe(saved.id);
    expect(pack.factsAsOf).toBe('2024-12-05');
    const yoon = pack.entities.find((e) => e.id === 'yoon-suk-yeol')!;
    expect(yoon.names).toEqual([
      { text: 'Yoon', lang: 'en', kind: 'surname' },
      { text: '윤석열', lang: 'ko', kind: 'name' },
      { text: 'President Yoon', lang: 'en', kind: 'name' },
    ]);
    expect(yoon.facts).toEqual(saved.entities[0]!.facts);
    expect(yoon.roles).toEqual(saved.entities[0]!.roles);
    expect(yoon.description).toBe('President of South Korea.');
    expect(pack.entities.find((e) => e.id === 'seoul')!.location).toEqual(saved.entities[1]!.location);
  });

  it('shows each entity as central or background as saved, and saves a change of it', () => {
    let s = open();
    expect(s.entities.map((e) => e.centrality)).toEqual(saved.entities.map((e) => e.centrality));
    const yoon = byName(s, 'Yoon Suk Yeol');
    const flipped = yoon.centrality === 'central' ? 'background' : 'central';
    s = reviewReducer(s, { type: 'setCentrality', keys: [yoon.key], centrality: flipped });
    const pack = parsePack(reviewToPack(s, { base: saved }));
    expect(pack.entities.map((e) => e.centrality)).toEqual([flipped, ...saved.entities.slice(1).map((e) => e.centrality)]);
  });

  it('removing an entity drops it and the relations that point to it; a new one gets a free id', () => {
    let s = open();
    s = reviewReducer(s, { type: 'remove', key: byName(s, 'Seoul').key });
    s = reviewReducer(s, { type: 'add', name: 'Seoul', entityType: 'place' });
    s = reviewReducer(s, { type: 'setType', key: byName(s, 'Stella Kim').key, entityType: 'organization' });
    // as the options page passes them (otherEntityIds): the entity ids of the reader's other stories, never this one's
    const anotherStoryIds = ['seoul', 'pyongyang']; // the bundled story has a Seoul too
    const pack = parsePack(reviewToPack(s, { base: saved, takenEntityIds: anotherStoryIds }));
    expect(pack.entities.map((e) => e.id)).toEqual(['yoon-suk-yeol', 'stella-kim', 'seoul-2']);
    expect(pack.entities[0]!.relations).toEqual([]);
    expect(pack.entities[1]).toMatchObject({ type: 'organization', names: [{ text: 'Kim', lang: 'en', kind: 'surname' }] });
  });
});
