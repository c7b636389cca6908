import { describe, expect, it } from 'vitest';
import { proposeCentrality } from '../../../src/story/centrality';
import { parsePack } from '../../../src/story/schema';
import { bundledPack } from '../../../src/story/bundled';

describe('central or background: the proposal for stories the reader adds', () => {
  it('proposes countries in any of the story languages as background, whatever their spelling', () => {
    for (const name of ['Russia', 'the United States', 'Россия', '러시아', 'Rusia', 'Corea del Norte', 'U.S.'])
      expect(proposeCentrality({ type: 'place', name }), name).toBe('background');
  });

  it('proposes capitals and world cities as background, and places particular to a story as central', () => {
    expect(proposeCentrality({ type: 'place', name: 'Seoul' })).toBe('background');
    expect(proposeCentrality({ type: 'place', name: 'Vostochny Cosmodrome' })).toBe('central');
    expect(proposeCentrality({ type: 'place', name: 'Busan Port' })).toBe('central');
  });

  it('reads every way of writing a place: an alias that is a country makes it background', () => {
    expect(proposeCentrality({ type: 'place', name: 'DPR Korea', names: [{ text: 'North Korea' }] })).toBe('background');
  });

  it('proposes global agencies and institutions as background, and the story own organizations as central', () => {
    for (const name of ['AFP', 'Reuters', 'United Nations', 'the Kremlin'])
      expect(proposeCentrality({ type: 'organization', name }), name).toBe('background');
    expect(proposeCentrality({ type: 'organization', name: 'Busan Dock Workers Union' })).toBe('central');
  });

  it('proposes every person as central: a story names a person because they are part of it', () => {
    expect(proposeCentrality({ type: 'person', name: 'Ada Lovelace' })).toBe('central');
  });
});

describe('central or background in the pack format', () => {
  const v1 = {
    format: 'story-lens/pack',
    formatVersion: 1,
    id: 'strike',
    title: 'Strike',
    date: '2024-05-01',
    entities: [
      { id: 'ada', name: 'Ada Lovelace', type: 'person', description: 'A mathematician.' },
      { id: 'geneva', name: 'Geneva', type: 'place', description: 'A city.' },
    ],
  };

  it('upgrades a format-1 pack to format 2 with the proposal for each entity', () => {
    const pack = parsePack(v1);
    expect(pack.formatVersion).toBe(2);
    expect(pack.entities.map((e) => e.centrality)).toEqual(['central', 'background']);
  });

  it('keeps what a format-2 pack says, even against the proposal', () => {
    const v2 = {
      ...v1,
      formatVersion: 2,
      entities: v1.entities.map((e) => ({ ...e, centrality: e.type === 'person' ? 'background' : 'central' })),
    };
    expect(parsePack(v2).entities.map((e) => e.centrality)).toEqual(['background', 'central']);
  });

  it('refuses a centrality that is neither, naming the entity and the field', () => {
    const bad = { ...v1, formatVersion: 2, entities: [{ ...v1.entities[0], centrality: 'main' }] };
    expect(() => parsePack(bad)).toThrow(/entity "ada" \(Ada Lovelace\), field centrality/);
  });

  it('refuses a format it does not know', () => {
    expect(() => parsePack({ ...v1, formatVersion: 3 })).toThrow(/field formatVersion/);
  });

  it('the bundled pack says for every entity, by hand, and its protagonists are central', () => {
    const pack = bundledPack();
    const central = pack.entities.filter((e) => e.centrality === 'central').map((e) => e.id);
    expect(central).toEqual(expect.arrayContaining(['kim-jong-un', 'vladimir-putin', 'vostochny-cosmodrome']));
    for (const id of ['russia', 'north-korea', 'united-states', 'moscow', 'seoul', 'kremlin', 'afp'])
      expect(pack.entities.find((e) => e.id === id)?.centrality, id).toBe('background');
  });
});
