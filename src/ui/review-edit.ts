/**
 * "Edit" on a story of the reader's own: the saved story opened on the review
 * screen (review.ts) with its people, places, organizations and their other
 * names; Save replaces it in one write through `StoryEditDeps`, keeping all
 * the screen does not show (review-pack.ts). Nothing changes before Save.
 */
import './add-story.css';
import type { StoryPack } from '../core/pack';
import { safeParsePack } from '../story/schema';
import { el } from './dom';
import { t } from './i18n';
import { mountReview } from './review';
import { reviewFromPack, reviewToPack } from './review-pack';

export interface StoryEditDeps {
  /** the saved story: its title as the reader sees it and its pack (null when it is gone) */
  getStory(id: string): Promise<{ title: string; pack: StoryPack } | null>;
  /** the ids of the entities of every other stored story (a new entity's id must not clash) */
  otherEntityIds(id: string): Promise<string[]>;
  /** replaces the story, or says why the store refused */
  replace(id: string, pack: StoryPack): Promise<{ ok: true; title: string } | { ok: false; problems: string[] }>;
}

export interface StoryEditEnd {
  /** saved: the title it has now */
  saved?: string;
  /** the story was not there to edit */
  gone?: boolean;
}

/** Opens the story's review in `container`; `done` is called once, when it is saved, cancelled or not found. */
export async function mountStoryEdit(
  container: HTMLElement,
  id: string,
  deps: StoryEditDeps,
  done: (end: StoryEditEnd) => void,
): Promise<void> {
  const story = await deps.getStory(id);
  if (!story) return done({ gone: true });
  const doc = container.ownerDocument;
  // the review inside is the region (named by its heading); this box only carries the screen's styles
  const box = el(doc, 'div', { className: 'sl-add-story sl-edit-story' });
  container.replaceChildren(box);
  const onSave = async (state: Parameters<typeof reviewToPack>[0]): Promise<string[]> => {
    const others = await deps.otherEntityIds(id);
    const parsed = safeParsePack(reviewToPack(state, { base: story.pack, takenEntityIds: others }));
    if (!parsed.ok) return parsed.problems;
    const saved = await deps.replace(id, parsed.pack);
    if (!saved.ok) return saved.problems;
    container.replaceChildren();
    done({ saved: saved.title });
    return [];
  };
  const onCancel = () => {
    container.replaceChildren();
    done({});
  };
  mountReview(box, reviewFromPack(story), { onSave, onCancel }, { editing: story.title });
  box.scrollIntoView?.({ block: 'start' });
}

/** The words the stories list says when an edit ends. */
export function editEndMessage(end: StoryEditEnd): string {
  if (end.gone) return t('optionsEditGone');
  return end.saved ? t('optionsStoryEdited', end.saved) : t('optionsEditCancelled');
}
