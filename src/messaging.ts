/**
 * The one protocol map between contexts. Every message goes through
 * @webext-core/messaging; the background checks the sender of each one
 * (src/background/guard.ts) and refuses what a context may not ask.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
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
  /** entity id → number of mentions on the page */
  counts: Record<string, number>;
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

  // background → every tab's content script (content scripts cannot read extension storage);
  // which of the two a change sends is decided by SETTING_EFFECTS (src/core/settings.ts)
  /** what is found, or where Story Lens runs, changed: ask getPageSetup again */
  setupChanged(): void;
  /** how mentions are shown changed: apply it in place (nothing is found again) */
  showChanged(show: ShowSettings): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
