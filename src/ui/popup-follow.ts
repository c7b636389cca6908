/**
 * "Follow this story": the main article of a page (not its navigation,
 * comments or footer), found by @mozilla/readability on an inert copy of the
 * page's HTML (DOMParser runs no script and loads nothing), turned into plain
 * text with a blank line between paragraphs, as the add-story flow expects.
 */
import { Readability } from '@mozilla/readability';
import { PARAGRAPH_TAGS } from '../core/text-blocks';

export interface FollowedArticle {
  title: string;
  text: string;
  url: string;
  site: string;
  /** YYYY-MM-DD when the page says when it was published */
  date?: string;
  excerpt: string;
}

/** Less text than this is a menu or a teaser, not an article to follow. */
export const MIN_ARTICLE_CHARS = 200;

const BLOCKS = PARAGRAPH_TAGS.join(', ');

/** Text of a fragment with a blank line between blocks (innermost blocks only, so nothing repeats). */
export function blockText(root: ParentNode): string {
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  const parts = blocks.map((el) => (el.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim()).filter(Boolean);
  if (parts.length) return parts.join('\n\n');
  return ((root as Element).textContent ?? '').replace(/[ \t\u00a0]+/g, ' ').trim();
}

/**
 * The article in `html` (a page's outerHTML), or null when Readability finds
 * none. `parser` is the window's DOMParser (a test hands happy-dom's).
 */
export function articleFromHtml(html: string, url: string, parser: DOMParser): FollowedArticle | null {
  const doc = parser.parseFromString(html, 'text/html');
  // The serializer hands back the article's node itself: its text is read from the inert
  // document, never turned back into an HTML string.
  const parsed = new Readability<Node>(doc, { charThreshold: 200, serializer: (node) => node }).parse();
  if (!parsed?.content) return null;
  const text = blockText(parsed.content as ParentNode);
  if (text.length < MIN_ARTICLE_CHARS) return null;
  let site = parsed.siteName?.trim() || '';
  try {
    site ||= new URL(url).hostname.replace(/^www\./, '');
  } catch {
    /* no site */
  }
  const date = parsed.publishedTime && /^\d{4}-\d{2}-\d{2}/.test(parsed.publishedTime) ? parsed.publishedTime.slice(0, 10) : undefined;
  return { title: (parsed.title ?? '').trim() || doc.title.trim(), text, url, site, date, excerpt: (parsed.excerpt ?? '').trim() };
}
