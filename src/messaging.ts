/**
 * The one protocol map between contexts. Every message goes through
 * @webext-core/messaging; the background checks the sender of each one
 * (src/background/guard.ts) and refuses what a context may not ask.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { EntityType } from './core/pack';
import type { CompiledMatcher } from './core/matcher';
import type { CardModel } from './core/card-model';
import type { Settings } from './core/settings';

/** What a page needs to find and show mentions. */
export interface PageSetup {
  /** false when the extension is off, or off on this site */
  active: boolean;
  matcher: CompiledMatcher | null;
  settings: Settings;
  /** changes whenever stories or settings change, so a page can tell it is stale */
  revision: number;
}

/** What a page reports of itself (badge, trail, popup). */
export interface PageReport {
  url: string;
  title: string;
  /** entity id → number of mentions on the page */
  counts: Record<string, number>;
}

/** An entity found on the page, as the popup lists it. */
export interface PageEntity {
  id: string;
  name: string;
  type: EntityType;
  count: number;
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

  // popup → content script (through tabs.sendMessage)
  getPageEntities(): PageReport;
  revealMention(req: { entity: string; index: number; openCard: boolean }): boolean;
  stepMention(req: { direction: 1 | -1 }): boolean;
  /** the page's HTML as it is now, for "Follow this story" (Readability runs in the popup, not the page) */
  getPageHtml(): PageHtml;

  // background → every tab's content script
  /** stories or settings changed: ask getPageSetup again (content scripts cannot read extension storage) */
  setupChanged(): void;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
