/**
 * A page is its URL without the #fragment: a reload, or a jump within the
 * page, is the same page. The trail (trail.ts) and "mark anyway"
 * (mark-anyway.ts) both keep pages this way.
 */

/** The page a URL is: without its #fragment ('' for what is not a URL). */
export function pageOf(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return '';
  }
}
