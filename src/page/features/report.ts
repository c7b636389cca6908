/**
 * Reporting to the background: the page's counts (toolbar badge, trail), the
 * stories it is coverage of, and whether it is quiet (nothing marked: it covers
 * no story), sent once the page settles, and the popup's `getPageEntities`
 * (answered once the page has settled, so a quiet page is known as settled
 * without waiting for marks).
 *
 * The trail counts visits a person makes: the page's load, or a move to a new
 * URL without one (history.pushState) that followed the reader's input
 * (navigator.userActivation). A move a page's script makes on its own is
 * reported as `scripted`: it sets the badge, not the trail.
 */
import type { PageContext } from '../context';
import { onMessage, sendMessage, type PageReport } from '../../messaging';
import type { PageSession } from './session';

/** settle time before the page's counts are reported (badge, trail) */
export const REPORT_DEBOUNCE_MS = 400;
/** how often the URL is looked at for a move without a load (WXT's location watcher polls as often) */
const LOCATION_POLL_MS = 1000;

export function startReports(ctx: PageContext, page: PageSession): void {
  const here = () => page.win.location.href.replace(/#.*/, '');
  let url = here();
  let scripted = false;
  /** true when the page moved to another URL since last looked at */
  const moved = () => {
    if (here() === url) return false;
    url = here();
    scripted = !(page.win.navigator.userActivation?.isActive ?? true);
    return true;
  };
  const report = (): PageReport => {
    moved();
    const counts = page.active ? page.scanner.index.countsByEntity() : {};
    const covers = page.active ? page.scanner.covers : [];
    const quiet = page.active && !page.scanner.marksEverywhere && !covers.length;
    return { url: page.win.location.href, title: page.doc.title, counts, covers, quiet, scripted };
  };
  let timer = 0;
  const schedule = () => {
    clearTimeout(timer);
    timer = ctx.setTimeout(() => {
      if (ctx.isValid) sendMessage('reportPage', report()).catch(() => undefined);
    }, REPORT_DEBOUNCE_MS);
  };
  page.on('settled', schedule);
  page.on('stopped', (wasActive) => wasActive && schedule());
  // the trail was switched on: this open page joins it, as it would on its next visit
  page.on('show', (show, before) => page.active && show.keepTrail && !before.keepTrail && schedule());
  // polled, not watched through events: nothing is dispatched on the page's window
  ctx.setInterval(() => moved() && schedule(), LOCATION_POLL_MS);

  const remove = onMessage('getPageEntities', async () => {
    await page.scanner.settle();
    return report();
  });
  ctx.onInvalidated(remove);
}
