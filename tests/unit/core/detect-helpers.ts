/** Test helpers: the bundled story's matcher and a compact view of what it finds in a text. */
import { compileMatcher, findMentions, type CompiledMatcher } from '../../../src/core/matcher';
import { bundledPack } from '../../../src/story/bundled/index';
import { ENTITY_TYPES } from '../../../src/core/pack';

const cache = new Map<string, CompiledMatcher>();
export function storyMatcher(roleMentions = false): CompiledMatcher {
  const key = String(roleMentions);
  let m = cache.get(key);
  if (!m) cache.set(key, (m = compileMatcher([bundledPack()], { types: [...ENTITY_TYPES], roleMentions })));
  return m;
}

/** "text → entity id" for every mention found, in text order */
export function found(text: string, roleMentions = false): string[] {
  return findMentions(storyMatcher(roleMentions), text).map((m) => `${text.slice(m.start, m.end)} → ${m.entity}`);
}

/** entity ids found for the word(s) `word` inside `text` */
export function entitiesFor(text: string, word: string): string[] {
  return findMentions(storyMatcher(), text)
    .filter((m) => text.slice(m.start, m.end) === word)
    .map((m) => m.entity);
}
