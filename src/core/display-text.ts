/**
 * Text from a pack, a page or the reader, made harmless to show: the
 * bidirectional controls that let a name or a title reorder the text around
 * it (issue 13: after U+202E, "right-to-left override", a title reads
 * backwards, and so does the label that follows it) are taken out.
 *
 * Stripped, not shown as a visible mark such as "⟨RLO⟩": what is displayed is
 * read, never copied back into storage, and the reader cannot fix a pack from
 * a card or a list; a mark in the middle of a name is noise there. Where the
 * reader edits (the review screen's fields, the rename field) the raw value stays.
 */

/** Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): never needed in a name or a title. */
const EXPLICIT_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Left-to-right, right-to-left and Arabic letter marks: invisible strong letters. */
const MARKS = /[\u200E\u200F\u061C]/g;

/** The blocks Unicode gives right-to-left direction by default: Hebrew, Arabic, Syriac, Thaana, NKo… and their kin. */
const RTL_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * `s` without bidirectional controls. The marks are kept in text that has
 * right-to-left letters, where they place punctuation and numbers as the
 * writer meant and do nothing those letters could not; in text without any
 * they only disguise a reordering ("1 - 2" shown as "2 - 1"), so they go.
 */
export function displayText(s: string): string {
  const plain = s.replace(EXPLICIT_CONTROLS, '');
  const unmarked = plain.replace(MARKS, '');
  return unmarked !== plain && RTL_SCRIPT.test(unmarked) ? plain : unmarked;
}
