/**
 * Issue 13, attack 1: "Add a story" and the pack schema take a story about
 * Constructor University, or one named with the words every object inherits,
 * like any other.
 */
import { describe, expect, it } from 'vitest';
import { extractStory } from '../../../src/story/extract';
import { parsePack, safeParsePack } from '../../../src/story/schema';
import { inheritedKeysPack } from '../../fixtures/inherited-keys-pack';

const ARTICLE = `Constructor

Constructor University in Bremen said on Tuesday, 3 June 2025, that its president, Ines Hartmann, would lead a review of admissions. "We welcome students from every country," Hartmann said. Constructor, as the university calls itself, was founded as Jacobs University Bremen. The president said the review would end in the autumn. Students there learn what constructor, toString, valueOf, hasOwnProperty and __proto__ mean in JavaScript; one of them said ToString and HasOwnProperty were their favourite words.`;

describe('a story named with the words every object inherits', () => {
  it('an article about Constructor University headed "Constructor" becomes a valid story with the id "constructor"', () => {
    const { pack, warnings } = extractStory({ text: ARTICLE, url: 'https://example.com/constructor' });
    expect(pack.id).toBe('constructor');
    expect(pack.title).toBe('Constructor');
    expect(pack.date).toBe('2025-06-03');
    expect(pack.entities.map((e) => [e.name, e.type])).toEqual(
      expect.arrayContaining([
        ['Constructor University', 'organization'],
        ['Ines Hartmann', 'person'],
        ['Bremen', 'place'],
      ]),
    );
    expect(parsePack(pack)).toEqual(pack);
    expect(warnings).toEqual([]);
  });

  it('the pack schema keeps every such id and name as written', () => {
    const pack = parsePack(inheritedKeysPack());
    expect(pack.id).toBe('constructor');
    expect(pack.entities.map((e) => e.id)).toEqual(['constructor', 'valueof', 'tostring', 'hasownproperty']);
    expect(pack.entities.flatMap((e) => e.names.map((n) => n.text))).toEqual([
      'Constructor',
      'constructor',
      'Jacobs University Bremen',
      'valueOf',
      '__proto__',
      'toString',
      'Hartmann',
      '__proto__',
      'hasOwnProperty',
    ]);
    expect(pack.entities[2].titles).toEqual(['President', 'constructor', '__proto__', 'toString', 'hasOwnProperty']);
  });

  it('a relation to "constructor" or "hasownproperty" needs an entity of that id in the pack', () => {
    const input = inheritedKeysPack();
    input.entities = input.entities.filter((e) => e.id !== 'constructor' && e.id !== 'tostring');
    input.entities[1].relations = [
      { to: 'constructor', text: 'a relation to nothing' },
      { to: 'hasownproperty', text: 'a relation to itself' },
    ];
    const r = safeParsePack(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      'entity "hasownproperty" (hasOwnProperty), field relations[0].to: no entity "constructor" in this pack',
    ]);
  });
});
