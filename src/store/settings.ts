/**
 * The reader's settings (`local:settings`), versioned, with migrations (WXT
 * storage.defineItem). Every other stored item has its own file in src/store;
 * all of them write through src/store/write-queue.ts.
 * Stored user data outlives every release: its shape is a public format, and
 * tests/unit/store/settings.test.ts migrates a stored fixture of every earlier version
 * (tests/fixtures/stored/settings-v*.json).
 * Whatever is read back is validated before use (a content script in Chrome
 * can write storage.local; a hand-edited profile can hold anything).
 *
 * Versions:
 * - v1: enabled, neverRunOn, onlyRunOn, types, highlightStyle, cardDelayMs,
 *   cardDetail, theme, roleMentions, syncSettings.
 * - v2: + keepTrail (the reader can stop Story Lens keeping a trail of the
 *   pages that mention the story; on, as v1 always kept it).
 * - v3: + markEverywhere (mark the stories' names on every page, as v2 always
 *   did; off: only on pages that are coverage of a story).
 */
import { storage } from '#imports';
import { z } from 'zod';
import { ENTITY_TYPES } from '../core/pack';
import {
  CARD_DETAILS,
  DEFAULT_SETTINGS,
  HIGHLIGHT_STYLES,
  MAX_CARD_DELAY_MS,
  MAX_SITE_PATTERN_LENGTH,
  MAX_SITE_PATTERNS,
  THEMES,
  type Settings,
} from '../core/settings';
import { queueWrite } from './write-queue';

const sitePatterns = z.array(z.string().max(MAX_SITE_PATTERN_LENGTH)).max(MAX_SITE_PATTERNS);
const types = z.object(
  Object.fromEntries(ENTITY_TYPES.map((t) => [t, z.boolean()])) as Record<(typeof ENTITY_TYPES)[number], z.ZodBoolean>,
);

// Validates into the core's plain Settings (src/core/settings.ts).
export const SettingsSchema = z.object({
  enabled: z.boolean(),
  /** host patterns ("example.com", "*.example.com", "*bank*.*") where Story Lens never runs */
  neverRunOn: sitePatterns,
  /** when not empty, Story Lens runs only on these host patterns */
  onlyRunOn: sitePatterns,
  types,
  highlightStyle: z.enum(HIGHLIGHT_STYLES),
  /** delay before a card opens on hover, in ms */
  cardDelayMs: z.number().int().min(0).max(MAX_CARD_DELAY_MS),
  cardDetail: z.enum(CARD_DETAILS),
  theme: z.enum(THEMES),
  /** report role mentions ("the Russian president") */
  roleMentions: z.boolean(),
  /** sync these preferences (never stories or the trail) through storage.sync */
  syncSettings: z.boolean(),
  /** keep a trail of the pages that mention a story (never from private windows) */
  keepTrail: z.boolean(),
  /** mark the stories' names on every page, not only on pages that are coverage of a story */
  markEverywhere: z.boolean(),
});
// The schema validates into exactly the core's plain Settings: either drifting from the other fails the type check.
const sameShape: [z.infer<typeof SettingsSchema>] extends [Settings]
  ? [Settings] extends [z.infer<typeof SettingsSchema>]
    ? true
    : false
  : false = true;
void sameShape;

export { DEFAULT_SETTINGS, type Settings };

export const SETTINGS_VERSION = 3;
export const SETTINGS_KEY = 'local:settings' as const;

/** version → function from the previous version's value to this one's (WXT runs them in order). */
const SETTINGS_MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  2: (v1) => ({ ...v1, keepTrail: true }),
  // off: a profile upgraded to quiet pages gets them, as a new one does (the issue asks it of every reader)
  3: (v2) => ({ ...v2, markEverywhere: false }),
};

/** Runs the migrations from `fromVersion` up to the current one (used for imported backups too). */
export function migrateSettings(raw: unknown, fromVersion: number): unknown {
  let value = raw;
  for (let v = fromVersion + 1; v <= SETTINGS_VERSION; v++) {
    if (value && typeof value === 'object' && !Array.isArray(value))
      value = SETTINGS_MIGRATIONS[v]?.(value as Record<string, unknown>) ?? value;
  }
  return value;
}

/** Defines the stored item (a fresh definition runs the migrations again: tests use it). */
export function defineSettingsItem() {
  return storage.defineItem<Settings>(SETTINGS_KEY, {
    fallback: DEFAULT_SETTINGS,
    version: SETTINGS_VERSION,
    migrations: SETTINGS_MIGRATIONS,
  });
}

export const settingsItem = defineSettingsItem();

/** Reads settings, falling back field by field to defaults for anything invalid. */
export function sanitizeSettings(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (raw && typeof raw === 'object') {
    for (const [k, schema] of Object.entries(SettingsSchema.shape)) {
      const v = (schema as z.ZodType).safeParse((raw as Record<string, unknown>)[k]);
      if (v.success) out[k] = v.data;
    }
  }
  return out as unknown as Settings;
}

/** The stored settings, validated. */
export async function getSettings(): Promise<Settings> {
  return sanitizeSettings(await settingsItem.getValue());
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n- ${problems.join('\n- ')}`);
    this.name = 'SettingsError';
  }
}

/**
 * A settings value checked: the valid Settings (a fresh object of their fields
 * only: extra keys, an own `__proto__` key or any other junk stays behind), or
 * its problems, one line per field.
 */
export function checkSettings(raw: unknown): { ok: true; settings: Settings } | { ok: false; problems: string[] } {
  const r = SettingsSchema.safeParse(raw);
  if (r.success) return { ok: true, settings: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => `settings field ${i.path.join('.') || '(the settings themselves)'}: ${i.message}`),
  };
}

/** Changes some settings at once (validated; nothing is written when the result is invalid). */
export function updateSettings(patch: Partial<Settings> | ((s: Settings) => Partial<Settings>)): Promise<Settings> {
  return queueWrite(async () => {
    const current = await getSettings();
    const checked = checkSettings({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) });
    if (!checked.ok) throw new SettingsError(checked.problems);
    await settingsItem.setValue(checked.settings);
    return checked.settings;
  });
}

/** Back to the defaults (stories and the trail are not settings and stay). */
export function resetSettings(): Promise<Settings> {
  return updateSettings(() => structuredClone(DEFAULT_SETTINGS));
}

/** Calls `cb` with the validated settings whenever they change (in any context). */
export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem.watch((raw) => cb(sanitizeSettings(raw)));
}
