/**
 * Attack on what Story Lens displays (issue 13, item 7), against the built
 * extension in real Chromium: a story imported with a right-to-left override
 * (U+202E) and isolates (U+2066…U+2069) in its title and an entity's name.
 * Shown as stored, they would turn the options list and the card around them
 * backwards; the reader must see the words, in order, and no control.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { launch, type Harness } from '../../scripts/lib/browser';
import { importBackup } from './harness';
import { onCardElement, readCard } from '../../scripts/lib/card-reader';
import { hoverText, quietFavicon, waitForCard, waitForHighlights } from './highlight-helpers';

// chrome.* inside page.evaluate runs in the extension's own pages
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the extension's own chrome.* API, untyped here
declare const chrome: any;

/** Embeddings, overrides, isolates and direction marks: written out here, not taken from the code under test. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

const RLO = '\u202E';
const PDF = '\u202C';
const LRI = '\u2066';
const PDI = '\u2069';

const TITLE = `The ${RLO}analytical${PDF} engine ${LRI}(1843)${PDI}`;
const NAME = `${LRI}Ada${PDI} ${RLO}Lovelace${PDF}`;

const story = {
  id: 'bidi-story',
  title: TITLE,
  enabled: true,
  bundled: false,
  pack: {
    format: 'story-lens/pack',
    formatVersion: 1,
    id: 'bidi-story',
    title: TITLE,
    date: '1843-07-01',
    entities: [
      {
        id: 'ada-lovelace',
        name: NAME,
        type: 'person',
        description: `Mathematician ${RLO}who wrote the first published program.`,
        // the page writes her name plainly: this is what it is marked by
        names: [{ text: 'Ada Lovelace', lang: 'en' }],
        sentences: [`${LRI}Ada Lovelace${PDI} wrote the notes on the engine.`],
      },
    ],
  },
};

const backup = { format: 'story-lens/backup', formatVersion: 1, settingsVersion: 2, settings: DEFAULT_SETTINGS, stories: [story] };

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title></head><body>
<h1>Notes on the engine</h1>
<p>Ada Lovelace wrote the notes on the engine, and Charles Babbage built it.</p>
</body></html>`;

let h: Harness;
let options: Page;

beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({ extensionDir: process.env.STORY_LENS_EXTENSION_DIR, routes: { '/notes.html': { body: PAGE } } });
  quietFavicon(h);
  options = await h.extensionPage('options.html');
  await options.waitForSelector('#options:not([aria-busy])');
});
afterAll(async () => {
  await h?.close();
});

const importFile = (content: string) => importBackup(options, content);

/** Every text an element shows or names itself with: its text and its title and aria-label attributes, its own and its descendants'. */
const shownTexts = (root: Element): string[] => [
  root.textContent ?? '',
  ...[root, ...root.querySelectorAll('*')].flatMap((e) => [e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? '']),
];

/**
 * What the open card's dialog shows, read in the card's closed shadow root through the DevTools protocol: its
 * rendered text (generated content, src/ui/card-text.ts), then each attribute it shows or names itself with.
 */
async function cardShownTexts(page: Page): Promise<string[]> {
  const texts = await onCardElement(page, '[role="dialog"]', (root) =>
    [root, ...root.querySelectorAll('*')].flatMap((e) => ['title', 'aria-label', 'data-t'].map((a) => e.getAttribute(a) ?? '')),
  );
  if (!texts) throw new Error('no card');
  return [(await readCard(page)).text, ...texts];
}

describe('bidirectional controls in a story', () => {
  it('a title and a name holding a right-to-left override read in order in the options list, without the control', async () => {
    expect(await importFile(JSON.stringify(backup))).toMatch(/^Imported: your settings, 1 story added/);
    // precondition: the controls are stored as imported, so it is the display that takes them out
    const stored = (await options.evaluate(() => chrome.storage.local.get('stories'))) as { stories: { stories: { title: string }[] } };
    expect(stored.stories.stories.map((s) => s.title)).toContain(TITLE);

    const row = options.locator('li[data-story="bidi-story"]');
    await row.waitFor();
    const [text, ...attributes] = await row.evaluate(shownTexts);
    expect(text).toContain('The analytical engine (1843)');
    expect(text).not.toMatch(BIDI_CONTROL);
    for (const a of attributes) expect(a).not.toMatch(BIDI_CONTROL);
  });

  it("the entity's card, opened by a real hover, shows her name, the story's title and its sentence without a control", async () => {
    const tab = await h.context.newPage();
    await tab.goto(h.server.url('/notes.html'));
    // precondition: the page is marked and resting on her name opens her card, named in order
    await waitForHighlights(tab);
    await hoverText(tab, 'Ada Lovelace');
    await waitForCard(tab, 'Ada Lovelace');

    const [text, ...attributes] = await cardShownTexts(tab);
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Mathematician who wrote the first published program.');
    expect(text).toContain('Ada Lovelace wrote the notes on the engine.');
    // two stories are on (the bundled one and this): the card says which one it belongs to
    expect(text).toContain('The analytical engine (1843)');
    expect(text).not.toMatch(BIDI_CONTROL);
    for (const a of attributes) expect(a).not.toMatch(BIDI_CONTROL);
    await tab.close();
  });
});
