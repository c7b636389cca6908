/**
 * What a page's own scripts can do to the hover card (issue 13): nothing it
 * shows is theirs to read, find or rewrite, their events neither keep it open
 * nor pin or close it, and a page that claims the card's element name gets no
 * card and no error. Each test first opens a card with the reader's own
 * pointer and reads it through the DevTools protocol (a path no page has:
 * scripts/lib/card-reader.ts), so none passes by Story Lens doing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { readCard } from '../../scripts/lib/card-reader';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { importBackup } from './harness';
import {
  cardState,
  collectErrors,
  hoverText,
  quietFavicon,
  waitForCard,
  waitForHighlights,
  waitForHoverTaken,
  waitForNoCard,
  waitOutFlash,
} from './highlight-helpers';

const STORY = '<p id="story">Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome.</p><p id="blank">Nothing more to say here.</p>';

/** A reader's own story, as a reporter might keep one: nothing of it is on the page but the name. */
const PRIVATE = {
  name: 'Ada Quill',
  description: 'Keeps the harbour ledgers for a syndicate the paper has not named',
  sentence: 'Ada Quill met the courier twice at the old ferry terminal.',
  page: '<p id="story">Ada Quill wrote to the editor on Monday.</p>',
};
const privateStory = {
  id: 'private-dossier',
  title: 'Harbour dossier',
  enabled: true,
  bundled: false,
  pack: {
    format: 'story-lens/pack',
    formatVersion: 1,
    id: 'private-dossier',
    title: 'Harbour dossier',
    date: '2026-11-02',
    entities: [{ id: 'ada-quill', name: PRIVATE.name, type: 'person', description: PRIVATE.description, sentences: [PRIVATE.sentence] }],
  },
};

let h: Harness;
beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({ extensionDir: process.env.STORY_LENS_EXTENSION_DIR });
  quietFavicon(h);
  h.server.route('/story.html', { body: `<!doctype html><title>Story</title>${STORY}` });
  h.server.route('/private.html', { body: `<!doctype html><title>Letters</title>${PRIVATE.page}` });
  // the page defines the card's element before any content script runs, and keeps what its class is given
  h.server.route('/own-card.html', {
    body: `<!doctype html><title>Own card</title><script>
      window.made = 0;
      window.internals = [];
      customElements.define('story-lens-card', class extends HTMLElement {
        constructor() { super(); made++; internals.push(this.attachInternals()); }
      });
    </script>${STORY}`,
  });
});
afterAll(async () => {
  await h?.close();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await h.context.newPage();
  const errors = collectErrors(page);
  await page.goto(h.server.url(path));
  await waitForHighlights(page);
  return { page, errors };
}

/** The reader's pointer opens Kim Jong Un's card; returns a line of it the page itself does not hold. */
async function openCard(page: Page): Promise<string> {
  await hoverText(page, 'Kim Jong Un');
  const card = await waitForCard(page, 'Kim Jong Un');
  const own = await page.evaluate(() => document.body.innerText);
  const lines = card.text.split('\n').map((l) => l.trim());
  const secret = lines.filter((l) => l.length > 12 && !own.includes(l)).sort((a, b) => b.length - a.length)[0];
  expect(secret, card.text).toBeTruthy();
  return secret;
}

/**
 * The page's own `window.find` (which searches closed shadow roots too) of each text, from no selection,
 * over the whole document (wrapping): true where it found the text.
 */
function pageFinds(page: Page, texts: string[]): Promise<boolean[]> {
  return page.evaluate(
    (texts) =>
      texts.map((text) => {
        getSelection()!.removeAllRanges();
        return (window as unknown as { find(s: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find(
          text,
          false,
          false,
          true,
        );
      }),
    texts,
  );
}

/** The card's lines the page itself does not hold (a name the page writes is found in the page, not the card). */
async function cardOnlyLines(page: Page, text: string): Promise<string[]> {
  const own = await page.evaluate(() => document.body.innerText);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 1 && !own.includes(l));
}

/** Everything of the page a script can turn into text, after putting the selection on the card's name. */
function pageReadings(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const host = document.querySelector('story-lens-card') as HTMLElement;
    const box = host.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(document.documentElement);
    const sel = getSelection()!;
    sel.selectAllChildren(document.documentElement);
    const selectedAll = sel.toString();
    // window.find searches shadow roots too: the selection lands on the card's name, then grows
    (window as unknown as { find(s: string): boolean }).find('Kim Jong Un');
    sel.modify('extend', 'forward', 'documentboundary');
    return {
      shadowRoot: String(host.shadowRoot),
      textContent: host.textContent ?? '',
      innerHTML: host.innerHTML,
      innerText: host.innerText,
      getHTML: host.getHTML({ serializableShadowRoots: true }),
      page: document.documentElement.innerText,
      markup: new XMLSerializer().serializeToString(document),
      range: range.toString(),
      selectedAll,
      found: sel.toString(),
      // what the caret APIs find under the middle of the card: never a node inside it
      caretRange: document.caretRangeFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.startContainer.textContent ?? '',
      caretPosition: document.caretPositionFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.offsetNode.textContent ?? '',
    };
  });
}

describe("the card is out of the page's reach", () => {
  it("a page's script finds an empty element: no shadow root, and none of the card's text by any means", async () => {
    const { page, errors } = await open('/story.html');
    const secret = await openCard(page);
    const read = await pageReadings(page);
    expect(read.shadowRoot).toBe('null');
    expect([read.textContent, read.innerHTML, read.innerText, read.getHTML]).toEqual(['', '', '', '']);
    for (const [how, text] of Object.entries(read)) expect(text, how).not.toContain(secret);
    // nor can it put a root of its own there
    const attach = await page.evaluate(() => {
      try {
        document.querySelector('story-lens-card')!.attachShadow({ mode: 'open' });
        return 'attached';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(attach).toBe('NotSupportedError');
    expect((await cardState(page)).text).toContain(secret);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a page's window.find finds none of the open card's lines, where it finds the page's own text", async () => {
    const { page, errors } = await open('/story.html');
    await hoverText(page, 'Kim Jong Un');
    const card = await waitForCard(page, 'Kim Jong Un');
    // precondition: the reader sees these lines in the open card, and the page does not hold them
    const lines = await cardOnlyLines(page, card.text);
    expect(lines.length, card.text).toBeGreaterThanOrEqual(5);
    const description = lines.sort((a, b) => b.length - a.length)[0]!;
    // whole lines, and the start of the longest, as a page spelling it out would guess it
    const guesses = [...lines, description.slice(0, 6), description.slice(0, 12)];
    expect(await pageFinds(page, guesses)).toEqual(guesses.map(() => false));
    expect((await cardState(page)).text).toBe(card.text);
    // control: the same search finds the page's own text
    expect(await pageFinds(page, ['Nothing more to say', 'Vostochny Cosmodrome'])).toEqual([true, true]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("what a page's script puts in the card's element does not show: the card still shows only its own", async () => {
    const { page, errors } = await open('/story.html');
    await openCard(page);
    const before = await readCard(page);
    const shown = await page.evaluate(() => {
      const host = document.querySelector('story-lens-card') as HTMLElement;
      const link = Object.assign(document.createElement('a'), { href: 'https://phish.invalid/', textContent: 'Sign in again' });
      // into the card's root if the page can get it, else into the element
      (host.shadowRoot ?? host).append(link, ' Your session expired.');
      host.insertAdjacentHTML('afterbegin', '<b>Urgent</b>');
      const r = link.getBoundingClientRect();
      return r.width * r.height;
    });
    expect(shown).toBe(0);
    const after = await readCard(page);
    expect(after.text).not.toContain('Sign in again');
    expect(after.text).toBe(before.text);
    expect(after.rect).toEqual(before.rect);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a page's styles on the card's element, important ones too, change neither its place nor how it lays out its text", async () => {
    const { page, errors } = await open('/story.html');
    await openCard(page);
    const before = await readCard(page);
    // a page that could narrow the card or change its text's properties would learn its words from the heights
    await page.addStyleTag({
      content: `story-lens-card { width: 140px !important; min-width: 0 !important; padding: 0 90px !important;
        border: 40px solid red !important; zoom: 0.5 !important; left: 0 !important; top: 0 !important;
        font-size-adjust: 3 !important; word-break: break-all !important; writing-mode: vertical-rl !important;
        direction: rtl !important; hyphens: auto !important; text-rendering: geometricPrecision !important }`,
    });
    const after = await readCard(page);
    expect(after.rect).toEqual(before.rect);
    expect(after.text).toBe(before.text);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a page's events at the open card neither keep it open nor pin it, and its Escape does not close it", async () => {
    const { page, errors } = await open('/story.html');
    await openCard(page);
    await page.evaluate(() => {
      const host = document.querySelector('story-lens-card') as HTMLElement;
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    });
    expect((await cardState(page)).open).toBe(true);
    // the pointer leaves; the page says it is on the card and clicks it
    await page.mouse.move(5, 5);
    await page.evaluate(() => {
      const host = document.querySelector('story-lens-card') as HTMLElement;
      for (const type of ['pointerover', 'pointerenter']) host.dispatchEvent(new PointerEvent(type, { pointerType: 'mouse' }));
      host.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, pointerType: 'mouse' }));
      host.click();
    });
    await waitForNoCard(page, 3000);
    expect(await page.evaluate(() => document.querySelectorAll('story-lens-card').length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a page that defines the card element while a card is open gets the element, never the root behind it', async () => {
    const { page, errors } = await open('/story.html');
    const secret = await openCard(page);
    const got = await page.evaluate(() => {
      const given: { internals?: ElementInternals } = {};
      customElements.define(
        'story-lens-card',
        class extends HTMLElement {
          constructor() {
            super();
            given.internals = this.attachInternals();
          }
        },
      );
      const host = document.querySelector('story-lens-card')!;
      return { upgraded: !!given.internals, root: String(given.internals?.shadowRoot), shadowRoot: String(host.shadowRoot) };
    });
    expect(got).toEqual({ upgraded: true, root: 'null', shadowRoot: 'null' });
    expect((await cardState(page)).text).toContain(secret);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a page that defined the card element before Story Lens ran gets its marks but no card, and no error in its console', async () => {
    const { page, errors } = await open('/own-card.html');
    await hoverText(page, 'Kim Jong Un');
    await waitForHoverTaken(page, 'Kim Jong Un');
    // Story Lens tried to build the card: the page's class made the element
    await page.waitForFunction(() => (window as unknown as { made: number }).made >= 1);
    // the flash outlasts the card's delay: had a card been shown, it would be there now
    await waitOutFlash(h, page, 'vladimir-putin', 'Vladimir Putin');
    const card = await cardState(page);
    expect(card.count).toBe(0);
    // and got no root through it: none was attached to an element of the page's class
    const roots = await page.evaluate(() =>
      (window as unknown as { internals: ElementInternals[] }).internals.map((i) => String(i.shadowRoot)),
    );
    expect(roots.length).toBeGreaterThanOrEqual(1);
    expect(new Set(roots)).toEqual(new Set(['null']));
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("a reader's own story", () => {
  it("a private story's description, sentence and title in the open card are not found by the page's window.find", async () => {
    const options = await h.extensionPage('options.html');
    await options.waitForSelector('#options:not([aria-busy])');
    expect(
      await importBackup(
        options,
        JSON.stringify({
          format: 'story-lens/backup',
          formatVersion: 1,
          settingsVersion: 2,
          settings: DEFAULT_SETTINGS,
          stories: [privateStory],
        }),
      ),
    ).toMatch(/^Imported/);
    await options.close();
    const { page, errors } = await open('/private.html');
    await hoverText(page, PRIVATE.name);
    const card = await waitForCard(page, PRIVATE.name);
    // precondition: the card shows what only the reader's story holds
    const lines = await cardOnlyLines(page, card.text);
    expect(lines).toContain(PRIVATE.description);
    expect(lines).toContain(PRIVATE.sentence);
    expect(card.text).toContain(privateStory.title);
    const guesses = [PRIVATE.description, PRIVATE.sentence, privateStory.title, 'harbour ledgers', 'ferry terminal', ...lines];
    expect(await pageFinds(page, guesses)).toEqual(guesses.map(() => false));
    expect((await cardState(page)).open).toBe(true);
    expect(await pageFinds(page, ['wrote to the editor'])).toEqual([true]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
