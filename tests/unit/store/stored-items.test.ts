import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { getStories, storiesItem } from '../../../src/store/stories';
import { listTrail } from '../../../src/store/trail';
import { readStoryDraft } from '../../../src/store/story-draft';
import { getSyncStatus } from '../../../src/store/sync';

// Settings have their own test, migrations included (tests/unit/store/settings.test.ts).
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/stored');
const readers: Record<string, () => Promise<unknown>> = {
  stories: async () => (await getStories()).filter((s) => !s.bundled),
  trail: listTrail,
  'story-draft': readStoryDraft,
  'sync-status': getSyncStatus,
};
// WXT runs an item's migrations when the extension updates (and when the item is defined, here at import:
// before a fixture is written), so each test runs them as an update would.
const migrated: Record<string, { migrate(): Promise<void> }> = { stories: storiesItem };
const fixtureOf = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

beforeEach(() => fakeBrowser.reset());

describe('stored data of earlier releases', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => /^[a-z-]+-v\d+\.json$/.test(f) && !f.startsWith('settings-'));

  it('every storage.local item besides the settings has a stored fixture', () => {
    expect(new Set(files.map((f) => f.replace(/-v\d+\.json$/, '')))).toEqual(new Set(Object.keys(readers)));
  });

  for (const file of files) {
    const item = file.replace(/-v\d+\.json$/, '');
    it(`a profile's ${item} (${file}) reads back with everything kept`, async () => {
      const fixture = fixtureOf(file);
      await fakeBrowser.storage.local.set(fixture.storage);
      await migrated[item]?.migrate();
      expect(await readers[item]()).toEqual(fixture.expected);
    });
  }

  it("an update stores a profile's stories v1 with every pack in format 2, every choice kept", async () => {
    const fixture = fixtureOf('stories-v1.json');
    await fakeBrowser.storage.local.set(fixture.storage);
    await storiesItem.migrate();
    // before any read: a read seeds the bundled story, writing every story back upgraded, and would hide a migration that did nothing
    expect(await fakeBrowser.storage.local.get(['stories', 'stories$'])).toEqual({
      stories: { revision: fixture.storage.stories.revision, stories: fixture.expected },
      stories$: { v: 2 },
    });
  });
});
