/**
 * The public contract names: user styles, tests and other tools rely on them
 * (README, "Public contracts"). They change only with a new format version.
 */
import type { EntityType } from './pack';

/** The CSS highlight every mention of a type is in: `CSS.highlights.get('story-lens-person')`. */
export const HIGHLIGHT_NAMES: Readonly<Record<EntityType, string>> = {
  person: 'story-lens-person',
  place: 'story-lens-place',
  organization: 'story-lens-organization',
};

/** The hovered or flashed mention: a name outside the three type names. */
export const ACTIVE_HIGHLIGHT = 'story-lens-active';

/** The one element Story Lens adds to a page, present only while a card is shown. */
export const CARD_TAG = 'story-lens-card';
