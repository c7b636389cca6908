/**
 * The hand-over from the popup's "Follow this story" to the options page's
 * "Add a story": the article text and where it came from, in
 * `local:storyDraft`. Read back through a schema (storage.local is writable
 * by content scripts in Chrome); cleared once the story is saved or dropped.
 */
import { storage } from '#imports';
import { z } from 'zod';

/** An article longer than this is not one article (see checkArticleText). */
export const MAX_DRAFT_CHARS = 1_000_000;

export const StoryDraftSchema = z.object({
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

export const storyDraftItem = storage.defineItem<StoryDraft | null>('local:storyDraft', { fallback: null });

export async function readStoryDraft(): Promise<StoryDraft | null> {
  const parsed = StoryDraftSchema.safeParse(await storyDraftItem.getValue());
  return parsed.success ? parsed.data : null;
}

export async function saveStoryDraft(draft: Omit<StoryDraft, 'createdAt'>): Promise<void> {
  await storyDraftItem.setValue(
    StoryDraftSchema.parse({ ...draft, text: draft.text.slice(0, MAX_DRAFT_CHARS), createdAt: new Date().toISOString() }),
  );
}

export async function clearStoryDraft(): Promise<void> {
  await storyDraftItem.removeValue();
}
