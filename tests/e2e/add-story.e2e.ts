/**
 * "Add a story" on the options page, in real Chromium with the built
 * extension: pasted text → extraction in a worker → review → save → the
 * story's people highlighted on a page; bad input answered, nothing saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launch, ROOT, type Harness } from '../../scripts/lib/browser';
import { SCREENSHOT_DIR } from './harness';
import { highlightTexts, waitForHighlights } from './highlight-helpers';

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  tabs: { query(q: object): Promise<{ id?: number; index: number }[]> };
};

const ARTICLE = `Macron and Scholz meet in Berlin to mend ties

French President Emmanuel Macron travelled to Berlin on Monday 6 May 2024 for talks with German Chancellor Olaf Scholz, as the two leaders tried to settle a long dispute over energy prices.

Macron arrived at the Chancellery shortly before noon. Scholz greeted him in the courtyard, and the two men spoke for more than three hours.

"We have more that unites us than divides us," Macron told reporters after the meeting. Scholz said Germany and France would present a joint plan to the European Commission in Brussels next month.

Officials in Paris said the visit had been planned for weeks. Ursula von der Leyen, the president of the European Commission, welcomed the talks.`;

/** A footballer the article calls "Kim": the bundled story already uses "Kim" for Kim Jong Un. */
const FOOTBALL = `Kim Min-jae signs for Bayern Munich in record deal

South Korean defender Kim Min-jae has joined Bayern Munich from Napoli on a five-year contract, the German club said on Tuesday 18 July 2023.

Kim passed a medical in Munich on Saturday. The fee, reported at 50 million euros, makes him the most expensive Asian player in history.

"I am proud to play for such a great club," Kim said at the Allianz Arena. Bayern Munich coach Thomas Tuchel called him a leader.`;

const READER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Europe today</title></head><body>
<p>Emmanuel Macron and Olaf Scholz spoke by phone on Tuesday, Ursula von der Leyen said in Brussels.</p></body></html>`;

let h: Harness;

beforeAll(async () => {
  // E2E_EXTENSION_DIR: a private copy of the build, when other builds may overwrite .output meanwhile
  h = await launch({ extensionDir: process.env.E2E_EXTENSION_DIR || undefined, routes: { '/europe.html': { body: READER_PAGE } } });
});
afterAll(async () => {
  await h?.close();
});

async function openAddStory(): Promise<Page> {
  const page = await h.extensionPage('options.html#add-story');
  await page.waitForSelector('#sl-add-story-text');
  return page;
}

async function storedStoryCount(page: Page): Promise<number> {
  const { stories } = await page.evaluate(() => chrome.storage.local.get('stories'));
  return (stories as { stories: unknown[] } | undefined)?.stories.length ?? 0;
}

/** An entity's row in the review, by the name in its name field. */
function row(page: Page, name: string) {
  return page.locator('.sl-entity-edit').filter({ has: page.locator(`input.sl-name-input[value="${name}"]`) });
}

describe('add a story', () => {
  it('extraction is bundled into its own worker file, and compromise into no other script (never the content script)', () => {
    const dir = process.env.E2E_EXTENSION_DIR || EXTENSION_DIR;
    const scripts = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    // a message string of compromise's own code
    const withCompromise = scripts.filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('compromise: Invalid tag'));
    expect(withCompromise).toHaveLength(1);
    expect(withCompromise[0]).toMatch(/extract-worker-[\w-]+\.js$/);
    expect(scripts).toContain(path.join('content-scripts', 'content.js'));
  });

  it('from pasted text: review (rename, remove, add, names, split, merge), save, and its people are highlighted on a page', async () => {
    const page = await openAddStory();
    await page.fill('#sl-add-story-text', ARTICLE);
    await page.click('button:has-text("Find people and places")');
    await page.waitForSelector('#sl-review-title');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sl-review-title');
    const names = await page.$$eval('input.sl-name-input', (i) => i.map((x) => (x as HTMLInputElement).value));
    expect(names).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Olaf Scholz', 'Berlin', 'European Commission']));
    expect(await page.inputValue('#sl-review-story-date')).toBe('2024-05-06');

    // rename what extraction cut short
    const ursula = names.find((n) => n.startsWith('Ursula'));
    if (ursula && ursula !== 'Ursula von der Leyen') {
      await row(page, ursula).locator('input.sl-name-input').fill('Ursula von der Leyen');
      await page.keyboard.press('Tab');
    } else if (!ursula) {
      await page.fill('#sl-add-entity-name', 'Ursula von der Leyen');
      await page.click('.sl-add-entity button:has-text("Add")');
    }
    await row(page, 'Ursula von der Leyen').waitFor();
    // remove one
    await row(page, 'France').getByRole('button', { name: 'Remove France' }).click();
    await expect.poll(() => row(page, 'France').count()).toBe(0);
    // add one the text names
    await page.fill('#sl-add-entity-name', 'Chancellery');
    await page.selectOption('#sl-add-entity-type', 'place');
    await page.click('.sl-add-entity button:has-text("Add")');
    await row(page, 'Chancellery').waitFor();
    expect(await row(page, 'Chancellery').getAttribute('data-type')).toBe('place');
    expect(await row(page, 'Chancellery').textContent()).toContain('What the story says (1 sentence)');
    // another name, split out, merged back
    await row(page, 'Olaf Scholz').locator('input[placeholder="Another name"]').fill('Chancellor Scholz');
    await page.keyboard.press('Enter');
    await row(page, 'Olaf Scholz').locator('.sl-alias', { hasText: 'Chancellor Scholz' }).waitFor();
    await page.click('button[aria-label="Make “Chancellor Scholz” its own entity"]');
    await row(page, 'Chancellor Scholz').waitFor();
    const merge = row(page, 'Chancellor Scholz');
    // the merge field offers every entity's name (one datalist for all rows)
    expect(await page.$$eval('#sl-review-names option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toContain('Olaf Scholz');
    await merge.getByLabel('Merge Chancellor Scholz into another entity').fill('Olaf Scholz');
    await merge.getByRole('button', { name: /^Merge/ }).click();
    await expect.poll(() => row(page, 'Chancellor Scholz').count()).toBe(0);
    await row(page, 'Olaf Scholz').locator('.sl-alias', { hasText: 'Chancellor Scholz' }).waitFor();
    // title
    await page.fill('#sl-review-story-title', 'Macron and Scholz in Berlin');
    await page.keyboard.press('Tab');

    const axe = await new AxeBuilder({ page }).include('#add-story').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.setViewportSize({ width: 1000, height: 900 });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.locator('#add-story').screenshot({ path: path.join(SCREENSHOT_DIR, 'review-screen.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('#add-story').screenshot({ path: path.join(SCREENSHOT_DIR, 'review-screen-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    const before = await storedStoryCount(page);
    await page.click('button:has-text("Save story")');
    await page.waitForSelector('.sl-message[data-tone="ok"]');
    expect(await page.textContent('.sl-message')).toContain('Saved “Macron and Scholz in Berlin”');
    expect(await storedStoryCount(page)).toBe(before + 1);
    expect(await page.inputValue('#sl-add-story-text')).toBe('');

    const reader = await h.context.newPage();
    await reader.goto(h.server.url('/europe.html'));
    await waitForHighlights(reader, 3);
    const marked = await highlightTexts(reader);
    expect(marked['story-lens-person']).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Ursula von der Leyen', 'Olaf Scholz']));
    expect(marked['story-lens-place']).toContain('Brussels');

    // the popup on that page: both stories, and which one each name comes from
    const index = h.context.pages().indexOf(reader);
    const tabs = await page.evaluate(() => chrome.tabs.query({}));
    const popup = await h.extensionPage(`popup.html?tab=${tabs.find((t) => t.index === index)!.id}`);
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.waitForSelector('#popup[aria-busy="false"]');
    expect(await popup.textContent('.sl-kicker')).toBe('Following 2 stories');
    await expect
      .poll(() =>
        popup.getByRole('button', { name: 'Olaf Scholz, person, from Macron and Scholz in Berlin, 1 mention', exact: true }).count(),
      )
      .toBe(1);
    // this page covers the new story (its two central people together), not the bundled one: one meter, and a line
    expect(await popup.$$eval('[role="meter"]', (m) => m.map((x) => x.getAttribute('aria-valuenow')))).toEqual(['4']);
    expect(await popup.textContent('#popup')).toContain('This page is not about');
    await popup.setViewportSize({ width: 360, height: await popup.evaluate(() => document.documentElement.scrollHeight) });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await popup.screenshot({ path: path.join(SCREENSHOT_DIR, 'popup-two-stories.png') });
    await popup.close();
    await reader.close();
    await page.close();
  });

  it('proposes no alias that already names someone in a story the reader follows ("Kim" is Kim Jong Un\'s)', async () => {
    const page = await openAddStory();
    await page.fill('#sl-add-story-text', FOOTBALL);
    await page.click('button:has-text("Find people and places")');
    await page.waitForSelector('#sl-review-title');
    await row(page, 'Kim Min-jae').waitFor();
    // the article itself writes "Kim" alone for him alone: without the followed story it would be his alias
    expect(await row(page, 'Kim Min-jae').locator('.sl-alias > span').allTextContents()).not.toContain('Kim');
    await page.close();
  });

  it('answers bad input clearly and saves nothing: empty, a megabyte, another language, pasted HTML', async () => {
    const page = await openAddStory();
    const before = await storedStoryCount(page);
    const find = () => page.click('button:has-text("Find people and places")');

    await page.fill('#sl-add-story-text', '   \n  ');
    await find();
    await expect.poll(() => page.textContent('.sl-message')).toContain('The text is empty');
    expect(await page.getAttribute('.sl-message', 'role')).toBe('alert');

    await page.evaluate(() => {
      const t = document.getElementById('sl-add-story-text') as HTMLTextAreaElement;
      t.value = 'Kim Jong Un met Vladimir Putin. '.repeat(40_000);
    });
    await find();
    await expect.poll(() => page.textContent('.sl-message')).toMatch(/too long to read as one article/);

    await page.fill(
      '#sl-add-story-text',
      '김정은 북한 국무위원장이 블라디미르 푸틴 러시아 대통령과 보스토치니 우주기지에서 정상회담을 했다. '.repeat(5),
    );
    await find();
    await expect.poll(() => page.textContent('.sl-message')).toMatch(/Korean|not English/);

    await page.fill(
      '#sl-add-story-text',
      'El presidente ruso recibió al líder norcoreano en el cosmódromo de Vostochni, en el extremo oriente del país, y ambos hablaron durante horas sobre la cooperación militar y espacial entre los dos gobiernos, según la agencia oficial de noticias.',
    );
    await find();
    await expect.poll(() => page.textContent('.sl-message')).toMatch(/does not look like English/);
    expect(await page.isVisible('#sl-review-title')).toBe(false);

    // Pasted HTML: its text is read (never its markup: nothing runs), and the review says so.
    const html = fs.readFileSync(path.join(ROOT, 'tests/fixtures/articles/d03-vostochny-comments.html'), 'utf8');
    await page.fill('#sl-add-story-text', `${html}<img src=x onerror="document.title='pwned'">`);
    await find();
    await page.waitForSelector('#sl-review-title');
    expect(await page.textContent('.sl-warnings')).toMatch(/HTML/);
    expect(await page.title()).not.toBe('pwned');
    expect(await page.$$eval('.sl-review img, .sl-review script', (n) => n.length)).toBe(0);
    await page.click('.sl-review button:has-text("Cancel")');
    await expect.poll(() => page.textContent('.sl-message')).toContain('Nothing was saved.');
    expect(await page.isVisible('#sl-add-story-text')).toBe(true);

    expect(await storedStoryCount(page)).toBe(before);
    await page.close();
  });

  it('reads a long article without freezing the page, shows progress, and can be cancelled', async () => {
    const page = await openAddStory();
    const before = await storedStoryCount(page);
    const seed = fs.readFileSync(path.join(ROOT, 'src/story/seed-article.txt'), 'utf8');
    // ~900 KB: just under the limit
    const long = Array.from({ length: Math.floor(900_000 / seed.length) }, () => seed).join('\n\n');
    await page.evaluate((text) => {
      (document.getElementById('sl-add-story-text') as HTMLTextAreaElement).value = text;
    }, long);
    await page.click('button:has-text("Find people and places")');
    await page.waitForSelector('#sl-add-story-progress', { state: 'visible' });
    // the page answers while the worker reads: its own 10 ms timer keeps firing while the reading is still
    // under way (were extraction on the page's thread, no tick could run before it ended)
    await page.evaluate(() => {
      const w = window as unknown as { ticks: number };
      w.ticks = 0;
      setInterval(() => w.ticks++, 10);
    });
    await page.waitForFunction(() => (window as unknown as { ticks: number }).ticks >= 3);
    expect(await page.isVisible('#sl-add-story-progress')).toBe(true);
    await page.waitForFunction(() => (document.getElementById('sl-add-story-progress') as HTMLProgressElement).position > 0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('.sl-message')).toContain('Stopped. Nothing was saved.');
    expect(await page.isVisible('#sl-add-story-progress')).toBe(false);
    expect(await page.isVisible('#sl-review-title')).toBe(false);
    expect(await storedStoryCount(page)).toBe(before);
    await page.close();
  });

  it('takes the article the popup\'s "Follow this story" left, and drops it on request', async () => {
    let page = await h.extensionPage('options.html');
    await page.evaluate(
      (text) =>
        chrome.storage.local.set({
          storyDraft: {
            text,
            title: 'From a page',
            url: 'https://news.example/a',
            site: 'news.example',
            createdAt: new Date().toISOString(),
          },
        }),
      ARTICLE,
    );
    await page.close();
    page = await h.extensionPage('options.html#add-story');
    await page.waitForSelector('.sl-draft:not([hidden])');
    // opened at #add-story: the text is in view and has focus
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sl-add-story-text');
    expect(await page.textContent('.sl-draft')).toContain('From a page');
    expect(await page.inputValue('#sl-add-story-text')).toBe(ARTICLE);
    await page.click('.sl-draft button:has-text("Drop it")');
    await expect.poll(() => page.evaluate(() => chrome.storage.local.get('storyDraft'))).toEqual({});
    expect(await page.inputValue('#sl-add-story-text')).toBe('');
    await page.close();
  });
});
