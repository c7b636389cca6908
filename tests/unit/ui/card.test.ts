// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../src/core/card-model';
import { parsePack, type StoryPackInput } from '../../../src/story/schema';
import { renderCard } from '../../../src/ui/card';
import { projectPoints } from '../../../src/ui/card-map';
import { withPalette } from '../../../src/ui/card-styles';
import { NEUTRALS, PALETTE } from '../../../src/core/palette';

const SRC = 'https://en.wikipedia.org/wiki/Test';
const input: StoryPackInput = {
  format: 'story-lens/pack',
  formatVersion: 1,
  id: 'kim-putin-2023',
  title: 'A story',
  date: '2023-09-12',
  factsAsOf: '2026-11-01',
  entities: [
    {
      id: 'evil',
      name: '<img src=x onerror="window.__pwned=1">Evil',
      type: 'person',
      description: '<script>window.__pwned=2</script>',
      wikipedia: SRC,
      facts: [{ label: '<b>Born</b>', value: '<iframe src="javascript:alert(1)">', asOf: '2024-05', source: SRC }],
      sentences: ['He said "<a href=javascript:alert(1)>click</a>".'],
      roles: [{ title: 'Minister', from: '2012-11', to: '2024-05-12', asOf: '2024-05-12', source: SRC }],
    },
    {
      id: 'pyongyang',
      name: 'Pyongyang',
      type: 'place',
      description: 'Capital',
      location: { lat: 39.02, lon: 125.74, region: 'Pyongyang', country: 'North Korea' },
    },
    {
      id: 'khasan',
      name: 'Khasan',
      type: 'place',
      description: 'Border',
      location: { lat: 42.43, lon: 130.65, region: 'Primorsky Krai', country: 'Russia' },
    },
    {
      id: 'ussuriysk',
      name: 'Ussuriysk',
      type: 'place',
      description: 'City',
      location: { lat: 43.8, lon: 131.95, region: 'Primorsky Krai', country: 'Russia' },
    },
    {
      id: 'vostochny-cosmodrome',
      name: 'Vostochny Cosmodrome',
      type: 'place',
      description: 'Spaceport',
      location: { lat: 51.88, lon: 128.33, region: 'Amur Oblast', country: 'Russia' },
    },
  ],
};
const pack = parsePack(input);
const view = { detail: 'full' as const, theme: 'system' as const, close: () => undefined };

/** What an element of the card shows: its text nodes and the generated content of its data-t attributes, in order. */
function shownText(root: Element): string {
  const walk = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let out = root.getAttribute('data-t') ?? '';
  for (let n = walk.nextNode(); n; n = walk.nextNode()) out += n instanceof Element ? (n.getAttribute('data-t') ?? '') : n.nodeValue;
  return out;
}

describe('card view', () => {
  it('a story whose names and facts hold HTML and script shows them as text; nothing is parsed or run', () => {
    const el = renderCard(document, buildCard(pack, 'evil'), view);
    document.body.append(el);
    expect(el.querySelectorAll('img, script, iframe, b').length).toBe(0);
    expect(el.querySelectorAll('a').length).toBe(1); // the Wikipedia link only
    expect(shownText(el)).toContain('<img src=x onerror="window.__pwned=1">Evil');
    expect(shownText(el)).toContain('<script>window.__pwned=2</script>');
    expect(shownText(el)).toContain('<iframe src="javascript:alert(1)">');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    el.remove();
  });

  it('is a named non-modal dialog with a named close button, dated facts and links that open in a new tab', () => {
    let closed = 0;
    const el = renderCard(document, buildCard(pack, 'evil'), { ...view, close: () => closed++ });
    expect(el.getAttribute('role')).toBe('dialog');
    expect(el.getAttribute('aria-modal')).toBeNull();
    expect(el.getAttribute('aria-label')).toBe('<img src=x onerror="window.__pwned=1">Evil');
    const close = el.querySelector('button.close') as HTMLButtonElement;
    expect(close.getAttribute('aria-label')).toBe('Close card');
    close.click();
    expect(closed).toBe(1);
    expect(shownText(el)).toContain('as of May 2024');
    expect(shownText(el)).toContain('12 September 2023:');
    expect(shownText(el)).toContain('Minister (November 2012 – 12 May 2024)');
    expect(shownText(el)).toContain('Facts as of 1 November 2026');
    const a = el.querySelector('a')!;
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toContain('noopener');
  });

  it('a name, fact or sentence holding bidirectional controls shows without them, each in its own direction', () => {
    const bidi = parsePack({
      ...input,
      entities: [
        {
          id: 'rlo',
          name: 'Ada \u202EecalevoL\u202C',
          type: 'person',
          description: '\u2066Mathematician\u2069 and writer',
          facts: [{ label: 'Born', value: '\u202E5181', asOf: '2024-05', source: SRC }],
          sentences: ['She wrote \u2067the first program\u2069 in 1843.'],
          roles: [{ title: '\u202BCountess\u202C', from: '1838-07', asOf: '2024-05', source: SRC }],
        },
      ],
    });
    const el = renderCard(document, buildCard(bidi, 'rlo', { storyTitle: 'The \u202Eengine', multipleStories: true }), view);
    expect(shownText(el)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    expect(el.getAttribute('aria-label')).toBe('Ada ecalevoL');
    expect(el.querySelector('h2.name')!.getAttribute('dir')).toBe('auto');
    expect(shownText(el)).toContain('Mathematician and writer');
    expect(shownText(el)).toContain('She wrote the first program in 1843.');
    expect(shownText(el.querySelector('.story bdi')!)).toBe('The engine');
    expect(shownText(el.querySelector('.role bdi')!)).toBe('Countess');
    expect(shownText(el.querySelector('dd bdi')!)).toBe('5181');
  });

  it('labels a role held now with the day it was last confirmed, never "Now": the facts are not live', () => {
    const promoted = parsePack({
      ...input,
      entities: [
        {
          id: 'ada',
          name: 'Ada Lovelace',
          type: 'person',
          description: 'Mathematician',
          roles: [
            { title: 'Assistant', from: '2010-01', to: '2026-02-23', asOf: '2026-02-24', source: SRC },
            { title: 'Director', from: '2026-02-23', asOf: '2026-02-24', source: SRC },
          ],
        },
      ],
    });
    const el = renderCard(document, buildCard(promoted, 'ada'), view);
    expect(shownText(el)).toContain('As of 24 February 2026: Director');
    expect(shownText(el)).not.toMatch(/\bNow\b/);
  });

  it('shows how often the page names the entity, with previous/next buttons that step', () => {
    const steps: number[] = [];
    const el = renderCard(document, buildCard(pack, 'ussuriysk'), { ...view, nav: { index: 1, count: 3, step: (d) => steps.push(d) } });
    expect(shownText(el.querySelector('.mentions')!)).toContain('3 mentions on this page · 2 of 3');
    (el.querySelector('button[aria-label="Next mention on this page"]') as HTMLButtonElement).click();
    (el.querySelector('button[aria-label="Previous mention on this page"]') as HTMLButtonElement).click();
    expect(steps).toEqual([1, -1]);
  });

  it('a place card draws its map as SVG with the route in order, its names laid over it', () => {
    const el = renderCard(document, buildCard(pack, 'ussuriysk'), view);
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toContain('Pyongyang → Khasan → Ussuriysk → Vostochny Cosmodrome');
    expect(svg.querySelectorAll('polyline').length).toBe(1);
    expect(svg.querySelectorAll('circle').length).toBe(4);
    expect(svg.querySelectorAll('text').length).toBe(0);
    expect([...el.querySelectorAll('.map-label')].map((t) => shownText(t))).toContain('Ussuriysk');
  });

  it("holds no text a page's window.find could search: every word it shows is generated content", () => {
    const model = buildCard(pack, 'ussuriysk', { storyTitle: 'A story', multipleStories: true });
    const el = renderCard(document, model, { ...view, nav: { index: 0, count: 2, step: () => undefined } });
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const words: string[] = [];
    for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.nodeValue!.trim()) words.push(n.nodeValue!);
    expect(words).toEqual([]);
    // and it does show them
    expect(shownText(el)).toContain('Ussuriysk');
    expect(shownText(el)).toContain('City');
    expect(shownText(el)).toContain('2 mentions on this page');
  });

  it('compact detail shows fewer facts, one sentence and no relations', () => {
    const model = buildCard(pack, 'evil');
    const fact = model.facts[0]!;
    model.facts = [1, 2, 3, 4, 5].map((n) => ({ ...fact, label: `Fact ${n}` }));
    model.sentences = ['One.', 'Two.', 'Three.', 'Four.'];
    model.relations = [{ to: 'pyongyang', toName: 'Pyongyang', text: 'visited Pyongyang' }];
    const full = renderCard(document, model, view);
    const compact = renderCard(document, model, { ...view, detail: 'compact' });
    expect(full.querySelectorAll('dt').length).toBe(5);
    expect(compact.querySelectorAll('dt').length).toBe(3);
    expect(full.querySelectorAll('blockquote').length).toBe(3);
    expect(compact.querySelectorAll('blockquote').length).toBe(1);
    expect(full.querySelectorAll('section[aria-label="Relations"]').length).toBe(1);
    expect(compact.querySelectorAll('section[aria-label="Relations"]').length).toBe(0);
  });
});

describe('map projection', () => {
  it('keeps north up and east right, inside the map box', () => {
    const [a, b] = projectPoints([
      { id: 'sw', name: 'sw', lat: 40, lon: 125 },
      { id: 'ne', name: 'ne', lat: 50, lon: 135 },
    ]);
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(b!.y).toBeLessThan(a!.y);
    for (const p of [a!, b!]) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(288);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(150);
    }
  });
});

describe('card colours', () => {
  it('the card wears the palette the popup and options wear, every colour it names resolved', () => {
    const css = withPalette(fs.readFileSync(path.join(import.meta.dirname, '../../../src/ui/card.css'), 'utf8'));
    expect(css).not.toMatch(/var\(--sl-\w+-\w+\)/);
    for (const c of [NEUTRALS.bg, NEUTRALS.fg, NEUTRALS.muted, PALETTE.person, PALETTE.place, PALETTE.organization]) {
      expect(css).toContain(c.light);
      expect(css).toContain(c.dark);
    }
  });
});
