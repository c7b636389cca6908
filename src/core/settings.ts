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
};
