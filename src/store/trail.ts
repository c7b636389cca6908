/**
 * The reader's trail: pages they read that mention a story, with date, site,
 * title and coverage. Kept locally only (`local:trail`, never synced), capped,
 * never recorded from private windows (the background checks
 * sender.tab.incognito) nor when the reader turned the trail off.
 * The background records (recordTrailVisit); the popup lists and removes.
 */
import { storage } from '#imports';
import { z } from 'zod';
import type { StoryPack, EntityType } from '../core/pack';
import { coverageModel } from '../ui/popup-model';

export const TRAIL_KEY = 'local:trail' as const;
/** Most pages kept; the oldest go first. */
export const MAX_TRAIL = 500;

const TrailStorySchema = z.object({
  /** story (pack) id */
  id: z.string().max(80),
  title: z.string().max(300),
  /** key people and places of the story the page mentions, of how many */
  keyFound: z.number().int().min(0),
  keyTotal: z.number().int().min(0),
  /** keyFound / keyTotal */
  share: z.number().min(0).max(1),
});

export const TrailEntrySchema = z.object({
  /** the page, without its #fragment */
  url: z.string().max(2048),
  title: z.string().max(300),
  /** the page's host ("www.bbc.com") */
  site: z.string().max(253),
  /** ISO date-time of the last visit */
  visitedAt: z.string().max(40),
  stories: z.array(TrailStorySchema).max(60),
  /** distinct story entities the page mentions */
  entities: z.number().int().min(0),
  /** mentions of them in all */
  mentions: z.number().int().min(0),
});
export type TrailEntry = z.infer<typeof TrailEntrySchema>;

export const trailItem = storage.defineItem<unknown[]>(TRAIL_KEY, { fallback: [] });

/** The trail, newest first; entries that do not validate are left out. */
export async function listTrail(): Promise<TrailEntry[]> {
  const raw = await trailItem.getValue();
  if (!Array.isArray(raw)) return [];
  const out: TrailEntry[] = [];
  for (const e of raw.slice(0, MAX_TRAIL)) {
    const v = TrailEntrySchema.safeParse(e);
    if (v.success) out.push(v.data);
  }
  return out.sort((a, b) => (a.visitedAt < b.visitedAt ? 1 : a.visitedAt > b.visitedAt ? -1 : 0));
}

let writing: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const next = writing.then(fn, fn);
  writing = next.catch(() => undefined);
  return next;
}

export function removeTrailEntry(url: string): Promise<void> {
  return serialised(async () => {
    const list = await listTrail();
    await trailItem.setValue(list.filter((e) => e.url !== url));
  });
}

export function clearTrail(): Promise<void> {
  return serialised(() => trailItem.setValue([]));
}

/** The page URL as the trail keeps it: http(s) only, no fragment; '' otherwise. */
export function trailUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    u.hash = '';
    return u.href.slice(0, 2048);
  } catch {
    return '';
  }
}

/**
 * The trail entry for a page report, or null when the page mentions none of
 * the enabled stories' entities.
 */
export function trailEntryFor(
  report: { url: string; title: string; counts: Record<string, number> },
  packs: { pack: StoryPack; title: string }[],
  types: Record<EntityType, boolean>,
  now: Date,
): TrailEntry | null {
  const url = trailUrl(report.url);
  if (!url) return null;
  const stories: TrailEntry['stories'] = [];
  const seen = new Set<string>();
  let mentions = 0;
  for (const { pack, title } of packs) {
    const c = coverageModel([pack], report.counts, types);
    if (c.found.length === 0) continue;
    stories.push({ id: pack.id, title: title.slice(0, 300), keyFound: c.keyFound, keyTotal: c.keyTotal, share: c.share });
    for (const f of c.found) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      mentions += f.count;
    }
  }
  if (stories.length === 0) return null;
  return {
    url,
    title: report.title.replace(/\s+/g, ' ').trim().slice(0, 300) || url.slice(0, 300),
    site: new URL(url).hostname,
    visitedAt: now.toISOString(),
    stories,
    entities: seen.size,
    mentions,
  };
}

/**
 * Records a visit: one entry per page (a new visit replaces the old one), the
 * oldest dropped past MAX_TRAIL. Returns false when nothing was written
 * because the same page reported the same entities within `quietMs` (a page
 * reports again on every batch of new content).
 */
export function recordTrailVisit(entry: TrailEntry, quietMs = 60_000): Promise<boolean> {
  return serialised(async () => {
    const list = await listTrail();
    const old = list.find((e) => e.url === entry.url);
    if (
      old &&
      Date.parse(entry.visitedAt) - Date.parse(old.visitedAt) < quietMs &&
      old.entities === entry.entities &&
      old.mentions === entry.mentions &&
      old.title === entry.title
    ) {
      return false;
    }
    const next = [entry, ...list.filter((e) => e.url !== entry.url)].slice(0, MAX_TRAIL);
    await trailItem.setValue(next);
    return true;
  });
}
