/**
 * What the popup shows of a page, as pure data (tested in Node,
 * tests/unit/ui/popup-model): its words for mentions, coverage and dates, and
 * why it cannot list a page. The coverage itself is counted in
 * src/core/coverage.ts and where Story Lens runs is decided in
 * src/core/site-rules.ts, the same functions the background uses.
 */
import type { Settings } from '../core/settings';
import type { Coverage } from '../core/coverage';
import { siteBlockedBy } from '../core/site-rules';

/** "1 mention" / "3 mentions" */
export function mentionsLabel(n: number): string {
  return `${n} mention${n === 1 ? '' : 's'}`;
}

/** The meter's words, read by screen readers and shown beside it. */
export function coverageLabel(c: Pick<Coverage, 'keyFound' | 'keyTotal'>): string {
  if (c.keyTotal === 0) return 'The story has no key people or places to cover';
  return `Covers ${c.keyFound} of the story's ${c.keyTotal} key people and places (${Math.round((100 * c.keyFound) / c.keyTotal)}%)`;
}

/** "12 September 2023" from "2023-09-12" (or "September 2023" from "2023-09"), in UTC, without the reader's locale shifting the day. */
export function formatStoryDate(iso: string, locale = 'en-GB'): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
  const opts: Intl.DateTimeFormatOptions = m[3]
    ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, opts).format(date);
}

/** Why the popup cannot list a page's entities, or null when it can. */
export type PageState =
  | { kind: 'unsupported'; reason: string }
  | { kind: 'off' }
  | { kind: 'off-site'; host: string; byReader: boolean }
  | { kind: 'unreachable' }
  | { kind: 'ok'; host: string };

/** Story Lens reads http(s) pages only: the browser keeps its own pages, the stores and PDFs away from extensions. */
export function pageSupport(url: string | undefined): { ok: true; host: string } | { ok: false; reason: string } {
  if (!url) return { ok: false, reason: 'Story Lens cannot read this tab.' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'Story Lens cannot read this tab.' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return {
      ok: false,
      reason: `Story Lens reads web pages only; the browser does not let extensions into ${parsed.protocol.replace(':', '')}: pages.`,
    };
  if (/^(chrome\.google\.com|chromewebstore\.google\.com|addons\.mozilla\.org)$/.test(parsed.hostname))
    return { ok: false, reason: 'The browser does not let extensions read its add-on store.' };
  return { ok: true, host: parsed.hostname };
}

/** Why Story Lens does not run on `host`, or null when it does. */
export function siteOff(settings: Pick<Settings, 'enabled' | 'neverRunOn' | 'onlyRunOn'>, host: string): PageState | null {
  if (!settings.enabled) return { kind: 'off' };
  const blockedBy = siteBlockedBy(settings, host);
  if (blockedBy === 'never-run') {
    const byReader = settings.neverRunOn.some((p) => p.trim().toLowerCase() === host.toLowerCase());
    return { kind: 'off-site', host, byReader };
  }
  if (blockedBy === 'only-run') return { kind: 'off-site', host, byReader: false };
  return null;
}
