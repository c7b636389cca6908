/**
 * Answers the popup's `getPageHtml` ("Follow this story"): the page's HTML as
 * it is now. Readability runs in the popup on an inert copy (DOMParser), so
 * the content script neither grows by Readability's size nor touches the
 * page's DOM.
 */
import type { PageContext } from '../context';
import { onMessage, type PageHtml } from '../../messaging';

/** Past this the page is not an article a reader follows; the popup says so. */
export const PAGE_HTML_LIMIT = 5_000_000;

export function pageHtml(doc: Document): PageHtml {
  const html = doc.documentElement?.outerHTML ?? '';
  return {
    html: html.length > PAGE_HTML_LIMIT ? html.slice(0, PAGE_HTML_LIMIT) : html,
    url: doc.location?.href ?? '',
    title: doc.title,
    truncated: html.length > PAGE_HTML_LIMIT,
  };
}

export function startPageHtml(ctx: PageContext, doc: Document): void {
  const remove = onMessage('getPageHtml', () => pageHtml(doc));
  ctx.onInvalidated(remove);
}
