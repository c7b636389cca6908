import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { adoptSynced, joinSync, pushSettings, toSyncPayload, SYNC_ITEM_QUOTA, syncBytes } from '../../../src/background/sync';
import { getSyncStatus } from '../../../src/store/sync';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/store/settings';
import { addStory } from '../../../src/store/stories';
import { samplePack } from '../store/sample-pack';

beforeEach(() => fakeBrowser.reset());

const mine: Settings = { ...DEFAULT_SETTINGS, syncSettings: true, theme: 'dark', highlightStyle: 'tint' };

describe('settings sync', () => {
  it('pushes preferences only: no stories, no trail, not the sync switch itself', async () => {
    await addStory(samplePack());
    await pushSettings(mine);
    const synced = await fakeBrowser.storage.sync.get(null);
    expect(Object.keys(synced)).toEqual(['settings']);
    const payload = synced.settings as { settings: Record<string, unknown> };
    expect(payload.settings).toMatchObject({ theme: 'dark', highlightStyle: 'tint' });
    expect(payload.settings).not.toHaveProperty('syncSettings');
    expect(syncBytes('settings', payload)).toBeLessThanOrEqual(SYNC_ITEM_QUOTA);
    expect(await getSyncStatus()).toMatchObject({ ok: true });
  });

  it('settings too big for one sync item are not pushed, and the reader is told why', async () => {
    const huge = { ...mine, neverRunOn: Array.from({ length: 400 }, (_, i) => `site-number-${i}.example.com`) };
    expect(toSyncPayload(huge)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 8 KB/) });
    await pushSettings(huge);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(await getSyncStatus()).toMatchObject({ ok: false, message: expect.stringMatching(/Shorten the site lists/) });
  });

  it('turning sync on adopts what the other browsers synced, keeping this browser syncing', async () => {
    await pushSettings({ ...mine, theme: 'light', cardDelayMs: 1200, markEverywhere: true });
    const adopted = await joinSync({ ...DEFAULT_SETTINGS, syncSettings: true });
    expect(adopted).toEqual({ ...mine, theme: 'light', cardDelayMs: 1200, markEverywhere: true });
  });

  it("turning sync on with nothing synced yet pushes this browser's preferences", async () => {
    expect(await joinSync(mine)).toBeNull();
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toMatchObject({ settings: { theme: 'dark' } });
  });

  it('synced values that are invalid, or from a newer Story Lens, are ignored', () => {
    const payload = toSyncPayload(mine);
    if (!payload.ok) throw new Error('payload');
    expect(adoptSynced(DEFAULT_SETTINGS, { ...payload.payload, settings: { ...payload.payload.settings, theme: '<b>x</b>' } })).toBeNull();
    expect(adoptSynced(DEFAULT_SETTINGS, { ...payload.payload, v: 99 })).toBeNull();
    expect(adoptSynced(DEFAULT_SETTINGS, 'garbage')).toBeNull();
    expect(adoptSynced(mine, payload.payload)).toBeNull(); // nothing to change
  });
});
