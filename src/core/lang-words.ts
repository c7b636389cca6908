/**
 * Small word lists the resolver needs, per language. They describe the
 * language, not the story: the story's own titles come from the pack.
 * All keys are folded (lower case, no accents).
 */

/** Titles and honorifics that may stand before a surname ("Mr Kim", "President Putin"); the mention is the name only. */
export const GENERIC_TITLES: readonly string[] = [
  // en
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'president', 'chairman', 'minister', 'prime minister',
  'defence minister', 'defense minister', 'foreign minister', 'leader', 'supreme leader', 'general', 'marshal',
  'comrade', 'secretary', 'general secretary', 'premier', 'spokesman', 'spokesperson', 'sen', 'senator', 'gov',
  'governor', 'ambassador', 'envoy', 'sir', 'lord', 'lady', 'madam', 'king', 'queen', 'chief', 'director', 'deputy',
  // es
  'sr', 'sra', 'senor', 'senora', 'presidente', 'ministro', 'ministra', 'lider', 'mandatario', 'canciller', 'don', 'dona',
  // ru
  'господин', 'госпожа', 'президент', 'министр', 'глава', 'лидер', 'председатель', 'профессор', 'товарищ',
];

/**
 * Capitalised words that start sentences and clauses: before a surname they
 * are not a first name ("When Kim arrived" is Kim, "Jennifer Kim" is not).
 */
export const CAPITALISED_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  // en
  'a', 'an', 'the', 'and', 'but', 'or', 'nor', 'so', 'yet', 'for', 'when', 'while', 'where', 'after', 'before', 'since',
  'as', 'if', 'though', 'although', 'because', 'once', 'until', 'unless', 'then', 'now', 'today', 'yesterday',
  'tomorrow', 'still', 'also', 'only', 'even', 'meanwhile', 'however', 'there', 'here', 'that', 'this', 'these',
  'those', 'what', 'why', 'how', 'who', 'whom', 'which', 'did', 'does', 'do', 'will', 'would', 'can', 'could', 'should',
  'may', 'might', 'must', 'has', 'have', 'had', 'is', 'was', 'were', 'are', 'be', 'been', 'with', 'without', 'by', 'from',
  'to', 'at', 'in', 'on', 'of', 'about', 'against', 'between', 'during', 'under', 'over', 'like', 'unlike', 'both',
  'neither', 'either', 'not', 'no', 'yes', 'said', 'says', 'told', 'photo', 'image', 'video', 'watch', 'read', 'see',
  'more', 'most', 'last', 'next', 'first', 'new', 'later', 'earlier', 'according', 'instead', 'indeed', 'thus', 'hence',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'analysis', 'opinion', 'exclusive',
  'update', 'updated', 'live', 'breaking', 'why', 'did', 'let', 'tell', 'meet', 'ask', 'asked', 'q',
  'toward', 'towards', 'into', 'onto', 'upon', 'via', 'amid', 'across', 'behind', 'beyond', 'near', 'off', 'out',
  'up', 'down', 'through', 'within', 'versus', 'vs', 'than', 'all', 'every', 'each', 'another', 'other', 'such',
  // es
  'el', 'la', 'los', 'las', 'un', 'una', 'y', 'e', 'o', 'u', 'pero', 'cuando', 'mientras', 'donde', 'despues', 'antes',
  'desde', 'como', 'si', 'aunque', 'porque', 'entonces', 'ahora', 'hoy', 'ayer', 'manana', 'tambien', 'solo', 'incluso',
  'segun', 'para', 'con', 'sin', 'por', 'en', 'de', 'del', 'al', 'que', 'quien', 'cual', 'tras', 'ante', 'sobre', 'entre',
  // ru
  'и', 'а', 'но', 'или', 'когда', 'пока', 'где', 'после', 'до', 'как', 'если', 'хотя', 'потому', 'тогда', 'теперь',
  'сегодня', 'вчера', 'также', 'тоже', 'только', 'даже', 'по', 'в', 'во', 'на', 'с', 'со', 'к', 'ко', 'от', 'из', 'за',
  'о', 'об', 'при', 'для', 'что', 'кто', 'это', 'этот', 'там', 'здесь', 'господин', 'президент', 'накануне', 'затем',
  'позже', 'позднее', 'ранее', 'впрочем', 'однако', 'между', 'тем', 'сам', 'сама', 'вот', 'уже', 'еще', 'лишь',
]);

/**
 * Regions that, after "<place>, ", mean a namesake town: "Moscow, Idaho" is not
 * Moscow. US states and Canadian provinces (English), as folded words.
 */
export const PLACE_QUALIFIERS: ReadonlySet<string> = new Set([
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida',
  'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland',
  'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska', 'nevada',
  'ohio', 'oklahoma', 'oregon', 'pennsylvania', 'tennessee', 'texas', 'utah',
  'vermont', 'virginia', 'wisconsin', 'wyoming', 'ontario', 'quebec', 'alberta', 'manitoba',
  'saskatchewan', 'ida', 'pa', 'tex', 'calif', 'fla', 'ill', 'ind', 'mich', 'minn', 'wash', 'ore',
]);

/**
 * Abbreviations that are also common words: in an all-caps line, after one of
 * PRONOUN_CUES, they are the word ("LET US KNOW" is not the United States).
 */
export const WORDLIKE_ABBREVIATIONS: ReadonlySet<string> = new Set(['us', 'it', 'am', 'is', 'an', 'as', 'at', 'in', 'on', 'or', 'no', 'so', 'we', 'me', 'he', 'be']);

/**
 * Capitalised nouns that, right after a place's name, make something else:
 * another place ("South China Sea", "United States Virgin Islands", "Moscow
 * River") or an institution named after it ("Seoul National University",
 * "Moscow State University", "The Moscow Times", "China Daily").
 */
export const PLACE_FEATURE_NOUNS: ReadonlySet<string> = new Set([
  'sea', 'ocean', 'strait', 'straits', 'gulf', 'bay', 'river', 'island', 'islands', 'lake', 'canal', 'channel', 'mountains',
  'university', 'institute', 'airport', 'times', 'daily', 'herald',
]);

/** Verbs and prepositions after which an all-caps "US" is the pronoun: LET US, TELL US, CONTACT US, FOR US. */
export const PRONOUN_CUES: ReadonlySet<string> = new Set([
  'let', 'lets', 'tell', 'told', 'contact', 'join', 'joined', 'follow', 'email', 'call', 'help', 'helped', 'give', 'gave',
  'show', 'showed', 'send', 'sent', 'ask', 'asked', 'write', 'support', 'trust', 'hear', 'heard', 'meet', 'see', 'leave',
  'about', 'for', 'with', 'to', 'from', 'of', 'by', 'among', 'around', 'behind', 'beside', 'like', 'unlike', 'against',
  'toward', 'towards', 'upon', 'into', 'onto', 'without', 'within', 'near', 'before', 'after', 'between', 'all', 'both',
  'of', 'on', 'at', 'in', 'upon', 'over', 'under', 'than', 'is', 'it', 'its',
]);
