import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  addStory,
  getStoriesState,
  getStory,
  removeStory,
  replaceStory,
  setStoryEnabled,
  undoEdit,
  undoRemove,
} from '../../../src/store/stories';
import { BUNDLED_PACK_ID, bundledPack } from '../../../src/story/bundled';
import { samplePack } from './sample-pack';

beforeEach(() => {
  fakeBrowser.reset();
});

const edited = (id: string) =>
  samplePack(id, {
    title: 'Leaders meet again',
    entities: [{ id: 'ada-lovelace', name: 'Ada Lovelace', type: 'person', description: 'A mathematician.', names: [] }],
  });

describe('editing a saved story', () => {
  it('saving an edit replaces the story in one write, keeping its id, switch and date added', async () => {
    const added = await addStory(samplePack());
    await setStoryEnabled(added.id, false);
    const before = await getStoriesState();
    const info = await replaceStory(added.id, edited(added.id));
    const after = await getStoriesState();
    expect(after.revision).toBe(before.revision + 1);
    expect(info).toMatchObject({ id: added.id, title: 'Leaders meet again', entityCount: 1 });
    const story = await getStory(added.id);
    expect(story).toMatchObject({ id: added.id, enabled: false, addedAt: added.addedAt, title: 'Leaders meet again' });
    expect(story!.pack.entities.map((e) => e.name)).toEqual(['Ada Lovelace']);
  });

  it('undo brings the previous content back, once', async () => {
    const added = await addStory(samplePack());
    await replaceStory(added.id, edited(added.id));
    const back = await undoEdit();
    expect(back?.title).toBe('Leaders meet at the chip summit');
    expect((await getStory(added.id))!.pack.entities.map((e) => e.name)).toEqual(['Ada Lovelace', 'Geneva']);
    expect(await undoEdit()).toBeNull();
  });

  it("an edit's undo does not bring back a story as if removed, nor a removal's undo an edit", async () => {
    const added = await addStory(samplePack());
    await replaceStory(added.id, edited(added.id));
    expect(await undoRemove()).toBeNull();
    expect((await getStoriesState()).stories).toHaveLength(2);
    await removeStory(added.id);
    expect(await undoEdit()).toBeNull();
    expect((await undoRemove())?.id).toBe(added.id);
  });

  it('the bundled story cannot be edited, and an invalid pack changes nothing', async () => {
    await getStoriesState();
    await expect(replaceStory(BUNDLED_PACK_ID, { ...bundledPack(), title: 'Mine now' })).rejects.toThrow(/switched off, not edited/);
    const added = await addStory(samplePack());
    await expect(replaceStory(added.id, { ...edited(added.id), entities: [{ id: 'Bad Id' }] })).rejects.toThrow();
    expect((await getStory(added.id))!.pack.entities).toHaveLength(2);
  });
});
