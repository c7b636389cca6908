/**
 * What the popup shows of a page, as pure data (tested in Node,
 * tests/unit/ui/popup-model): which of the story's entities the page mentions
 * and how often, which key people and places it leaves out, and the coverage
 * meter. Key entities are the people and places the story's own article
 * names (fromArticle), of the types the reader has switched on: namesakes and
 * organizations are listed when found but never count against a page.
 */
import type { Settings } from '../core/settings';
import { hostMatches } from '../store/site-rules';
import type { EntityType, StoryPack } from '../core/pack';
import { t } from './i18n';

export interface CoverageEntity {
  id: string;
  name: string;
  type: EntityType;
  /** mentions on the page (0 for a missing key entity) */
  count: number;
  /** one of the story's key people and places */
  key: boolean;
  /** title of the story it comes from */
  story: string;
}

export interface Coverage {
  /** entities the page mentions, most mentioned first */
  found: CoverageEntity[];
  /** key people and places the page leaves out, people first, in story order */
  missing: CoverageEntity[];
  /** key people and places the page mentions, of how many */
  keyFound: number;
  keyTotal: number;
  /** keyFound / keyTotal, 0 when there is nothing to cover */
  share: number;
  /** total mentions on the page */
  mentions: number;
}

const TYPE_ORDER: Record<EntityType, number> = { person: 0, place: 1, organization: 2 };

export function coverageModel(
  packs: StoryPack[],
  counts: Record<string, number>,
  types: Record<EntityType, boolean> = { person: true, place: true, organization: true },
): Coverage {
  const known = new Map<string, CoverageEntity>();
  for (const pack of packs) {
    for (const e of pack.entities) {
      if (known.has(e.id)) continue;
      const key = e.fromArticle && (e.type === 'person' || e.type === 'place') && types[e.type];
      known.set(e.id, { id: e.id, name: e.name, type: e.type, count: Math.max(0, Math.floor(counts[e.id] ?? 0)), key, story: pack.title });
    }
  }
  const found: CoverageEntity[] = [];
  for (const [id, raw] of Object.entries(counts)) {
    const count = Math.floor(raw);
    if (!(count > 0)) continue;
    const entity = known.get(id);
    // An id no enabled story knows (a story switched off since the page was read) is left out.
    if (entity) found.push({ ...entity, count });
  }
  found.sort((a, b) => b.count - a.count || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.name.localeCompare(b.name));
  const keys = [...known.values()].filter((e) => e.key);
  const missing = keys.filter((e) => e.count === 0).sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type]);
  const keyFound = keys.length - missing.length;
  return {
    found,
    missing,
    keyFound,
    keyTotal: keys.length,
    share: keys.length ? keyFound / keys.length : 0,
    mentions: found.reduce((n, e) => n + e.count, 0),
  };
}

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
  const byReader = settings.neverRunOn.some((p) => p.trim().toLowerCase() === host.toLowerCase());
  if (settings.neverRunOn.some((p) => hostMatches(p, host))) return { kind: 'off-site', host, byReader };
  if (settings.onlyRunOn.length && !settings.onlyRunOn.some((p) => hostMatches(p, host)))
    return { kind: 'off-site', host, byReader: false };
  return null;
}
