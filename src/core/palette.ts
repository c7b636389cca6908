/**
 * The one palette of every surface: the highlights on pages, the hover card,
 * the popup and the options page. A type keeps one hue everywhere, and the
 * neutral colours (background, text, muted text) are the same on the card, the
 * popup and the options page's panels; each surface takes the shade its theme
 * needs.
 *
 * - `light`: on light surfaces (card, popup, options). A type's colour is
 *   text-strength: at least 4.5:1 on white and on the light panels (WCAG AA
 *   for the card's type chip).
 * - `dark`: the same on dark surfaces (at least 4.5:1 on the dark panels).
 * - `mark`: the highlight underline on any page, whose theme is unknown: a
 *   mid-tone with 3:1 against both white and near-black (a non-text mark, WCAG 1.4.11).
 * - `tint`: the translucent highlight background; the page's own text colour stays.
 * - `NEUTRALS`: a surface's background `bg`, its text `fg` (at least 7:1 on
 *   it) and its muted text `muted` (at least 4.5:1).
 *
 * tests/unit/core/palette.test.ts holds these ratios.
 */
import type { EntityType } from './pack';

export type ThemeColour = { light: string; dark: string };
export type TypeColours = ThemeColour & { mark: string; tint: string };

export const PALETTE: Record<EntityType, TypeColours> = {
  person: { light: '#5b4bd6', dark: '#a99ff8', mark: '#7c6cf2', tint: 'rgba(124, 108, 242, 0.26)' },
  place: { light: '#0f766e', dark: '#5eead4', mark: '#0e9f8e', tint: 'rgba(14, 159, 142, 0.24)' },
  organization: { light: '#b45309', dark: '#fbbf24', mark: '#d97706', tint: 'rgba(217, 119, 6, 0.26)' },
};

export const NEUTRALS: Record<'bg' | 'fg' | 'muted', ThemeColour> = {
  bg: { light: '#ffffff', dark: '#1c1e22' },
  fg: { light: '#1b1d21', dark: '#eceef1' },
  muted: { light: '#555b66', dark: '#aab0ba' },
};
