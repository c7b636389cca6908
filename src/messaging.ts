/**
 * The one protocol map between contexts. Messages are sent with
 * @webext-core/messaging and received by `onMessage` below, in its format;
 * the background checks the sender of each one (src/background/guard.ts) and
 * refuses what a context may not ask.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser, type Browser } from 'wxt/browser';
import type { EntityType } from './core/pack';
import type { CompiledMatcher } from './core/matcher';
import type { CardModel } from './core/card-model';
import type { ShowSettings } from './core/settings';

/** What a page finds: it changes only with the stories and the settings that shape the matcher. */
export interface PageFind {
  matcher: CompiledMatcher;
  /** the entity types to mark */
  types: EntityType[];
  /** changes whenever what is found changes: a page rescans only then */
  revision: number;
  /**
   * Mark every story's names on this page whatever the coverage decision (the setting `markEverywhere`, or the
   * reader's "mark this page anyway" for this tab). False: nothing is marked until the page is coverage of a story.
   */
  everywhere: boolean;
}

/** What a page needs: what to find (null where Story Lens does not run) and how to show it. */
export interface PageSetup {
  find: PageFind | null;
  show: ShowSettings;
}

/** What a page reports of itself (badge, trail, popup). */
export interface PageReport {
  url: string;
  title: string;
  /** entity id → number of mentions marked on the page (only what is marked: nothing on a quiet page) */
  counts: Record<string, number>;
  /** ids of the stories (pack ids) this page is coverage of, as decided so far (it only grows while the page is open) */
  covers: string[];
  /** true when the page is settled and nothing is marked because it covers no story and `everywhere` is off */
  quiet: boolean;
  /** the page's script moved to this URL (history.pushState) without the reader's input: not a visit for the trail */
  scripted?: boolean;
}

/** A page's HTML and where it came from (the popup parses it inertly with DOMParser). */
export interface PageHtml {
  html: string;
  url: string;
  title: string;
  /** true when the HTML was cut at the size limit */
  truncated: boolean;
}

export interface ProtocolMap {
  // content script → background
  getPageSetup(req: { url: string }): PageSetup;
  getCard(req: { entity: string; surface?: string }): CardModel | null;
  reportPage(req: PageReport): void;

  // extension pages (popup, options) → background; refused from content scripts
  /** "Off on this site" / back on: changes the site lists for the page's host */
  setSiteEnabled(req: { url: string; enabled: boolean }): void;
  /**
   * "Mark names on this page anyway": the tab's page (`url`, as its content script reported it) is marked
   * until the tab closes or goes to another page
   */
  markPageAnyway(req: { tabId: number; url: string }): void;

  // popup → content script (through tabs.sendMessage)
  getPageEntities(): PageReport;
  revealMention(req: { entity: string; index: number; openCard: boolean }): boolean;
  stepMention(req: { direction: 1 | -1 }): boolean;
  /** the page's HTML as it is now, for "Follow this story" (Readability runs in the popup, not the page) */
  getPageHtml(): PageHtml;

  // background → every tab's content script (content scripts cannot read extension storage);
  // which of the two a change sends is decided by SETTING_EFFECTS (src/core/settings.ts)
  /** what is found, or where Story Lens runs, changed: ask getPageSetup again */
  setupChanged(): void;
  /** how mentions are shown changed: apply it in place (nothing is found again) */
  showChanged(show: ShowSettings): void;
}

export type MessageType = keyof ProtocolMap;

/** The protocol's own names: a message of any other type (`constructor`, `__proto__`...) is refused unread. */
const MESSAGE_TYPES: Record<MessageType, 1> = {
  getPageSetup: 1,
  getCard: 1,
  reportPage: 1,
  setSiteEnabled: 1,
  markPageAnyway: 1,
  getPageEntities: 1,
  revealMention: 1,
  stepMention: 1,
  getPageHtml: 1,
  setupChanged: 1,
  showChanged: 1,
};

export function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(MESSAGE_TYPES, type);
}

export const { sendMessage } = defineExtensionMessaging<ProtocolMap>();

/** A message as its handler gets it. */
export interface Received<K extends MessageType> {
  type: K;
  data: Parameters<ProtocolMap[K]>[0];
  sender: Browser.runtime.MessageSender;
}
type Reply<K extends MessageType> = ReturnType<ProtocolMap[K]>;
type Handler = (m: Received<MessageType>) => unknown;

const handlers = new Map<string, Handler>();
let listening = false;

/**
 * Answers one message type in this context; returns the remover. @webext-core/messaging's own receiver looks
 * the type up in a plain object, so `constructor` or `toString` would reach Object.prototype's functions: this
 * one takes only the protocol's own names (a Map of handlers), in the same format ({ res } or { err }).
 */
export function onMessage<K extends MessageType>(type: K, handler: (m: Received<K>) => Reply<K> | Promise<Reply<K>>): () => void {
  if (!listening) {
    listening = true;
    browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
      const m = message as { type?: unknown; timestamp?: unknown } | null;
      const handle = isMessageType(m?.type) && typeof m.timestamp === 'number' ? handlers.get(m.type) : undefined;
      if (!handle) return undefined;
      return (async () => handle({ ...(m as Received<MessageType>), sender }))().then(
        (res) => ({ res }),
        (e: Error) => ({ err: { name: `${e?.name ?? 'Error'}`, message: `${e?.message ?? e}`, stack: '' } }),
      );
    });
  }
  handlers.set(type, handler as Handler);
  return () => handlers.delete(type);
}
