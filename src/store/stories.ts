/**
 * The reader's stories: the bundled one and their own, kept in extension
 * storage (`local:stories`). This is the one API every extension page (options,
 * popup, "add a story") and the background use to read or change them.
 *
 * - Every read validates what storage holds (parsePack per story): a content
 *   script in Chrome can write storage.local and a profile can be hand-edited,
 *   so a story that no longer validates is dropped from reads (and reported by
 *   `storyProblems()`), never handed to the matcher.
 * - The bundled story can be switched off and renamed, never destroyed.
 * - Removing keeps the last removed story for `undoRemove()`; editing one
 *   (`replaceStory`) keeps its previous content for `undoEdit()`, in the same slot.
 * - `revision` grows on every write, so the background recompiles its matcher
 *   once per change of the stories.
 * - Every change goes through the store's one write queue (src/store/write-queue.ts).
 *
 * Version 1: { revision, stories: StoredStory[] }, and `local:storiesUndo` =
 * { index, story, removedAt, edited? } (`edited`: the story was replaced by
 * an edit, not removed). Version 2: the same, with every pack in pack
 * format 2 (each entity central or background); the migration rewrites the
 * stored packs once, upgraded as parsePack would, so storage holds the current
 * format. Reads still parse every pack with parsePack, which upgrades one in
 * format 1 wherever it comes from (an undo kept from before, a hand-edited profile).
 */
import { storage } from '#imports';
import { z } from 'zod';
import type { EntityType, StoryPack } from '../core/pack';
import { PackError, parsePack, safeParsePack, upgradePack } from '../story/schema';
import { BUNDLED_PACK_ID, bundledPack } from '../story/bundled';
import { queueWrite } from './write-queue';

export const STORIES_KEY = 'local:stories' as const;
const STORIES_UNDO_KEY = 'local:storiesUndo' as const;

/** Most stories a reader can keep: storage.local holds 10 MB in Chrome. */
export const MAX_STORIES = 50;
/** Most bytes the stories may take, leaving room in storage.local's 10 MB for settings and the trail. */
const MAX_STORIES_BYTES = 8 * 1024 * 1024;

/** Why these stories cannot be stored (too many, too big), or null when they can. */
export function storiesTooBig(stories: StoredStory[]): string | null {
  if (stories.length > MAX_STORIES) return `You can keep up to ${MAX_STORIES} stories: remove one first.`;
  const bytes = new TextEncoder().encode(JSON.stringify(stories)).length;
  if (bytes > MAX_STORIES_BYTES) {
    return `Your stories would take ${(bytes / 1024 / 1024).toFixed(1)} MB; Story Lens keeps up to ${MAX_STORIES_BYTES / 1024 / 1024} MB of stories on this device: remove one first.`;
  }
  return null;
}
export const MAX_TITLE_LENGTH = 300;

/** One stored story: the pack plus what the reader decided about it. */
export interface StoredStory {
  /** the pack's id, unique among stored stories */
  id: string;
  /** the title the reader sees (renaming changes this, not the pack's own) */
  title: string;
  enabled: boolean;
  /** true for the story shipped with the extension */
  bundled: boolean;
  /** ISO date-time the story was added */
  addedAt: string;
  pack: StoryPack;
}

export interface StoriesState {
  /** grows on every write (the matcher cache keys on it) */
  revision: number;
  stories: StoredStory[];
}

/** What a list of stories shows (no pack content). */
export interface StoryInfo {
  id: string;
  title: string;
  enabled: boolean;
  bundled: boolean;
  addedAt: string;
  /** the story's own date (YYYY-MM-DD) */
  date: string;
  entityCount: number;
  /** how many entities of each type */
  typeCounts: Record<EntityType, number>;
  /** the pack's own title, when the reader renamed it */
  originalTitle: string;
}

export class StoryStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoryStoreError';
  }
}

/** The envelope of a stored story; the pack is checked by parsePack. */
const StoredStoryShape = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
  title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
  enabled: z.boolean(),
  bundled: z.boolean(),
  addedAt: z.string().max(40),
  pack: z.unknown(),
});

const StoriesShape = z.object({
  revision: z.number().int().min(0),
  stories: z.array(z.unknown()).max(MAX_STORIES + 1),
});

/** version → function from the previous version's value to this one's (WXT runs them in order). */
const STORIES_MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  2: (v1) => {
    const state = StoriesShape.safeParse(v1);
    if (!state.success) return v1; // left for the read to report
    const stories = state.data.stories.map((s) =>
      typeof s === 'object' && s !== null && !Array.isArray(s) ? { ...s, pack: upgradePack((s as { pack?: unknown }).pack) } : s,
    );
    return { ...state.data, stories };
  },
};

export const storiesItem = storage.defineItem<StoriesState | null>(STORIES_KEY, {
  fallback: null,
  version: 2,
  migrations: STORIES_MIGRATIONS as Record<number, (old: StoriesState | null) => StoriesState | null>,
});

const UndoShape = z.object({
  index: z.number().int().min(0),
  story: z.unknown(),
  removedAt: z.string().max(40),
  edited: z.boolean().optional(),
});
const storiesUndoItem = storage.defineItem<z.infer<typeof UndoShape> | null>(STORIES_UNDO_KEY, { fallback: null });

/** Validates one stored story; null (with problems) when it does not hold. */
export function validateStoredStory(raw: unknown): { story: StoredStory; problems?: undefined } | { story: null; problems: string[] } {
  const shape = StoredStoryShape.safeParse(raw);
  if (!shape.success) {
    return { story: null, problems: shape.error.issues.map((i) => `field ${i.path.join('.') || '(the story itself)'}: ${i.message}`) };
  }
  const pack = safeParsePack(shape.data.pack);
  if (!pack.ok) return { story: null, problems: pack.problems };
  if (pack.pack.id !== shape.data.id)
    return { story: null, problems: [`field id: "${shape.data.id}" is not the pack's id "${pack.pack.id}"`] };
  return { story: { ...shape.data, pack: pack.pack } };
}

/**
 * Reads and validates the stored state. Stories that no longer validate are
 * left out (see storyProblems()); a missing or broken envelope reads as empty.
 */
function validateState(raw: unknown): { state: StoriesState; problems: string[] } {
  const shape = StoriesShape.safeParse(raw);
  if (!shape.success)
    return { state: { revision: 0, stories: [] }, problems: raw == null ? [] : ['the stored list of stories is not readable'] };
  const problems: string[] = [];
  const stories: StoredStory[] = [];
  const seen = new Set<string>();
  shape.data.stories.forEach((s, i) => {
    const v = validateStoredStory(s);
    if (!v.story) {
      problems.push(...v.problems.map((p) => `story #${i + 1}: ${p}`));
      return;
    }
    if (seen.has(v.story.id)) {
      problems.push(`story #${i + 1}: duplicate id "${v.story.id}"`);
      return;
    }
    seen.add(v.story.id);
    stories.push(v.story);
  });
  return { state: { revision: shape.data.revision, stories }, problems };
}

async function readState(): Promise<{ state: StoriesState; problems: string[] }> {
  return validateState(await storiesItem.getValue());
}

function bundledIsCurrent(state: StoriesState): boolean {
  const current = state.stories.find((s) => s.bundled);
  return !!current && JSON.stringify(current.pack) === JSON.stringify(bundledPack());
}

/**
 * The stored stories and their revision, validated (each pack parsed once).
 * Seeds the bundled story when it is missing or older than the shipped one
 * (a queued write: inside the queue, use storiesForQueuedWrite()).
 */
export async function getStoriesState(): Promise<StoriesState> {
  const { state } = await readState();
  if (bundledIsCurrent(state)) return state;
  await ensureBundledStory();
  return (await readState()).state;
}

/** The stored stories, validated. Seeds the bundled story when it is missing. */
export async function getStories(): Promise<StoredStory[]> {
  return (await getStoriesState()).stories;
}

/** What is wrong with stored stories that were left out of reads (empty when nothing is). */
export async function storyProblems(): Promise<string[]> {
  return (await readState()).problems;
}

function storyInfo(s: StoredStory): StoryInfo {
  return {
    id: s.id,
    title: s.title,
    enabled: s.enabled,
    bundled: s.bundled,
    addedAt: s.addedAt,
    date: s.pack.date,
    entityCount: s.pack.entities.length,
    typeCounts: {
      person: s.pack.entities.filter((e) => e.type === 'person').length,
      place: s.pack.entities.filter((e) => e.type === 'place').length,
      organization: s.pack.entities.filter((e) => e.type === 'organization').length,
    },
    originalTitle: s.pack.title,
  };
}

export async function listStories(): Promise<StoryInfo[]> {
  return (await getStories()).map(storyInfo);
}

async function write(
  mutate: (stories: StoredStory[]) => StoredStory[] | Promise<StoredStory[]>,
  opts: { seed?: boolean } = {},
): Promise<StoredStory[]> {
  // a change made before the background seeded storage must not lose the bundled story
  if (opts.seed !== false) await seedBundled();
  const { state } = await readState();
  const stories = await mutate(state.stories.map((s) => ({ ...s })));
  const tooBig =
    stories.length > state.stories.length || JSON.stringify(stories).length > JSON.stringify(state.stories).length
      ? storiesTooBig(stories)
      : null;
  if (tooBig) throw new StoryStoreError(tooBig);
  const next: StoriesState = { revision: state.revision + 1, stories };
  await storiesItem.setValue(next);
  return stories;
}

function find(stories: StoredStory[], id: string): StoredStory {
  const s = stories.find((x) => x.id === id);
  if (!s) throw new StoryStoreError(`No story "${id}".`);
  return s;
}

/** An id not used by any stored story: the pack's own, or with "-2", "-3"... */
function freeId(wanted: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(wanted)) return wanted;
  const base = wanted.slice(0, 70).replace(/-+$/, '');
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Saves a story of the reader's own. The pack is validated first (PackError
 * names the entity and field); if its id is taken, the story gets a free one.
 */
export async function addStory(pack: unknown, opts: { enabled?: boolean } = {}): Promise<StoryInfo> {
  const valid = parsePack(pack);
  return queueWrite(async () => {
    let added!: StoredStory;
    await write((stories) => {
      const id = freeId(
        valid.id,
        stories.map((s) => s.id),
      );
      added = {
        id,
        title: valid.title.slice(0, MAX_TITLE_LENGTH),
        enabled: opts.enabled ?? true,
        bundled: false,
        addedAt: new Date().toISOString(),
        pack: { ...valid, id },
      };
      return [...stories, added];
    });
    return storyInfo(added);
  });
}

export function setStoryEnabled(id: string, enabled: boolean): Promise<void> {
  return queueWrite(async () => {
    await write((stories) => {
      find(stories, id).enabled = enabled;
      return stories;
    });
  });
}

export function renameStory(id: string, title: string): Promise<void> {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (!clean) return Promise.reject(new StoryStoreError('A story needs a title.'));
  if (clean.length > MAX_TITLE_LENGTH) return Promise.reject(new StoryStoreError(`A title can be up to ${MAX_TITLE_LENGTH} characters.`));
  return queueWrite(async () => {
    await write((stories) => {
      find(stories, id).title = clean;
      return stories;
    });
  });
}

/** Removes a story of the reader's own; `undoRemove()` brings the last one back. */
export function removeStory(id: string): Promise<StoryInfo> {
  return queueWrite(async () => {
    let removed!: StoredStory;
    let index = -1;
    await write((stories) => {
      index = stories.findIndex((s) => s.id === id);
      if (index < 0) throw new StoryStoreError(`No story "${id}".`);
      removed = stories[index];
      if (removed.bundled) throw new StoryStoreError('The bundled story can be switched off, not removed.');
      return stories.filter((s) => s.id !== id);
    });
    await storiesUndoItem.setValue({ index, story: removed, removedAt: new Date().toISOString() });
    return storyInfo(removed);
  });
}

/** Restores the last removed story (at its place in the list). Null when there is nothing to undo. */
export function undoRemove(): Promise<StoryInfo | null> {
  return queueWrite(async () => {
    const raw = UndoShape.safeParse(await storiesUndoItem.getValue());
    // an edit's undo brings back content, not a story: undoEdit() does that
    if (!raw.success || raw.data.edited) return null;
    const v = validateStoredStory(raw.data.story);
    await storiesUndoItem.setValue(null);
    if (!v.story) return null;
    const story = v.story;
    await write((stories) => {
      const restored = {
        ...story,
        id: freeId(
          story.id,
          stories.map((s) => s.id),
        ),
      };
      restored.pack = { ...restored.pack, id: restored.id };
      const out = [...stories];
      out.splice(Math.min(raw.data.index, out.length), 0, restored);
      return out;
    });
    return storyInfo(story);
  });
}

/** One stored story of the reader's own, to edit: its title as shown and its pack. */
export async function getStory(id: string): Promise<StoredStory | null> {
  return (await getStories()).find((s) => s.id === id) ?? null;
}

/**
 * Saves an edit of a story of the reader's own in one write: the new pack
 * (validated first, its id kept) and its title; the switch and the date it
 * was added stay. `undoEdit()` brings the previous content back.
 */
export async function replaceStory(id: string, pack: unknown): Promise<StoryInfo> {
  const valid = parsePack(pack);
  return queueWrite(async () => {
    let previous!: StoredStory;
    let index = -1;
    let edited!: StoredStory;
    await write((stories) => {
      index = stories.findIndex((s) => s.id === id);
      if (index < 0) throw new StoryStoreError(`No story "${id}".`);
      previous = stories[index]!;
      if (previous.bundled) throw new StoryStoreError('The bundled story can be switched off, not edited.');
      edited = { ...previous, title: valid.title.slice(0, MAX_TITLE_LENGTH), pack: { ...valid, id } };
      stories[index] = edited;
      return stories;
    });
    await storiesUndoItem.setValue({ index, story: previous, removedAt: new Date().toISOString(), edited: true });
    return storyInfo(edited);
  });
}

/** Brings back what the last edit replaced (the switch stays as it is now). Null when there is nothing to undo. */
export function undoEdit(): Promise<StoryInfo | null> {
  return queueWrite(async () => {
    const raw = UndoShape.safeParse(await storiesUndoItem.getValue());
    if (!raw.success || !raw.data.edited) return null;
    const v = validateStoredStory(raw.data.story);
    await storiesUndoItem.setValue(null);
    if (!v.story) return null;
    const previous = v.story;
    let restored = false;
    await write((stories) => {
      const i = stories.findIndex((s) => s.id === previous.id);
      if (i < 0 || stories[i]!.bundled) return stories;
      stories[i] = { ...previous, enabled: stories[i]!.enabled };
      restored = true;
      return stories;
    });
    return restored ? storyInfo(previous) : null;
  });
}

function bundledEntry(previous?: StoredStory): StoredStory {
  const pack = bundledPack();
  return {
    id: BUNDLED_PACK_ID,
    title: previous?.title ?? pack.title,
    enabled: previous?.enabled ?? true,
    bundled: true,
    addedAt: previous?.addedAt ?? new Date().toISOString(),
    pack,
  };
}

/**
 * Seeds the bundled story when it is missing, and refreshes its content when
 * the extension ships a newer one (keeping the reader's title and switch).
 * Cheap when nothing needs doing: one read.
 */
export function ensureBundledStory(): Promise<void> {
  return queueWrite(seedBundled);
}

async function seedBundled(): Promise<void> {
  const { state } = await readState();
  if (bundledIsCurrent(state)) return;
  await write(
    (stories) => {
      const i = stories.findIndex((s) => s.bundled);
      if (i < 0) return [bundledEntry(), ...stories.filter((s) => s.id !== BUNDLED_PACK_ID)];
      stories[i] = bundledEntry(stories[i]);
      return stories;
    },
    { seed: false },
  );
}

/**
 * The stored stories, validated, with the bundled one seeded: for a write
 * that is already in the queue (an import writes stories and settings in one
 * set). Anywhere else, read with getStoriesState().
 */
export async function storiesForQueuedWrite(): Promise<StoriesState> {
  await seedBundled();
  return (await readState()).state;
}

/** Calls `cb` with the validated stories whenever they change (in any context). */
export function watchStories(cb: (stories: StoredStory[]) => void): () => void {
  return storiesItem.watch((raw) => cb(validateState(raw).state.stories));
}

export { PackError };
