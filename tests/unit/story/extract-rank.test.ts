/**
 * What "Add a story" proposes beyond the names: which short forms become aliases (issue 15: none that
 * would mark someone else) and which entities come first and are selected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractStory, postedResult } from '../../../src/story/extract';
import { readExtraction } from '../../../src/ui/add-story-text';
import { root } from './extract-helpers';

const article = (name: string) => readFileSync(`${root}tests/fixtures/extraction/articles/${name}.txt`, 'utf8');
const aliasesOf = (text: string, name: string, others?: { name: string; names: string[] }[]) =>
  extractStory({ text, date: '2025-01-01', otherEntities: others })
    .pack.entities.find((e) => e.name === name)
    ?.names.map((n) => n.text);

describe('aliases a story proposes', () => {
  it('give a surname two people share to neither, unless the text uses it for one only', () => {
    // "Ms Kim" and "Mr Kim": Kim Yo Jong and Kim Jong Un
    const { pack } = extractStory({ text: article('w-world-north-korea'), date: '2025-01-01' });
    expect(pack.entities.flatMap((e) => e.names.map((n) => n.text))).not.toContain('Kim');
    expect(pack.entities.map((e) => e.name)).not.toContain('Kim');
    // Kim Ju Ae is named once: "Kim" is Kim Jong Un
    expect(aliasesOf(article('w-world-east-asia'), 'Kim Jong Un')).toContain('Kim');
  });

  it('never give a first name alone, nor make it an entity', () => {
    const { pack } = extractStory({ text: article('w-entertainment-festival'), date: '2025-01-01' });
    const forms = pack.entities.flatMap((e) => [e.name, ...e.names.map((n) => n.text)]);
    for (const first of ['Maggie', 'Jake', 'Gyllenhaal']) expect(forms).not.toContain(first);
    expect(pack.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Maggie Gyllenhaal', 'Jake Gyllenhaal']));
  });

  it('leave out a form another followed story gives to a different entity', () => {
    const text = article('w-politics-korea');
    expect(aliasesOf(text, 'Lee Jae-myung')).toContain('Lee');
    expect(aliasesOf(text, 'Lee Jae-myung', [{ name: 'Lee Kuan Yew', names: ['Lee'] }])).not.toContain('Lee');
    // the same entity in another story keeps its alias
    expect(aliasesOf(text, 'Lee Jae-myung', [{ name: 'Lee Jae-myung', names: ['Lee'] }])).toContain('Lee');
  });
});

describe('entities a story proposes', () => {
  it('come most central first, and a long page selects only its central ones', () => {
    const short = extractStory({ text: article('w-politics-korea'), date: '2025-01-01' });
    expect(short.ranking!.every((r) => r.selected)).toBe(true);
    expect(short.pack.entities[0].name).toBe('Yoon Suk Yeol');
    const long = extractStory({ text: article('real-wikipedia-2'), date: '2025-01-01' });
    const selected = long.ranking!.filter((r) => r.selected);
    expect(long.pack.entities[0].name).toBe('New Zealand');
    expect(selected.length).toBeGreaterThanOrEqual(10);
    expect(selected.length).toBeLessThan(long.ranking!.length / 4);
    // the ranking follows the pack's order: the selected ones first
    expect(long.ranking!.map((r) => r.id)).toEqual(long.pack.entities.map((e) => e.id));
    expect(long.ranking!.map((r) => r.rank)).toEqual(long.ranking!.map((_, i) => i + 1));
    expect(long.ranking!.findIndex((r) => !r.selected)).toBe(selected.length);
  });
});

describe('the review of a story added from a long page', () => {
  it('lists the central entities first, selected, and the rest unselected below', () => {
    const result = extractStory({ text: article('real-wikipedia-2'), date: '2025-01-01' });
    const review = readExtraction(postedResult(result))!;
    const selected = review.entities.filter((e) => e.selected);
    expect(selected.length).toBe(result.ranking!.filter((r) => r.selected).length);
    expect(review.entities.map((e) => e.rank)).toEqual(review.entities.map((_, i) => i + 1));
    expect(review.entities.slice(0, selected.length).every((e) => e.selected)).toBe(true);
    expect(review.entities[0]).toMatchObject({ name: 'New Zealand', rank: 1, selected: true });
  });
});
