/**
 * Issue 13, attack 1, against the built extension in real Chromium: the words
 * every JavaScript object inherits ("constructor", "__proto__", "toString",
 * "hasOwnProperty") as a story's pack id, entity ids, names and titles, and
 * as message types. A story named so must be one story among others, and a
 * message of such a type is refused like any unknown one. Each test first
 * shows its precondition (the bundled story is marked, the background
 * answers), so it cannot pass by Story Lens doing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { inheritedKeysPack } from '../fixtures/inherited-keys-pack';
import { launch, type Harness } from '../../scripts/lib/browser';
import { importBackup } from './harness';
import { highlightTexts, hoverText, quietFavicon, waitForCard, waitForHighlights } from './highlight-helpers';

// chrome.* inside page.evaluate runs in the extension's own page
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the extension's own chrome.* API, untyped here
declare const chrome: any;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leaders and a university</title></head><body>
<h1>Leaders and a university</h1>
<p>Vladimir Putin met Kim Jong Un at the Vostochny Cosmodrome on Wednesday, the Kremlin said.</p>
<p>Constructor University in Bremen named Ines Hartmann its president on Tuesday.</p>
</body></html>`;

/** The story as an export file holds it: pack id, entity ids and names are the inherited keys. */
const backupText = () =>
  JSON.stringify({
    format: 'story-lens/backup',
    formatVersion: 1,
    settingsVersion: 2,
    settings: DEFAULT_SETTINGS,
    stories: [{ id: 'constructor', title: 'toString', enabled: true, bundled: false, pack: inheritedKeysPack() }],
  });

/** expect.poll with room for a machine shared by several test runs */
const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });

let h: Harness;
let options: Page;

beforeAll(async () => {
  // STORY_LENS_EXTENSION_DIR: a build of one's own while others rebuild .output/chrome-mv3
  h = await launch({ extensionDir: process.env.STORY_LENS_EXTENSION_DIR, routes: { '/university.html': { body: PAGE } } });
  quietFavicon(h);
  options = await h.extensionPage('options.html');
  await options.waitForSelector('#options:not([aria-busy])');
});
afterAll(async () => {
  await h?.close();
});

const importFile = (content: string) => importBackup(options, content);

/** What a tab marks, by type, sorted (a page may mark a name twice). */
async function marked(tab: Page): Promise<{ person: string[]; place: string[] }> {
  const t = await highlightTexts(tab);
  return { person: [...new Set(t['story-lens-person'])].sort(), place: [...new Set(t['story-lens-place'])].sort() };
}

/**
 * How the background answers a message of `type` sent from the options page in
 * @webext-core/messaging's format ({ id, type, data, timestamp }, answered
 * with { res } or { err }): 'answered' (a result), 'refused' (Story Lens's
 * guard said no), 'silent' (no listener answered, as for any unknown type) or
 * 'error: ...' (something else threw: an inherited function ran).
 */
async function answerTo(type: string, data: unknown = {}): Promise<{ outcome: string; res?: unknown }> {
  return options.evaluate(
    async ({ type, data }) => {
      let reply: { res?: unknown; err?: { message?: string } } | undefined;
      try {
        reply = await chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e6), type, data, timestamp: Date.now() });
      } catch (e) {
        const said = String((e as Error).message);
        return { outcome: /port closed|Receiving end does not exist/.test(said) ? 'silent' : `error: ${said}` };
      }
      if (reply == null) return { outcome: 'silent' };
      if (reply.err) return { outcome: /refused/.test(String(reply.err.message)) ? 'refused' : `error: ${reply.err.message}` };
      return { outcome: 'answered', res: reply.res };
    },
    { type, data },
  );
}

describe('the words every object inherits', () => {
  it('a story whose id and names are "constructor", "__proto__", "toString"... is marked beside the bundled one, with cards', async () => {
    // precondition: the bundled story's people are marked, and only they
    const before = await h.context.newPage();
    await before.goto(h.server.url('/university.html'));
    await waitForHighlights(before);
    await poll(() => marked(before)).toEqual({ person: ['Kim Jong Un', 'Vladimir Putin'], place: ['Vostochny Cosmodrome'] });

    expect(await importFile(backupText())).toMatch(/^Imported: your settings, 1 story added/);
    const stored = await options.evaluate(() => chrome.storage.local.get('stories'));
    expect(stored.stories.stories.map((s: { id: string }) => s.id)).toEqual(['kim-putin-2023', 'constructor']);

    // a page loaded now is marked for both stories
    const tab = await h.context.newPage();
    await tab.goto(h.server.url('/university.html'));
    await poll(() => marked(tab)).toEqual({
      person: ['Ines Hartmann', 'Kim Jong Un', 'Vladimir Putin'],
      place: ['Bremen', 'Constructor University', 'Vostochny Cosmodrome'],
    });
    // and so is the page that was open, without a reload
    await poll(() => marked(before)).toEqual(await marked(tab));

    // a real hover opens the card of the place whose id is "constructor" (a place card draws a map of its story)
    await hoverText(tab, 'Constructor University');
    const card = await waitForCard(tab, 'Constructor University');
    expect(card.text).toContain('Private university campus in Vegesack, Bremen');
    await hoverText(tab, 'Vladimir Putin');
    await waitForCard(tab, 'Vladimir Putin');
    await before.close();
    await tab.close();
  });

  it('messages of types "constructor", "toString", "hasOwnProperty", "valueOf" and "__proto__" are refused; the background answers after them', async () => {
    // precondition: a message of a type the protocol has is answered, one of a type it lacks is not
    expect(await answerTo('getCard', { entity: 'vladimir-putin' })).toMatchObject({ outcome: 'answered', res: { name: 'Vladimir Putin' } });
    const unknown = (await answerTo('noSuchMessage')).outcome;
    expect(['silent', 'refused']).toContain(unknown);

    const types = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
    const outcomes: [string, string][] = [];
    for (const type of types) outcomes.push([type, (await answerTo(type)).outcome]);
    // the background is still there and answers (checked before the outcomes, so a failure below still shows it)
    expect(await answerTo('getCard', { entity: 'kim-jong-un' })).toMatchObject({ outcome: 'answered', res: { name: 'Kim Jong Un' } });
    expect(outcomes).toEqual(types.map((type) => [type, unknown]));
  });
});
