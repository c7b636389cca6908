// Wiring only: the view is src/ui/popup.ts.
import '../../src/ui/popup.css';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../src/messaging';
import { getSettings, updateSettings, watchSettings } from '../../src/store/settings';
import { getStories } from '../../src/store/stories';
import { clearTrail, listTrail, removeTrailEntry } from '../../src/store/trail';
import { saveStoryDraft } from '../../src/store/story-draft';
import { mountPopup } from '../../src/ui/popup';
import type { PopupTab } from '../../src/ui/popup-data';
import { applyTheme } from '../../src/ui/theme';
import { t } from '../../src/ui/i18n';

document.title = t('extName');

// Tests open popup.html in a tab and name the page tab they mean with ?tab=<id>.
const tabParam = Number(new URLSearchParams(location.search).get('tab'));
const pinnedTab = Number.isInteger(tabParam) && tabParam > 0 ? tabParam : null;

async function currentTab(): Promise<PopupTab | null> {
  const tab = pinnedTab
    ? await browser.tabs.get(pinnedTab).catch(() => undefined)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id == null ? null : { id: tab.id, url: tab.url, title: tab.title, incognito: tab.incognito };
}

async function openOptions(hash?: string) {
  if (hash) await browser.tabs.create({ url: `${browser.runtime.getURL('/')}options.html#${hash}` });
  else await browser.runtime.openOptionsPage();
  if (!pinnedTab) window.close();
}

void getSettings().then((s) => applyTheme(document, s.theme));
watchSettings((s) => applyTheme(document, s.theme));

void mountPopup(document.getElementById('popup')!, {
  tab: currentTab,
  stories: async () => (await getStories()).filter((s) => s.enabled).map((s) => ({ title: s.title, pack: s.pack })),
  settings: getSettings,
  // the background writes the site lists (one writer, validated)
  setSiteEnabled: (url, enabled) => sendMessage('setSiteEnabled', { url, enabled }),
  setEnabled: (enabled) => updateSettings({ enabled }),
  markPageAnyway: (tabId, url) => sendMessage('markPageAnyway', { tabId, url }),
  pageEntities: (tabId) => sendMessage('getPageEntities', undefined, tabId),
  revealMention: (tabId, entity) => sendMessage('revealMention', { entity, index: 0, openCard: true }, tabId),
  pageHtml: (tabId) => sendMessage('getPageHtml', undefined, tabId),
  followStory: async (article) => {
    await saveStoryDraft({ text: article.text, title: article.title, url: article.url, site: article.site, date: article.date });
    await openOptions('add-story');
  },
  openOptions,
  trail: {
    list: async () =>
      (await listTrail()).map((t) => ({
        key: t.url,
        url: t.url,
        title: t.title,
        site: t.site,
        visitedAt: t.visitedAt,
        keyFound: t.stories.reduce((n, s) => n + s.keyFound, 0),
        keyTotal: t.stories.reduce((n, s) => n + s.keyTotal, 0),
      })),
    remove: removeTrailEntry,
    clear: clearTrail,
  },
  afterReveal: () => {
    if (!pinnedTab) window.close();
  },
  domParser: () => new DOMParser(),
});
