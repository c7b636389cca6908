/**
 * Stories and settings change only through the extension's own pages. In
 * Chrome, extension storage.local and storage.sync are open to content scripts
 * by default, so a content script running in a compromised page's renderer
 * could write a well-formed story or setting straight into storage, past the
 * message guard. Closing both areas to untrusted contexts makes the guard the
 * only door; content scripts learn of changes through the `setupChanged` and
 * `showChanged` messages instead of storage.onChanged.
 *
 * Firefox has no setAccessLevel for these areas (bug 1724754): there, what is
 * read back is still validated before use (sanitizeSettings, parsePack).
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import type { TabUpdate } from './knowledge';

type AccessLevelArea = { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

export async function closeStorageToContentScripts(): Promise<void> {
  for (const area of [browser.storage.local, browser.storage.sync] as unknown as AccessLevelArea[]) {
    try {
      await area?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
    } catch {
      // older Chrome (before local/sync access levels) or Firefox: validation on read still holds
    }
  }
}

/** Tells every tab's content script what changed (tabUpdateFor). Tabs without one are skipped. */
export async function tellTabs(update: TabUpdate): Promise<void> {
  if (!update) return;
  const send = (tabId: number) =>
    update.message === 'showChanged' ? sendMessage('showChanged', update.show, tabId) : sendMessage('setupChanged', undefined, tabId);
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id == null ? undefined : send(t.id).catch(() => undefined))));
}
