import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  addStory,
  ensureBundledStory,
  getStories,
  getStoriesState,
  listStories,
  removeStory,
  renameStory,
  setStoryEnabled,
  storiesItem,
  storyProblems,
  storiesTooBig,
  undoRemove,
  MAX_STORIES,
} from '../../../src/store/stories';
import { BUNDLED_PACK_ID, bundledPack } from '../../../src/story/bundled';
import { PackError, parsePack } from '../../../src/story/schema';
import { samplePack } from './sample-pack';

beforeEach(() => {
  fakeBrowser.reset();
});

/** The packs of the stories switched on, in list order, read as the popup and the background read them. */
const enabledPacks = async () => (await getStories()).filter((s) => s.enabled).map((s) => s.pack);
/** The stories' revision, as the background's knowledge base reads it. */
const storiesRevision = async () => (await getStoriesState()).revision;

describe('stories store', () => {
  it('a fresh install lists the bundled story, switched on', async () => {
    const list = await listStories();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: BUNDLED_PACK_ID, bundled: true, enabled: true, title: bundledPack().title });
    expect((await enabledPacks()).map((p) => p.id)).toEqual([BUNDLED_PACK_ID]);
  });

  it('adding a story keeps it after the bundled one and turns it on', async () => {
    const info = await addStory(samplePack());
    expect(info).toMatchObject({ id: 'chip-summit-2024', enabled: true, bundled: false, entityCount: 2 });
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'chip-summit-2024']);
    expect((await enabledPacks()).map((p) => p.id)).toEqual([BUNDLED_PACK_ID, 'chip-summit-2024']);
  });

  it('adding a story whose id is taken gives it a free id', async () => {
    await addStory(samplePack());
    const second = await addStory(samplePack());
    expect(second.id).toBe('chip-summit-2024-2');
    const packs = await enabledPacks();
    expect(packs.map((p) => p.id)).toEqual([BUNDLED_PACK_ID, 'chip-summit-2024', 'chip-summit-2024-2']);
  });

  it('an invalid pack is refused with the entity and field named, and nothing is saved', async () => {
    const bad = samplePack('bad-one', {
      entities: [{ id: 'x', name: 'X', type: 'person', description: 'ok', wikipedia: 'javascript:alert(1)' }],
    });
    await expect(addStory(bad)).rejects.toThrow(PackError);
    await expect(addStory(bad)).rejects.toThrow(/entity "x" \(X\), field wikipedia/);
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID]);
  });

  it('switching a story off leaves it listed but out of the enabled packs', async () => {
    await addStory(samplePack());
    await setStoryEnabled(BUNDLED_PACK_ID, false);
    expect((await enabledPacks()).map((p) => p.id)).toEqual(['chip-summit-2024']);
    expect((await listStories()).find((s) => s.id === BUNDLED_PACK_ID)?.enabled).toBe(false);
  });

  it('renaming changes the title the reader sees and keeps the pack title', async () => {
    await addStory(samplePack());
    await renameStory('chip-summit-2024', '  My   summit  ');
    const s = (await listStories()).find((x) => x.id === 'chip-summit-2024');
    expect(s).toMatchObject({ title: 'My summit', originalTitle: 'Leaders meet at the chip summit' });
    await expect(renameStory('chip-summit-2024', '   ')).rejects.toThrow(/needs a title/);
  });

  it('removing a story and undoing brings it back in its place', async () => {
    await addStory(samplePack('a-story'));
    await addStory(samplePack('b-story'));
    // the options page offers to undo the story removeStory() says it removed
    expect((await removeStory('a-story')).id).toBe('a-story');
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'b-story']);
    const back = await undoRemove();
    expect(back?.id).toBe('a-story');
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'a-story', 'b-story']);
    expect(await undoRemove()).toBeNull();
  });

  it('the bundled story cannot be removed, only switched off', async () => {
    await expect(removeStory(BUNDLED_PACK_ID)).rejects.toThrow(/switched off, not removed/);
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID]);
  });

  it('a bundled story missing from storage is seeded again, keeping the others', async () => {
    await addStory(samplePack());
    const state = await storiesItem.getValue();
    await storiesItem.setValue({ revision: state!.revision, stories: state!.stories.filter((s) => !s.bundled) });
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'chip-summit-2024']);
  });

  it('a renamed, switched-off bundled story keeps the reader choices when refreshed', async () => {
    await renameStory(BUNDLED_PACK_ID, 'Kim in Russia');
    await setStoryEnabled(BUNDLED_PACK_ID, false);
    const state = await storiesItem.getValue();
    // an older build's content: the refresh must replace it, keeping title and switch
    state!.stories[0].pack = { ...state!.stories[0].pack, summary: 'old summary' };
    await storiesItem.setValue(state);
    await ensureBundledStory();
    const s = (await listStories())[0];
    expect(s).toMatchObject({ title: 'Kim in Russia', enabled: false });
    expect((await storiesItem.getValue())!.stories[0].pack.summary).toBe(bundledPack().summary);
  });

  it('a stored story that no longer validates is left out and reported, the rest still read', async () => {
    await addStory(samplePack());
    const state = await storiesItem.getValue();
    const broken = structuredClone(state!);
    (broken.stories[1].pack.entities[0] as { name: unknown }).name = { evil: '<img src=x onerror=alert(1)>' };
    await storiesItem.setValue(broken);
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID]);
    expect((await storyProblems()).join('\n')).toMatch(/story #2: entity "ada-lovelace"/);
  });

  it('a story past the number Story Lens keeps is refused, and nothing is saved', async () => {
    await listStories();
    const state = (await storiesItem.getValue())!;
    const own = parsePack(samplePack());
    const many = Array.from({ length: MAX_STORIES - 1 }, (_, i) => ({
      id: `story-${i}`,
      title: `Story ${i}`,
      enabled: true,
      bundled: false,
      addedAt: '2026-01-01T00:00:00.000Z',
      pack: { ...own, id: `story-${i}` },
    }));
    await storiesItem.setValue({ revision: state.revision + 1, stories: [...state.stories, ...many] });
    await expect(addStory(samplePack('one-too-many'))).rejects.toThrow(/up to 50 stories: remove one first/);
    expect(await listStories()).toHaveLength(MAX_STORIES);
    // and one can still be removed
    await removeStory('story-3');
    expect(await listStories()).toHaveLength(MAX_STORIES - 1);
  });

  it('stories past the space Story Lens keeps for them are refused with their size', () => {
    const own = parsePack(samplePack());
    const huge = { ...own, entities: [{ ...own.entities[0], sentences: Array.from({ length: 4500 }, () => 'x'.repeat(2000)) }] };
    const story = { id: 'big', title: 'Big', enabled: true, bundled: false, addedAt: '', pack: huge };
    expect(storiesTooBig([story])).toMatch(/would take 8\.6 MB; Story Lens keeps up to 8 MB/);
    expect(storiesTooBig([{ ...story, pack: own }])).toBeNull();
  });

  it('reading does not write: the revision stays until something changes', async () => {
    await listStories();
    const r0 = await storiesRevision();
    await listStories();
    await enabledPacks();
    expect(await storiesRevision()).toBe(r0);
  });

  it('every write raises the revision', async () => {
    await listStories();
    const r0 = await storiesRevision();
    await addStory(samplePack());
    const r1 = await storiesRevision();
    await setStoryEnabled('chip-summit-2024', false);
    expect(r1).toBeGreaterThan(r0);
    expect(await storiesRevision()).toBeGreaterThan(r1);
  });
});
