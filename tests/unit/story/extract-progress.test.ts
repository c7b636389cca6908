import { describe, expect, it } from 'vitest';
import { extractStory, STAGES, type ExtractProgress } from '../../../src/story/extract';
import { fixture, pageText, seedArticle } from './extract-helpers';

/** A long article: the seed and the English dev pages, over and over, to about `bytes`. */
function longArticle(bytes: number): string {
  const parts = [
    seedArticle(),
    pageText(fixture('d01-vladivostok-summit-2019.html')),
    pageText(fixture('d02-pyongyang-visit-2024-explainer.html')),
    pageText(fixture('d03-vostochny-comments.html')),
  ];
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${parts[i % parts.length]}\n\n`;
  return text;
}

describe('progress on a long text', { timeout: 60_000 }, () => {
  it('reports progress per sentence batch, steadily, up to done = total', () => {
    const steps: ExtractProgress[] = [];
    const { pack } = extractStory({ text: longArticle(60_000), date: '2023-09-12' }, (p) => steps.push(p));
    expect(steps.length).toBeGreaterThan(10);
    const total = steps[0].total;
    expect(steps.every((p) => p.total === total)).toBe(true);
    for (let i = 1; i < steps.length; i++) expect(steps[i].done).toBeGreaterThanOrEqual(steps[i - 1].done);
    expect(steps[0].done).toBe(0);
    expect(steps.at(-1)).toEqual({ done: total, total, stage: STAGES.done });
    expect(steps.filter((p) => p.stage === STAGES.reading).length).toBeGreaterThan(5);
    expect(steps.some((p) => p.stage === STAGES.collecting)).toBe(true);
    expect(pack.entities.some((e) => e.name === 'Kim Jong Un')).toBe(true);
  });

  it('reads a 300 KB article whole: its people found, each with at most 30 sentences', () => {
    const text = longArticle(300_000);
    const t0 = performance.now();
    const { pack } = extractStory({ text, date: '2023-09-12' });
    // how long it took is printed only (about 4 s on a shared 2-core machine): a timed assertion fails under load
    console.log(`300 KB article (${text.length} chars): ${Math.round(performance.now() - t0)} ms, ${pack.entities.length} entities`);
    const kim = pack.entities.find((e) => e.name === 'Kim Jong Un')!;
    expect(kim.sentences.length).toBeGreaterThan(0);
    expect(kim.sentences.length).toBeLessThanOrEqual(30);
  }, 60_000);
});
