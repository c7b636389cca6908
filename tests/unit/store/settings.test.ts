import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  SettingsError,
  defineSettingsItem,
  getSettings,
  resetSettings,
  sanitizeSettings,
  settingsItem,
  updateSettings,
} from '../../../src/store/settings';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/stored');
const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((f) => /^settings-v\d+\.json$/.test(f))
  .map((f) => ({ version: Number(/v(\d+)/.exec(f)![1]), ...JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) }));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings', () => {
  it('there is a stored fixture for every version up to the current one', () => {
    expect(fixtures.map((f) => f.version).sort()).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1));
  });

  for (const f of fixtures) {
    it(`a profile with settings v${f.version} reads back as the current version with every choice kept`, async () => {
      await fakeBrowser.storage.local.set(f.storage);
      const item = defineSettingsItem();
      const value = await item.getValue();
      expect(value).toEqual(f.expected);
      expect(sanitizeSettings(value)).toEqual(f.expected);
      expect(await item.getMeta()).toMatchObject({ v: SETTINGS_VERSION });
    });
  }

  it('a fresh profile reads the defaults', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('a setting changed is stored at once and read back', async () => {
    await updateSettings({ highlightStyle: 'tint', cardDelayMs: 250 });
    expect(await settingsItem.getValue()).toMatchObject({ highlightStyle: 'tint', cardDelayMs: 250 });
  });

  it('an invalid change is refused and nothing is written', async () => {
    await updateSettings({ theme: 'dark' });
    await expect(updateSettings({ cardDelayMs: -5 } as never)).rejects.toThrow(SettingsError);
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('reset brings back every default', async () => {
    await updateSettings({ enabled: false, theme: 'dark', neverRunOn: ['example.com'], keepTrail: false });
    await resetSettings();
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('hostile stored values fall back to defaults field by field', async () => {
    await fakeBrowser.storage.local.set({
      settings: { ...DEFAULT_SETTINGS, theme: '<script>alert(1)</script>', cardDelayMs: 1e9, enabled: false, neverRunOn: 'all' },
    });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });
});
