/**
 * What the popup needs from the browser (`PopupDeps`, wired in
 * entrypoints/popup) and what it reads before drawing (`load`): the tab, the
 * stories that are on, the settings, this page's mentions and the trail.
 */
import type { PageHtml, PageReport } from '../messaging';
import type { Settings } from '../core/settings';
import type { StoryPack } from '../core/pack';
import { coverageModel, type Coverage } from '../core/coverage';
import { pageSupport, siteOff, type PageState } from './popup-model';
import type { FollowedArticle } from './popup-follow';
import { t } from './i18n';

export interface PopupTab {
  id: number;
  url?: string;
  title?: string;
  incognito?: boolean;
}

/** One page of the reader's trail, as the popup lists it. */
export interface PopupTrailEntry {
  /** what `removeTrail` takes */
  key: string;
  url: string;
  title: string;
  site: string;
  /** ISO date-time of the visit */
  visitedAt: string;
  /** people and places from the story's article the page mentions, of how many */
  keyFound: number;
  keyTotal: number;
}

export interface PopupStory {
  title: string;
  pack: StoryPack;
}

export interface PopupDeps {
  tab(): Promise<PopupTab | null>;
  /** the stories that are switched on */
  stories(): Promise<PopupStory[]>;
  settings(): Promise<Settings>;
  /** "Off on this site" / "Turn on for this site" (the settings' site lists) */
  setSiteEnabled(url: string, enabled: boolean): Promise<unknown>;
  /** the main switch */
  setEnabled(enabled: boolean): Promise<unknown>;
  /** "Mark names on this page anyway": the tab's page (`url`) is marked until the tab closes or leaves it */
  markPageAnyway(tabId: number, url: string): Promise<unknown>;
  pageEntities(tabId: number): Promise<PageReport>;
  revealMention(tabId: number, entity: string): Promise<boolean>;
  pageHtml(tabId: number): Promise<PageHtml>;
  /** hands an article to "Add a story" and opens it */
  followStory(article: FollowedArticle): Promise<void>;
  openOptions(hash?: string): Promise<void>;
  trail?: {
    list(): Promise<PopupTrailEntry[]>;
    remove(key: string): Promise<void>;
    clear(): Promise<void>;
  };
  /** after the reader jumps to a mention (the real popup closes so focus lands on the page) */
  afterReveal(): void;
  domParser(): DOMParser;
}

export interface Loaded {
  tab: PopupTab | null;
  stories: PopupStory[];
  settings: Settings;
  state: PageState;
  report: PageReport | null;
  coverage: Coverage | null;
  trail: PopupTrailEntry[] | null;
}

/** What a section of the popup works with: the document, the deps, the status line and a redraw. */
export interface PopupView {
  doc: Document;
  deps: PopupDeps;
  say(text: string, tone?: 'info' | 'error'): void;
  /** reads everything again and redraws, then focuses the control with this `data-focus-key` */
  refresh(focusKey?: string): Promise<Loaded>;
  /** after Story Lens is turned back on: redraws until the page has read itself again */
  refreshUntilRead(focusKey: string): Promise<void>;
}

/** A page that is still reading a huge document answers late; the popup does not wait forever. */
const PAGE_ANSWER_MS = 8000;
const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(TIMED_OUT), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

const unsupported = (reason: string): PageState => ({ kind: 'unsupported', reason });

export async function load(deps: PopupDeps): Promise<Loaded> {
  // A story store that cannot be read leaves the popup useful for the rest (site switch, trail).
  const [tab, stories, settings] = await Promise.all([deps.tab().catch(() => null), deps.stories().catch(() => []), deps.settings()]);
  const trail = deps.trail ? await deps.trail.list().catch(() => null) : null;
  const base = { tab, stories, settings, trail, report: null, coverage: null };
  if (!tab) return { ...base, state: unsupported(t('popupCannotReadTab')) };
  if (tab.url) {
    const support = pageSupport(tab.url);
    if (!support.ok) return { ...base, state: unsupported(support.reason) };
  }
  let report: PageReport;
  try {
    report = await withTimeout(deps.pageEntities(tab.id), PAGE_ANSWER_MS);
  } catch (err) {
    if (err === TIMED_OUT) return { ...base, state: unsupported(t('popupPageSlow')) };
    // Without the "tabs" permission a tab's URL is hidden: only the content script's answer says where it is.
    return { ...base, state: tab.url ? { kind: 'unreachable' } : unsupported(t('popupTabOffLimits')) };
  }
  const support = pageSupport(report.url || tab.url);
  if (!support.ok) return { ...base, state: unsupported(support.reason) };
  const pageTab = { ...tab, url: report.url || tab.url };
  const off = siteOff(settings, support.host);
  if (off) return { ...base, tab: pageTab, state: off };
  const coverage = coverageModel(
    stories.map((s) => s.pack),
    report.counts ?? {},
    settings.types,
  );
  return { ...base, tab: pageTab, state: { kind: 'ok', host: support.host }, report, coverage };
}
