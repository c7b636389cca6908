/**
 * Is this page coverage of the story? (docs/adr/0009-coverage-decision.md): decided per story from the
 * central entities its main text names, only ever turning from "not yet" to "coverage".
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, findMentions } from '../../../src/core/matcher';
import { CoverageDecision } from '../../../src/core/coverage-decision';
import { inAside } from '../../../src/core/text-blocks';
import type { StoryPack } from '../../../src/core/pack';
import { parsePack } from '../../../src/story/schema';
import { bundledPack } from '../../../src/story/bundled/index';

const OPTIONS = { types: ['person', 'place', 'organization'] as ('person' | 'place' | 'organization')[], roleMentions: true };

function pack(id: string, entities: [name: string, type: string, centrality: 'central' | 'background'][]): StoryPack {
  return parsePack({
    format: 'story-lens/pack',
    formatVersion: 2,
    id,
    title: id,
    date: '2024-01-01',
    entities: entities.map(([name, type, centrality]) => ({
      id: name.toLowerCase().replace(/ /g, '-'),
      name,
      type,
      centrality,
      description: name,
    })),
  });
}

/** the stories a text (all of it main text, but `aside`) is coverage of */
function covers(text: string, packs: StoryPack[] = [bundledPack()], aside: number[] = []): string[] {
  const m = compileMatcher(packs, OPTIONS);
  const d = new CoverageDecision(m);
  d.add(findMentions(m, text), (at) => inAside(aside, at), text);
  return d.coveredIds();
}

const FAR = ' Other news of the day went on for a long while, with nothing more of either of them in it at all.\u2029'.repeat(2);

describe('coverage decision', () => {
  it('a page naming two of the story protagonists and places together is coverage of it', () => {
    expect(covers('Kim Jong Un arrived at the Vostochny Cosmodrome.')).toEqual(['kim-putin-2023']);
    expect(covers('Kim Jong Un arrives in Russia\u2029MOSCOW - Vladimir Putin will host him this week.')).toEqual(['kim-putin-2023']);
  });

  it('a roundup naming Putin in one item and Kim Jong Un in another is not coverage; three central names anywhere are', () => {
    const roundup = `Vladimir Putin hosted the Indian prime minister in Moscow.${FAR}Kim Jong Un watched a missile test, state media said.`;
    expect(covers(roundup)).toEqual([]);
    expect(covers(`${roundup}${FAR}A train later stopped at Khasan.`)).toEqual(['kim-putin-2023']);
  });

  it('the window is measured in columns, a Hangul syllable two: two items of a Korean roundup are not one sentence', () => {
    // 55 syllables and spaces between the names: 110 columns, a sentence; 75 (the width of two short items): 150
    const gap = (syllables: number) => '가'.repeat(syllables - 5) + ' 다 라 마 ';
    const korean = (n: number) => `블라디미르 푸틴 대통령은 ${gap(n)}김정은 위원장은`;
    expect(covers(korean(52))).toEqual(['kim-putin-2023']);
    expect(covers(korean(75))).toEqual([]);
    // the same 75 characters of Latin letters are within the window
    expect(covers(`Vladimir Putin ${'a'.repeat(70)} b c Kim Jong Un`)).toEqual(['kim-putin-2023']);
  });

  it('one central name, however often, with the countries and capitals of the news, is not coverage', () => {
    expect(
      covers('Vladimir Putin met the Chinese leader in Moscow. Putin said Russia and the United States, Ukraine and Seoul...'),
    ).toEqual([]);
  });

  it('central names outside the main text do not count', () => {
    const text = 'Most read: Kim Jong Un\u2029Vladimir Putin met the Chinese leader.';
    expect(covers(text, [bundledPack()], [0, 22])).toEqual([]);
    expect(covers(text, [bundledPack()], [])).toEqual(['kim-putin-2023']);
  });

  it('a role mention does not count: the decision does not depend on that setting', () => {
    expect(covers('The North Korean leader met Vladimir Putin.')).toEqual([]);
  });

  it('with several stories, a page is coverage only of the story whose central names it carries', () => {
    const other = pack('mars', [
      ['Olympus Mons', 'place', 'central'],
      ['Jezero Crater', 'place', 'central'],
      ['Elon Musk', 'person', 'background'],
    ]);
    expect(covers('Rovers left Jezero Crater for Olympus Mons; Vladimir Putin watched.', [bundledPack(), other])).toEqual(['mars']);
  });

  it('a story with a single central entity is covered by it alone; one with none by no page', () => {
    const one = pack('one', [
      ['Olympus Mons', 'place', 'central'],
      ['Elon Musk', 'person', 'background'],
    ]);
    const none = pack('none', [['Elon Musk', 'person', 'background']]);
    expect(covers('Olympus Mons and Elon Musk', [one])).toEqual(['one']);
    expect(covers('Elon Musk, Elon Musk', [none])).toEqual([]);
  });

  it('a page read in pieces is decided as the page read whole', () => {
    const m = compileMatcher([bundledPack()], OPTIONS);
    const pieces = (...texts: string[]) => {
      const d = new CoverageDecision(m);
      for (const t of texts) d.add(findMentions(m, t), () => false, t, true);
      return d.coveredIds();
    };
    const near = ['Vladimir Putin spoke first.', 'Then Kim Jong Un.'];
    const far = [near[0]!, FAR, near[1]!];
    expect([pieces(...near), covers(near.join('\u2029'))]).toEqual([['kim-putin-2023'], ['kim-putin-2023']]);
    expect([pieces(...far), covers(far.join('\u2029'))]).toEqual([[], []]);
    // Korean text across a piece's edge: its columns carry over
    const wide = ['블라디미르 푸틴 대통령은 말했다.', '가'.repeat(60), '김정은 위원장은'];
    const narrow = ['블라디미르 푸틴 대통령은 말했다.', '가'.repeat(20), '김정은 위원장은'];
    expect([pieces(...wide), covers(wide.join('\u2029'))]).toEqual([[], []]);
    expect([pieces(...narrow), covers(narrow.join('\u2029'))]).toEqual([['kim-putin-2023'], ['kim-putin-2023']]);
  });

  it('once coverage, a page stays coverage as more of it is read', () => {
    const m = compileMatcher([bundledPack()], OPTIONS);
    const d = new CoverageDecision(m);
    const read = (text: string) => d.add(findMentions(m, text), () => false, text, true);
    expect(read('Kim Jong Un left Pyongyang.')).toEqual([]);
    expect(read('Vladimir Putin waited at Khasan.')).toEqual([0]);
    expect(read('Seoul protested.')).toEqual([]);
    expect(d.coveredIds()).toEqual(['kim-putin-2023']);
  });
});
