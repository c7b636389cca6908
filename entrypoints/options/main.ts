// Wiring only: the view is src/ui/options.ts, the data lives in src/settings.ts and src/store/.
import '../../src/ui/options.css';
import { getSettings, resetSettings, updateSettings, watchSettings } from '../../src/store/settings';
import { listStories, removeStory, renameStory, setStoryEnabled, storyProblems, undoRemove, watchStories } from '../../src/store/stories';
import { clearTrail, listTrail, trailItem } from '../../src/store/trail';
import { backupFileName, exportBackup, importBackup } from '../../src/store/backup';
import { getSyncStatus, watchSyncStatus } from '../../src/store/sync';
import { applyTheme, mountOptions } from '../../src/ui/options';
import { mountAddStory } from '../../src/ui/add-story';

const root = document.getElementById('options')!;

// the theme first, so the page does not flash the other one
void getSettings().then((s) => applyTheme(document, s.theme));

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
  mountAddStory: (container) => void mountAddStory(container),
}).then(() => {
  // the popup's "Follow this story" opens options.html#add-story
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
});
