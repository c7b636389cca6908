/**
 * "Off on this site" / "On on this site" as a stored change: the one writer
 * of the site lists for a page. Where Story Lens runs is decided in
 * src/core/site-rules.ts.
 */
import { withSiteEnabled } from '../core/site-rules';
import { updateSettings, type Settings } from './settings';

/** Changes the stored site lists for the page's site (through updateSettings: validated, queued). */
export function setSiteEnabled(url: string, enabled: boolean): Promise<Settings> {
  return updateSettings((s) => withSiteEnabled(s, url, enabled));
}
