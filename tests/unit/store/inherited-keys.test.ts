/**
 * Issue 13, attack 1: a story whose id is "constructor", and whose names are
 * the words every object inherits, is stored, backed up and counted like any other.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addStory, getStories, listStories, removeStory, renameStory, setStoryEnabled, undoRemove } from '../../../src/store/stories';
import { exportBackup, importBackup } from '../../../src/store/backup';
import { trailEntryFor } from '../../../src/store/trail';
import { BUNDLED_PACK_ID } from '../../../src/story/bundled';
import { parsePack } from '../../../src/story/schema';
import { inheritedKeysPack } from '../../fixtures/inherited-keys-pack';

beforeEach(() => fakeBrowser.reset());

const ALL = { person: true, place: true, organization: true };
const storedPack = async (id: string) => (await getStories()).find((s) => s.id === id)?.pack;

describe('a story named with the words every object inherits', () => {
  it('is stored and read back as written, then switched, renamed, removed and restored by its id "constructor"', async () => {
    const info = await addStory(inheritedKeysPack());
    expect(info).toMatchObject({ id: 'constructor', enabled: true, entityCount: 4, typeCounts: { person: 1, place: 2, organization: 1 } });
    expect(await storedPack('constructor')).toEqual(parsePack(inheritedKeysPack()));

    await setStoryEnabled('constructor', false);
    await renameStory('constructor', 'toString');
    expect((await listStories()).map((s) => [s.id, s.title, s.enabled])).toEqual([
      [BUNDLED_PACK_ID, expect.any(String), true],
      ['constructor', 'toString', false],
    ]);
    expect((await addStory(inheritedKeysPack())).id).toBe('constructor-2');

    await removeStory('constructor');
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'constructor-2']);
    await undoRemove();
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'constructor', 'constructor-2']);
    expect(await storedPack('constructor')).toEqual(parsePack(inheritedKeysPack()));
  });

  it('a backup holding it imports into a fresh profile', async () => {
    await addStory(inheritedKeysPack());
    const file = JSON.stringify(await exportBackup());
    fakeBrowser.reset();
    expect(await importBackup(file)).toMatchObject({ ok: true, added: 1 });
    expect(await storedPack('constructor')).toEqual(parsePack(inheritedKeysPack()));
  });

  it('the trail counts a page naming only Bremen as one of its three key people and places', () => {
    const pack = parsePack(inheritedKeysPack());
    const entry = trailEntryFor(
      { url: 'https://news.example.de/bremen', title: 'Bremen', counts: { valueof: 1 } },
      [{ pack, title: 'Constructor' }],
      ALL,
      new Date('2026-11-27T10:00:00Z'),
    );
    expect(entry).toMatchObject({ entities: 1, mentions: 1, stories: [{ id: 'constructor', keyFound: 1, keyTotal: 3 }] });
    expect(
      trailEntryFor({ url: 'https://news.example.de/x', title: 'x', counts: {} }, [{ pack, title: 'Constructor' }], ALL, new Date()),
    ).toBeNull();
  });
});
