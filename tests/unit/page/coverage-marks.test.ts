// @vitest-environment happy-dom
/**
 * What the page marks by the coverage decision (issue 14): nothing, at any moment, on a page that is not
 * coverage of a story; everything found so far once it turns; only the covered story's names.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/core/matcher';
import { parsePack } from '../../../src/story/schema';
import { bundledPack } from '../../../src/story/bundled';
import { PageScanner } from '../../../src/page/page-scanner';
import { fakeEnv, fakePainter, fakeStyles } from './fake-scanner-env';

const TYPES: ('person' | 'place' | 'organization')[] = ['person', 'place', 'organization'];
const bundled = compileMatcher([bundledPack()], { types: TYPES, roleMentions: false });

function setup() {
  const painted = new Set<Range>();
  /** the number of marks after each commit: what the page's highlights held, moment by moment */
  const commits: number[] = [];
  const scanner = new PageScanner(fakeEnv(), fakePainter(painted, { commit: () => commits.push(painted.size) }), fakeStyles);
  const texts = () => [...painted].map((r) => r.toString()).sort();
  // the page's changes reach the scanner's observer as microtasks queued when made: settle sees them
  const idle = () => scanner.settle();
  return { scanner, painted, commits, texts, idle };
}

const OFF_STORY = Array.from(
  { length: 60 },
  (_, i) => `<p>Paragraph ${i}: Vladimir Putin met the Chinese leader in Moscow; Russia, Ukraine and the United States.</p>`,
).join('');

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('marks by the coverage decision', () => {
  it('a page that is not coverage of the story never shows a mark, though its names are found', async () => {
    document.body.innerHTML = OFF_STORY + '<nav><a href="/">Kim Jong Un</a></nav>';
    const s = setup();
    await s.scanner.start(bundled);
    await s.idle();
    expect(s.commits.length).toBeGreaterThan(0);
    expect(s.commits.every((n) => n === 0)).toBe(true);
    expect(s.scanner.held.size).toBeGreaterThan(100);
    expect(s.scanner.index.countsByEntity()).toEqual({});
    expect(s.scanner.covers).toEqual([]);
  });

  it('a page that is coverage marks every name of the story, in its menus too', async () => {
    document.body.innerHTML = '<nav><a href="/">Russia</a></nav><p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome.</p>';
    const s = setup();
    await s.scanner.start(bundled);
    expect(s.texts()).toEqual(['Kim Jong Un', 'Russia', 'Vladimir Putin', 'Vostochny Cosmodrome']);
    expect(s.scanner.covers).toEqual(['kim-putin-2023']);
  });

  it('a live page that turns to the story is marked from then on, with what it showed before', async () => {
    document.body.innerHTML = OFF_STORY;
    const s = setup();
    await s.scanner.start(bundled);
    expect(s.painted.size).toBe(0);
    const p = document.createElement('p');
    p.textContent = 'Breaking: Kim Jong Un crossed the Tumen River by train.';
    document.body.append(p);
    await s.idle();
    expect(s.scanner.covers).toEqual(['kim-putin-2023']);
    expect(s.texts()).toContain('Tumen River');
    expect(s.scanner.index.countsByEntity()['vladimir-putin']).toBe(60);
    // and it stays marked when the turning paragraph goes
    p.remove();
    await s.idle();
    expect(s.scanner.index.countsByEntity()['vladimir-putin']).toBe(60);
  });

  it('"mark this page anyway" marks what was found at once, and unmarks it when taken back', async () => {
    document.body.innerHTML = '<p>Vladimir Putin met the Chinese leader in Moscow.</p>';
    const s = setup();
    await s.scanner.start(bundled);
    expect(s.painted.size).toBe(0);
    s.scanner.setEverywhere(true);
    expect(s.texts()).toEqual(['Moscow', 'Vladimir Putin']);
    s.scanner.setEverywhere(false);
    expect(s.texts()).toEqual([]);
  });

  it('with two stories followed, only the covered story names are marked', async () => {
    const mars = parsePack({
      format: 'story-lens/pack',
      formatVersion: 2,
      id: 'mars',
      title: 'Mars',
      date: '2024-01-01',
      entities: [
        { id: 'olympus-mons', name: 'Olympus Mons', type: 'place', centrality: 'central', description: 'a volcano' },
        { id: 'jezero-crater', name: 'Jezero Crater', type: 'place', centrality: 'central', description: 'a crater' },
      ],
    });
    document.body.innerHTML = '<p>From Jezero Crater to Olympus Mons, said Vladimir Putin.</p>';
    const s = setup();
    await s.scanner.start(compileMatcher([bundledPack(), mars], { types: TYPES, roleMentions: false }));
    expect(s.texts()).toEqual(['Jezero Crater', 'Olympus Mons']);
    expect(s.scanner.covers).toEqual(['mars']);
  });
});
