/**
 * A made-up story of the reader's own, shaped like what extraction saves (a
 * name, two other names and three sentences per entity), for the review
 * screen's bench and e2e test: how the screen copes with `entities` rows.
 */
import { PACK_FORMAT_VERSION, type Entity, type EntityType, type StoryPack } from '../../src/core/pack';
import { prng } from './prng';

const SYLLABLES = ['ka', 'lo', 'mi', 'ran', 'tes', 'vo', 'dun', 'pel', 'sar', 'ni', 'gor', 'bel', 'tu', 'ze', 'mor', 'lin'];

function word(rnd: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return w[0]!.toUpperCase() + w.slice(1);
}

export function reviewStory(entities: number, seed = 7, id = `review-story-${entities}`): StoryPack {
  const rnd = prng(seed);
  const list: Entity[] = [];
  const ids = new Set<string>();
  while (list.length < entities) {
    const type: EntityType = (['person', 'person', 'place', 'organization'] as const)[list.length % 4]!;
    const a = word(rnd, 2);
    const b = word(rnd, 2 + Math.floor(rnd() * 2));
    const name = type === 'organization' ? `${a} ${b} Group` : `${a} ${b}`;
    const entityId = name.toLowerCase().replace(/[^a-z]+/g, '-');
    if (ids.has(entityId)) continue;
    ids.add(entityId);
    const short = type === 'person' ? `${a[0]}. ${b}` : b;
    list.push({
      id: entityId,
      name,
      type,
      centrality: list.length < entities / 4 ? 'central' : 'background',
      description: `Made up for the review screen's tests: ${name}.`,
      fromArticle: true,
      names: [
        { text: short, lang: 'en', kind: 'name' },
        { text: `${name} ${word(rnd, 1)}`, lang: 'en', kind: 'name' },
      ],
      titles: [],
      roles: [],
      facts: [],
      sentences: [
        `${name} arrived on Monday for the talks.`,
        `Officials said ${short} had been invited weeks ago.`,
        `${name} did not answer questions.`,
      ],
      relations: [],
    });
  }
  return {
    format: 'story-lens/pack',
    formatVersion: PACK_FORMAT_VERSION,
    id,
    title: `A story of ${entities} made-up names`,
    date: '2024-05-01',
    source: {},
    summary: 'Made up for the review screen.',
    language: 'en',
    entities: list,
  };
}
