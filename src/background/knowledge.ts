/**
 * The knowledge base as the background serves it: the validated settings and
 * stories read from storage, the matcher compiled from the enabled stories,
 * and the cards built from them.
 *
 * Nothing here lives only in memory: the service worker can be stopped at any
 * time, and a woken one reads storage again. Memory (and storage.session,
 * which survives a stopped worker but not a browser restart) only caches:
 * - the validated state, dropped whenever storage changes (`invalidate()`);
 * - the compiled matcher, keyed by the stories' revision and the settings that
 *   shape it, so it is compiled once per change of those, not per page.
 */
import { compileMatcher, MATCHER_FORMAT, type CompiledMatcher } from '../core/matcher';
import { readCachedMatcher, writeCachedMatcher } from '../store/matcher-cache';
import { buildCard, type CardModel } from '../core/card-model';
import { ENTITY_TYPES, type StoryPack } from '../core/pack';
import { getSettings, sanitizeSettings, type Settings } from '../store/settings';
import { settingsEffects, showSettings, type ShowSettings } from '../core/settings';
import { getStoriesState, type StoredStory } from '../store/stories';
import { isActiveOn } from '../core/site-rules';
import type { PageSetup } from '../messaging';

export interface KnowledgeState {
  settings: Settings;
  stories: StoredStory[];
  storiesRevision: number;
}

/** FNV-1a: a short, stable number for "did anything change" (not security). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** What the compiled matcher depends on. */
export function matcherKey(state: KnowledgeState): string {
  const types = ENTITY_TYPES.filter((t) => state.settings.types[t]);
  const enabled = state.stories.filter((s) => s.enabled).map((s) => s.id);
  return `${MATCHER_FORMAT}|${state.storiesRevision}|${enabled.join(',')}|${types.join(',')}|${state.settings.roleMentions ? 1 : 0}`;
}

/** What a storage change asks of the open tabs: ask for their setup again, apply a new look in place, or nothing. */
export type TabUpdate = { message: 'setupChanged' } | { message: 'showChanged'; show: ShowSettings } | null;

/** Decides a storage change's message to the tabs from the settings' effects (SETTING_EFFECTS, src/core/settings.ts). */
export function tabUpdateFor(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): TabUpdate {
  const setup = { message: 'setupChanged' } as const;
  if ('stories' in changes) return setup;
  const change = changes.settings;
  if (!change) return null;
  // an absent item reads as the defaults (the stored item's fallback): a first write is compared with them
  const next = sanitizeSettings(change.newValue);
  const effects = settingsEffects(sanitizeSettings(change.oldValue), next);
  if (effects.has('find') || effects.has('run')) return setup;
  return effects.has('show') ? { message: 'showChanged', show: showSettings(next) } : null;
}

export function enabledStories(state: KnowledgeState): StoredStory[] {
  return state.stories.filter((s) => s.enabled);
}

export class KnowledgeBase {
  private state: Promise<KnowledgeState> | undefined;
  private cached: { key: string; matcher: CompiledMatcher } | undefined;
  /** how many times a matcher was compiled (tests check it is once per change) */
  compiles = 0;

  constructor(private readonly compile: typeof compileMatcher = compileMatcher) {}

  /** Storage changed: read it again next time. */
  invalidate(): void {
    this.state = undefined;
  }

  load(): Promise<KnowledgeState> {
    this.state ??= (async () => {
      const [settings, stories] = await Promise.all([getSettings(), getStoriesState()]);
      return { settings, stories: stories.stories, storiesRevision: stories.revision };
    })().catch((e) => {
      this.state = undefined;
      throw e;
    });
    return this.state;
  }

  async matcher(state?: KnowledgeState): Promise<CompiledMatcher> {
    const s = state ?? (await this.load());
    const key = matcherKey(s);
    if (this.cached?.key === key) return this.cached.matcher;
    const stored = await readCachedMatcher(key);
    if (stored) {
      this.cached = stored;
      return stored.matcher;
    }
    const packs: StoryPack[] = enabledStories(s).map((x) => x.pack);
    const matcher = this.compile(packs, {
      types: ENTITY_TYPES.filter((t) => s.settings.types[t]),
      roleMentions: s.settings.roleMentions,
    });
    this.compiles++;
    this.cached = { key, matcher };
    await writeCachedMatcher(this.cached);
    return matcher;
  }

  /**
   * Changes whenever what a page finds changes: the stories, or a setting that shapes the matcher. Not with
   * `everywhere`: that changes only what is marked of what was found, which the page applies without a rescan.
   */
  findRevision(state: KnowledgeState): number {
    return fnv1a(matcherKey(state));
  }

  /**
   * What a page at `url` finds (nothing where Story Lens does not run) and how it shows it. `anyway`: the reader
   * asked to mark this page though it is not about a story; with the setting `markEverywhere` every page is.
   */
  async pageSetup(url: string, anyway = false): Promise<PageSetup> {
    const state = await this.load();
    const active = isActiveOn(state.settings, url) && enabledStories(state).length > 0;
    const everywhere = anyway || state.settings.markEverywhere;
    const find = active
      ? {
          matcher: await this.matcher(state),
          types: ENTITY_TYPES.filter((t) => state.settings.types[t]),
          revision: this.findRevision(state),
          everywhere,
        }
      : null;
    return { find, show: showSettings(state.settings) };
  }

  /** The card of an entity of the enabled stories (the first story that has it), or null. */
  async card(entity: string, surface?: string): Promise<CardModel | null> {
    const state = await this.load();
    const enabled = enabledStories(state);
    const story = enabled.find((s) => s.pack.entities.some((e) => e.id === entity));
    if (!story) return null;
    return buildCard(story.pack, entity, {
      storyTitle: story.title,
      surface,
      multipleStories: enabled.length > 1,
      packs: enabled.map((s) => s.pack),
    });
  }
}
