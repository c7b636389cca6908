/**
 * Editing a saved story, in real Chromium with the built extension: a story
 * added from a long real article (The Washington Post, a readability test
 * page) is opened again from the stories list, edited (an entity removed, a
 * type changed, another name added), saved and undone, and a tab already
 * showing the article follows without a reload. Then the review screen with
 * 400 entities: the tools for many at once, and screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { launch, ROOT, type Harness } from '../../scripts/lib/browser';
import { reviewStory } from '../../scripts/lib/review-story';
import { screenshot } from './harness';
import { highlightTexts, waitForHighlights } from './highlight-helpers';

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
};

const ARTICLE = fs.readFileSync(path.join(ROOT, 'tests/fixtures/articles/real-wapo-2.html'), 'utf8');
const TITLE = 'Netanyahu’s victory and Washington';

let h: Harness;

beforeAll(async () => {
  h = await launch({ extensionDir: process.env.E2E_EXTENSION_DIR || undefined, routes: { '/wapo.html': { body: ARTICLE } } });
});
afterAll(async () => {
  await h?.close();
});

/** An entity's row on the review screen, by the name in its name field. */
function row(page: Page, name: string) {
  return page.locator('.sl-entity-edit').filter({ has: page.locator(`input.sl-name-input[value="${name}"]`) });
}

interface StoredPack {
  id: string;
  entities: { id: string; name: string; type: string; names: { text: string }[] }[];
}
async function storedPack(page: Page, title: string): Promise<StoredPack | undefined> {
  const { stories } = await page.evaluate(() => chrome.storage.local.get('stories'));
  const list = (stories as { stories: { title: string; pack: StoredPack }[] }).stories;
  return list.find((s) => s.title === title)?.pack;
}

/** Every marked text of one type on the reader's page. */
async function marked(page: Page, type: 'person' | 'place' | 'organization'): Promise<string[]> {
  return (await highlightTexts(page))[`story-lens-${type}`]!;
}

async function addStoryFromArticle(): Promise<Page> {
  const page = await h.extensionPage('options.html#add-story');
  await page.waitForSelector('#sl-add-story-text');
  await page.evaluate((text) => {
    (document.getElementById('sl-add-story-text') as HTMLTextAreaElement).value = text;
  }, ARTICLE);
  await page.click('button:has-text("Find people and places")');
  await page.waitForSelector('#sl-review-title', { timeout: 60_000 });
  for (const name of ['Benjamin Netanyahu', 'Martin Indyk', 'Mahmoud Abbas']) {
    await row(page, name).waitFor();
    // a long article selects only its most central names: keep the three this test edits
    await row(page, name).getByLabel(`Keep ${name} in the story`).check();
  }
  await page.fill('#sl-review-story-title', TITLE);
  await page.keyboard.press('Tab');
  await page.click('button:has-text("Save story")');
  await page.waitForSelector('.sl-message[data-tone="ok"]');
  return page;
}

describe('edit a saved story', () => {
  it('removes an entity, changes a type and adds a name; an open tab follows without a reload; undo brings it back', async () => {
    const options = await addStoryFromArticle();
    const saved = (await storedPack(options, TITLE))!;
    const reader = await h.context.newPage();
    await reader.goto(h.server.url('/wapo.html'));
    await waitForHighlights(reader, 5);
    await expect.poll(() => marked(reader, 'person')).toEqual(expect.arrayContaining(['Mahmoud Abbas', 'Martin Indyk']));
    expect(await marked(reader, 'organization')).not.toContain('Martin Indyk');
    expect(await marked(reader, 'person')).not.toContain('Prime Minister Netanyahu');

    // the stories list opens it on the review screen, with its people, places, organizations and names
    await options.getByRole('button', { name: `Edit “${TITLE}”` }).click();
    await options.waitForSelector('#sl-review-title:has-text("Edit “Netanyahu’s victory and Washington”")');
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('sl-review-title');
    expect(await options.locator('.sl-entity-edit').count()).toBe(saved.entities.length);
    await row(options, 'Benjamin Netanyahu').locator('.sl-alias', { hasText: 'Netanyahu' }).waitFor();
    const axe = await new AxeBuilder({ page: options }).include('.sl-edit-story').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await row(options, 'Mahmoud Abbas').getByRole('button', { name: 'Remove Mahmoud Abbas' }).click();
    await expect.poll(() => row(options, 'Mahmoud Abbas').count()).toBe(0);
    await row(options, 'Martin Indyk').getByLabel('Type of Martin Indyk').selectOption('organization');
    expect(await row(options, 'Martin Indyk').getAttribute('data-type')).toBe('organization');
    // the menu kept the keyboard: the row was updated in place
    expect(await options.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Type of Martin Indyk');
    await row(options, 'Benjamin Netanyahu').getByLabel('Another name for Benjamin Netanyahu').fill('Prime Minister Netanyahu');
    await options.keyboard.press('Enter');
    await row(options, 'Benjamin Netanyahu').locator('.sl-alias', { hasText: 'Prime Minister Netanyahu' }).waitFor();
    await screenshot(options, 'edit-story-review', { fullPage: false });
    await options.getByRole('button', { name: 'Save changes' }).click();
    await options.waitForSelector('#sl-undo:not([hidden])');
    expect(await options.textContent('#sl-undo')).toContain(`Saved the changes to “${TITLE}”.`);
    expect(await options.locator('#sl-review-title').count()).toBe(0);

    // replaced in one step: same story, same ids, the edit in it
    const edited = (await storedPack(options, TITLE))!;
    expect(edited.id).toBe(saved.id);
    expect(edited.entities.map((e) => e.name)).toEqual(saved.entities.map((e) => e.name).filter((n) => n !== 'Mahmoud Abbas'));
    const indyk = (p: StoredPack) => p.entities.find((e) => e.name === 'Martin Indyk')!;
    expect(indyk(edited)).toMatchObject({ id: indyk(saved).id, type: 'organization' });

    // the open tab follows, no reload
    await expect.poll(() => marked(reader, 'person'), { timeout: 15_000 }).not.toContain('Mahmoud Abbas');
    await expect.poll(() => marked(reader, 'organization')).toContain('Martin Indyk');
    await expect.poll(() => marked(reader, 'person')).toContain('Prime Minister Netanyahu');

    // undo: the story as it was, and the tab follows again
    await options.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await storedPack(options, TITLE))?.entities.length).toBe(saved.entities.length);
    await expect.poll(() => marked(reader, 'person'), { timeout: 15_000 }).toContain('Mahmoud Abbas');
    await reader.close();
    await options.close();
  });

  it('with 400 entities: filter, retype and mark those shown, keep the top N, left-out ones below, save only the kept', async () => {
    const pack = reviewStory(400, 11, 'four-hundred-names');
    let page = await h.extensionPage('options.html');
    await page.evaluate(async (pack) => {
      const { stories } = (await chrome.storage.local.get('stories')) as { stories: { revision: number; stories: unknown[] } };
      const story = { id: pack.id, title: pack.title, enabled: true, bundled: false, addedAt: new Date().toISOString(), pack };
      await chrome.storage.local.set({ stories: { revision: stories.revision + 1, stories: [...stories.stories, story] } });
    }, pack);
    await page.close();
    page = await h.extensionPage('options.html');
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.getByRole('button', { name: `Edit “${pack.title}”` }).click();
    await expect.poll(() => page.locator('.sl-entity-edit').count()).toBe(400);
    await screenshot(page, 'review-400-top');
    // filter by type and text, then act on those shown (controls found by id: a query by role or label
    // over 400 rows is slow, and the tools' names are checked by axe in the test above)
    await page.locator('#sl-review-filter-type').selectOption('organization');
    expect(await page.textContent('.sl-shown')).toBe('Showing 100 of 400');
    await page.locator('#sl-review-filter-text').fill('ka');
    const shown = await page.locator('.sl-entity-edit:not([hidden])').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(100);
    const hiddenBackground = await page.locator('.sl-entity-edit[hidden][data-centrality="background"]').count();
    await page.locator('#sl-review-bulk-centrality').selectOption('background');
    await page.locator('[data-focus-key="bulk-centrality-apply"]').click();
    expect(await page.locator('.sl-entity-edit:not([hidden])[data-centrality="background"]').count()).toBe(shown);
    // and only those shown
    expect(await page.locator('.sl-entity-edit[data-centrality="background"]').count()).toBe(hiddenBackground + shown);
    await page.locator('#sl-review-bulk-type').selectOption('place');
    await page.locator('[data-focus-key="bulk-type-apply"]').click();
    await screenshot(page, 'review-400-filtered');
    await page.locator('#sl-review-filter-text').fill('');
    await page.locator('#sl-review-filter-type').selectOption('all');
    expect(await page.textContent('.sl-shown')).toBe('Showing 400 of 400');

    // keep the top 30 (by keyboard): the rest are listed below, left out
    await page.locator('#sl-review-top').fill('30');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#sl-review-kept')).toBe('In the story (30)');
    expect(await page.textContent('#sl-review-left')).toBe('Left out (370)');
    expect(await page.locator('.sl-left-out .sl-entity-edit').count()).toBe(370);
    // one ticked back in moves up
    const name = pack.entities[100]!.name;
    await row(page, name).locator('.sl-keep').check();
    await expect.poll(() => page.textContent('#sl-review-kept')).toBe('In the story (31)');
    await page.locator('#sl-review-left').scrollIntoViewIfNeeded();
    await screenshot(page, 'review-400-left-out');
    await page.locator('.sl-edit-story [data-focus-key="save"]').click();
    await page.waitForSelector('#sl-undo:not([hidden])');
    const saved = (await storedPack(page, pack.title))!;
    expect(saved.entities).toHaveLength(31);
    expect(saved.entities.at(-1)!.name).toBe(name);
    await page.close();
  });
});
