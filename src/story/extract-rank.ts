/**
 * Last step of "Add a story" (issue 15): which of the names found a reader keeps.
 *
 *   keepAlias     an alias is kept only if it cannot mark someone else: not a first name alone, not an
 *                 ordinary English word, not a name another followed story gives to another entity
 *   rankEntities  most central first: named in the headline or the lead, how often, how early
 *   selected      every entity of a short article; on a long one (an encyclopedia page) only the top
 *   isProminent   what makes an entity central to the article, for the pack's central/background field
 */
import type { EntityType } from '../core/pack';
import { formKey, isCommonWord, isFamilyFirst } from './extract-names';

/** A long article: more sentences or entities than this selects only its central entities by default. */
export const LONG_ARTICLE_SENTENCES = 150;
export const LONG_ARTICLE_ENTITIES = 60;
/** How many a long article selects: a sixth of its entities, within these bounds. */
const SELECT_MIN = 10;
const SELECT_MAX = 30;

/** An entity of a story the reader already follows: its name and every way it is written. */
export interface OtherEntity {
  name: string;
  names: string[];
}

export interface AliasContext {
  /** words the text writes in lower case ("house", "will") */
  lowerWords: Set<string>;
  /** form key → the keys of the other stories' entity names that use it */
  taken: Map<string, Set<string>>;
}

export function aliasContext(lowerWords: Set<string>, others: readonly OtherEntity[] = []): AliasContext {
  const taken = new Map<string, Set<string>>();
  for (const o of others)
    for (const f of [o.name, ...o.names]) {
      const k = formKey(f);
      taken.set(k, (taken.get(k) ?? new Set()).add(formKey(o.name)));
    }
  return { lowerWords, taken };
}

/**
 * Whether `alias` may mark `name` on any page: a single word must not be an ordinary word (the text
 * writes it in lower case, or compromise knows it as one: "Earnest", "Cook", "United") nor a person's
 * first name ("Maggie" of Maggie Gyllenhaal; the last word of a name written family name first); and no
 * form may belong to a different entity of another story the reader follows.
 */
export function keepAlias(alias: string, name: string, type: EntityType, ctx: AliasContext): boolean {
  const aliasKey = formKey(alias);
  const nameKey = formKey(name);
  // another story's form is dropped unless it is the name itself or one this entity owns too
  const owners = ctx.taken.get(aliasKey);
  if (owners && aliasKey !== nameKey && !owners.has(nameKey)) return false;
  if (/\s/.test(alias) || /^(?:\p{Lu}\.?){2,6}$/u.test(alias)) return true;
  if (ctx.lowerWords.has(alias.toLowerCase()) || isCommonWord(alias)) return false;
  if (type !== 'person') return true;
  const words = name.split(/\s+/);
  if (words.length < 2) return true;
  const given = isFamilyFirst(name) ? words.slice(1) : words.slice(0, -1);
  return !given.some((w) => formKey(w) === aliasKey);
}

export interface RankItem {
  id: string;
  name: string;
  /** every form of it the text writes */
  forms: string[];
  /** indices of the sentences that name it, in order */
  sentences: number[];
}

export interface Ranked {
  id: string;
  rank: number;
  selected: boolean;
  /** named in the headline or the lead, or in more than one sentence: a candidate for "central" */
  prominent: boolean;
}

/**
 * Most central first. A name in the headline counts most, then in the lead (the first four sentences
 * of the body), then how many sentences name it (with diminishing weight: an encyclopedia page names
 * its country on every line) and how early it first comes.
 */
export function rankEntities(items: RankItem[], headline: string, lead: Set<number>, sentenceCount: number): Ranked[] {
  const head = headline.toLowerCase();
  const scored = items.map((it) => {
    const inHeadline = it.forms.some((f) => f.length > 1 && wholeWord(head, f.toLowerCase()));
    const inLead = it.sentences.some((s) => lead.has(s));
    const distinct = new Set(it.sentences).size;
    const first = it.sentences.length ? it.sentences[0] / Math.max(1, sentenceCount) : 1;
    const score = 4 * +inHeadline + 2 * +inLead + 2 * Math.log2(1 + distinct) + 2 * (1 - first);
    return { id: it.id, score, prominent: inHeadline || inLead || distinct >= 2 };
  });
  scored.sort((a, b) => b.score - a.score);
  const long = sentenceCount > LONG_ARTICLE_SENTENCES || items.length > LONG_ARTICLE_ENTITIES;
  const keep = long ? Math.min(SELECT_MAX, Math.max(SELECT_MIN, Math.round(items.length / 6))) : items.length;
  return scored.map((s, i) => ({ id: s.id, rank: i + 1, selected: i < keep, prominent: s.prominent && i < keep }));
}

function wholeWord(text: string, form: string): boolean {
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + form.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}
