import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExtractError, extractStory } from '../../../src/story/extract';
import { parsePack } from '../../../src/story/schema';
import { seedArticle } from './extract-helpers';

const seedWords = seedArticle().split(/\s+/).filter(Boolean);
/** text made of the article's own words, odd punctuation, markup and stray characters */
const pieces = fc.oneof(
  { arbitrary: fc.constantFrom(...seedWords), weight: 8 },
  fc.constantFrom(
    '\n',
    '\n\n',
    ' ',
    '.',
    ',',
    '’s',
    '“',
    '”',
    '©',
    '/',
    '<p>',
    '</p>',
    '<script>x()</script>',
    '&amp;',
    '\u2029',
    '\u00ad',
    '-',
    'Mr',
    'See also',
    'km',
  ),
  fc.string({ maxLength: 6 }),
);
const texts = fc.array(pieces, { maxLength: 150 }).map((a) => a.join(' '));

describe('any text given to Add a story', () => {
  it('gives a valid story pack whose names are all in the text, or a refusal the reader can read', () => {
    let packs = 0;
    let named = 0;
    fc.assert(
      fc.property(texts, (text) => {
        let result;
        try {
          result = extractStory({ text, date: '2023-09-12' });
        } catch (e) {
          expect(e).toBeInstanceOf(ExtractError);
          expect((e as Error).message).toMatch(/^[A-Z].{20,}\.$/s);
          return;
        }
        expect(() => parsePack(result.pack)).not.toThrow();
        packs++;
        if (result.pack.entities.length) named++;
        for (const e of result.pack.entities) for (const n of e.names) expect(text.replace(/\u00ad/g, '')).toContain(n.text);
      }),
      { numRuns: 80, seed: 20230912 },
    );
    // the property is not met by refusing everything
    expect(packs).toBeGreaterThan(20);
    expect(named).toBeGreaterThan(10);
  }, 60_000);
});
