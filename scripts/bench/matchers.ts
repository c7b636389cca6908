/**
 * The compiled matchers the page scan runs, and the compile time: the story's own aliases, English names
 * only (issue 7's languages comparison), and the story scaled with synthetic entities to 1,000 and 10,000
 * aliases (the scaling comparison). Compiling happens once per change of the stories, in the background,
 * so it is timed here, apart from any page's cost.
 */
import { bundledPack } from '../../src/story/bundled/index';
import { compileMatcher, type CompiledMatcher } from '../../src/core/matcher';
import type { StoryPack } from '../../src/core/pack';
import { aliases, median, syntheticPacks, withLanguages } from './fixtures';

export const OPTIONS = { types: ['person', 'place', 'organization'] as ('person' | 'place' | 'organization')[], roleMentions: false };

export interface Matchers {
  story: CompiledMatcher;
  english: CompiledMatcher;
  a1000: CompiledMatcher;
  a10000: CompiledMatcher;
  counts: Record<string, number>;
  compile_ms_10000: number;
  compile_ms_story: number;
  storyAliases: string[];
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

export function prepareMatchers(): Matchers {
  const pack = bundledPack();
  const storyAliases = aliases([pack]);
  const packs1000 = [pack, ...syntheticPacks(1000 - storyAliases.length, 1, storyAliases)];
  const packs10000 = [pack, ...syntheticPacks(10_000 - storyAliases.length, 2, storyAliases)];
  const english = withLanguages(pack, ['en']);
  const [story, compileStory] = time(() => compileMatcher([pack], OPTIONS));
  const a1000 = compileMatcher(packs1000, OPTIONS);
  // compiled three times, the median reported: the first run also warms the JIT
  const c10000: number[] = [];
  let a10000!: CompiledMatcher;
  for (let i = 0; i < 3; i++) {
    const [m, ms] = time(() => compileMatcher(packs10000, OPTIONS));
    a10000 = m;
    c10000.push(ms);
  }
  const count = (ps: StoryPack[]) => aliases(ps).length;
  return {
    story,
    english: compileMatcher([english], OPTIONS),
    a1000,
    a10000,
    counts: { story: storyAliases.length, english: count([english]), a1000: count(packs1000), a10000: count(packs10000) },
    compile_ms_10000: median(c10000),
    compile_ms_story: compileStory,
    storyAliases,
  };
}
