// @vitest-environment happy-dom
/**
 * A story of 50,000 names keeps a page responsive (issue 13): the scanner's
 * work comes in slices of bounded size, each followed by a yield behind the
 * page's own tasks, so the page's timers run between them. Checked in units of
 * work (characters read per slice) with the clock stopped, so the bound holds
 * by construction and not by how fast this machine is; the page's timer gap in
 * milliseconds is the bench's (scripts/bench/large-story.ts), and the page
 * naming 1,500 of the story's entities is tests/e2e/large-story.e2e.ts's (a
 * Range costs happy-dom time that grows with the ranges alive, so here the page
 * names 300 of them among 1,200 paragraphs of other news).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

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

import { compileMatcher, findMentions, type CompiledMatcher } from '../../../src/core/matcher';
import { collectText } from '../../../src/page/collect-text';
import { PageScanner } from '../../../src/page/page-scanner';
import { largeStory, largeStoryPage } from '../../../scripts/lib/large-story';
import { fakeEnv, fakePainter, fakeStyles } from './fake-scanner-env';

const story = largeStory();
let matcher: CompiledMatcher;
beforeAll(() => {
  matcher = compileMatcher([story.pack], { types: ['person', 'place', 'organization'], roleMentions: false });
});
/** what each test started, stopped after it */
const running: (() => void)[] = [];
afterEach(() => {
  for (const stop of running.splice(0)) stop();
  vi.restoreAllMocks();
});

/** Each slice: the characters it read, and how often the page's timer ran before it began. */
interface Slice {
  chars: number;
  pageTicks: number;
}

/** A scanner on the page, with the clock stopped, the slices it yields after, the commits of its paint, and the page's own timer. */
function scannerOnPage() {
  vi.spyOn(window.performance, 'now').mockReturnValue(1000);
  const painted = new Set<Range>();
  const slices: Slice[] = [];
  let ticks = 0;
  let commits = 0;
  let last = { chars: 0, ticks: 0 };
  const timer = setInterval(() => ticks++, 0);
  // a slice ends where the scanner yields, or where a scan or a batch of changes is done
  const sliceEnds = () => {
    slices.push({ chars: read.chars - last.chars, pageTicks: ticks - last.ticks });
    last = { chars: read.chars, ticks };
  };
  let onSettled = () => {};
  const env = fakeEnv({
    yielded: sliceEnds,
    settled: () => {
      sliceEnds();
      onSettled();
    },
  });
  const scanner = new PageScanner(env, fakePainter(painted, { commit: () => void commits++ }), fakeStyles);
  const restart = () => {
    slices.length = 0;
    last = { chars: read.chars, ticks };
  };
  /** resolves when the scanner has handled a batch of the page's changes */
  const settled = () => new Promise<void>((resolve) => (onSettled = resolve));
  running.push(() => {
    clearInterval(timer);
    scanner.stop();
  });
  return { scanner, painted, slices, restart, settled, commits: () => commits };
}

const FILLER = 'Officials said talks on the schedule would resume next week, and markets opened as usual on Tuesday morning.';

/** The large story's page naming `named` of its entities, with four paragraphs of other news after each. */
function pageBody(named = 300): string {
  const body = largeStoryPage(story, named).replace(/^[^]*<body>|<\/body>[^]*$/g, '');
  return body.replace(/<\/p>/g, `</p>${`<p>${FILLER}</p>`.repeat(4)}`);
}

/**
 * The most characters a slice may read: SLICE_CHARS (32,000), then the rest of the chunk it was in (up to
 * CHUNK_CHARS, 16,000, and one more block). Written out: the bound is what is tested, not the constants.
 */
const MOST_PER_SLICE = 50_000;

describe('a page under a 50,000-name story', () => {
  it('is scanned in slices of bounded work, the page running its own timer between every two of them', async () => {
    document.body.innerHTML = pageBody();
    const expected = findMentions(matcher, collectText(document.body).text).length;
    expect(expected).toBeGreaterThan(1000);
    const s = scannerOnPage();
    s.restart();
    await s.scanner.start(matcher);
    expect(s.painted.size).toBe(expected);
    // the page's text (over 180,000 characters) took many slices, none reading more than its share
    const chars = s.slices.reduce((a, x) => a + x.chars, 0);
    expect(chars).toBeGreaterThan(180_000);
    expect(s.slices.length).toBeGreaterThan(chars / MOST_PER_SLICE);
    for (const slice of s.slices) expect(slice.chars).toBeLessThanOrEqual(MOST_PER_SLICE);
    // between every two slices the page's own timer ran: the scanner never went on without yielding to it
    for (const slice of s.slices.slice(1)) expect(slice.pageTicks).toBeGreaterThan(0);
    // the mentions reached the page's highlights in a few commits, not one per slice (the clock stopped: the first and the last)
    expect(s.commits()).toBe(2);
  }, 60_000);

  it('the same paragraphs added at once to a page are read in bounded slices too, and painted in full', async () => {
    document.body.innerHTML = '<p>An empty page.</p>';
    const s = scannerOnPage();
    await s.scanner.start(matcher);
    const added = new DOMParser().parseFromString(pageBody(), 'text/html').body;
    s.restart();
    const handled = s.settled();
    document.body.append(...added.childNodes);
    await handled;
    const chars = s.slices.reduce((a, x) => a + x.chars, 0);
    expect(s.painted.size).toBe(findMentions(matcher, collectText(document.body).text).length);
    expect(chars).toBeGreaterThan(180_000);
    expect(s.slices.length).toBeGreaterThan(chars / MOST_PER_SLICE);
    for (const slice of s.slices) expect(slice.chars).toBeLessThanOrEqual(MOST_PER_SLICE);
    for (const slice of s.slices.slice(1)) expect(slice.pageTicks).toBeGreaterThan(0);
  }, 60_000);
});
