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
import { recordTrailVisit, trailEntryFor } from '../store/trail';
import { checkMessage, GuardError, senderKind, type GuardedMessage, type SenderLike } from './guard';
import { enabledStories, type KnowledgeBase } from './knowledge';

export interface HandlerDeps {
  kb: KnowledgeBase;
  extension: { id: string; origin: string };
  /** sets the toolbar badge text of a tab ('' hides it) */
  setBadge(tabId: number, text: string): Promise<void>;
  now?: () => Date;
}

export interface Handlers {
  getPageSetup(data: unknown, sender: SenderLike | undefined): Promise<PageSetup>;
  getCard(data: unknown, sender: SenderLike | undefined): Promise<CardModel | null>;
  reportPage(data: unknown, sender: SenderLike | undefined): Promise<void>;
  setSiteEnabled(data: unknown, sender: SenderLike | undefined): Promise<void>;
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

export function createHandlers(deps: HandlerDeps): Handlers {
  const now = deps.now ?? (() => new Date());
  const check = <K extends GuardedMessage>(name: K, data: unknown, sender: SenderLike | undefined) =>
    checkMessage(name, data, sender, deps.extension);

  return {
    async getPageSetup(raw, sender) {
      const data = check('getPageSetup', raw, sender);
      // A content script asks for its own page only: its answer (whether Story Lens runs on a site) must not tell
      // a compromised page about the reader's other sites. The extension's own pages may ask about any.
      if (senderKind(sender, deps.extension.id, deps.extension.origin) === 'content' && !samePage(data.url, sender)) {
        throw new GuardError('"getPageSetup" is about another page than its sender');
      }
      const setup = await deps.kb.pageSetup(data.url);
      // a page where Story Lens does not run reports nothing: clear what an earlier page of the tab left
      if (!setup.find && sender?.tab?.id != null) await deps.setBadge(sender.tab.id, '').catch(() => undefined);
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
      const state = await deps.kb.load();
      const stories = enabledStories(state);
      const types = state.settings.types;
      const mentioned = coverageModel(
        stories.map((s) => s.pack),
        data.counts,
        types,
      ).shownFound;
      const active = isActiveOn(state.settings, data.url);
      const tabId = sender?.tab?.id;
      if (tabId != null) await deps.setBadge(tabId, active ? badgeText(mentioned) : '').catch(() => undefined);

      // The trail: never from private windows, never when the reader turned it off, and only visits a person
      // made (the page's load, or a move that followed their input: not a page's script flipping its URL).
      if (!active || !state.settings.keepTrail || sender?.tab?.incognito || data.scripted) return;
      const entry = trailEntryFor(
        data,
        stories.map((s) => ({ pack: s.pack, title: s.title })),
        Object.fromEntries(ENTITY_TYPES.map((t) => [t, types[t]])) as typeof types,
        now(),
      );
      if (entry) await recordTrailVisit(entry, tabId);
    },

    async setSiteEnabled(raw, sender) {
      const data = check('setSiteEnabled', raw, sender);
      await setSiteEnabled(data.url, data.enabled);
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
