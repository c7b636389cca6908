/**
 * What a hostile page cannot learn from Story Lens or do to it (issue 13):
 * hear it start or follow the URL, switch it off, open cards with its own
 * events, get cards or marks into an editor, see its errors, or fill the
 * trail by flipping its URL. Each test first shows Story Lens at work on the
 * page (marked, a real hover opens a card), so none passes by it doing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import {
  collectErrors,
  highlightCount,
  hoverText,
  quietFavicon,
  sendToActiveTab,
  textRect,
  waitForCard,
  waitForHighlights,
  waitForNoCard,
} from './highlight-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

const STORY = '<p id="story">Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome.</p><p id="blank">Nothing more to say here.</p>';

let h: Harness;
/** what WXT's context names its events: `<extension id>:<entrypoint>:<event>` */
let eventName: (event: string) => string;

beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({ extensionDir: process.env.STORY_LENS_EXTENSION_DIR });
  quietFavicon(h);
  eventName = (event) => `${h.extensionId}:content:wxt:${event}`;
  // the page listens, from before any content script runs, for all Story Lens could tell it
  h.server.route('/listening.html', {
    body: () => `<!doctype html><title>Listening</title><script>
      window.heard = [];
      addEventListener('message', (e) => heard.push('message ' + JSON.stringify(e.data)), true);
      document.addEventListener(${JSON.stringify(eventName('content-script-started'))}, (e) => e.detail?.messageId !== 'page' && heard.push('started event'), true);
      addEventListener(${JSON.stringify(eventName('locationchange'))}, () => heard.push('location event'), true);
    </script>${STORY}`,
  });
  h.server.route('/story.html', { body: `<!doctype html><title>Story</title>${STORY}` });
  // a page that defines the card's element itself, with its own shadow root: our card cannot be built on it
  h.server.route('/own-card.html', {
    body: `<!doctype html><title>Own card</title><script>
      window.made = 0;
      customElements.define('story-lens-card', class extends HTMLElement {
        constructor() { super(); made++; this.attachShadow({ mode: 'closed' }); }
      });
    </script>${STORY}`,
  });
  h.server.route('/spa.html', {
    body: `<!doctype html><title>Start</title><p id="story">Nothing of the story yet.</p><button id="go">Next page</button><script>
      window.burst = () => {
        for (let i = 1; i <= 10; i++) { history.pushState({}, '', '/spa/burst-' + i); document.title = 'Burst ' + i; }
        document.getElementById('story').textContent = 'Kim Jong Un met Vladimir Putin.';
      };
      document.getElementById('go').onclick = () => {
        history.pushState({}, '', '/spa/clicked');
        document.title = 'Clicked';
        document.getElementById('story').textContent = 'Kim Jong Un arrived at the Vostochny Cosmodrome.';
      };
    </script>`,
  });
});
afterAll(async () => {
  await h?.close();
});

async function open(path: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(h.server.url(path));
  await waitForHighlights(page);
  return page;
}

/** a real hover opens the card: Story Lens is at work on the page */
async function cardOpensOn(page: Page, text: string): Promise<void> {
  await hoverText(page, text);
  await waitForCard(page);
}

/** the mentions Story Lens marks as the one under the pointer or carded, once the page drew a frame */
async function activeMarks(page: Page): Promise<number> {
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return CSS.highlights.get('story-lens-active')?.size ?? 0;
  });
}

/** Leaves the text: the card closes and nothing is marked as hovered. */
async function pointerAway(page: Page): Promise<void> {
  await page.mouse.move(5, 5, { steps: 2 });
  await waitForNoCard(page, 5000);
  await expect.poll(() => activeMarks(page), { timeout: 5000 }).toBe(0);
}

describe('what a page cannot learn or break', () => {
  it('a page hears nothing from Story Lens, and its "script started" event does not switch Story Lens off', async () => {
    const page = await open('/listening.html');
    await cardOpensOn(page, 'Kim Jong Un');
    // a move without a load, which WXT's location watcher announced on the page's window
    await page.evaluate(() => history.pushState({}, '', '/listening-2.html'));
    // the event WXT's context ends the content script on, as the page can dispatch it
    const before = await highlightCount(page);
    await page.evaluate((name) => {
      document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'page' } }));
      document.body.insertAdjacentHTML('beforeend', '<p id="later">Later, Vladimir Putin spoke.</p>');
    }, eventName('content-script-started'));
    await expect.poll(() => highlightCount(page), { timeout: 8000 }).toBeGreaterThan(before);
    await pointerAway(page);
    await hoverText(page, 'Later, Vladimir Putin');
    await waitForCard(page);
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
    await page.close();
  });

  it("the page's own events open no card; the reader's do", async () => {
    const page = await open('/story.html');
    await cardOpensOn(page, 'Kim Jong Un');
    await pointerAway(page);
    const r = await textRect(page, 'Vladimir Putin');
    const at = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    await page.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      const init = { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' };
      for (const type of ['pointerover', 'pointermove', 'mousemove']) target.dispatchEvent(new PointerEvent(type, init));
    }, at);
    expect(await activeMarks(page)).toBe(0);
    await page.evaluate(({ x, y }) => {
      document.elementFromPoint(x, y)!.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
    }, at);
    expect(await activeMarks(page)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('story-lens-card').length)).toBe(0);
    await page.close();
  });

  it('no card opens while the reader selects text, nor over a page made editable', async () => {
    const page = await open('/story.html');
    await cardOpensOn(page, 'Kim Jong Un');
    await pointerAway(page);
    // dragging a selection across a mention
    const blank = await textRect(page, 'Nothing more');
    await page.mouse.move(blank.x + 2, blank.y + blank.height / 2);
    await page.mouse.down();
    await hoverText(page, 'Vladimir Putin');
    expect(await activeMarks(page)).toBe(0);
    await page.mouse.up();
    await hoverText(page, 'Vladimir Putin'); // the selection is still there
    expect(await activeMarks(page)).toBe(0);
    await page.mouse.click(blank.x + 2, blank.y + blank.height / 2); // gone
    await cardOpensOn(page, 'Vladimir Putin');
    await pointerAway(page);

    // the whole page turned into an editor: unmarked, no card; back to a page: marked again
    await page.evaluate(() => (document.designMode = 'on'));
    await expect.poll(() => highlightCount(page), { timeout: 8000 }).toBe(0);
    await hoverText(page, 'Kim Jong Un');
    expect(await activeMarks(page)).toBe(0);
    await page.evaluate(() => (document.designMode = 'off'));
    await waitForHighlights(page);
    await pointerAway(page);

    // one paragraph made editable: no card over it
    await page.evaluate(() => document.getElementById('story')!.setAttribute('contenteditable', 'true'));
    await hoverText(page, 'Kim Jong Un');
    expect(await activeMarks(page)).toBe(0);
    await page.close();
  });

  it("Story Lens's failures stay out of the page's console, where the page's own errors still go", async () => {
    const page = await h.context.newPage();
    const errors = collectErrors(page);
    await page.goto(h.server.url('/own-card.html'));
    await waitForHighlights(page);
    // a hover and the popup's "show me" both try to build the card, and fail on the page's own element
    await hoverText(page, 'Kim Jong Un');
    await page.waitForFunction(() => (window as unknown as { made: number }).made >= 1);
    expect(await sendToActiveTab(h, page, 'revealMention', { entity: 'vladimir-putin', index: 'first', openCard: true })).toBe(true);
    await page.waitForFunction(() => (window as unknown as { made: number }).made >= 2);
    await page.evaluate(() => setTimeout(() => Promise.reject(new Error("the page's own"))));
    await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(errors).toEqual(["pageerror: the page's own"]);
    await page.close();
  });

  it('a message type that is not the protocol\'s ("constructor", "__proto__") gets no answer, and the background keeps answering', async () => {
    const page = await open('/story.html');
    const options = await h.extensionPage('options.html');
    const send = (type: string) =>
      options.evaluate(
        (type) =>
          chrome.runtime.sendMessage({ id: 1, type, data: { entity: 'kim-jong-un' }, timestamp: Date.now() }).then(
            (r: unknown) => r ?? 'no answer',
            () => 'no answer',
          ),
        type,
      );
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(await send(type)).toBe('no answer');
    expect(await send('getCard')).toMatchObject({ res: { id: 'kim-jong-un' } });
    await cardOpensOn(page, 'Kim Jong Un');
    await options.close();
    await page.close();
  });

  it("a page's burst of history.pushState adds nothing to the trail; a move the reader makes does", async () => {
    const options = await h.extensionPage('options.html');
    const trail = async () =>
      ((await options.evaluate(() => chrome.storage.local.get('trail'))).trail ?? []).map((e: { url: string }) => new URL(e.url).pathname);
    // a page's load is a visit
    const story = await open('/story.html');
    await expect.poll(trail, { timeout: 8000 }).toContain('/story.html');

    // the page's script moves only once the content script runs (it asked the background for its setup)
    const sw = await h.serviceWorker();
    await sw.evaluate(() => {
      const asked: { url?: string; tabId?: number }[] = ((globalThis as unknown as { asked: typeof asked }).asked = []);
      chrome.runtime.onMessage.addListener((m: { type?: string }, sender: { url?: string; tab?: { id?: number } }) => {
        if (m?.type === 'getPageSetup') asked.push({ url: sender.url, tabId: sender.tab?.id });
      });
    });
    const page = await h.context.newPage();
    await page.goto(h.server.url('/spa.html'));
    const tabId = async () =>
      sw.evaluate(
        () =>
          (globalThis as unknown as { asked: { url?: string; tabId?: number }[] }).asked.find((a) => a.url?.endsWith('/spa.html'))?.tabId,
      );
    await expect.poll(tabId, { timeout: 8000 }).toBeTypeOf('number');
    // the burst runs without the reader's input: the DevTools protocol with no user gesture (Playwright's
    // evaluate counts as one), and nothing of Playwright's touches the page until the reader's click
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('Runtime.evaluate', { expression: 'burst()', userGesture: false });
    // the background has had the page's report once the tab's badge counts its mentions
    const id = await tabId();
    await expect.poll(() => sw.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), id), { timeout: 8000 }).toBe('2');
    await page.click('#go');
    await expect.poll(trail, { timeout: 8000 }).toContain('/spa/clicked');
    expect((await trail()).filter((p: string) => p.startsWith('/spa'))).toEqual(['/spa/clicked']);
    await cdp.detach();
    for (const p of [page, story, options]) await p.close();
  });
});
