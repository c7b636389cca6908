/** The reader's theme on an extension page: html[data-theme], absent for "same as my system" (the CSS follows the media query). */
import type { Settings } from '../core/settings';

export function applyTheme(doc: Document, theme: Settings['theme']): void {
  if (theme === 'system') delete doc.documentElement.dataset.theme;
  else doc.documentElement.dataset.theme = theme;
}
