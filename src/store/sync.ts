/**
 * The stored items of "Sync settings across my browsers" (the syncing itself
 * is src/background/sync.ts):
 * - `sync:settings`: the reader's preferences as their browsers share them,
 *   { v: the settings version that wrote them, updatedAt, settings } (never
 *   stories, the trail or the sync switch itself);
 * - `local:syncStatus`: how the last sync went, { ok, message, at }, shown on
 *   the options page.
 * Version 1 of both (the only one so far). Both are read through a schema:
 * another browser, or a content script in Chrome, may have written anything.
 */
import { storage } from '#imports';
import { z } from 'zod';
import type { Settings } from '../core/settings';

export interface SyncPayload {
  v: number;
  updatedAt: string;
  settings: Omit<Settings, 'syncSettings'>;
}

/** The envelope of a synced payload; its settings are migrated and validated by whoever adopts them. */
export const SyncPayloadShape = z.object({
  v: z.number().int().min(1),
  updatedAt: z.string().max(40),
  settings: z.record(z.string(), z.unknown()),
});

export const syncedSettingsItem = storage.defineItem<unknown>('sync:settings', { fallback: null, version: 1 });

export interface SyncStatus {
  ok: boolean;
  message: string;
  at: string;
}

const SyncStatusSchema = z.object({ ok: z.boolean(), message: z.string().max(2000), at: z.string().max(40) });

const syncStatusItem = storage.defineItem<SyncStatus | null>('local:syncStatus', { fallback: null, version: 1 });

const validStatus = (raw: unknown): SyncStatus | null => {
  const parsed = SyncStatusSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};

/** How the last sync went, or null when there was none (or what is stored does not read as a status). */
export async function getSyncStatus(): Promise<SyncStatus | null> {
  return validStatus(await syncStatusItem.getValue());
}

/** Calls `cb` with the status whenever it changes (in any context). */
export function watchSyncStatus(cb: (status: SyncStatus | null) => void): () => void {
  return syncStatusItem.watch((raw) => cb(validStatus(raw)));
}

/** Stores how a sync went. The sync calls it from inside its own queued write (src/store/write-queue.ts), so it does not queue. */
export function storeSyncStatus(status: SyncStatus): Promise<void> {
  return syncStatusItem.setValue(status);
}
