import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../src/core/card-model';
import { parsePack, type StoryPackInput } from '../../../src/story/schema';

const WP = (t: string) => `https://en.wikipedia.org/wiki/${t}`;

const input: StoryPackInput = {
  format: 'story-lens/pack',
  formatVersion: 1,
  id: 'kim-putin-2023',
  title: 'Kim Jong Un arrives in Russia for talks with Vladimir Putin',
  date: '2023-09-12',
  factsAsOf: '2026-11-01',
  entities: [
    {
      id: 'sergei-shoigu',
      name: 'Sergei Shoigu',
      type: 'person',
      description: 'Russian defence minister at the time of the story',
      wikipedia: WP('Sergei_Shoigu'),
      wikidata: 'Q313291',
      roles: [
        { title: 'Minister of Defence of Russia', from: '2012-11', to: '2024-05-12', asOf: '2024-05-12', source: WP('Sergei_Shoigu') },
        { title: 'Secretary of the Security Council of Russia', from: '2024-05-12', asOf: '2026-11-01', source: WP('Sergei_Shoigu') },
      ],
      facts: [{ label: 'Born', value: '21 May 1955, Chadan, Tuva', asOf: '2026-11-01', source: WP('Sergei_Shoigu') }],
      sentences: ['Shoigu visited Pyongyang in July.', 'A second sentence.'],
      relations: [{ to: 'vostochny-cosmodrome', text: 'accompanied Putin at the Vostochny Cosmodrome', date: '2023-09-13' }],
    },
    {
      id: 'vladimir-putin',
      name: 'Vladimir Putin',
      type: 'person',
      description: 'President of Russia',
      roles: [{ title: 'President of Russia', from: '2012-05-07', asOf: '2026-11-01', source: WP('Vladimir_Putin') }],
    },
    {
      id: 'pyongyang',
      name: 'Pyongyang',
      type: 'place',
      description: 'Capital of North Korea',
      location: { lat: 39.03, lon: 125.75, region: 'Pyongyang', country: 'North Korea' },
    },
    {
      id: 'north-korea',
      name: 'North Korea',
      type: 'place',
      description: 'Country',
      location: { lat: 40.34, lon: 127.51, country: 'North Korea' },
    },
    {
      id: 'khasan',
      name: 'Khasan',
      type: 'place',
      description: 'Border settlement',
      fromArticle: false,
      location: { lat: 42.43, lon: 130.64, region: 'Primorsky Krai', country: 'Russia' },
    },
    {
      id: 'ussuriysk',
      name: 'Ussuriysk',
      type: 'place',
      description: 'City in Primorsky Krai, Russia',
      wikipedia: WP('Ussuriysk'),
      location: { lat: 43.8, lon: 131.95, region: 'Primorsky Krai', country: 'Russia' },
      facts: [{ label: 'Population', value: '173,000 (2021)', asOf: '2021-10', source: WP('Ussuriysk') }],
      sentences: ['The train passed through Ussuriysk.'],
    },
    {
      id: 'vostochny-cosmodrome',
      name: 'Vostochny Cosmodrome',
      type: 'place',
      description: 'Spaceport',
      location: { lat: 51.88, lon: 128.33, region: 'Amur Oblast', country: 'Russia' },
    },
    {
      id: 'united-states',
      name: 'United States',
      type: 'place',
      description: 'Country',
      location: { lat: 39.8, lon: -98.6, country: 'United States' },
    },
  ],
};
const pack = parsePack(input);

describe('card model', () => {
  it('a person card shows the role at the time of the story, what it is now, facts, sentences, relations and links', () => {
    const card = buildCard(pack, 'sergei-shoigu', { surface: 'Шойгу' });
    expect(card.name).toBe('Sergei Shoigu');
    expect(card.type).toBe('person');
    expect(card.surface).toBe('Шойгу');
    expect(card.description).toMatch(/defence minister/);
    expect(card.rolesThen.map((r) => r.title)).toEqual(['Minister of Defence of Russia']);
    expect(card.rolesEnded[0]).toMatchObject({ title: 'Minister of Defence of Russia', to: '2024-05-12' });
    expect(card.rolesNow.map((r) => r.title)).toEqual(['Secretary of the Security Council of Russia']);
    expect(card.facts[0]).toMatchObject({ label: 'Born', asOf: '2026-11-01' });
    expect(card.sentences[0]).toBe('Shoigu visited Pyongyang in July.');
    expect(card.relations).toEqual([
      {
        to: 'vostochny-cosmodrome',
        toName: 'Vostochny Cosmodrome',
        text: 'accompanied Putin at the Vostochny Cosmodrome',
        date: '2023-09-13',
      },
    ]);
    expect(card.links).toEqual([
      { label: 'Wikipedia', url: WP('Sergei_Shoigu') },
      { label: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q313291' },
    ]);
    expect(card.factsAsOf).toBe('2026-11-01');
    expect(card.map).toBeUndefined();
  });

  it('a role still held has no "now" line, and the surface is dropped when it is the canonical name', () => {
    const card = buildCard(pack, 'vladimir-putin', { surface: 'vladimir  putin' });
    expect(card.rolesThen.map((r) => r.title)).toEqual(['President of Russia']);
    expect(card.rolesNow).toEqual([]);
    expect(card.rolesEnded).toEqual([]);
    expect(card.surface).toBeUndefined();
  });

  it('a place card carries its location and a map with the story places near it and the train route in order', () => {
    const card = buildCard(pack, 'ussuriysk');
    expect(card.location).toMatchObject({ region: 'Primorsky Krai', country: 'Russia' });
    expect(card.map?.place).toMatchObject({ id: 'ussuriysk', lat: 43.8, lon: 131.95 });
    expect(card.map?.route.map((p) => p.id)).toEqual(['pyongyang', 'khasan', 'ussuriysk', 'vostochny-cosmodrome']);
    const others = card.map?.others.map((p) => p.id) ?? [];
    expect(others).toContain('pyongyang');
    expect(others).not.toContain('ussuriysk');
    expect(others).not.toContain('khasan'); // a namesake/aside, not one of the story's places
    expect(others).not.toContain('united-states'); // far away: would squash the regional map
    expect(others).not.toContain('north-korea'); // a country is an area, not a point
    expect(card.facts[0].label).toBe('Population');
  });

  it('says which story the card belongs to only when several stories are on', () => {
    expect(buildCard(pack, 'ussuriysk').showStory).toBe(false);
    const card = buildCard(pack, 'ussuriysk', { multipleStories: true, storyTitle: 'Kim in Russia' });
    expect(card.showStory).toBe(true);
    expect(card.story).toEqual({ id: 'kim-putin-2023', title: 'Kim in Russia', date: '2023-09-12' });
  });

  it('an unknown entity is an error naming it', () => {
    expect(() => buildCard(pack, 'nobody')).toThrow(/nobody/);
  });
});
