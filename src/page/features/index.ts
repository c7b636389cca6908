/**
 * The content script: one page session and its features, each in its own
 * file, each registering its listeners, timers and message handlers through
 * our context (src/page/context.ts), so that its end (an update, a disable, a
 * newer copy) removes them all and nothing of theirs reaches the page.
 * Started in the order they use each other; the setup goes last, since
 * everything else must be listening when the first scan starts.
 */
import type { PageContext } from '../context';
import { Painter } from '../paint';
import { startHoverCard } from './hover-card';
import { startKeyboard } from './keyboard';
import { startPageHtml } from './page-html';
import { startPointer } from './pointer';
import { startReports } from './report';
import { PageSession, type Win } from './session';
import { startSetup } from './setup';

export async function startFeatures(ctx: PageContext, win: Win = window): Promise<void> {
  if (!Painter.supported(win)) return; // the manifest declares the versions that have the Highlight API
  const page = new PageSession(ctx, win);
  const card = startHoverCard(ctx, page);
  startPointer(ctx, page, card);
  startKeyboard(ctx, page, card);
  startReports(ctx, page);
  startPageHtml(ctx, win.document);
  await startSetup(ctx, page);
}
