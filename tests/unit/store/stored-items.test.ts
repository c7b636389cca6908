import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { getStories } from '../../../src/store/stories';
import { listTrail } from '../../../src/store/trail';
import { readStoryDraft } from '../../../src/store/story-draft';
import { getSyncStatus } from '../../../src/store/sync';

// Settings have their own test (tests/unit/store/settings.test.ts), as they have migrations.
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/stored');
const readers: Record<string, () => Promise<unknown>> = {
  stories: async () => (await getStories()).filter((s) => !s.bundled),
  trail: listTrail,
  'story-draft': readStoryDraft,
  'sync-status': getSyncStatus,
};

beforeEach(() => fakeBrowser.reset());

describe('stored data of earlier releases', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => /^[a-z-]+-v\d+\.json$/.test(f) && !f.startsWith('settings-'));

  it('every storage.local item besides the settings has a stored fixture', () => {
    expect(new Set(files.map((f) => f.replace(/-v\d+\.json$/, '')))).toEqual(new Set(Object.keys(readers)));
  });

  for (const file of files) {
    const item = file.replace(/-v\d+\.json$/, '');
    it(`a profile's ${item} (${file}) reads back with everything kept`, async () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
      await fakeBrowser.storage.local.set(fixture.storage);
      expect(await readers[item]()).toEqual(fixture.expected);
    });
  }
});
