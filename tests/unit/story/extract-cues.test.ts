/**
 * What compromise misses but a text plainly names, on an article that is not
 * the bundled story (tests/fixtures/articles/kazakh-forum.txt, written for this test).
 */
import { describe, expect, it } from 'vitest';
import { extractStory } from '../../../src/story/extract';
import { fixture, isEntity } from './extract-helpers';

describe('names found from what the text says of them', () => {
  const { pack } = extractStory({ text: fixture('kazakh-forum.txt'), date: '2024-05-06' });
  const entity = (name: string) => {
    const found = pack.entities.filter((e) => isEntity(e, name));
    expect(
      found.map((e) => e.name),
      name,
    ).toHaveLength(1);
    return found[0];
  };

  it('takes a place from "X cosmodrome", a distance "40km south-east of X", "X, a town/port" and "the city of X"', () => {
    expect(entity('Baikonur Cosmodrome')).toMatchObject({ type: 'place', description: 'Cosmodrome named in the story' });
    expect(entity('Kostanay')).toMatchObject({ type: 'place', description: 'Town named in the story' });
    expect(entity('Almaty')).toMatchObject({ type: 'place', description: 'City named in the story' });
    expect(entity('Aktau')).toMatchObject({ type: 'place', description: 'Port named in the story' });
  });

  it('takes an organization from "X, the news agency", "the broadcaster X", "X University", "X Forum" with its acronym', () => {
    expect(entity('Kazinform')).toMatchObject({ type: 'organization', description: 'News agency named in the story' });
    expect(entity('Khabar')).toMatchObject({ type: 'organization', description: 'Broadcaster named in the story' });
    expect(entity('Nazarbayev University').type).toBe('organization');
    const forum = entity('Astana International Forum');
    expect(forum.type).toBe('organization');
    expect(forum.names).toContainEqual({ text: 'AIF', lang: 'en', kind: 'abbreviation' });
    expect(pack.entities.filter((e) => e.name === 'AIF')).toEqual([]);
  });

  it('takes a person from "X, a professor at ..." and strips the title from "Kazakh president X" and "Mr X"', () => {
    expect(entity('Aigerim Nurlanova')).toMatchObject({ type: 'person', description: 'Professor at Nazarbayev University' });
    const president = entity('Kassym-Jomart Tokayev');
    expect(president).toMatchObject({ type: 'person', description: 'Kazakh president' });
    expect(president.names).toContainEqual({ text: 'Tokayev', lang: 'en', kind: 'surname' });
    expect(pack.entities.map((e) => e.name).filter((n) => /Mr|president/.test(n))).toEqual([]);
  });
});

describe('titles and honorifics', () => {
  it('are stripped with or without a full stop, and the surname joins the full name', () => {
    const { pack } = extractStory({
      text: 'Vladimir Putin met Kim Jong Un. Later Mr. Putin said Dr. Kim was right. Gen. Valery Gerasimov agreed with Mr Putin, and Sen. John Smith of the U.S. said so too.',
      date: '2023-09-13',
    });
    expect(pack.entities.map((e) => [e.name, e.type, e.names.map((n) => n.text)])).toEqual([
      ['Vladimir Putin', 'person', ['Putin']],
      ['Kim Jong Un', 'person', ['Kim']],
      ['Valery Gerasimov', 'person', []],
      ['John Smith', 'person', []],
      ['United States', 'place', ['U.S.']],
    ]);
  });
});
