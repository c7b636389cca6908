import { describe, expect, it } from 'vitest';
import { coverageModel } from '../../../src/core/coverage';
import { coverageLabel } from '../../../src/ui/popup-model';
import { bundledPack } from '../../../src/story/bundled';

const pack = bundledPack();
const keyIds = pack.entities.filter((e) => e.fromArticle && (e.type === 'person' || e.type === 'place')).map((e) => e.id);

describe('page coverage', () => {
  it('lists the entities the page mentions, most mentioned first, with their names and counts', () => {
    const c = coverageModel([pack], { 'vladimir-putin': 3, 'kim-jong-un': 5, kremlin: 1, 'kim-yo-jong': 1 });
    expect(c.found.map((e) => [e.id, e.count])).toEqual([
      ['kim-jong-un', 5],
      ['vladimir-putin', 3],
      ['kim-yo-jong', 1],
      ['kremlin', 1],
    ]);
    expect(c.found[0]).toMatchObject({ id: 'kim-jong-un', type: 'person', key: true, story: pack.title });
    expect(c.mentions).toBe(10);
  });

  it('counts only the story article\u2019s people and places towards coverage, not namesakes or organizations', () => {
    const c = coverageModel([pack], { 'kim-jong-un': 2, 'kim-yo-jong': 4, kremlin: 1, russia: 1 });
    expect(c.keyTotal).toBe(keyIds.length);
    expect(c.keyTotal).toBe(16);
    expect(c.keyFound).toBe(2);
    expect(c.share).toBeCloseTo(2 / 16);
    expect(coverageLabel(c)).toBe("Covers 2 of the 16 people and places from the story's article (13%)");
  });

  it('names the key people and places the page leaves out, people first', () => {
    const c = coverageModel([pack], { 'kim-jong-un': 2, russia: 1 });
    expect(c.missing.map((e) => e.id)).not.toContain('kim-jong-un');
    expect(c.missing.map((e) => e.id)).not.toContain('kremlin');
    expect(c.missing).toHaveLength(14);
    expect(c.missing[0].type).toBe('person');
    expect(c.missing.at(-1)!.type).toBe('place');
  });

  it('a type the reader switched off is neither listed as missing nor counted', () => {
    const c = coverageModel([pack], { 'kim-jong-un': 2 }, { person: true, place: false, organization: true });
    expect(c.keyTotal).toBe(5);
    expect(c.missing.every((e) => e.type === 'person')).toBe(true);
  });

  it('ignores ids no enabled story knows and counts that are not positive', () => {
    const c = coverageModel([pack], { 'someone-else': 4, 'kim-jong-un': 0, russia: -1 });
    expect(c.found).toEqual([]);
    expect(c.keyFound).toBe(0);
    expect(coverageModel([], {}).share).toBe(0);
    expect(coverageLabel(coverageModel([], {}))).toMatch(/names no people or places/);
  });

  it('with several stories, an entity is counted once', () => {
    const other = { ...pack, id: 'other', title: 'Other story', entities: pack.entities.slice(0, 3) };
    const c = coverageModel([pack, other], { 'kim-jong-un': 1 });
    expect(c.found).toHaveLength(1);
    expect(c.keyTotal).toBe(16);
  });

  it('the badge counts the entities the page mentions of the types the reader has switched on', () => {
    const counts = { 'kim-jong-un': 2, 'vladimir-putin': 1, kremlin: 3, 'someone-else': 4 };
    expect(coverageModel([pack], counts).shownFound).toBe(3);
    const noOrganizations = coverageModel([pack], counts, { person: true, place: true, organization: false });
    expect(noOrganizations.shownFound).toBe(2);
    // the popup still lists what the page reported
    expect(noOrganizations.found).toHaveLength(3);
  });
});
