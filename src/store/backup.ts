/**
 * Export and import of stories and settings as one JSON file.
 *
 * Import validates EVERYTHING before it writes anything: the size, the JSON,
 * the file's envelope, the settings (migrated from the version that wrote
 * them) and every story pack. A file with any problem is refused with the
 * list of problems and storage is left as it was; a valid one is written in a
 * single storage.local.set, so a reader never ends up with half an import.
 * Imported text stays data: it is only ever shown with textContent.
 *
 * What is written is the validated value only: the settings and stories as
 * their schemas read them, never the file's objects (extra keys, an own
 * `__proto__` key or megabytes of junk stay behind). A write the browser
 * refuses (its storage full) is reported in words, like any problem.
 *
 * Stories are merged: an imported story replaces the stored one with the same
 * id, others are added, stories not in the file stay. The bundled story is
 * exported without its content (the extension ships it): only its title and
 * switch travel.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { SETTINGS_KEY, SETTINGS_VERSION, checkSettings, getSettings, migrateSettings, type Settings } from './settings';
import {
  MAX_STORIES,
  MAX_TITLE_LENGTH,
  STORIES_KEY,
  getStories,
  storiesForQueuedWrite,
  storiesTooBig,
  validateStoredStory,
  type StoredStory,
} from './stories';
import { queueWrite } from './write-queue';
import { BUNDLED_PACK_ID } from '../story/bundled';
import { safeParsePack } from '../story/schema';

const BACKUP_FORMAT = 'story-lens/backup';
const BACKUP_FORMAT_VERSION = 1;
/** Largest file an import reads (a story pack is a few hundred KB). */
export const MAX_BACKUP_BYTES = 5 * 1024 * 1024;

interface BackupStory {
  id: string;
  title: string;
  enabled: boolean;
  bundled: boolean;
  addedAt: string;
  /** absent for the bundled story */
  pack?: unknown;
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  exportedAt: string;
  settingsVersion: number;
  settings: Settings;
  stories: BackupStory[];
}

export async function exportBackup(now = new Date()): Promise<BackupFile> {
  const [settings, stories] = await Promise.all([getSettings(), getStories()]);
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    settingsVersion: SETTINGS_VERSION,
    settings,
    stories: stories.map((s) => ({
      id: s.id,
      title: s.title,
      enabled: s.enabled,
      bundled: s.bundled,
      addedAt: s.addedAt,
      ...(s.bundled ? {} : { pack: s.pack }),
    })),
  };
}

/** "story-lens-2026-11-27.json" */
export function backupFileName(now = new Date()): string {
  return `story-lens-${now.toISOString().slice(0, 10)}.json`;
}

const Envelope = z.object({
  format: z.literal(BACKUP_FORMAT, { message: `expected "${BACKUP_FORMAT}": this is not a Story Lens export` }),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION, { message: `expected ${BACKUP_FORMAT_VERSION}: made by another version of Story Lens` }),
  exportedAt: z.string().max(40).optional(),
  settingsVersion: z
    .number()
    .int()
    .min(1)
    .max(SETTINGS_VERSION, { message: `settings from a newer Story Lens (this one reads up to version ${SETTINGS_VERSION})` }),
  settings: z.unknown(),
  stories: z.array(z.unknown()).max(MAX_STORIES, { message: `at most ${MAX_STORIES} stories` }),
});

const StoryEnvelope = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id')
    .max(80),
  title: z.string().trim().min(1, 'must not be empty').max(MAX_TITLE_LENGTH),
  enabled: z.boolean(),
  bundled: z.boolean(),
  addedAt: z.string().max(40).optional(),
  pack: z.unknown().optional(),
});

interface ParsedBackup {
  settings: Settings;
  stories: StoredStory[];
  /** the bundled story's title and switch, when the file has them */
  bundled?: { title: string; enabled: boolean };
}

export type ImportResult = { ok: true; backup: ParsedBackup } | { ok: false; problems: string[] };

const issueLines = (prefix: string, issues: z.core.$ZodIssue[]) =>
  issues.map((i) => `${prefix}${i.path.length ? `field ${i.path.join('.')}: ` : ''}${i.message}`);

/** A story's label in a problem ("story #2 "Chip summit""), quoted as text. */
function storyLabel(i: number, raw: unknown): string {
  const t = (raw as { title?: unknown })?.title;
  return `story #${i + 1}${typeof t === 'string' ? ` "${t.slice(0, 60)}"` : ''}`;
}

/** Validates a backup file's text; nothing is written. */
export function parseBackup(text: string, byteLength = new TextEncoder().encode(text).length): ImportResult {
  if (byteLength > MAX_BACKUP_BYTES) {
    return {
      ok: false,
      problems: [
        `the file is ${(byteLength / 1024 / 1024).toFixed(1)} MB; the most Story Lens reads is ${MAX_BACKUP_BYTES / 1024 / 1024} MB`,
      ],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`the file is not JSON (${(e as Error).message})`] };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, problems: ['the file is not a Story Lens export (expected a JSON object)'] };
  const env = Envelope.safeParse(json);
  if (!env.success) return { ok: false, problems: issueLines('', env.error.issues) };

  const problems: string[] = [];
  const settings = checkSettings(migrateSettings(env.data.settings, env.data.settingsVersion));
  if (!settings.ok) problems.push(...settings.problems);

  const stories: StoredStory[] = [];
  let bundled: ParsedBackup['bundled'];
  const ids = new Set<string>();
  env.data.stories.forEach((raw, i) => {
    const label = storyLabel(i, raw);
    const s = StoryEnvelope.safeParse(raw);
    if (!s.success) {
      problems.push(...issueLines(`${label}: `, s.error.issues));
      return;
    }
    if (ids.has(s.data.id)) {
      problems.push(`${label}: the id "${s.data.id}" is used twice`);
      return;
    }
    ids.add(s.data.id);
    if (s.data.bundled) {
      if (s.data.id !== BUNDLED_PACK_ID) problems.push(`${label}: marked as the bundled story, which is "${BUNDLED_PACK_ID}"`);
      else bundled = { title: s.data.title, enabled: s.data.enabled };
      return;
    }
    if (s.data.id === BUNDLED_PACK_ID) {
      problems.push(`${label}: the id "${BUNDLED_PACK_ID}" belongs to the bundled story`);
      return;
    }
    const pack = safeParsePack(s.data.pack);
    if (!pack.ok) {
      problems.push(...pack.problems.map((p) => `${label}: ${p}`));
      return;
    }
    const v = validateStoredStory({ ...s.data, addedAt: s.data.addedAt ?? new Date().toISOString(), pack: pack.pack });
    if (!v.story) problems.push(...v.problems.map((p) => `${label}: ${p}`));
    else stories.push(v.story);
  });

  if (problems.length || !settings.ok) return { ok: false, problems };
  return { ok: true, backup: { settings: settings.settings, stories, bundled } };
}

/**
 * Writes a parsed backup: settings replaced, stories merged, in one
 * storage.local.set. Refuses (writing nothing) when the merge would pass the
 * story limit.
 */
function applyBackup(backup: ParsedBackup): Promise<ApplyResult> {
  return queueWrite(async () => {
    const current = await storiesForQueuedWrite();
    const merged = current.stories.map((s) => ({ ...s }));
    let added = 0;
    let replaced = 0;
    for (const s of backup.stories) {
      const i = merged.findIndex((m) => m.id === s.id);
      if (i >= 0) {
        merged[i] = s;
        replaced++;
      } else {
        merged.push(s);
        added++;
      }
    }
    if (backup.bundled) {
      const b = merged.find((s) => s.bundled);
      if (b) Object.assign(b, { title: backup.bundled.title, enabled: backup.bundled.enabled });
    }
    const tooBig = storiesTooBig(merged);
    if (tooBig) return { ok: false, problems: [`with the stories of this file: ${tooBig}`] };
    const key = (k: string) => k.replace(/^local:/, '');
    // One set: settings, their version meta (so the migrations do not run again) and the stories.
    await browser.storage.local.set({
      [key(SETTINGS_KEY)]: backup.settings,
      [`${key(SETTINGS_KEY)}$`]: { v: SETTINGS_VERSION },
      [key(STORIES_KEY)]: { revision: current.revision + 1, stories: merged },
    });
    return { ok: true, added, replaced };
  });
}

type ApplyResult = { ok: true; added: number; replaced: number } | { ok: false; problems: string[] };

/** A refused write in a reader's words: a full storage says so and what to do about it. */
function writeFailure(error: unknown): string {
  const said = error instanceof Error ? error.message : String(error);
  if (/quota/i.test(said) || (error instanceof Error && error.name === 'QuotaExceededError')) {
    return `there is not enough room left in this browser's storage for Story Lens to keep what the file holds: remove stories you no longer need or clear the reading trail, then import again (the browser said: ${said})`;
  }
  return `the browser could not save what the file holds (it said: ${said})`;
}

/** Validates a file's text and, only when all of it is right, writes it. Every failure comes back as a problem. */
export async function importBackup(text: string, byteLength?: number): Promise<ApplyResult> {
  const parsed = parseBackup(text, byteLength);
  if (!parsed.ok) return parsed;
  try {
    return await applyBackup(parsed.backup);
  } catch (e) {
    return { ok: false, problems: [writeFailure(e)] };
  }
}
