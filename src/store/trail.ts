/**
 * The reader's trail: pages they read that are coverage of a story (never a
 * page marked only because the reader asked, or by the every-page setting),
 * with date, site, title and coverage. Kept locally only (`local:trail`, never synced), capped,
 * never recorded from private windows (the background checks
 * sender.tab.incognito) nor when the reader turned the trail off.
 * The background records (recordTrailVisit); the popup lists and removes.
 *
 * Version 1 (the only one so far): an array of TrailEntry, newest first.
 */
import { storage } from '#imports';
import { z } from 'zod';
import type { StoryPack, EntityType } from '../core/pack';
import { coverageModel } from '../core/coverage';
import { pageOf } from './page-url';
import { queueWrite } from './write-queue';

const TRAIL_KEY = 'local:trail' as const;
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

const TrailEntrySchema = z.object({
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

export const trailItem = storage.defineItem<unknown[]>(TRAIL_KEY, { fallback: [], version: 1 });

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

export function removeTrailEntry(url: string): Promise<void> {
  return queueWrite(async () => {
    const list = await listTrail();
    await trailItem.setValue(list.filter((e) => e.url !== url));
  });
}

export function clearTrail(): Promise<void> {
  return queueWrite(() => trailItem.setValue([]));
}

/** The page URL as the trail keeps it: http(s) only, no fragment; '' otherwise. */
function trailUrl(url: string): string {
  const page = pageOf(url);
  // a parsed URL's href begins with its scheme, in lower case
  return /^https?:/.test(page) ? page.slice(0, 2048) : '';
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
  // the page's coverage of all the stories at once counts each entity once, however many stories name it
  const all = coverageModel(
    packs.map((p) => p.pack),
    report.counts,
    types,
  );
  if (all.found.length === 0) return null;
  const stories: TrailEntry['stories'] = [];
  for (const { pack, title } of packs) {
    const c = coverageModel([pack], report.counts, types);
    if (c.found.length === 0) continue;
    stories.push({ id: pack.id, title: title.slice(0, 300), keyFound: c.keyFound, keyTotal: c.keyTotal, share: c.share });
  }
  return {
    url,
    title: report.title.replace(/\s+/g, ' ').trim().slice(0, 300) || url.slice(0, 300),
    site: new URL(url).hostname,
    visitedAt: now.toISOString(),
    stories,
    entities: all.found.length,
    mentions: all.mentions,
  };
}

/** A tab records at most one page of a site in this time: a person reads a page, a script flipping its URL does not. */
export const TAB_SITE_QUIET_MS = 30_000;
/** The same page reporting the same entities again within this time writes nothing (a page reports on every batch of new content). */
const SAME_REPORT_QUIET_MS = 60_000;

/**
 * The page each tab last started a visit of, by tab and site. Memory is
 * enough: a record is an event, the worker is only stopped after 30 s without
 * one, and by then every window here has passed.
 */
const lastVisit = new Map<string, { url: string; at: number }>();

/** Whether a tab's visit to this page comes too soon after its visit to another page of the site (and notes a new visit). */
function tooSoonInTab(tabId: number, entry: TrailEntry): boolean {
  const at = Date.parse(entry.visitedAt);
  for (const [k, v] of lastVisit) if (Math.abs(at - v.at) >= TAB_SITE_QUIET_MS) lastVisit.delete(k);
  const key = `${tabId} ${entry.site}`;
  const last = lastVisit.get(key);
  if (last?.url === entry.url) return false;
  if (last) return true;
  lastVisit.set(key, { url: entry.url, at });
  return false;
}

/**
 * Records a visit: one entry per page (a new visit replaces the old one), the
 * oldest dropped past MAX_TRAIL. Returns false when nothing was written:
 * the same page reported the same entities within a minute, or the tab
 * (`tabId`, when known) moved to another page of the same site less than
 * TAB_SITE_QUIET_MS after its last recorded one.
 */
export function recordTrailVisit(entry: TrailEntry, tabId?: number): Promise<boolean> {
  return queueWrite(async () => {
    if (tabId != null && tooSoonInTab(tabId, entry)) return false;
    const list = await listTrail();
    const old = list.find((e) => e.url === entry.url);
    if (
      old &&
      Date.parse(entry.visitedAt) - Date.parse(old.visitedAt) < SAME_REPORT_QUIET_MS &&
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
