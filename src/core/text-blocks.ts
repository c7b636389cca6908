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
