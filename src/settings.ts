/**
 * Every stored item, versioned, with migrations (WXT storage.defineItem).
 * Stored user data outlives every release: its shape is a public format, and
 * tests/unit/settings migrates a stored fixture of every earlier version.
 * Whatever is read back is validated before use (a content script in Chrome
 * can write storage.local; a hand-edited profile can hold anything).
 */
import { storage } from '#imports';
import { z } from 'zod';
import { ENTITY_TYPES } from './story/schema';

/** Mail, banking and password managers: pages a reader never wants read. Editable. */
export const DEFAULT_NEVER_RUN_ON = [
  'mail.google.com',
  'outlook.live.com',
  'outlook.office.com',
  'mail.yahoo.com',
  'mail.proton.me',
  '*.bank',
  '*bank*.*',
  'paypal.com',
  '1password.com',
  'bitwarden.com',
  'lastpass.com',
  'dashlane.com',
];

export const SettingsSchema = z.object({
  enabled: z.boolean(),
  /** host patterns ("example.com", "*.example.com", "*bank*.*") where Story Lens never runs */
  neverRunOn: z.array(z.string().max(253)).max(500),
  /** when not empty, Story Lens runs only on these host patterns */
  onlyRunOn: z.array(z.string().max(253)).max(500),
  types: z.object(Object.fromEntries(ENTITY_TYPES.map((t) => [t, z.boolean()])) as Record<(typeof ENTITY_TYPES)[number], z.ZodBoolean>),
  highlightStyle: z.enum(['underline', 'tint', 'none']),
  /** delay before a card opens on hover, in ms */
  cardDelayMs: z.number().int().min(0).max(5000),
  cardDetail: z.enum(['compact', 'full']),
  theme: z.enum(['system', 'light', 'dark']),
  /** report role mentions ("the Russian president") */
  roleMentions: z.boolean(),
  /** sync these preferences (never stories or the trail) through storage.sync */
  syncSettings: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  neverRunOn: DEFAULT_NEVER_RUN_ON,
  onlyRunOn: [],
  types: { person: true, place: true, organization: true },
  highlightStyle: 'underline',
  cardDelayMs: 500,
  cardDetail: 'full',
  theme: 'system',
  roleMentions: false,
  syncSettings: false,
};

export const SETTINGS_VERSION = 1;

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
});

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
  return out as Settings;
}
