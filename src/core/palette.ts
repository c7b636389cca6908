/**
 * The one palette of entity types, used by every surface: the highlights on
 * pages, the hover card, the popup and the options page. A type keeps one hue
 * everywhere; each surface takes the shade its background needs.
 *
 * - `light`: on light surfaces (card, popup, options). Text-strength: at least
 *   4.5:1 on white and on the light panels (WCAG AA for the card's type chip).
 * - `dark`: the same on dark surfaces (at least 4.5:1 on the dark panels).
 * - `mark`: the highlight underline on any page, whose theme is unknown: a
 *   mid-tone with 3:1 against both white and near-black (a non-text mark, WCAG 1.4.11).
 * - `tint`: the translucent highlight background; the page's own text colour stays.
 *
 * tests/unit/core/palette.test.ts holds these ratios.
 */
import type { EntityType } from './pack';

export interface TypeColours {
  light: string;
  dark: string;
  mark: string;
  tint: string;
}

export const PALETTE: Record<EntityType, TypeColours> = {
  person: { light: '#5b4bd6', dark: '#a99ff8', mark: '#7c6cf2', tint: 'rgba(124, 108, 242, 0.26)' },
  place: { light: '#0f766e', dark: '#5eead4', mark: '#0e9f8e', tint: 'rgba(14, 159, 142, 0.24)' },
  organization: { light: '#b45309', dark: '#fbbf24', mark: '#d97706', tint: 'rgba(217, 119, 6, 0.26)' },
};
