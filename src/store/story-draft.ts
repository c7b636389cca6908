/**
 * The hand-over from the popup's "Follow this story" to the options page's
 * "Add a story": the article text and where it came from, in
 * `local:storyDraft`. Read back through a schema (storage.local is writable
 * by content scripts in Chrome); cleared once the story is saved or dropped.
 *
 * Version 1 (the only one so far): { text, title, url, site, date?, createdAt }.
 */
import { storage } from '#imports';
import { z } from 'zod';
import { queueWrite } from './write-queue';

/** An article longer than this is not one article (extraction refuses text over 1 MB: checkText in src/story/extract-input.ts). */
export const MAX_DRAFT_CHARS = 1_000_000;

const StoryDraftSchema = z.object({
  text: z.string().max(MAX_DRAFT_CHARS),
  title: z.string().max(1000).default(''),
  url: z.string().max(4096).default(''),
  site: z.string().max(300).default(''),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  createdAt: z.string().max(40),
});
export type StoryDraft = z.infer<typeof StoryDraftSchema>;

const storyDraftItem = storage.defineItem<StoryDraft | null>('local:storyDraft', { fallback: null, version: 1 });

export async function readStoryDraft(): Promise<StoryDraft | null> {
  const parsed = StoryDraftSchema.safeParse(await storyDraftItem.getValue());
  return parsed.success ? parsed.data : null;
}

export function saveStoryDraft(draft: Omit<StoryDraft, 'createdAt'>): Promise<void> {
  const value = StoryDraftSchema.parse({ ...draft, text: draft.text.slice(0, MAX_DRAFT_CHARS), createdAt: new Date().toISOString() });
  return queueWrite(() => storyDraftItem.setValue(value));
}

export function clearStoryDraft(): Promise<void> {
  return queueWrite(() => storyDraftItem.removeValue());
}
