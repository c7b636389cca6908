/**
 * Korean writes particles (and a few common suffixes) onto the noun without a
 * space: 김정은과, 러시아의, 푸틴은, 평양에서. The matcher tries the word
 * itself first; when that is no name, it tries the word without one of these
 * endings, longest first, and the mention ends before the particle.
 * A word with any other ending is another word, not the name: 서울대 (Seoul
 * National University), 북한군 (the North Korean army), 러시아산 (Russian-made),
 * 평양행 (bound for Pyongyang) are compounds, as the dev set's gold has them.
 */
const PARTICLES = [
  // case particles and their combinations
  '에서부터',
  '으로부터',
  '에게서',
  '으로서',
  '으로써',
  '에서는',
  '에서도',
  '에서의',
  '으로는',
  '으로의',
  '에게는',
  '에게도',
  '로부터',
  '로서',
  '로써',
  '에서',
  '에게',
  '한테',
  '께서',
  '으로',
  '이라는',
  '라는',
  '이라고',
  '라고',
  '이라며',
  '라며',
  '과의',
  '와의',
  '과는',
  '와는',
  '과도',
  '와도',
  '에는',
  '에도',
  '에의',
  '로는',
  '로의',
  '이나',
  '이며',
  '이자',
  '이다',
  '였다',
  '이었다',
  '까지',
  '부터',
  '보다',
  '처럼',
  '만큼',
  '마저',
  '조차',
  '밖에',
  '이랑',
  '하고',
  '으로',
  '께',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '와',
  '과',
  '도',
  '만',
  '로',
  '나',
  '며',
  '랑',
];

let sorted: string[] | undefined;
/** the particles, each once, longest first (compiled into the matcher: the content script does not carry them) */
export const koreanParticles = (): string[] =>
  (sorted ??= PARTICLES.filter((p, i, all) => all.indexOf(p) === i).sort((a, b) => b.length - a.length));

/** lengths of the particle endings `word` may carry, longest first (the stem keeps at least one syllable) */
export function particleSplits(word: string): number[] {
  const out: number[] = [];
  for (const p of koreanParticles()) if (word.length > p.length && word.endsWith(p)) out.push(p.length);
  return out;
}
