// Wiring only: the view is src/ui/options.ts (and src/ui/add-story.ts in its slot); the data lives in src/store/.
import '../../src/ui/options.css';
import { getSettings, resetSettings, updateSettings, watchSettings } from '../../src/store/settings';
import {
  addStory,
  getStories,
  getStory,
  listStories,
  removeStory,
  renameStory,
  replaceStory,
  setStoryEnabled,
  storyProblems,
  StoryStoreError,
  undoEdit,
  undoRemove,
  watchStories,
} from '../../src/store/stories';
import { clearTrail, listTrail, trailItem } from '../../src/store/trail';
import { backupFileName, exportBackup, importBackup, MAX_BACKUP_BYTES } from '../../src/store/backup';
import { getSyncStatus, watchSyncStatus } from '../../src/store/sync';
import { PackError } from '../../src/story/schema';
import { clearStoryDraft, MAX_DRAFT_CHARS, readStoryDraft } from '../../src/store/story-draft';
import { mountOptions } from '../../src/ui/options';
import type { StoryListDeps } from '../../src/ui/options-stories';
import { mountAddStory, type AddStoryDeps } from '../../src/ui/add-story';
import { workerExtract } from '../../src/ui/add-story-worker';
import { applyTheme } from '../../src/ui/theme';
import { t } from '../../src/ui/i18n';

const root = document.getElementById('options')!;
document.title = t('optionsTitle');

// the theme first, so the page does not flash the other one
void getSettings().then((s) => applyTheme(document, s.theme));

const addStoryDeps: AddStoryDeps = {
  extract: workerExtract,
  maxChars: MAX_DRAFT_CHARS,
  readDraft: readStoryDraft,
  clearDraft: clearStoryDraft,
  async takenIds() {
    const stories = await getStories();
    return { packs: stories.map((s) => s.id), entities: stories.flatMap((s) => s.pack.entities.map((e) => e.id)) };
  },
  async followedEntities() {
    const stories = (await getStories()).filter((s) => s.enabled);
    return stories.flatMap((s) => s.pack.entities.map((e) => ({ name: e.name, names: e.names.map((n) => n.text) })));
  },
  async save(pack) {
    try {
      const info = await addStory(pack);
      return { ok: true, title: info.title, entityCount: info.entityCount };
    } catch (err) {
      return refusal(err);
    }
  },
};

/** A store refusal as problems the review screen lists; anything else is a bug and throws. */
function refusal(err: unknown): { ok: false; problems: string[] } {
  if (err instanceof PackError) return { ok: false, problems: err.problems };
  if (err instanceof StoryStoreError) return { ok: false, problems: [err.message] };
  throw err;
}

const storyEditDeps: NonNullable<StoryListDeps['edit']> = {
  getStory,
  async otherEntityIds(id) {
    return (await getStories()).filter((s) => s.id !== id).flatMap((s) => s.pack.entities.map((e) => e.id));
  },
  async replace(id, pack) {
    try {
      return { ok: true, title: (await replaceStory(id, pack)).title };
    } catch (err) {
      return refusal(err);
    }
  },
  undoEdit,
};

void mountOptions(root, {
  getSettings,
  updateSettings,
  resetSettings,
  watchSettings,
  stories: {
    list: listStories,
    setEnabled: setStoryEnabled,
    rename: renameStory,
    remove: removeStory,
    undoRemove,
    watch: (cb) => watchStories(() => cb()),
    problems: storyProblems,
    edit: storyEditDeps,
  },
  trail: {
    count: async () => (await listTrail()).length,
    clear: clearTrail,
    watch: (cb) => trailItem.watch(() => cb()),
  },
  syncStatus: { get: getSyncStatus, watch: watchSyncStatus },
  exportBackup: () => exportBackup(),
  backupFileName: () => backupFileName(),
  importBackup: (text, bytes) => importBackup(text, bytes),
  maxBackupBytes: MAX_BACKUP_BYTES,
  mountAddStory: (container) => void mountAddStory(container, addStoryDeps),
}).then(() => {
  // the popup's "Follow this story" opens options.html#add-story
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
});
