/**
 * "Sync settings across my browsers": when the reader turns it on, their
 * preferences (never stories, never the trail) travel through storage.sync as
 * one item, `sync:settings`.
 *
 * storage.sync allows 8 KB per item and 100 KB in all (Chrome's
 * QUOTA_BYTES_PER_ITEM / QUOTA_BYTES; Firefox the same): the payload is
 * measured before it is written, and a payload too big to sync (a very long
 * site list) is not written; the reason is stored for the options page.
 *
 * Turning sync on in a browser adopts the preferences already synced by the
 * reader's other browsers, if any; otherwise this browser's are pushed. From
 * then on a change on either side is carried to the other. Whether to sync
 * is itself never synced: it is this browser's choice.
 */
import { SETTINGS_VERSION, SettingsSchema, migrateSettings, type Settings } from '../store/settings';
import { SyncPayloadShape, storeSyncStatus, syncedSettingsItem, type SyncPayload, type SyncStatus } from '../store/sync';
import { queueWrite } from '../store/write-queue';

/** storage.sync.QUOTA_BYTES_PER_ITEM */
export const SYNC_ITEM_QUOTA = 8192;

/** Bytes storage.sync counts for an item: its key plus its JSON. */
export function syncBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}

export function toSyncPayload(settings: Settings, now = new Date()): { ok: true; payload: SyncPayload } | { ok: false; message: string } {
  const { syncSettings: _ignored, ...prefs } = settings;
  const payload: SyncPayload = { v: SETTINGS_VERSION, updatedAt: now.toISOString(), settings: prefs };
  const bytes = syncBytes('settings', payload);
  if (bytes > SYNC_ITEM_QUOTA) {
    return {
      ok: false,
      message: `Your settings take ${(bytes / 1024).toFixed(1)} KB; browser sync carries at most 8 KB per item. Shorten the site lists to sync them.`,
    };
  }
  return { ok: true, payload };
}

/**
 * The local settings with synced preferences applied, or null when the synced
 * item is absent, unreadable, from a newer Story Lens, or changes nothing.
 */
export function adoptSynced(local: Settings, raw: unknown): Settings | null {
  const p = SyncPayloadShape.safeParse(raw);
  if (!p.success || p.data.v > SETTINGS_VERSION) return null;
  const migrated = migrateSettings(p.data.settings, p.data.v) as Record<string, unknown>;
  const next = SettingsSchema.safeParse({ ...migrated, syncSettings: local.syncSettings });
  if (!next.success) return null;
  return JSON.stringify(next.data) === JSON.stringify(local) ? null : next.data;
}

/** Same preferences, ignoring when they were written. */
export function samePrefs(a: unknown, b: SyncPayload): boolean {
  const p = SyncPayloadShape.safeParse(a);
  return p.success && p.data.v === b.v && JSON.stringify(p.data.settings) === JSON.stringify(b.settings);
}

/** Pushes the local preferences when they differ from the synced ones. */
export function pushSettings(settings: Settings): Promise<SyncStatus> {
  return queueWrite(() => push(settings));
}

async function push(settings: Settings): Promise<SyncStatus> {
  const at = new Date().toISOString();
  const out = toSyncPayload(settings);
  let status: SyncStatus;
  if (!out.ok) status = { ok: false, message: out.message, at };
  else {
    const current = await syncedSettingsItem.getValue();
    try {
      if (!samePrefs(current, out.payload)) await syncedSettingsItem.setValue(out.payload);
      status = { ok: true, message: 'Settings are synced with your other browsers.', at };
    } catch (e) {
      status = { ok: false, message: `Browser sync refused the settings: ${(e as Error).message}`, at };
    }
  }
  await storeSyncStatus(status);
  return status;
}

/**
 * Sync was just turned on: take what the other browsers synced, or push
 * ours when there is nothing yet. Returns the settings to store locally (null: keep).
 */
export function joinSync(local: Settings): Promise<Settings | null> {
  return queueWrite(async () => {
    const adopted = adoptSynced(local, await syncedSettingsItem.getValue());
    if (adopted) {
      await storeSyncStatus({ ok: true, message: 'Settings from your other browsers were applied.', at: new Date().toISOString() });
      return adopted;
    }
    await push(local);
    return null;
  });
}
