/**
 * Issue 15's bars for "Add a story", on the labelled dev set in tests/fixtures/extraction (real articles
 * from the readability test pages and articles written for it): `npm run score:extract -- --verbose`
 * prints what each article misses or gets wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { belowThresholds, DEV_SET, devSetArticles, report, scoreDevSet, totals, type Gold } from '../../../scripts/score-extraction';

describe('extraction on the labelled dev set', { timeout: 120_000 }, () => {
  it('holds at least 15 articles from politics, business, world, sport and entertainment, and a long page', () => {
    const golds = devSetArticles().map((a) => JSON.parse(readFileSync(`${DEV_SET}gold/${a}.json`, 'utf8')) as Gold);
    expect(golds.length).toBeGreaterThanOrEqual(15);
    for (const section of ['politics', 'business', 'world', 'sport', 'entertainment'])
      expect(golds.map((g) => g.section)).toContain(section);
    expect(golds.some((g) => g.long)).toBe(true);
  });

  it('finds the central people, places and organizations, with the right types, precisely, and no alias that marks someone else', () => {
    const scores = scoreDevSet();
    console.log(report(scores));
    expect(belowThresholds(totals(scores)), report(scores, true)).toEqual([]);
  });
});
