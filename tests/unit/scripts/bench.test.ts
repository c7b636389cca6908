import { describe, expect, it } from 'vitest';
import { bundledPack } from '../../../src/story/bundled/index';
import { compileMatcher, findMentions } from '../../../src/core/matcher';
import { BLOCK_BREAK } from '../../../src/core/types';
import { aliases, generatedPage, median, paragraphs, stripScripts, syntheticPacks, withLanguages } from '../../../scripts/bench-fixtures';

const OPTIONS = { types: ['person', 'place', 'organization'] as ('person' | 'place' | 'organization')[], roleMentions: false };

describe('npm run bench fixtures', () => {
  it('generates a page of exactly 20,000 paragraphs, the same every time', () => {
    const html = generatedPage(20_000);
    expect(html.match(/<p>/g)).toHaveLength(20_000);
    expect(generatedPage(20_000)).toBe(html);
  });

  it('appends paragraphs in which the matcher finds the story (so the append test has mentions to wait for)', () => {
    const texts = paragraphs(100, 4242);
    const found = findMentions(compileMatcher([bundledPack()], OPTIONS), texts.join(BLOCK_BREAK));
    expect(found.length).toBeGreaterThan(20);
  });

  it('scales the story to exactly 1,000 and 10,000 distinct aliases with valid synthetic packs', () => {
    const story = bundledPack();
    const own = aliases([story]);
    for (const target of [1_000, 10_000]) {
      const packs = [story, ...syntheticPacks(target - own.length, 2, own)];
      expect(aliases(packs)).toHaveLength(target);
      expect(packs.slice(1).every((p) => p.entities.length <= 2000)).toBe(true);
    }
  });

  it('synthetic names never match the story pages they are measured on', () => {
    const m = compileMatcher(syntheticPacks(2_000, 3), OPTIONS);
    expect(findMentions(m, paragraphs(300, 7).join(BLOCK_BREAK))).toEqual([]);
  });

  it('keeps only English names for the English-only comparison', () => {
    const en = withLanguages(bundledPack(), ['en']);
    expect(en.entities.every((e) => e.names.every((n) => n.lang === 'en'))).toBe(true);
    expect(aliases([en])).toContain('Vladimir Putin');
    expect(aliases([en])).not.toContain('Путин');
    expect(aliases([bundledPack()])).toContain('Путин');
  });

  it('strips a saved page of its scripts and refresh redirects, keeping its text', () => {
    const html = `<head><meta http-equiv="refresh" content="0;url=https://x.invalid"><script src="a.js"></script></head>
      <body><p>Putin<script>document.write("x")</script> met Kim</p><SCRIPT type="module">
      import x from "y"</SCRIPT></body>`;
    const out = stripScripts(html);
    expect(out).not.toMatch(/script|refresh/i);
    expect(out).toContain('<p>Putin met Kim</p>');
  });

  it('takes medians over finite numbers', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });
});
