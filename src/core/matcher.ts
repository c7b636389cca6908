/**
 * The matcher, for every caller: compiled from the stories in the background (compile-matcher.ts), sent to
 * each page in its wire format (matcher-format.ts), and used to find a story's mentions in text: candidates
 * in one pass (find-candidates.ts), resolved by the rules of docs/detection-rules.md (resolve.ts) with what
 * the page says as a whole (page-reader.ts).
 */
import type { Mention } from './types';
import type { CompiledMatcher } from './matcher-format';
import { PageReader } from './page-reader';

export { compileMatcher } from './compile-matcher';
export {
  MATCHER_FORMAT,
  encode,
  entityInfo,
  prepareMatcher,
  type CompiledMatcher,
  type MatcherEntity,
  type PreparedMatcher,
} from './matcher-format';

/** Every name of the matcher's stories in `text` (a whole page's text), as [start, end) offsets, in text order. */
export function findMentions(matcher: CompiledMatcher, text: string): Mention[] {
  return new PageReader(matcher).read(text).mentions;
}
