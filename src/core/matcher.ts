/**
 * compileMatcher(packs) prepares, once per change of the stories, a matcher
 * from every alias; findMentions(matcher, text) makes one pass over the text
 * whose cost does not grow with the number of aliases.
 * OWNER: matcher work (issue 3/7). Contract only for now.
 */
import type { EntityType, StoryPack } from '../story/schema';
import type { MatcherOptions, Mention } from './types';

/** JSON-serializable: compiled in the background, sent to each page. */
export interface CompiledMatcher {
  formatVersion: number;
  /** entity id → what a page needs to label it without asking the background */
  entities: Record<string, { name: string; type: EntityType; pack: string }>;
  [key: string]: unknown;
}

export function compileMatcher(_packs: StoryPack[], _options: MatcherOptions): CompiledMatcher {
  throw new Error('compileMatcher: not implemented yet');
}

export function findMentions(_matcher: CompiledMatcher, _text: string): Mention[] {
  throw new Error('findMentions: not implemented yet');
}
