import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_BACKUP_BYTES, exportBackup, importBackup, parseBackup } from '../../../src/store/backup';
import { addStory, getStories, listStories, renameStory, setStoryEnabled } from '../../../src/store/stories';
import { DEFAULT_SETTINGS, getSettings, resetSettings, updateSettings } from '../../../src/store/settings';
import { BUNDLED_PACK_ID } from '../../../src/story/bundled';
import { samplePack } from './sample-pack';

beforeEach(() => fakeBrowser.reset());

/** The packs of the stories switched on, as the popup and the background read them. */
const enabledPacks = async () => (await getStories()).filter((s) => s.enabled).map((s) => s.pack);

async function storedSnapshot() {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

async function someState() {
  await addStory(samplePack('chip-summit-2024'));
  await addStory(samplePack('harbour-strike', { title: 'Dock workers strike' }));
  await renameStory(BUNDLED_PACK_ID, 'Kim in Russia');
  await setStoryEnabled('harbour-strike', false);
  await updateSettings({
    highlightStyle: 'tint',
    theme: 'dark',
    neverRunOn: ['example.com'],
    types: { person: true, place: false, organization: true },
    markEverywhere: true,
  });
}

describe('export and import', () => {
  it('export, reset, import finds every story and setting back', async () => {
    await someState();
    const before = { settings: await getSettings(), stories: await listStories(), packs: await enabledPacks() };
    const file = JSON.stringify(await exportBackup());
    fakeBrowser.reset(); // a fresh profile
    await resetSettings();
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID]);
    const result = await importBackup(file);
    expect(result).toMatchObject({ ok: true, added: 2 });
    expect(await getSettings()).toEqual(before.settings);
    const after = await listStories();
    expect(after.map(({ addedAt: _, ...s }) => s)).toEqual(before.stories.map(({ addedAt: _, ...s }) => s));
    expect(await enabledPacks()).toEqual(before.packs);
  });

  it('the bundled story is exported without its content', async () => {
    const file = await exportBackup();
    expect(file.stories).toHaveLength(1);
    expect(file.stories[0]).toMatchObject({ id: BUNDLED_PACK_ID, bundled: true });
    expect(file.stories[0].pack).toBeUndefined();
  });

  it('importing keeps stories the file does not have and replaces the ones it has', async () => {
    await addStory(samplePack('chip-summit-2024'));
    const file = await exportBackup();
    await addStory(samplePack('only-here'));
    (file.stories[1].pack as { title: string }).title = 'Changed in the file';
    expect(await importBackup(JSON.stringify(file))).toMatchObject({ ok: true, added: 0, replaced: 1 });
    const list = await listStories();
    expect(list.map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'chip-summit-2024', 'only-here']);
    expect(list[1].originalTitle).toBe('Changed in the file');
  });

  it('settings exported by v1 of the settings import through the migrations', async () => {
    const { keepTrail: _, ...v1 } = { ...DEFAULT_SETTINGS, theme: 'dark' as const };
    const file = { format: 'story-lens/backup', formatVersion: 1, settingsVersion: 1, settings: v1, stories: [] };
    expect(await importBackup(JSON.stringify(file))).toMatchObject({ ok: true });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', keepTrail: true });
  });

  const good = async () => {
    await addStory(samplePack());
    return (await exportBackup()) as unknown as Record<string, unknown> & {
      stories: Record<string, unknown>[];
      settings: Record<string, unknown>;
    };
  };

  const refusals: [string, (f: Awaited<ReturnType<typeof good>>) => string, RegExp][] = [
    ['a file that is not JSON', () => '{"format": "story-lens/backup", ', /not JSON/],
    ['a JSON file of something else', () => JSON.stringify([1, 2, 3]), /not a Story Lens export/],
    ['a file of another format', (f) => JSON.stringify({ ...f, format: 'other-extension/settings' }), /not a Story Lens export/],
    ['settings from a newer version', (f) => JSON.stringify({ ...f, settingsVersion: 99 }), /newer Story Lens/],
    [
      'settings with a wrong value',
      (f) => JSON.stringify({ ...f, settings: { ...f.settings, cardDelayMs: 'soon', theme: 'neon' } }),
      /settings field cardDelayMs[\s\S]*settings field theme/,
    ],
    [
      'a story whose link is a script',
      (f) => {
        const pack = f.stories[1].pack as { entities: { wikipedia?: string }[] };
        pack.entities[0].wikipedia = 'javascript:alert(document.cookie)';
        return JSON.stringify(f);
      },
      /story #2 "Leaders meet at the chip summit": entity "ada-lovelace" \(Ada Lovelace\), field wikipedia: expected an https:\/\/ link/,
    ],
    ['a story without a pack', (f) => JSON.stringify({ ...f, stories: [f.stories[0], { ...f.stories[1], pack: undefined }] }), /story #2/],
    ['the same story twice', (f) => JSON.stringify({ ...f, stories: [...f.stories, f.stories[1]] }), /used twice/],
    [
      'a story posing as the bundled one',
      (f) => JSON.stringify({ ...f, stories: [{ ...f.stories[1], id: BUNDLED_PACK_ID }] }),
      /belongs to the bundled story/,
    ],
  ];

  for (const [what, make, message] of refusals) {
    it(`${what} is refused with what is wrong, and nothing stored changes`, async () => {
      const file = make(await good());
      await updateSettings({ theme: 'light' });
      const before = await storedSnapshot();
      const result = await importBackup(file);
      expect(result.ok).toBe(false);
      expect((result as { problems: string[] }).problems.join('\n')).toMatch(message);
      expect(await storedSnapshot()).toBe(before);
    });
  }

  it('a file over 5 MB is refused before it is read', async () => {
    const before = await storedSnapshot();
    const result = await importBackup('{}', MAX_BACKUP_BYTES + 1);
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/most Story Lens reads is 5 MB/)] });
    expect(await storedSnapshot()).toBe(before);
  });

  it('every problem of a file is listed, not just the first', () => {
    const result = parseBackup(
      JSON.stringify({
        format: 'story-lens/backup',
        formatVersion: 1,
        settingsVersion: 2,
        settings: { ...DEFAULT_SETTINGS, enabled: 'yes' },
        stories: [{ id: 'Bad Id', title: '', enabled: true, bundled: false }],
      }),
    );
    expect(result.ok).toBe(false);
    const problems = (result as { problems: string[] }).problems;
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.join('\n')).toMatch(/settings field enabled[\s\S]*story #1[\s\S]*field id[\s\S]*field title/);
  });

  it('hostile strings in a valid story are imported as plain text', async () => {
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const pack = samplePack('hostile-story', { title: payload });
    (pack.entities[0] as { name: string }).name = payload;
    const file = {
      format: 'story-lens/backup',
      formatVersion: 1,
      settingsVersion: 2,
      settings: DEFAULT_SETTINGS,
      stories: [{ id: 'hostile-story', title: payload, enabled: true, bundled: false, pack }],
    };
    expect(await importBackup(JSON.stringify(file))).toMatchObject({ ok: true });
    const packs = await enabledPacks();
    expect(packs[1].entities[0].name).toBe(payload);
    expect((await listStories())[1].title).toBe(payload);
  });

  it('an import stores the settings and stories as read, never the junk a file carries beside them', async () => {
    const pack = { ...samplePack('junk-story'), extra: 'x'.repeat(100_000) };
    const story = { id: 'junk-story', title: 'Junk', enabled: true, bundled: false, pack, note: 'y'.repeat(100_000) };
    const settings = { ...DEFAULT_SETTINGS, theme: 'dark', extra: 'z'.repeat(1_000_000), types: { ...DEFAULT_SETTINGS.types, more: 1 } };
    const body = JSON.stringify({ format: 'story-lens/backup', formatVersion: 1, settingsVersion: 2, settings, stories: [story] });
    // an own "__proto__" key, as JSON.parse makes one
    const text = body.replace('"settings":{', '"settings":{"__proto__":{"polluted":true},');
    expect(await importBackup(text)).toMatchObject({ ok: true, added: 1 });
    const stored = (await fakeBrowser.storage.local.get('settings')).settings as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(Object.hasOwn(stored, '__proto__')).toBe(false);
    expect(stored.types).toEqual(DEFAULT_SETTINGS.types);
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    const bytes = JSON.stringify(await fakeBrowser.storage.local.get(null)).length;
    expect(bytes).toBeLessThan(100_000 + JSON.stringify(await exportBackup()).length);
    const kept = ((await fakeBrowser.storage.local.get('stories')).stories as { stories: Record<string, unknown>[] }).stories[1];
    expect(kept).not.toHaveProperty('note');
    expect(kept.pack).not.toHaveProperty('extra');
  });

  it('a browser storage too full to take the file is reported in words, and nothing stored changes', async () => {
    await updateSettings({ theme: 'light' });
    await listStories();
    const before = await storedSnapshot();
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('settings' in items && 'stories' in items) throw new Error('Resource::kQuotaBytes quota exceeded');
      return set(items);
    });
    const file = { format: 'story-lens/backup', formatVersion: 1, settingsVersion: 2, settings: DEFAULT_SETTINGS, stories: [] };
    const result = await importBackup(JSON.stringify(file));
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/not enough room left in this browser's storage/)] });
    expect((result as { problems: string[] }).problems[0]).toMatch(/remove stories you no longer need or clear the reading trail/);
    expect(await storedSnapshot()).toBe(before);
  });
});
