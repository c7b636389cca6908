/**
 * The English dev pages (copied from ../shared/eval/dev into
 * tests/fixtures/articles): their visible text, taken by the collector the
 * scan uses, run through "Add a story", finds the gold's people and places.
 */
import { describe, expect, it } from 'vitest';
import { extractStory } from '../../../src/story/extract';
import { bundledPack } from '../../../src/story/bundled';
import { fixture, isEntity, looseKey, occursIn, pageText } from './extract-helpers';

const PAGES = ['d01-vladivostok-summit-2019', 'd02-pyongyang-visit-2024-explainer', 'd03-vostochny-comments'];

interface Gold {
  mentions: { entity: string; text: string; kind: 'required' | 'optional' }[];
}

/** Gold files name entities by canonical name; their type is the bundled story's. */
function goldPeopleAndPlaces(gold: Gold): string[] {
  const typeOf = new Map(bundledPack().entities.map((e) => [e.name, e.type]));
  const names = new Set(gold.mentions.filter((m) => m.kind === 'required').map((m) => m.entity));
  return [...names].filter((n) => {
    const type = typeOf.get(n);
    if (!type) throw new Error(`gold entity "${n}" is not in the bundled story`);
    return type === 'person' || type === 'place';
  });
}

describe.each(PAGES)('Add a story from the dev page %s', (page) => {
  const text = pageText(fixture(`${page}.html`));
  const gold = JSON.parse(fixture(`${page}.json`)) as Gold;
  const { pack } = extractStory({ text });
  const wanted = goldPeopleAndPlaces(gold);

  it('finds at least 90% of the people and places the gold marks as required', () => {
    const missed = wanted.filter((name) => !pack.entities.some((e) => (e.type === 'person' || e.type === 'place') && isEntity(e, name)));
    const recall = (wanted.length - missed.length) / wanted.length;
    console.log(
      `${page}: recall ${(recall * 100).toFixed(0)}% (${wanted.length - missed.length}/${wanted.length})${missed.length ? `, missed ${missed.join(', ')}` : ''}`,
    );
    expect(wanted.length).toBeGreaterThan(8);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds each of them as one entity, not one per form ("Putin", "Mr Kim", "Vostochny" join the full name)', () => {
    const words = (s: string) => looseKey(s).split(' ');
    for (const name of wanted) {
      const found = pack.entities.filter((e) => isEntity(e, name));
      expect(found.length, name).toBeLessThanOrEqual(1);
      const parts = pack.entities.filter((e) => !found.includes(e) && words(e.name).every((w) => words(name).includes(w)));
      expect(
        parts.map((e) => e.name),
        name,
      ).toEqual([]);
    }
  });

  it('gives each form the gold writes a person or place in to that entity ("Kim" is Kim Jong Un, not Kim Jae-chun)', () => {
    const pairs = gold.mentions.filter((m) => m.kind === 'required' && wanted.includes(m.entity));
    let checked = 0;
    for (const { text: form, entity } of pairs) {
      const owners = pack.entities.filter((e) => e.name === form || e.names.some((n) => n.text === form));
      if (!owners.length) continue; // a form not taken up (an all-caps heading): recall is checked above
      checked++;
      expect(
        owners.map((e) => e.name),
        `"${form}"`,
      ).toHaveLength(1);
      expect(isEntity(owners[0], entity), `"${form}" went to ${owners[0].name}, not ${entity}`).toBe(true);
    }
    expect(checked).toBeGreaterThan(pairs.length * 0.8);
  });

  it('finds no entity that is not in the text', () => {
    for (const e of pack.entities) {
      for (const n of e.names) expect(occursIn(text, n.text), `${e.name}: ${n.text}`).toBe(true);
      // the canonical name is in the text, or is the full form of an abbreviation that is ("U.S." → United States)
      if (!occursIn(text, e.name))
        expect(
          e.names.some((n) => n.kind === 'abbreviation'),
          e.name,
        ).toBe(true);
      for (const s of e.sentences) expect(text.includes(s), s).toBe(true);
    }
  });
});

describe('a story added from a page', () => {
  it('takes the headline as its title and the dateline as its date, not the site name or today', () => {
    const d01 = extractStory({ text: pageText(fixture('d01-vladivostok-summit-2019.html')) }).pack;
    expect(d01).toMatchObject({ title: 'Kim Jong-un and Putin meet at last on Russky Island', date: '2019-04-25' });
    const d02 = extractStory({ text: pageText(fixture('d02-pyongyang-visit-2024-explainer.html')) }).pack;
    expect(d02).toMatchObject({ title: 'What Putin’s Visit to North Korea Means, in Seven Questions', date: '2024-06-21' });
  });
});

describe('names the page hides from readers', () => {
  it('are not taken from <script>, <textarea>, <input> or comments (d03)', () => {
    const { pack } = extractStory({ text: pageText(fixture('d03-vostochny-comments.html')) });
    const sentences = pack.entities.flatMap((e) => e.sentences).join('\n');
    expect(sentences).not.toMatch(/Draft: Kim Jong Un|Highlight terms|Kim from Pyongyang/);
    expect(pack.entities.map((e) => e.name)).not.toContain('Washington');
  });
});
