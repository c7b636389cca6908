/**
 * Reporting to the background: the page's counts (toolbar badge, trail),
 * sent once the page settles, and the popup's `getPageEntities`.
 */
import type { ContentScriptContext } from '#imports';
import { onMessage, sendMessage, type PageReport } from '../../messaging';
import type { PageSession } from './session';

/** settle time before the page's counts are reported (badge, trail) */
export const REPORT_DEBOUNCE_MS = 400;

export function startReports(ctx: ContentScriptContext, page: PageSession): void {
  const report = (): PageReport => ({
    url: page.win.location.href,
    title: page.doc.title,
    counts: page.active ? page.scanner.index.countsByEntity() : {},
  });
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
  ctx.addEventListener(page.win, 'wxt:locationchange', schedule);

  const remove = onMessage('getPageEntities', async () => {
    await page.scanner.settle();
    return report();
  });
  ctx.onInvalidated(remove);
}
