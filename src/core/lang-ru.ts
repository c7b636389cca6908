/**
 * Russian declension of names, as endings added to a stem. The matcher
 * compiles each Cyrillic name word as its stem and paradigm (and every form's
 * hash into its bit table), so the page text is still read in one pass and a
 * word matches only when it is a form of the name (Путин → Путина, Путину,
 * Путиным, Путине), never a word that merely starts the same (Путинизм, Москвич).
 *
 * Words are folded (lower case, ё = е). Over-generation (a form that is no
 * Russian word) is harmless: no page contains it.
 */

type Paradigm = [ending: string, forms: string[]];

/** longest ending first */
const PARADIGMS: Paradigm[] = [
  // adjectives (Восточный, Северная, Российский, Центральное, Соединённые)
  ['ый', ['ый', 'ого', 'ому', 'ым', 'ом']],
  ['ой', ['ой', 'ого', 'ому', 'ым', 'ом']],
  // -ий: adjectives (Российский) and nouns (Дмитрий)
  ['ий', ['ий', 'ого', 'его', 'ому', 'ему', 'им', 'ом', 'ем', 'ия', 'ию', 'ием', 'ии']],
  ['ая', ['ая', 'ой', 'ую', 'ою']],
  ['яя', ['яя', 'ей', 'юю', 'ею']],
  ['ое', ['ое', 'ого', 'ому', 'ым', 'ом']],
  ['ее', ['ее', 'его', 'ему', 'им', 'ем']],
  ['ые', ['ые', 'ых', 'ым', 'ыми']],
  ['ие', ['ие', 'их', 'им', 'ими']],
  // nouns
  ['ия', ['ия', 'ии', 'ию', 'ией', 'иею']],
  ['я', ['я', 'и', 'ю', 'ей', 'е', 'ею']],
  ['а', ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою']],
  ['ь', ['ь', 'я', 'ю', 'ем', 'е', 'и', 'ью', 'ей']],
  ['й', ['й', 'я', 'ю', 'ем', 'е']],
  ['о', ['о', 'а', 'у', 'ом', 'е']],
  // plural nouns (Штаты)
  ['ы', ['ы', 'ов', 'ам', 'ами', 'ах']],
];

/** words that do not decline: loanwords ending in a vowel (Шойгу, Токио), and short words */
const INDECLINABLE_END = /[уюиэе]$/;

const CONSONANT_FORMS = ['', 'а', 'у', 'ом', 'ым', 'ем', 'е'];

function isCyrillicWord(w: string): boolean {
  return /^[\u0400-\u04ff]+$/.test(w);
}

/** each paradigm's endings, the consonant stems' last: a form is a stem plus one of its paradigm's endings */
export const ruEndings = (): string[][] => [...PARADIGMS.map((p) => p[1]), CONSONANT_FORMS];

/** the stem of a folded Russian name word and the index of its paradigm in ruEndings(), when the word declines */
export function russianStem(word: string): [stem: string, paradigm: number] | undefined {
  if (!isCyrillicWord(word) || word.length < 2 || INDECLINABLE_END.test(word)) return undefined;
  for (let p = 0; p < PARADIGMS.length; p++) {
    const ending = PARADIGMS[p]![0];
    if (word.endsWith(ending) && word.length > ending.length + 1) return [word.slice(0, -ending.length), p];
  }
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(word)) return [word, PARADIGMS.length];
  return undefined;
}

/** every declined form of one folded Russian name word, the word itself first */
export function russianForms(word: string): string[] {
  const s = russianStem(word);
  return s ? ruEndings()[s[1]]!.map((e) => s[0] + e) : [word];
}
