/**
 * Korean writes particles (and a few common suffixes) onto the noun without a
 * space: 김정은과, 러시아의, 푸틴은, 평양에서. The matcher tries the word
 * itself first; when that is no name, it tries the word without one of these
 * endings, longest first, and the mention ends before the particle.
 * Words of address are read as endings too (김정은동지께서, see HONORIFICS).
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
  // headline short form of 에서: 보스토치니서, 평양서
  '서',
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

/**
 * Words of address written onto a name, with or without a particle after them: North Korean texts write
 * 김정은동지께서, 뿌찐대통령과; South Korean ones at times 김정은위원장은. They end the mention as a particle does.
 */
const HONORIFICS = ['동지', '동무', '원수님', '총비서', '위원장', '국무위원장', '대통령'];
/** the particles written after them (the matcher carries every combination: the common ones only) */
const AFTER_HONORIFICS = [
  '께서',
  '께서는',
  '께',
  '와',
  '과',
  '와의',
  '과의',
  '의',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에게',
  '로부터',
  '도',
  '이다',
  '이었다',
];

let sorted: string[] | undefined;
/**
 * the particles and the words of address (alone or before a particle), each once, longest first
 * (compiled into the matcher: the content script does not carry them)
 */
export const koreanParticles = (): string[] =>
  (sorted ??= [...PARTICLES, ...HONORIFICS.flatMap((h) => [h, ...AFTER_HONORIFICS.map((p) => h + p)])]
    .filter((p, i, all) => all.indexOf(p) === i)
    .sort((a, b) => b.length - a.length));

/** true when `word` is a stem of at least one syllable with the particle `p` on it */
export function endsWithParticle(word: string, p: string): boolean {
  // 서 (the headline's 에서: 평양서) after one syllable is "west": 북서 (north-west) is no 북 (North Korea)
  return word.length > p.length && word.endsWith(p) && !(p === '서' && word.length < 3);
}

/** lengths of the particle endings `word` may carry, longest first (the stem keeps at least one syllable) */
export function particleSplits(word: string): number[] {
  const out: number[] = [];
  for (const p of koreanParticles()) if (endsWithParticle(word, p)) out.push(p.length);
  return out;
}

/**
 * One-syllable names of countries in headline compounds: 북 (North Korea), 러 (Russia), 미 (the US),
 * 중 (China), 한 (South Korea), 일 (Japan), 우 (Ukraine), as in 북러, 한미일, 북·러 정상회담. The story's pack
 * says which entity a syllable names (its abbreviations); this says where a syllable is one at all.
 * Headlines write them in Hanja too (北·露, 美 국무부, 韓美): those count only before Korean text, so a
 * Chinese or Japanese page, where they are ordinary characters, never has them.
 */
export const KO_COUNTRY_SYLLABLES = '북러미중한일우北露美中韓日';

/**
 * Words made of those syllables that are other words: 북미 (North America; "북·미" with a dot is North Korea
 * and the US), 중미 (Central America), 미러 (mirror), 중한 (grave), 일한 (worked), 우한 (Wuhan), 한우 (Korean beef),
 * 우중 (in the rain), 미우 (hateful), 일러 (tell), 우미 (graceful), 北美, 中美.
 */
export const KO_NOT_COMPOUNDS = ['북미', '중미', '미러', '중한', '일한', '우한', '한우', '우중', '미우', '일러', '우미', '北美', '中美'];

/**
 * Standing alone (not in a compound nor joined by "·"), 북 and 러 are no other word ("러 국방장관", "북, 미사일 발사");
 * 미 is one (beauty; un-), so only right before a noun ("미 국무부"); 한 (one), 중 (among), 일 (work, day) and
 * 우 (right; a surname) never.
 */
export const KO_ALONE = '북러北露美中韓';
/** ...but 북 is also "book", before loanwords (북 콘서트, 북 토크, 북 카페): these, by their first two syllables */
export const KO_BOOK_WORDS = ['콘서', '토크', '카페', '리뷰', '클럽', '페어', '커버'];
export const KO_BEFORE_NOUN = '미';
