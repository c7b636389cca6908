// @vitest-environment happy-dom
/**
 * The page scanner's bookkeeping in a DOM without a browser, marking every page (the "mark every page"
 * setting; tests/unit/page/coverage-marks.test.ts marks by the coverage decision): what is painted
 * follows what the page shows, through additions, rewrites and removals.
 * (Painting itself, CSS.highlights, is checked in Chromium: tests/e2e.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher, type CompiledMatcher } from '../../../src/core/matcher';
import type { EntityType } from '../../../src/core/pack';
import { bundledPack } from '../../../src/story/bundled';
import { PageScanner } from '../../../src/page/page-scanner';
import { fakeEnv, fakePainter, fakeStyles } from './fake-scanner-env';

/** the matcher of a reader who has these entity types on (the types painted are the matcher's) */
const matchers = new Map<string, CompiledMatcher>();
function matcherOf(...types: EntityType[]): CompiledMatcher {
  const key = types.join();
  let m = matchers.get(key);
  if (!m) matchers.set(key, (m = compileMatcher([bundledPack()], { types, roleMentions: false })));
  return m;
}

function setup() {
  const painted = new Set<Range>();
  let settledCount = 0;
  let failures = 0;
  const env = fakeEnv({ failed: () => void failures++, settled: () => void settledCount++ });
  const scanner = new PageScanner(env, fakePainter(painted), fakeStyles);
  const texts = () => [...painted].map((r) => r.toString()).sort();
  /** waits until the scanner has handled every queued change */
  // the page's changes reach the scanner's observer as microtasks queued when made: settle sees them
  const idle = () => scanner.settle();
  return { scanner, painted, texts, idle, settled: () => settledCount, failures: () => failures };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('page scanner', () => {
  it('paints each mention of the page once, with its entity counted', async () => {
    document.body.innerHTML = '<p>Kim Jong Un met Vladimir Putin.</p><p>Later, Putin spoke in Vladivostok.</p>';
    const s = setup();
    await s.scanner.start(matcherOf('person', 'place', 'organization'), true);
    expect(s.texts()).toEqual(['Kim Jong Un', 'Putin', 'Vladimir Putin', 'Vladivostok']);
    expect(s.scanner.index.countsByEntity()).toEqual({ 'kim-jong-un': 1, 'vladimir-putin': 2, vladivostok: 1 });
    expect(s.settled()).toBe(1);
  });

  it('only the types the reader has on are painted', async () => {
    document.body.innerHTML = '<p>Kim Jong Un reached Vladivostok.</p>';
    const s = setup();
    await s.scanner.start(matcherOf('place'), true);
    expect(s.texts()).toEqual(['Vladivostok']);
  });

  it('a bare surname in a later chunk is read with the support the whole page gives it', async () => {
    const filler = '<p>' + 'Nothing to see in this paragraph at all. '.repeat(40) + '</p>';
    document.body.innerHTML = `<p>Vladimir Putin arrived.</p>${filler.repeat(12)}<p>Putin left.</p>`;
    const s = setup();
    await s.scanner.start(matcherOf('person'), true);
    expect(s.texts()).toEqual(['Putin', 'Vladimir Putin']);
  });

  it('a bare surname before the full name, pieces apart, is read too (the page is read again with its names)', async () => {
    const filler = '<p>' + 'Nothing to see in this paragraph at all. '.repeat(40) + '</p>';
    document.body.innerHTML = `<p>Putin arrived.</p>${filler.repeat(12)}<p>Vladimir Putin left.</p>`;
    const s = setup();
    await s.scanner.start(matcherOf('person'), true);
    expect(s.texts()).toEqual(['Putin', 'Vladimir Putin']);
    expect(s.scanner.index.size).toBe(2);
  });

  it('text added later is painted; text removed loses its paint; rewritten text is painted as it now reads', async () => {
    document.body.innerHTML = '<div id="feed"><p id="a">Kim Jong Un waved.</p><p id="b">Sergei Shoigu watched.</p></div>';
    const s = setup();
    await s.scanner.start(matcherOf('person', 'place'), true);
    expect(s.texts()).toEqual(['Kim Jong Un', 'Sergei Shoigu']);

    const p = document.createElement('p');
    p.textContent = 'The train reached Ussuriysk.';
    document.getElementById('feed')!.append(p);
    document.getElementById('b')!.remove();
    document.getElementById('a')!.firstChild!.nodeValue = 'Vladimir Putin waved back.';
    await s.idle();
    expect(s.texts()).toEqual(['Ussuriysk', 'Vladimir Putin']);
    expect(s.scanner.index.size).toBe(2);
    expect(s.scanner.index.countsByEntity()).toEqual({ ussuriysk: 1, 'vladimir-putin': 1 });
  });

  it('a name completed by an inline change is found across the nodes', async () => {
    document.body.innerHTML = '<p id="a">Kim Jong</p>';
    const s = setup();
    await s.scanner.start(matcherOf('person'), true);
    expect(s.texts()).toEqual([]);
    const b = document.createElement('b');
    b.textContent = ' Un';
    document.getElementById('a')!.append(b, ' arrived.');
    await s.idle();
    expect(s.texts()).toEqual(['Kim Jong Un']);
    expect(s.scanner.index.inOrder()[0]!.nodes.length).toBe(2);
  });

  it('removing what stood between two parts of a name joins them into one mention', async () => {
    document.body.innerHTML = '<p id="a">Kim <span id="x">(photo)</span>Jong Un spoke.</p>';
    const s = setup();
    await s.scanner.start(matcherOf('person'), true);
    expect(s.texts()).toEqual([]);
    document.getElementById('x')!.remove();
    await s.idle();
    expect(s.texts()).toEqual(['Kim Jong Un']);
  });

  it('text added between two blocks is read on its own, and not joined with its neighbours', async () => {
    document.body.innerHTML = '<div id="feed"><p>Meeting with Kim</p>\n<p>Vladivostok greeted the train.</p></div>';
    const s = setup();
    await s.scanner.start(matcherOf('person', 'place'), true);
    expect(s.texts()).toEqual(['Vladivostok']);
    const feed = document.getElementById('feed')!;
    feed.insertBefore(document.createTextNode('Jong Un and Sergei Shoigu'), feed.lastElementChild);
    await s.idle();
    expect(s.texts()).toEqual(['Sergei Shoigu', 'Vladivostok']);
  });

  it('typing a name in an editor or adding one to a form field paints nothing', async () => {
    document.body.innerHTML = '<div id="ce" contenteditable="true"><p id="line">Hello</p></div><textarea id="ta"></textarea>';
    const s = setup();
    await s.scanner.start(matcherOf('person'), true);
    document.getElementById('line')!.firstChild!.nodeValue = 'Hello Vladimir Putin';
    document.getElementById('ce')!.append(document.createTextNode(' and Kim Jong Un'));
    document.getElementById('ta')!.append(document.createTextNode('Sergei Shoigu'));
    await s.idle();
    expect(s.texts()).toEqual([]);
  });

  it("the extension's own card is never read", async () => {
    document.body.innerHTML = '<p>Pyongyang</p>';
    const s = setup();
    await s.scanner.start(matcherOf('place'), true);
    const host = document.createElement('story-lens-card');
    host.textContent = 'Vladivostok Ussuriysk';
    document.body.append(host);
    await s.idle();
    expect(s.texts()).toEqual(['Pyongyang']);
  });

  it('stop removes every mention and ignores later changes', async () => {
    document.body.innerHTML = '<p>Kim Jong Un</p>';
    const s = setup();
    await s.scanner.start(matcherOf('person'), true);
    s.scanner.stop();
    expect(s.painted.size).toBe(0);
    const p = document.createElement('p');
    p.textContent = 'Vladimir Putin';
    document.body.append(p);
    await s.idle();
    expect(s.painted.size).toBe(0);
  });

  it('a matcher it cannot read (a newer background) stops the page layer quietly: nothing painted, nothing thrown', async () => {
    document.body.innerHTML = '<p>Kim Jong Un</p>';
    const s = setup();
    const bogus = { ...matcherOf('person'), formatVersion: 999 };
    await expect(s.scanner.start(bogus)).resolves.toBeUndefined();
    expect(s.painted.size).toBe(0);
    expect(s.failures()).toBe(1);
  });
});
