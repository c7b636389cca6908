/**
 * The highlights' look as CSS text, from the palette and the reader's
 * highlight style: the page's sheet (src/page/highlight-styles.ts) and the
 * options page's preview use the same rules.
 */
import { ACTIVE_HIGHLIGHT, HIGHLIGHT_NAMES } from './contract';
import type { EntityType } from './pack';
import { PALETTE } from './palette';
import type { Settings } from './settings';

export function highlightCss(style: Settings['highlightStyle']): string {
  const rules: string[] = [];
  for (const [type, name] of Object.entries(HIGHLIGHT_NAMES) as [EntityType, string][]) {
    // the palette's mark and tint: readable on light and dark pages alike (src/core/palette.ts)
    const c = PALETTE[type];
    if (style === 'underline') {
      rules.push(
        `::highlight(${name}) { text-decoration: underline 2px ${c.mark}; text-underline-offset: 0.18em; text-decoration-skip-ink: none; }`,
      );
    } else if (style === 'tint') {
      rules.push(`::highlight(${name}) { background-color: ${c.tint}; }`);
    }
  }
  // System "Mark" colours: a readable pair on any page, in forced-colors mode too.
  rules.push(`::highlight(${ACTIVE_HIGHLIGHT}) { background-color: Mark; color: MarkText; }`);
  return rules.join('\n');
}
