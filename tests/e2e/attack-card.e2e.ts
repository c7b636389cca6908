/**
 * What a page's own scripts can do to the hover card (issue 13): nothing it
 * shows is theirs to read or rewrite, their events neither keep it open nor
 * pin or close it, and a page that claims the card's element name gets no
 * card and no error. Each test first opens a card with the reader's own
 * pointer and reads it through the DevTools protocol (a path no page has:
 * scripts/lib/card-reader.ts), so none passes by Story Lens doing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { readCard } from '../../scripts/lib/card-reader';
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

let h: Harness;
beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({ extensionDir: process.env.STORY_LENS_EXTENSION_DIR });
  quietFavicon(h);
  h.server.route('/story.html', { body: `<!doctype html><title>Story</title>${STORY}` });
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

/** Everything of the page a script can turn into text, after putting the selection on the card's name. */
function pageReadings(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const host = document.querySelector('story-lens-card') as HTMLElement;
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
