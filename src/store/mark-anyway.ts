/**
 * "Mark names on this page anyway": the pages, one per tab, where the reader
 * asked from the popup that a page which is not about any story be marked all
 * the same. Kept in storage.session (`session:markAnyway`): it survives a
 * stopped service worker, not a browser restart, and is never written to disk
 * with the profile. The background drops a tab's page when the tab closes or
 * goes to another page (src/background/handlers.ts).
 *
 * A page is its URL without the #fragment: a reload, or a jump within the
 * page, is the same page.
 */
import { storage } from '#imports';
import { z } from 'zod';
import { pageOf } from './page-url';
import { queueWrite } from './write-queue';

export const MARK_ANYWAY_KEY = 'session:markAnyway' as const;
/** more tabs than a reader keeps open; the oldest request goes first */
const MAX_PAGES = 200;

const AnywaySchema = z.array(z.object({ tabId: z.number().int().min(0), page: z.string().max(8192) })).max(MAX_PAGES);
type AnywayPages = z.infer<typeof AnywaySchema>;

async function read(): Promise<AnywayPages> {
  const parsed = AnywaySchema.safeParse(await storage.getItem(MARK_ANYWAY_KEY).catch(() => null));
  return parsed.success ? parsed.data : [];
}

/** The page the reader asked to mark anyway in this tab, or null. */
export async function markedAnywayPage(tabId: number): Promise<string | null> {
  return (await read()).find((p) => p.tabId === tabId)?.page ?? null;
}

/** Marks this tab's page anyway (replacing an earlier page of the tab). */
export function setMarkAnyway(tabId: number, url: string): Promise<void> {
  return queueWrite(async () => {
    const rest = (await read()).filter((p) => p.tabId !== tabId);
    await storage.setItem(MARK_ANYWAY_KEY, [...rest, { tabId, page: pageOf(url) }].slice(-MAX_PAGES));
  });
}

/** Forgets the tab's page; true when there was one. */
export function clearMarkAnyway(tabId: number): Promise<boolean> {
  return queueWrite(async () => {
    const all = await read();
    const rest = all.filter((p) => p.tabId !== tabId);
    if (rest.length === all.length) return false;
    await storage.setItem(MARK_ANYWAY_KEY, rest);
    return true;
  });
}
