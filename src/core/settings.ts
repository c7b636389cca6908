/**
 * The reader's settings as plain data: their shape, defaults and limits.
 * The stored item, its schema and migrations live in src/store/settings.ts;
 * the content script reads these without the schema library.
 */
import type { EntityType } from './pack';

export type HighlightStyle = 'underline' | 'tint' | 'none';
export type CardDetail = 'compact' | 'full';
export type Theme = 'system' | 'light' | 'dark';

export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['underline', 'tint', 'none'];
export const CARD_DETAILS: readonly CardDetail[] = ['compact', 'full'];
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export interface Settings {
  enabled: boolean;
  /** host patterns ("example.com", "*.example.com", "*bank*.*") where Story Lens never runs */
  neverRunOn: string[];
  /** when not empty, Story Lens runs only on these host patterns */
  onlyRunOn: string[];
  types: Record<EntityType, boolean>;
  highlightStyle: HighlightStyle;
  /** delay before a card opens on hover, in ms */
  cardDelayMs: number;
  cardDetail: CardDetail;
  theme: Theme;
  /** report role mentions ("the Russian president") */
  roleMentions: boolean;
  /** sync these preferences (never stories or the trail) through storage.sync */
  syncSettings: boolean;
  /** keep a trail of the pages that mention a story (never from private windows) */
  keepTrail: boolean;
  /** mark the stories' names on every page, not only on pages that are coverage of a story */
  markEverywhere: boolean;
}

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

export const MAX_SITE_PATTERNS = 500;
export const MAX_SITE_PATTERN_LENGTH = 253;
export const MAX_CARD_DELAY_MS = 5000;

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
  keepTrail: true,
  markEverywhere: false,
};

/**
 * What a change of each setting asks of the open tabs, decided here and nowhere else:
 * - 'find': what is found or marked changes: every tab asks for its setup again; where the matcher
 *   changed, the background rebuilds it and the tab rescans (a change of the stories is one too);
 * - 'show': how mentions are shown or kept changes: every tab applies it in place, nothing is found again;
 * - 'run': where Story Lens runs changes: every tab asks whether it still runs;
 * - 'none': no tab is concerned.
 */
export type SettingEffect = 'find' | 'show' | 'run' | 'none';

export const SETTING_EFFECTS = {
  enabled: 'run',
  neverRunOn: 'run',
  onlyRunOn: 'run',
  types: 'find',
  roleMentions: 'find',
  markEverywhere: 'find',
  highlightStyle: 'show',
  cardDelayMs: 'show',
  cardDetail: 'show',
  theme: 'show',
  keepTrail: 'show',
  syncSettings: 'none',
} as const satisfies { readonly [K in keyof Settings]: SettingEffect };

type KeysOf<E extends SettingEffect> = { [K in keyof Settings]: (typeof SETTING_EFFECTS)[K] extends E ? K : never }[keyof Settings];

/** The settings a tab applies in place. */
export type ShowSettings = Pick<Settings, KeysOf<'show'>>;

/** Every setting's key (computed on use: the content script imports this module and needs none of it). */
const settingKeys = () => Object.keys(SETTING_EFFECTS) as (keyof Settings)[];

export function showSettings(settings: Settings): ShowSettings {
  const keys = settingKeys().filter((k): k is KeysOf<'show'> => SETTING_EFFECTS[k] === 'show');
  return Object.fromEntries(keys.map((k) => [k, settings[k]])) as ShowSettings;
}

/** The effects of going from one settings value to the next (empty when nothing changed). */
export function settingsEffects(before: Settings, after: Settings): Set<SettingEffect> {
  const effects = new Set<SettingEffect>();
  for (const key of settingKeys()) if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) effects.add(SETTING_EFFECTS[key]);
  return effects;
}
