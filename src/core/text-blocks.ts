/**
 * Which HTML elements hold readable text, and where a block of it ends: the
 * one home of these tag lists. The text collector (src/page/collect-text.ts)
 * reads by them, the page's change handling decides what to read again by
 * them, and "Follow this story" (src/ui/popup-follow.ts) cuts an article into
 * paragraphs by them. Local names, lower case.
 */

/** Elements whose content is never visible page text. */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'datalist',
  'head',
  'title',
  'meta',
  'link',
  'svg',
  'math',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'img',
  'picture',
  'source',
  'track',
  'map',
  'area',
  'param',
]);

/**
 * Block-level elements: a name never runs across one of their edges
 * (two paragraphs, two table cells, two list items, a <br>).
 */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/**
 * Block elements that hold no text of their own: each is an edge between its neighbours' text, so adding
 * or removing one changes how the text around it reads.
 */
export const EMPTY_BLOCK_TAGS: ReadonlySet<string> = new Set(['br', 'hr', 'col', 'colgroup']);

/** The blocks that hold a paragraph of prose: an article's text is theirs, innermost first. */
export const PARAGRAPH_TAGS: readonly string[] = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'td',
  'th',
  'figcaption',
];

/**
 * What is not the page's main text (issue 14): menus, banners, footers, asides, forms, citations, comments and
 * photo credits. Mentions there are still found (and marked once the page is coverage of a story), but they do
 * not count when deciding whether it is (src/core/coverage-decision.ts). A `header` inside an article, main or
 * section is the article's own (its headline): kept as main text (see NOT_MAIN_HEADER_OWNERS).
 *
 * The collector (src/page/collect-text.ts) reads the tags by name as it walks, and looks up the rest only for
 * the offsets the decision asks about, with `closest` on NOT_MAIN_SELECTOR: finding them for every page cost
 * more than the walk (one query of the whole list checks each element against each selector, 3.8 ms on a
 * 10,000-element Wikipedia page in Chromium against 0.8 ms for walking its text; a narrow query per kind, a
 * walk of the page's elements each).
 */
export const NOT_MAIN_TAGS: ReadonlySet<string> = new Set(['nav', 'header', 'footer', 'aside', 'menu', 'form', 'cite']);
const NOT_MAIN_ROLES = [
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'doc-endnotes',
  'doc-bibliography',
  'doc-footnote',
];
/** classes of reference lists, footnotes and comment sections (`reference` only on `sup`, Wikipedia's note marks) */
const NOT_MAIN_CLASSES = ['reference', 'references', 'reflist', 'footnotes', 'comments'];
const NOT_MAIN_IDS = ['comments', 'disqus_thread'];
/** bylines anywhere, and photo credits in captions */
const NOT_MAIN_BYLINE = '[class*=byline]';
const NOT_MAIN_IN_CAPTION = 'small,[class*=credit]';

export const NOT_MAIN_SELECTOR = [
  ...NOT_MAIN_TAGS,
  ...NOT_MAIN_ROLES.map((r) => `[role=${r}]`),
  ...NOT_MAIN_CLASSES.map((c) => (c === 'reference' ? 'sup.reference' : `.${c}`)),
  ...NOT_MAIN_IDS.map((id) => `#${id}`),
  NOT_MAIN_BYLINE,
  ...NOT_MAIN_IN_CAPTION.split(',').map((x) => `figcaption ${x}`),
].join(',');

/** A `header` with one of these ancestors heads an article or section (its headline is main text), not the page. */
export const NOT_MAIN_HEADER_OWNERS = 'article,main,section,[role=main]';

/**
 * A heading that opens a section of citations or links (the section runs to the next heading of its level or
 * higher): "References", "Notes", "See also" and their Russian, Korean and Spanish forms.
 */
export const REFERENCE_HEADING =
  /^\s*(references|notes|footnotes|citations|sources|bibliography|see also|further reading|external links|related( stories| articles)?|more on this story|read more|примечания|литература|ссылки|источники|см\. также|각주|참고 ?문헌|출처|같이 보기|관련 기사|referencias|notas|fuentes|bibliografía|véase también|enlaces externos|más información)\s*$/i;

/**
 * A line (the text between two block breaks) whose visible characters are at least this share inside links is a
 * link list's item, a menu entry or a "read more" line: not main text.
 */
export const LINK_LINE_SHARE = 0.6;

/**
 * True when offset `at` of a collected text lies in one of its not-main spans (`aside`: sorted, disjoint
 * [start, end) pairs, flat).
 */
export function inAside(aside: readonly number[], at: number): boolean {
  let lo = 0;
  let hi = (aside.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < aside[2 * mid]!) hi = mid - 1;
    else if (at >= aside[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}
