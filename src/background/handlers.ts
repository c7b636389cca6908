/**
 * What the background answers, message by message, after the guard
 * (src/background/guard.ts) has checked the data and the sender. Kept apart
 * from the wiring (src/background/index.ts) so tests call it with made-up
 * senders and a fake browser.
 */
import type { CardModel } from '../core/card-model';
import type { PageSetup } from '../messaging';
import { ENTITY_TYPES } from '../core/pack';
import { coverageModel } from '../core/coverage';
import { hostOf, isActiveOn } from '../core/site-rules';
import { setSiteEnabled } from '../store/site-rules';
import { clearMarkAnyway, markedAnywayPage, setMarkAnyway } from '../store/mark-anyway';
import { pageOf } from '../store/page-url';
import { recordTrailVisit, trailEntryFor } from '../store/trail';
import { checkMessage, GuardError, senderKind, type GuardedData, type GuardedMessage, type SenderLike } from './guard';
import { enabledStories, type KnowledgeBase, type KnowledgeState } from './knowledge';

export interface HandlerDeps {
  kb: KnowledgeBase;
  extension: { id: string; origin: string };
  /** sets the toolbar badge text of a tab ('' hides it) */
  setBadge(tabId: number, text: string): Promise<void>;
  /** tells a tab's content script to ask for its setup again (`setupChanged`) */
  setupChanged(tabId: number): Promise<void>;
  now?: () => Date;
}

export interface Handlers {
  getPageSetup(data: unknown, sender: SenderLike | undefined): Promise<PageSetup>;
  getCard(data: unknown, sender: SenderLike | undefined): Promise<CardModel | null>;
  reportPage(data: unknown, sender: SenderLike | undefined): Promise<void>;
  setSiteEnabled(data: unknown, sender: SenderLike | undefined): Promise<void>;
  markPageAnyway(data: unknown, sender: SenderLike | undefined): Promise<void>;
  /** the browser says a tab closed (tabs.onRemoved) */
  tabClosed(tabId: number): Promise<void>;
  /** the browser says a tab is at a new URL (tabs.onUpdated, where the URL is visible to the extension) */
  tabMoved(tabId: number, url: string): Promise<void>;
}

/**
 * Whether a URL is of the sender's own page. Compared by host, which is all a page's setup depends on
 * (src/core/site-rules.ts): the page may have moved within its site (history.pushState) since it asked.
 */
function samePage(url: string, sender: SenderLike | undefined): boolean {
  const host = hostOf(url);
  return host !== '' && host === hostOf(sender?.url ?? '');
}

/** The badge text for a page: how many of the enabled stories' entities it mentions ('' for none). */
export function badgeText(entities: number): string {
  if (entities <= 0) return '';
  return entities > 99 ? '99+' : String(entities);
}

/**
 * Whether the reader asked to mark this tab's page anyway. A tab that is now at another page than the one they
 * asked for has gone to another page: the request ends there (`gone`), and is forgotten.
 */
async function anywayIn(tabId: number, url: string): Promise<{ anyway: boolean; gone: boolean }> {
  const page = await markedAnywayPage(tabId);
  if (page == null) return { anyway: false, gone: false };
  if (page === pageOf(url)) return { anyway: true, gone: false };
  await clearMarkAnyway(tabId);
  return { anyway: false, gone: true };
}

/**
 * The trail entry of a reported page, or null when the page is not one to record: only coverage of a story is
 * (never a page marked anyway or by the every-page setting alone), of the stories it covers.
 */
function trailEntryOf(report: GuardedData<'reportPage'>, state: KnowledgeState, now: Date) {
  const covered = new Set(report.covers);
  const stories = enabledStories(state).filter((s) => covered.has(s.pack.id));
  if (stories.length === 0) return null;
  const types = state.settings.types;
  return trailEntryFor(
    report,
    stories.map((s) => ({ pack: s.pack, title: s.title })),
    Object.fromEntries(ENTITY_TYPES.map((t) => [t, types[t]])) as typeof types,
    now,
  );
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const now = deps.now ?? (() => new Date());
  const check = <K extends GuardedMessage>(name: K, data: unknown, sender: SenderLike | undefined) =>
    checkMessage(name, data, sender, deps.extension);

  return {
    async getPageSetup(raw, sender) {
      const data = check('getPageSetup', raw, sender);
      // A content script asks for its own page only: its answer (whether Story Lens runs on a site) must not tell
      // a compromised page about the reader's other sites. The extension's own pages may ask about any.
      const content = senderKind(sender, deps.extension.id, deps.extension.origin) === 'content';
      if (content && !samePage(data.url, sender)) {
        throw new GuardError('"getPageSetup" is about another page than its sender');
      }
      const tabId = sender?.tab?.id;
      const { anyway } = content && tabId != null ? await anywayIn(tabId, data.url) : { anyway: false };
      const setup = await deps.kb.pageSetup(data.url, anyway);
      // a page where Story Lens does not run reports nothing: clear what an earlier page of the tab left
      if (!setup.find && tabId != null) await deps.setBadge(tabId, '').catch(() => undefined);
      return setup;
    },

    async getCard(raw, sender) {
      const data = check('getCard', raw, sender);
      return deps.kb.card(data.entity, data.surface);
    },

    async reportPage(raw, sender) {
      const data = check('reportPage', raw, sender);
      // a content script reports its own page only
      if (!samePage(data.url, sender)) throw new GuardError('"reportPage" is about another page than its sender');
      const tabId = sender?.tab?.id;
      // the page moved to another URL without a load (history.pushState): a request to mark it anyway ends there
      if (tabId != null && (await anywayIn(tabId, data.url)).gone) await deps.setupChanged(tabId).catch(() => undefined);
      const state = await deps.kb.load();
      const types = state.settings.types;
      const mentioned = coverageModel(
        enabledStories(state).map((s) => s.pack),
        data.counts,
        types,
      ).shownFound;
      const active = isActiveOn(state.settings, data.url);
      // a quiet page (not about a story, nothing marked) shows no number; a marked one counts what is marked
      if (tabId != null) await deps.setBadge(tabId, active && !data.quiet ? badgeText(mentioned) : '').catch(() => undefined);

      // The trail: never from private windows, never when the reader turned it off, and only visits a person
      // made (the page's load, or a move that followed their input: not a page's script flipping its URL).
      if (!active || !state.settings.keepTrail || sender?.tab?.incognito || data.scripted) return;
      const entry = trailEntryOf(data, state, now());
      if (entry) await recordTrailVisit(entry, tabId);
    },

    async setSiteEnabled(raw, sender) {
      const data = check('setSiteEnabled', raw, sender);
      await setSiteEnabled(data.url, data.enabled);
    },

    async markPageAnyway(raw, sender) {
      const data = check('markPageAnyway', raw, sender);
      await setMarkAnyway(data.tabId, data.url);
      await deps.setupChanged(data.tabId);
    },

    async tabClosed(tabId) {
      await clearMarkAnyway(tabId);
    },

    async tabMoved(tabId, url) {
      // a move without a load (history.pushState) keeps the content script: it must stop marking the page anyway
      if ((await anywayIn(tabId, url)).gone) await deps.setupChanged(tabId).catch(() => undefined);
    },
  };
}

/** The keyboard commands (wxt.config.ts `commands`) and the step each one asks of the page. */
export function commandDirection(command: string): 1 | -1 | 0 {
  return command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
}

/**
 * Relays a keyboard command to the tab it was pressed in (or the active tab)
 * as `stepMention`. A tab without the content script (chrome://, a store page,
 * a site that is off) has no one to answer: that is not an error.
 */
export async function relayCommand(
  command: string,
  tabId: number | undefined,
  deps: { activeTabId(): Promise<number | undefined>; step(tabId: number, direction: 1 | -1): Promise<unknown> },
): Promise<boolean> {
  const direction = commandDirection(command);
  if (!direction) return false;
  const target = tabId ?? (await deps.activeTabId());
  if (target == null) return false;
  try {
    await deps.step(target, direction);
    return true;
  } catch {
    return false;
  }
}
