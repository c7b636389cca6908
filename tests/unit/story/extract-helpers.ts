/** Shared by the extraction tests: loose name comparison and page text as the scan collects it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { collectText, visibleText } from '../../../src/page/collect-text';
import { BLOCK_BREAK } from '../../../src/core/types';
import type { Entity } from '../../../src/core/pack';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const fixture = (name: string) => readFileSync(`${root}tests/fixtures/articles/${name}`, 'utf8');
export const seedArticle = () => readFileSync(`${root}src/story/seed-article.txt`, 'utf8');

/**
 * Loose name key: "Kim Jong-un" = "Kim Jong Un", "U.S." = "US", "Vostochny
 * cosmodrome" = "Vostochny Cosmodrome" (case, accents, dots, apostrophes,
 * hyphens and spaces do not count).
 */
export function looseKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[\s\-‐‑]+/g, ' ')
    .trim();
}

/** Spellings of one name that the loose key does not join; both directions. */
const SAME_NAME: [string, string][] = [
  ['United States', 'US'],
  ['United States', 'United States of America'],
];

export function sameName(a: string, b: string): boolean {
  const ka = looseKey(a);
  const kb = looseKey(b);
  return ka === kb || SAME_NAME.some(([x, y]) => (looseKey(x) === ka && looseKey(y) === kb) || (looseKey(x) === kb && looseKey(y) === ka));
}

/** The entity is this name: its canonical name or one of its aliases is, loosely. */
export function isEntity(e: Entity, name: string): boolean {
  return sameName(e.name, name) || e.names.some((n) => sameName(n.text, name));
}

/** A page's visible text as `npm run scan` collects it, one block per line. */
export function pageText(html: string): string {
  const window = new Window({
    url: 'https://extract.invalid/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const collected = collectText(doc.body as unknown as Node);
  return collected.text
    .split(BLOCK_BREAK)
    .map((block) => visibleText(block).trim())
    .filter(Boolean)
    .join('\n');
}

/** Whole-word, case-insensitive presence (the word may be followed by ’s). */
export function occursIn(text: string, form: string): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}
