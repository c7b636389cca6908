/**
 * The background (MV3 service worker; Firefox event page): owns the knowledge
 * base and answers the other contexts. Every listener is registered
 * synchronously when the worker starts, so an event that wakes a stopped
 * worker finds its listener; all state that matters is in storage and read
 * back on demand (src/background/knowledge.ts).
 */
import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../messaging';
import { getSettings, sanitizeSettings, updateSettings, type Settings } from '../store/settings';
import { ensureBundledStory } from '../store/stories';
import { createHandlers, relayCommand } from './handlers';
import { KnowledgeBase, tabUpdateFor } from './knowledge';
import { joinSync, pushSettings, adoptSynced } from './sync';
import { closeStorageToContentScripts, tellTabs } from './storage-access';

const BADGE_COLOR = '#4b2fa3';

function badgeApi() {
  // MV3 has `action`; a Firefox MV2 build would have `browserAction`
  return browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
}

export function startBackground(): void {
  const kb = new KnowledgeBase();
  const extension = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const handlers = createHandlers({
    kb,
    extension,
    setBadge: async (tabId, text) => {
      await badgeApi()?.setBadgeText({ tabId, text });
    },
    setupChanged: (tabId) => sendMessage('setupChanged', undefined, tabId),
  });

  // --- the knowledge base: seeded on install and on any start where it is missing
  browser.runtime.onInstalled.addListener(() => {
    void ensureBundledStory().then(() => kb.invalidate());
  });
  void ensureBundledStory().catch((e) => console.error('Story Lens: could not seed the bundled story', e));
  void badgeApi()?.setBadgeBackgroundColor({ color: BADGE_COLOR });

  // --- storage changed (options page, popup, import, another browser through sync): the tabs are told
  // a new look to apply in place, or to ask for their setup again (tabUpdateFor decides from SETTING_EFFECTS)
  void closeStorageToContentScripts();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ('settings' in changes || 'stories' in changes)) {
      kb.invalidate();
      void tellTabs(tabUpdateFor(changes));
    }
    if (area === 'local' && 'settings' in changes) void onLocalSettings(changes.settings.oldValue, changes.settings.newValue);
    if (area === 'sync' && 'settings' in changes) void onSyncedSettings(changes.settings.newValue);
  });

  async function onLocalSettings(oldRaw: unknown, newRaw: unknown) {
    if (newRaw == null) return;
    const next = sanitizeSettings(newRaw);
    if (!next.syncSettings) return;
    const was = oldRaw == null ? false : sanitizeSettings(oldRaw).syncSettings;
    if (!was) {
      const adopted = await joinSync(next);
      if (adopted) await updateSettings(adopted);
      return;
    }
    // one push for a burst of changes (storage.sync allows 120 writes a minute); the worker stays up 30 s after an event
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => void getSettings().then((s) => (s.syncSettings ? pushSettings(s) : undefined)), 1000);
  }
  let pushTimer: ReturnType<typeof setTimeout> | undefined;

  async function onSyncedSettings(raw: unknown) {
    const local: Settings = await getSettings();
    if (!local.syncSettings) return;
    const adopted = adoptSynced(local, raw);
    if (adopted) await updateSettings(adopted);
  }

  // --- the protocol (every message through the guard)
  onMessage('getPageSetup', (m) => handlers.getPageSetup(m.data, m.sender));
  onMessage('getCard', (m) => handlers.getCard(m.data, m.sender));
  onMessage('reportPage', (m) => handlers.reportPage(m.data, m.sender));
  onMessage('setSiteEnabled', (m) => handlers.setSiteEnabled(m.data, m.sender));
  onMessage('markPageAnyway', (m) => handlers.markPageAnyway(m.data, m.sender));

  // --- "mark this page anyway" lasts while the tab stays on its page (the URL is seen where the browser shows it)
  browser.tabs.onRemoved.addListener((tabId) => void handlers.tabClosed(tabId).catch(() => undefined));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void handlers.tabMoved(tabId, change.url).catch(() => undefined);
  });

  // --- keyboard: step through the page's mentions (WXT commands → the active tab)
  browser.commands?.onCommand.addListener((command, tab) => {
    void relayCommand(command, tab?.id, {
      activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
      step: (tabId, direction) => sendMessage('stepMention', { direction }, tabId),
    });
  });
}
