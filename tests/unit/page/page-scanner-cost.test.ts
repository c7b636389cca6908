// @vitest-environment happy-dom
/**
 * Work follows the change, not the page: after the first scan, text appended
 * to a page is read on its own, so appending 100 paragraphs costs the same
 * reading on a page of 2,000 paragraphs as on an empty one. Counted in
 * characters handed to the matcher (deterministic), not in milliseconds: the
 * time ratio is what `npm run bench` reports as append_big_over_small.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const read = vi.hoisted(() => ({ chars: 0 }));
vi.mock('../../../src/core/page-reader', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/page-reader')>();
  class CountingReader extends real.PageReader {
    override read(text: string, rereadable?: boolean) {
      read.chars += text.length;
      return super.read(text, rereadable);
    }
  }
  return { ...real, PageReader: CountingReader };
});

import { compileMatcher } from '../../../src/core/matcher';
import { bundledPack } from '../../../src/story/bundled';
import { PageScanner } from '../../../src/page/page-scanner';
import { fakeEnv, fakePainter, fakeStyles } from './fake-scanner-env';

const matcher = compileMatcher([bundledPack()], { types: ['person', 'place', 'organization'], roleMentions: false });
const LINE = 'Kim Jong Un rode his armoured train towards Vladivostok while officials waited.';

function scanner() {
  const painted = new Set<Range>();
  const s = new PageScanner(fakeEnv(), fakePainter(painted), fakeStyles);
  // the page's changes reach the scanner's observer as microtasks queued when made: settle sees them
  const idle = () => s.settle();
  return { s, painted, idle };
}

/** characters read, and mentions painted, to handle 100 paragraphs appended to a page of `existing` paragraphs */
async function appendCost(existing: number): Promise<{ chars: number; painted: number }> {
  document.body.innerHTML = Array.from({ length: existing }, (_, i) => `<p>${i}. ${LINE}</p>`).join('');
  const { s, painted, idle } = scanner();
  await s.start(matcher, true);
  const before = painted.size;
  read.chars = 0;
  const frag = document.createDocumentFragment();
  for (let i = 0; i < 100; i++) {
    const p = document.createElement('p');
    p.textContent = `Late ${i}: ${LINE}`;
    frag.append(p);
  }
  document.body.append(frag);
  await idle();
  const out = { chars: read.chars, painted: painted.size - before };
  s.stop();
  return out;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('page scanner cost', () => {
  it('highlighting 100 appended paragraphs reads the appended text, not the page: the same on 2,000 paragraphs as on none', async () => {
    const appended = 100 * (LINE.length + 'Late 00: '.length);
    const small = await appendCost(0);
    const big = await appendCost(2000);
    expect(small.painted).toBe(200);
    expect(big.painted).toBe(200);
    // the appended text (what the page named before reaches the reader as counts, not as text)
    expect(small.chars).toBeGreaterThanOrEqual(appended * 0.9);
    expect(big.chars).toBeLessThanOrEqual(2 * small.chars);
    expect(big.chars).toBeLessThan(appended * 2);
  }, 60_000);

  it('removing one paragraph from a page of 2,000 reads nothing again; adding a line between two paragraphs reads just that line', async () => {
    document.body.innerHTML = `<main>${Array.from({ length: 2000 }, (_, i) => `<p>${i}. ${LINE}</p>`).join('\n')}</main>`;
    const { s, painted, idle } = scanner();
    await s.start(matcher, true);
    const before = painted.size;
    const main = document.querySelector('main')!;
    read.chars = 0;
    main.children[1000]!.remove();
    await idle();
    expect(read.chars).toBe(0);
    expect(painted.size).toBe(before - 2);
    const line = document.createTextNode(`Late: ${LINE}`);
    main.insertBefore(line, main.children[500]!);
    await idle();
    expect(painted.size).toBe(before);
    expect(read.chars).toBeLessThan(2 * line.data.length + 200);
    s.stop();
  }, 60_000);
});
