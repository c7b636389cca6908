/**
 * The review screen's speed (issue 15), with the built extension: a saved story of 400 entities opened
 * with "Edit" on the options page, against the same with 20, interleaved run by run. An edit is a change of
 * one entity's type or another name added to it, timed in the page from the event to the end of the next
 * frame (the row updated and painted); a save is "Save changes", until the edit is closed and the next frame painted (pack built,
 * validated, stored). Reported as two ratios, 400 over 20. Run alone: `npx tsx scripts/bench/review.ts`
 * (build first).
 */
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launch, type Harness } from '../lib/browser';
import { runAsMain } from '../lib/run-main';
import { reviewStory } from '../lib/review-story';
import { round } from './common';
import { median } from './fixtures';

declare const chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };

const REVIEW_SIZES = [20, 400] as const;
/** edits timed per opening of the screen, half of each kind */
const EDITS = 6;

export interface ReviewResult {
  review_edit_400_over_20: number | null;
  review_save_400_over_20: number | null;
  review_edit_ms: Record<string, number | null>;
  review_save_ms: Record<string, number | null>;
}

/** Stores the bundled story and this one only (so each save reads and writes the same other stories). */
async function storeOnly(page: Page, entities: number): Promise<string> {
  const pack = reviewStory(entities);
  await page.evaluate(async (pack) => {
    const { stories } = (await chrome.storage.local.get('stories')) as { stories: { revision: number; stories: { bundled: boolean }[] } };
    const story = { id: pack.id, title: pack.title, enabled: true, bundled: false, addedAt: new Date().toISOString(), pack };
    await chrome.storage.local.set({
      stories: { revision: stories.revision + 1, stories: [...stories.stories.filter((s) => s.bundled), story] },
    });
  }, pack);
  return pack.id;
}

async function openEdit(h: Harness, id: string, entities: number): Promise<Page> {
  const page = await h.extensionPage('options.html');
  await page.locator(`li[data-story="${id}"] .sl-edit-button`).click();
  await page.waitForFunction((n) => document.querySelectorAll('.sl-entity-edit').length === n, entities, { timeout: 60_000 });
  return page;
}

/**
 * ms from one edit of the entity at `index` to the end of the next frame: a change of its type (the row is
 * updated in place) or, with `alias`, another name added (the row is drawn anew and its field refocused).
 * The control has the keyboard first, as the reader's has.
 */
function timeEdit(page: Page, index: number, alias: boolean): Promise<number> {
  return page.evaluate(
    ([index, alias]) =>
      new Promise<number>((resolve) => {
        const rows = document.querySelectorAll('.sl-entity-edit');
        const row = rows[index % rows.length]!;
        const control = row.querySelector<HTMLInputElement | HTMLSelectElement>(
          alias ? 'input[id^="sl-alias-"]' : 'select[id^="sl-type-"]',
        )!;
        control.focus();
        // the focus, the scroll it may cause and the rows that scroll brings into view (drawn a frame
        // later: content-visibility) are painted before the edit is timed, as they are when the reader edits
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                const t0 = performance.now();
                if (alias) {
                  control.value = `Another name ${index}`;
                  control.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
                } else {
                  control.value = control.value === 'place' ? 'organization' : 'place';
                  control.dispatchEvent(new Event('change', { bubbles: true }));
                }
                requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
              }, 0),
            ),
          ),
        );
      }),
    [index, alias] as const,
  );
}

/** ms from "Save changes" to the edit closed and the next frame painted. */
function timeSave(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const slot = document.getElementById('sl-edit-story-slot')!;
        const save = [...slot.querySelectorAll('button')].find((b) => b.textContent === 'Save changes')!;
        const observer = new MutationObserver(() => {
          if (slot.childElementCount) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        });
        observer.observe(slot, { childList: true });
        const t0 = performance.now();
        save.click();
      }),
  );
}

export async function benchReview(extensionDir: string, runs = 3): Promise<ReviewResult> {
  const h = await launch({ extensionDir });
  const edits: Record<number, number[]> = { 20: [], 400: [] };
  const saves: Record<number, number[]> = { 20: [], 400: [] };
  try {
    const admin = await h.extensionPage('options.html');
    for (let run = 0; run < runs; run++) {
      for (const n of REVIEW_SIZES) {
        const id = await storeOnly(admin, n);
        const page = await openEdit(h, id, n);
        for (let i = 0; i < EDITS; i++) edits[n]!.push(await timeEdit(page, Math.floor(((i + 0.5) * n) / EDITS), i % 2 === 1));
        saves[n]!.push(await timeSave(page));
        await page.close();
      }
    }
  } finally {
    await h.close();
  }
  const ms = (m: Record<number, number[]>) => Object.fromEntries(REVIEW_SIZES.map((n) => [String(n), round(median(m[n]!), 1)]));
  return {
    review_edit_400_over_20: round(median(edits[400]!) / median(edits[20]!)),
    review_save_400_over_20: round(median(saves[400]!) / median(saves[20]!)),
    review_edit_ms: ms(edits),
    review_save_ms: ms(saves),
  };
}

runAsMain(import.meta.url, async () => {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
  const result = await benchReview(process.env.BENCH_EXTENSION_DIR || EXTENSION_DIR, runs);
  console.log(JSON.stringify(result, null, 2));
  return 0;
});
