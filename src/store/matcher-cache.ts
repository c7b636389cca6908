/**
 * The compiled matcher, cached in storage.session: it survives a stopped
 * service worker (a woken one does not compile again) but not a browser
 * restart. Keyed by what shaped it; a cache only, so a failed read or write
 * costs a compile, nothing more.
 */
import { storage } from '#imports';
import { MATCHER_FORMAT, type CompiledMatcher } from '../core/matcher';
import { queueWrite } from './write-queue';

export const MATCHER_CACHE_KEY = 'session:matcherCache' as const;

export interface CachedMatcher {
  key: string;
  matcher: CompiledMatcher;
}

/** The cached matcher compiled for `key` in this matcher format, or null. */
export async function readCachedMatcher(key: string): Promise<CachedMatcher | null> {
  const stored = await storage.getItem<CachedMatcher>(MATCHER_CACHE_KEY).catch(() => null);
  return stored && stored.key === key && stored.matcher?.formatVersion === MATCHER_FORMAT ? stored : null;
}

export function writeCachedMatcher(entry: CachedMatcher): Promise<void> {
  return queueWrite(() => storage.setItem(MATCHER_CACHE_KEY, entry)).catch(() => undefined);
}
