/**
 * How much of the enabled stories a page covers, as pure data: which of the
 * stories' entities the page mentions and how often, which key people and
 * places it leaves out, and the share it covers. The popup's list and meter,
 * the toolbar badge and the reading trail all count with this one function.
 * Key entities are the people and places the story's own article names
 * (fromArticle), of the types the reader has switched on: namesakes and
 * organizations are listed when found but never count against a page.
 */
import type { EntityType, StoryPack } from './pack';

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
  /**
   * the found entities of the types the reader has switched on: the toolbar
   * badge's number (a report from before a type was switched off may still
   * name entities of it)
   */
  shownFound: number;
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
      // own keys only: an entity id such as "constructor" must not read Object.prototype
      const raw = Object.hasOwn(counts, e.id) ? counts[e.id] : 0;
      known.set(e.id, { id: e.id, name: e.name, type: e.type, count: Math.max(0, Math.floor(raw)), key, story: pack.title });
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
    shownFound: found.filter((e) => types[e.type]).length,
  };
}
