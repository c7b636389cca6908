/**
 * Issue 13, attack 1: ids and names such as "constructor" are ordinary text,
 * never keys that reach what every object inherits.
 */
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../src/core/card-model';
import { coverageModel } from '../../../src/core/coverage';
import { parsePack } from '../../../src/story/schema';
import { bundledPack } from '../../../src/story/bundled';
import { inheritedKeysPack } from '../../fixtures/inherited-keys-pack';

const pack = parsePack(inheritedKeysPack());

describe('a story named with the words every object inherits', () => {
  it('a place card of a story whose id is "constructor" draws its map, with no route', () => {
    const card = buildCard(pack, 'constructor');
    expect(card).toMatchObject({ id: 'constructor', name: 'Constructor University', type: 'place' });
    expect(card.story).toMatchObject({ id: 'constructor', title: 'Constructor University names a new president' });
    expect(card.map?.place).toMatchObject({ id: 'constructor', lat: 53.167, lon: 8.652 });
    expect(card.map?.others.map((p) => p.id)).toEqual(['valueof']);
    expect(card.map?.route).toEqual([]);
    expect(card.map?.routeLabel).toBeUndefined();
    expect(buildCard(pack, 'valueof').map?.others.map((p) => p.id)).toEqual(['constructor']);
  });

  it('cards of entities with ids like "tostring" and "hasownproperty" read as the pack writes them', () => {
    const person = buildCard(pack, 'tostring', { packs: [bundledPack(), pack], multipleStories: true, surface: 'toString' });
    expect(person).toMatchObject({ name: 'Ines Hartmann', type: 'person', surface: 'toString', showStory: true });
    expect(person.rolesThen.map((r) => r.title)).toEqual(['President of Constructor University']);
    expect(person.relations).toEqual([
      { to: 'constructor', toName: 'Constructor University', text: 'leads Constructor University', date: '2025-06-03' },
    ]);
    const org = buildCard(pack, 'hasownproperty');
    expect(org).toMatchObject({ name: 'hasOwnProperty', type: 'organization' });
    expect(org.relations[0]).toMatchObject({ to: 'tostring', toName: 'Ines Hartmann' });
    expect(() => buildCard(pack, '__proto__')).toThrow(/no entity "__proto__"/);
  });

  it('coverage: an entity whose id is "constructor" that the page does not mention is missing, not found', () => {
    const c = coverageModel([pack], {});
    expect(c.found).toEqual([]);
    expect(c.keyFound).toBe(0);
    expect(c.keyTotal).toBe(3);
    expect(c.missing.map((e) => e.id)).toEqual(['tostring', 'constructor', 'valueof']);
    expect(c.missing.every((e) => e.count === 0)).toBe(true);
    expect(c.mentions).toBe(0);
    expect(c.shownFound).toBe(0);
  });

  it('coverage: mentions of "constructor" and "valueof" count as their entities, and only those', () => {
    const c = coverageModel([bundledPack(), pack], { constructor: 2, valueof: 1, 'vladimir-putin': 3 });
    expect(c.found.map((e) => [e.id, e.count])).toEqual([
      ['vladimir-putin', 3],
      ['constructor', 2],
      ['valueof', 1],
    ]);
    expect(c.missing.map((e) => e.id)).toContain('tostring');
    expect(c.missing.map((e) => e.id)).not.toContain('constructor');
    expect(c.mentions).toBe(6);
  });
});
