/**
 * What the popup shows of a page, as pure data (tested in Node,
 * tests/unit/ui/popup-model): its words for mentions and coverage, and
 * why it cannot list a page. The coverage itself is counted in
 * src/core/coverage.ts and where Story Lens runs is decided in
 * src/core/site-rules.ts, the same functions the background uses.
 */
import type { Settings } from '../core/settings';
import type { Coverage } from '../core/coverage';
import { siteBlockedBy } from '../core/site-rules';
import { t } from './i18n';

/** "1 mention" / "3 mentions" */
export function mentionsLabel(n: number): string {
  return n === 1 ? t('mentionsOne', n) : t('mentionsMany', n);
}

/** The meter's words, read by screen readers and shown beside it. */
export function coverageLabel(c: Pick<Coverage, 'keyFound' | 'keyTotal'>): string {
  if (c.keyTotal === 0) return t('popupCoverageNone');
  return t('popupCoverageLabel', c.keyFound, c.keyTotal, Math.round((100 * c.keyFound) / c.keyTotal));
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
  if (!url) return { ok: false, reason: t('popupCannotReadTab') };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: t('popupCannotReadTab') };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { ok: false, reason: t('popupWebPagesOnly', parsed.protocol.replace(':', '')) };
  if (/^(chrome\.google\.com|chromewebstore\.google\.com|addons\.mozilla\.org)$/.test(parsed.hostname))
    return { ok: false, reason: t('popupAddonStore') };
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
