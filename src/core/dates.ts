/**
 * The one date format on screen: "12 September 2023", or "September 2023"
 * for a month. Written in UTC from the ISO date itself, so no time zone shifts
 * the day, and in the interface's locale (the catalogue's `dateLocale`), never
 * the page's, so a date reads the same on every page.
 */

/** "12 September 2023" from "2023-09-12", "September 2023" from "2023-09"; anything else as it is. */
export function formatDate(iso: string | undefined, locale: string): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
  return date.toLocaleDateString(locale, { day: m[3] ? 'numeric' : undefined, month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The reader's own calendar day of a moment ("2026-03-01"), or '' for a date that is not one. */
export function localDay(moment: Date): string {
  if (Number.isNaN(moment.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}
