/**
 * "Add a story" (issue 5): article text → a story pack of its people, places
 * and organizations, each with the forms the text writes it in and the
 * sentences the story says of it.
 *
 *   checkText        refuse what cannot be read (empty, > 1 MB, not English), strip pasted HTML
 *   dropBoilerplate  newsletter lines, "See also" links, photo captions and credits
 *   splitSentences   verbatim sentences; Title Case headings are searched, not mined
 *   nlpCandidates    compromise's people/places/organizations, trimmed to the name
 *   cueCandidates    what compromise misses but the text plainly names
 *   group + merge    one entity per name, shorter forms joined to the full name
 *   scan             every form found again in every sentence: aliases and sentences
 *
 * A pure function: the options page runs it in a Web Worker, `npm run extract`
 * in Node. compromise is imported here and nowhere near the content script.
 */
import { PACK_FORMAT_VERSION, type Entity, type EntityName, type EntityType, type StoryPack } from '../core/pack';
import { parsePack, type StoryPackInput } from './schema';
import { proposeCentrality } from './centrality';
import { aliasContext, keepAlias, rankEntities, type AliasContext, type OtherEntity } from './extract-rank';
import { checkText, ExtractError } from './extract-input';
import { dropBoilerplate, isHeadingCase, splitSentences } from './extract-lines';
import {
  addAcronyms,
  addShortForms,
  cueCandidates,
  formKey,
  groupCandidates,
  groupType,
  isCommonWord,
  isGivenName,
  mergeShortForms,
  neighbourCandidates,
  nlpCandidates,
  type NameGroup,
  type Sentence,
} from './extract-names';

export { ExtractError, MAX_TEXT_BYTES, type ExtractErrorCode } from './extract-input';

export interface ExtractProgress {
  done: number;
  total: number;
  /** what is being done, for the reader: "Finding names" */
  stage: string;
}
/** How central one entity is to the article (issue 15): the review lists them by rank and preselects `selected`. */
export interface EntityRank {
  id: string;
  /** 1 = most central */
  rank: number;
  /** selected by default: every entity of a short article, the central ones of a long one */
  selected: boolean;
}
export interface ExtractResult {
  pack: StoryPack;
  warnings: string[];
  /** one per entity of `pack`, in the pack's order (most central first) */
  ranking?: EntityRank[];
}
export interface ExtractInput {
  text: string;
  title?: string;
  /** the story's date, YYYY-MM-DD; found in the text or today's date if absent */
  date?: string;
  url?: string;
  id?: string;
  /** the entities of the stories the reader already follows: no alias of this story may name another of them */
  otherEntities?: OtherEntity[];
}

/** Sentences per compromise call: one progress step each. */
const BATCH = 40;
/** Sentences kept per entity ("what the story says"), most telling first. */
const MAX_SENTENCES_PER_ENTITY = 30;
const MAX_SENTENCE_CHARS = 2000;
/** Entities kept from one text (the pack allows 2000; a review screen of more than a few hundred helps nobody). */
export const MAX_ENTITIES = 500;

export const STAGES = {
  reading: 'Finding names',
  collecting: 'Collecting what the story says',
  done: 'Done',
} as const;

// ---------------------------------------------------------------- helpers

export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = MONTHS.map((m) => `${m[0].toUpperCase()}${m.slice(1)}`).join('|');

/** "Thursday 25 April 2019", "June 21, 2024", "2023-09-12" in the first lines (a dateline or byline). */
export function findDate(lines: string[]): string | undefined {
  const head = lines.slice(0, 30).join('\n');
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = /\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/.exec(head);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dmy = new RegExp(String.raw`\b([0-3]?\d)\s+(${MONTH_RE})\s+((?:19|20)\d\d)\b`).exec(head);
  if (dmy) return `${dmy[3]}-${pad(MONTHS.indexOf(dmy[2].toLowerCase()) + 1)}-${pad(+dmy[1])}`;
  const mdy = new RegExp(String.raw`\b(${MONTH_RE})\s+([0-3]?\d),?\s+((?:19|20)\d\d)\b`).exec(head);
  if (mdy) return `${mdy[3]}-${pad(MONTHS.indexOf(mdy[1].toLowerCase()) + 1)}-${pad(+mdy[2])}`;
  return undefined;
}

function validDate(d: string | undefined): d is string {
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

const endsLikeSentence = (l: string) => /[.!?…]["”’)\]]*$/.test(l);

// ---------------------------------------------------------------- names

function allForms(g: NameGroup): Map<string, number> {
  const out = new Map(g.forms);
  for (const m of g.merged) for (const [f, n] of allForms(m)) out.set(f, (out.get(f) ?? 0) + n);
  return out;
}

const isAllCaps = (s: string) => /\p{Lu}{2}/u.test(s) && !/\p{Ll}/u.test(s);

/** The longest full form; among equals the most frequent, then not in capitals. */
function canonicalName(g: NameGroup): string {
  const cueName = g.cues.find((c) => c.name)?.name;
  if (cueName) return cueName;
  if (g.known) return g.known.canonical;
  let best = '';
  let bestCount = -1;
  for (const [form, count] of g.forms) {
    const better =
      form.length > best.length ||
      (form.length === best.length && (count > bestCount || (count === bestCount && isAllCaps(best) && !isAllCaps(form))));
    if (better) [best, bestCount] = [form, count];
  }
  return best;
}

function nameKind(alias: string, canonical: string, type: EntityType): EntityName['kind'] {
  if (/^(?:\p{Lu}\.?){2,6}$/u.test(alias)) return 'abbreviation';
  if (type === 'person' && !/\s/.test(alias)) {
    const words = canonical.split(/\s+/);
    if (words.length > 1 && (formKey(alias) === formKey(words[0]) || formKey(alias) === formKey(words[words.length - 1]))) return 'surname';
  }
  return 'name';
}

// ---------------------------------------------------------------- descriptions

const ROLE_HEADS =
  'leader|president|premier|minister|spokesperson|spokesman|spokeswoman|secretary|chairman|chairwoman|chief|director|ambassador|envoy|general|commander|professor|analyst|expert|researcher|official|governor|mayor|founder|head|editor|correspondent|sister|brother|father|mother|daughter|son|wife|husband|aide|adviser|advisor|king|queen|prince|dictator|chancellor|senator|diplomat|lawyer|economist|scientist|historian|journalist';
const ROLE_MODIFIER = String.raw`(?:\p{Lu}[\p{L}\-’']*|defence|defense|foreign|prime|deputy|vice|former|supreme|chief|state|senior|top|press|interior|economy|finance|trade|security|military|party|long-serving|then|current|national|intelligence|opposition)`;
/** "president" or "President" (a title before a name is capitalised: "French President Emmanuel Macron") */
const ROLE_HEADS_ANY_CASE = ROLE_HEADS.split('|')
  .map((h) => `[${h[0]}${h[0].toUpperCase()}]${h.slice(1)}`)
  .join('|');
const ROLE_BEFORE = new RegExp(String.raw`((?:${ROLE_MODIFIER}\s+){0,4}(?:${ROLE_HEADS_ANY_CASE}))\s+$`, 'u');
const APPOSITIVE_AFTER = new RegExp(
  String.raw`^,\s+(?:(?:then|now|once|formerly)\s+)?(?:(?:a|an|the)\s+|(?=\p{Lu}[\p{L}\-]*['’]s\s))((?:[^,.;:“”"()]{0,60}?\b)(?:${ROLE_HEADS})\b[^,.;:“”"()]{0,80}?)(?=[,.;]|\s+(?:said|says|who|which|told)\b|$)`,
  'u',
);
const LEADING_NOISE =
  /^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|And|But|As|With|For|Of|In|On|At|By|Then)\s+)+/u;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Occurrence {
  sentence: number;
  start: number;
  end: number;
  form: string;
}

function describePerson(occ: Occurrence[], sentences: Sentence[]): string | undefined {
  let before: string | undefined;
  for (const o of occ) {
    const text = sentences[o.sentence].text;
    const after = APPOSITIVE_AFTER.exec(text.slice(o.end));
    if (after && after[1].split(/\s+/).length >= 2) return capitalise(after[1].trim());
    if (!before) {
      const m = ROLE_BEFORE.exec(text.slice(0, o.start));
      if (m) {
        const role = m[1].replace(LEADING_NOISE, '').trim();
        if (role.split(/\s+/).length >= 2) before = capitalise(role);
      }
    }
  }
  return before;
}

/** Role phrases written before a person's name: "Russian president" of "Russian president Vladimir Putin". */
function rolesBefore(occ: Occurrence[], sentences: Sentence[]): string[] {
  const out = new Set<string>();
  for (const o of occ) {
    const m = ROLE_BEFORE.exec(sentences[o.sentence].text.slice(0, o.start));
    const role = m?.[1].replace(LEADING_NOISE, '').trim();
    if (role && role.split(/\s+/).length >= 2 && /^\p{Lu}/u.test(role) && /\p{Ll}+$/u.test(role)) out.add(role);
  }
  return [...out];
}

/**
 * "the Russian president" where the text uses it alone ("the Russian president is
 * attending"), for a role that only one person of the story is given: a role
 * mention (kind "description"), which the matcher marks only when the reader
 * turns role mentions on.
 */
function roleMentions(found: { entity: Entity; roles: string[] }[], sentences: Sentence[]): void {
  const owners = new Map<string, Entity[]>();
  for (const f of found) for (const r of f.roles) owners.set(r.toLowerCase(), [...(owners.get(r.toLowerCase()) ?? []), f.entity]);
  for (const f of found)
    for (const role of f.roles) {
      if (owners.get(role.toLowerCase())!.length !== 1) continue;
      // alone: not the title of a name that follows ("the Russian president Vladimir Putin")
      const alone = new RegExp(String.raw`(?<![\p{L}\p{N}])[Tt]he ${escapeRe(role)}(?![\p{L}\p{N}])(?!\s+\p{Lu})`, 'u');
      if (sentences.some((s) => alone.test(s.text)) && f.entity.names.length < 400)
        f.entity.names.push({ text: `the ${role}`.slice(0, 120), lang: 'en', kind: 'description' });
    }
}

function describe(type: EntityType, g: NameGroup, occ: Occurrence[], sentences: Sentence[]): string {
  if (type === 'person') return describePerson(occ, sentences) ?? 'Person named in the story';
  const what = g.cues.find((c) => c.type === type && c.what)?.what;
  if (what) return `${capitalise(what)} named in the story`;
  return type === 'place' ? 'Place named in the story' : 'Organization named in the story';
}

// ---------------------------------------------------------------- the pipeline

/**
 * Article text → story pack. Throws ExtractError (with a message for the
 * reader) when the text cannot be read; otherwise the pack is valid per
 * parsePack and `warnings` says what was left out or guessed.
 * A bare string is taken as `{ text }`.
 */
export function extractStory(input: ExtractInput | string, onProgress?: (p: ExtractProgress) => void): ExtractResult {
  if (typeof input === 'string') input = { text: input };
  const { lines, kept, warnings, authors } = readArticle(input?.text);
  const sentences = toSentences(kept);
  const progress = progressOf(2 * sentences.length + 1, onProgress);
  progress.report(STAGES.reading);
  const candidates = findCandidates(sentences, progress);
  const { roots, names } = groupNames(candidates, sentences);
  const occurrences = findOccurrences(roots, names, sentences, progress);
  const body = sentences.filter((s) => !s.heading);
  const title = input.title?.trim().slice(0, 300) || guessTitle(kept, body, sentences);
  const article: ArticleText = { lines, kept, sentences, title, authors: new Set(authors.map(formKey)) };
  const { entities, ranking } = buildEntities({ roots, names, occurrences, article, warnings, others: input.otherEntities });
  const pack = parsePack(packInput(input, entities, article, warnings));
  progress.done = progress.total;
  progress.report(STAGES.done);
  return { pack, warnings, ranking };
}

/**
 * The result as it crosses to the options page: plain JSON, each of the pack's entities also carrying
 * its `rank` and `selected` (fields the pack schema does not keep; the review screen reads them from
 * the pack as it came, src/ui/review-pack.ts).
 */
export function postedResult(result: ExtractResult): unknown {
  const posted = JSON.parse(JSON.stringify(result)) as { pack: { entities: { id: string; rank?: number; selected?: boolean }[] } };
  const ranks = new Map((result.ranking ?? []).map((r) => [r.id, r]));
  for (const e of posted.pack.entities) {
    const r = ranks.get(e.id);
    if (r) Object.assign(e, { rank: r.rank, selected: r.selected });
  }
  return posted;
}

interface Progress {
  done: number;
  readonly total: number;
  report(stage: string): void;
}

/** One progress step per sentence mined, one per sentence scanned, one for the pack. */
function progressOf(total: number, onProgress?: (p: ExtractProgress) => void): Progress {
  const progress: Progress = { done: 0, total, report: (stage) => onProgress?.({ done: progress.done, total, stage }) };
  return progress;
}

/** Checked lines, the lines that are the story, and a warning for what was left out. */
function readArticle(text: unknown): { lines: string[]; kept: string[]; warnings: string[]; authors: string[] } {
  const { lines, warnings } = checkText(text);
  const { lines: kept, dropped, authors } = dropBoilerplate(lines);
  const droppedCount = Object.values(dropped).reduce((a, b) => a + b, 0);
  if (!kept.length)
    throw new ExtractError(
      'This text holds only sign-up lines, links and photo credits, not an article. Paste the article’s own text.',
      'empty',
    );
  if (droppedCount) {
    const what = [
      dropped.newsletter && 'newsletter sign-ups',
      dropped['see-also'] && '“See also” links',
      dropped.photo && 'photo captions and credits',
      dropped.byline && 'bylines',
      dropped.site && 'site notices',
      dropped.reference && 'references',
    ].filter(Boolean);
    warnings.push(
      `Left out ${droppedCount === 1 ? '1 line that is' : `${droppedCount} lines that are`} not the story (${what.join(', ')}).`,
    );
  }
  return { lines, kept, warnings, authors };
}

function toSentences(kept: string[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const line of kept) {
    const heading = isHeadingCase(line);
    for (const text of splitSentences(line)) sentences.push({ text, heading });
  }
  return sentences;
}

/** Step 1: every name compromise or a cue proposes, BATCH sentences per progress step. */
function findCandidates(sentences: Sentence[], progress: Progress) {
  const candidates = [];
  for (let i = 0; i < sentences.length; i += BATCH) {
    const batch = sentences.slice(i, i + BATCH);
    candidates.push(...nlpCandidates(batch, i));
    batch.forEach((s, j) => candidates.push(...cueCandidates(s, i + j)));
    progress.done += batch.length;
    progress.report(STAGES.reading);
  }
  return candidates;
}

/** Step 2: one group per name, with its canonical name, short forms and acronyms. */
function groupNames(candidates: ReturnType<typeof nlpCandidates>, sentences: Sentence[]) {
  const roots = mergeShortForms(groupCandidates([...candidates, ...neighbourCandidates(candidates, sentences)]));
  const names = new Map<NameGroup, string>(roots.map((g) => [g, canonicalName(g)]));
  addShortForms(roots, (g) => names.get(g)!);
  return { roots: addAcronyms(roots, (g) => names.get(g)!, sentences), names };
}

/** Step 3: every form found again in every sentence; a form shared by two groups goes to the more named one. */
function findOccurrences(roots: NameGroup[], names: Map<NameGroup, string>, sentences: Sentence[], progress: Progress) {
  const owner = new Map<string, NameGroup>();
  const byWeight = [...roots].sort((a, b) => sumCounts(b) - sumCounts(a) || a.first - b.first);
  for (const g of byWeight) {
    const forms = [...allForms(g).keys(), ...g.shortForms, names.get(g)!, ...(g.known?.forms ?? [])];
    for (const f of forms) if (f && !owner.has(f)) owner.set(f, g);
  }
  const occurrences = new Map<NameGroup, Occurrence[]>();
  const formList = [...owner.keys()].sort((a, b) => b.length - a.length);
  const scanRe = formList.length
    ? new RegExp(
        String.raw`(?<![\p{L}\p{N}])(?:${formList.map((f) => escapeRe(f).replace(/\s+/g, '\\s+')).join('|')})(?![\p{L}\p{N}])`,
        'gu',
      )
    : undefined;
  const n = sentences.length;
  for (let i = 0; i < n; i += BATCH) {
    const end = Math.min(n, i + BATCH);
    for (let s = i; s < end && scanRe; s++) {
      const text = sentences[s].text;
      scanRe.lastIndex = 0;
      for (const m of text.matchAll(scanRe)) {
        const form = m[0].replace(/\s+/g, ' ');
        const g = owner.get(form) ?? owner.get(m[0]);
        if (!g) continue;
        const list = occurrences.get(g) ?? [];
        list.push({ sentence: s, start: m.index, end: m.index + m[0].length, form: m[0] });
        occurrences.set(g, list);
      }
    }
    progress.done += end - i;
    progress.report(STAGES.collecting);
  }
  return occurrences;
}

interface Found {
  entity: Entity;
  count: number;
  first: number;
  roles: string[];
  occ: Occurrence[];
}

interface BuildInput {
  roots: NameGroup[];
  names: Map<NameGroup, string>;
  occurrences: Map<NameGroup, Occurrence[]>;
  article: ArticleText;
  warnings: string[];
  others?: OtherEntity[];
}

/**
 * Step 4: an entity per group the text names, at most MAX_ENTITIES, most central first (extract-rank.ts),
 * with whether each is selected by default.
 */
function buildEntities({ roots, names, occurrences, article, warnings, others }: BuildInput): {
  entities: Entity[];
  ranking: EntityRank[];
} {
  const { sentences } = article;
  const lowerWords = new Set<string>();
  for (const s of sentences) for (const w of s.text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}-]*/gu) ?? []) lowerWords.add(w);
  const aliases = aliasContext(lowerWords, others);
  const ids = new Set<string>();
  const found: Found[] = [];
  const rootKeys = new Map(roots.map((g) => [g.key, groupType(g)]));
  for (const g of roots) {
    const occ = occurrences.get(g);
    if (!occ?.length) continue;
    const name = names.get(g)!;
    if (!isName(g, name, lowerWords, rootKeys) || article.authors.has(formKey(name))) continue;
    const entity = toEntity(g, name, occ, sentences, uniqueId(name, found.length, ids), aliases);
    found.push({
      entity,
      count: occ.length,
      first: occ[0].sentence,
      roles: entity.type === 'person' ? rolesBefore(occ, sentences) : [],
      occ,
    });
  }
  if (found.length > MAX_ENTITIES) {
    found.sort((a, b) => b.count - a.count || a.first - b.first);
    warnings.push(`This text names ${found.length} people, places and organizations; the ${MAX_ENTITIES} named most often were kept.`);
    found.length = MAX_ENTITIES;
  }
  roleMentions(found, sentences);
  const ranking = rankFound(found, article);
  const byId = new Map(found.map((f) => [f.entity.id, f.entity]));
  const entities = ranking.map((r) => byId.get(r.id)!);
  if (!entities.length)
    warnings.push('No people, places or organizations were found in this text; you can add them by hand in the review.');
  return { entities, ranking: ranking.map(({ id, rank, selected }) => ({ id, rank, selected })) };
}

/** The lead: the body's first sentences (a news article's first paragraph or two). */
const LEAD_SENTENCES = 4;

/** Ranks the entities and proposes each one's centrality: central only if the article makes it so. */
function rankFound(found: Found[], article: ArticleText) {
  const lead = new Set<number>();
  article.sentences.forEach((s, i) => {
    if (!s.heading && lead.size < LEAD_SENTENCES && s.text !== article.title) lead.add(i);
  });
  const ranking = rankEntities(
    found.map((f) => ({
      id: f.entity.id,
      name: f.entity.name,
      forms: [f.entity.name, ...f.entity.names.filter((n) => n.kind !== 'description').map((n) => n.text)],
      sentences: f.occ.map((o) => o.sentence),
    })),
    article.title,
    lead,
    article.sentences.length,
  );
  const byId = new Map(found.map((f) => [f.entity.id, f.entity]));
  // a name the article only mentions in passing is background to the story, whatever it is
  for (const r of ranking) if (!r.prominent) byId.get(r.id)!.centrality = 'background';
  return ranking;
}

/**
 * Whether a group's canonical name is a name at all: not a single letter ("X"), not a lone capitalised word the text also writes
 * in lower case ("House", "Will") or that is an ordinary word ("Difficult"), not a given name alone
 * ("Mark", "Chris": a reference list's authors), not a capitalised compound ("Rich-text version:"),
 * and not two names joined ("Australia-New Zealand", "Auckland Wellington").
 */
function isName(g: NameGroup, name: string, lowerWords: Set<string>, rootKeys: Map<string, EntityType>): boolean {
  if (name.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return false;
  if (!/\s/.test(name) && !g.known) {
    if (!g.cues.length && (lowerWords.has(name.toLowerCase()) || /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(name))) return false;
    if (!g.cues.some((c) => c.type !== 'person') && (isCommonWord(name) || isGivenName(name))) return false;
  }
  const words = g.key.split(' ');
  for (let i = 1; i < words.length; i++) {
    const left = rootKeys.get(words.slice(0, i).join(' '));
    const right = rootKeys.get(words.slice(i).join(' '));
    if (left && right && left !== 'person' && right !== 'person') return false;
  }
  return true;
}

/** The name's slug, numbered when another entity has it already. */
function uniqueId(name: string, foundSoFar: number, ids: Set<string>): string {
  let id = slugify(name) || `entity-${foundSoFar + 1}`;
  for (let k = 2; ids.has(id); k++) id = `${slugify(name) || 'entity'}-${k}`;
  ids.add(id);
  return id;
}

function toEntity(g: NameGroup, name: string, occ: Occurrence[], sentences: Sentence[], id: string, ctx: AliasContext): Entity {
  const type = groupType(g);
  const formCounts = new Map<string, number>();
  for (const o of occ) formCounts.set(o.form, (formCounts.get(o.form) ?? 0) + 1);
  const aliases = [...formCounts.entries()]
    // "Vostochny cosmodrome" as written stays beside the name "Vostochny Cosmodrome"
    .filter(([f]) => f !== name && keepAlias(f, name, type, ctx))
    .sort((a, b) => b[1] - a[1])
    .map(([f]) => f);
  return {
    id,
    name: name.slice(0, 120),
    type,
    centrality: proposeCentrality({ type, name, names: aliases.map((text) => ({ text })) }),
    description: describe(type, g, occ, sentences).slice(0, 300),
    fromArticle: true,
    names: aliases.slice(0, 400).map((text) => ({ text: text.slice(0, 120), lang: 'en', kind: nameKind(text, name, type) })),
    titles: [],
    roles: [],
    facts: [],
    sentences: rankSentences(occ, sentences, name),
    relations: [],
  };
}

interface ArticleText {
  /** every checked line (the date is looked for among them, bylines included) */
  lines: string[];
  /** the story's own lines */
  kept: string[];
  sentences: Sentence[];
  /** the headline, or the title given */
  title: string;
  /** the form keys of the names in its bylines and credits */
  authors: Set<string>;
}

/** Step 5: the pack around the entities: title, date, link, id and summary. */
function packInput(input: ExtractInput, entities: Entity[], text: ArticleText, warnings: string[]): StoryPackInput {
  const body = text.sentences.filter((s) => !s.heading);
  const title = text.title;
  const date = storyDate(input.date, text.lines, warnings);
  const url = storyUrl(input.url, warnings);
  const id =
    input.id && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.id) && input.id.length <= 80 ? input.id : slugify(input.id || title) || 'my-story';
  const summary = (body.find((s) => s.text !== title) ?? body[0])?.text ?? '';
  return {
    format: 'story-lens/pack',
    formatVersion: PACK_FORMAT_VERSION,
    id,
    title,
    date,
    source: url ? { url } : {},
    summary: summary.length > 1000 ? `${summary.slice(0, 999)}…` : summary,
    language: 'en',
    entities,
  };
}

function guessTitle(kept: string[], body: Sentence[], sentences: Sentence[]): string {
  const firstLine = kept[0];
  // the headline: the first line of five words or more that is not a sentence (a page's text
  // starts with its site name and menu: "The Meridian Post", "World", "Asia-Pacific")
  const headline = kept.slice(0, 40).find((l) => {
    const words = l.match(/\p{L}[\p{L}’'-]*/gu) ?? [];
    // a menu ("World Asia-Pacific Europe Business Opinion") has no lower-case word; a kicker is in capitals
    return l.length <= 300 && !endsLikeSentence(l) && words.length >= 5 && words.some((w) => /^\p{Ll}/u.test(w));
  });
  return (
    headline ||
    (firstLine.length <= 300 && !endsLikeSentence(firstLine) ? firstLine : undefined) ||
    (body[0]?.text.length <= 300 ? body[0].text : `${(body[0] ?? sentences[0]).text.slice(0, 297)}…`)
  );
}

/** The date given if it is one, else the one the text writes, else today's (with a warning). */
function storyDate(given: string | undefined, lines: string[], warnings: string[]): string {
  let date = given;
  if (date !== undefined && !validDate(date)) {
    warnings.push(`The date “${date}” is not a date written as YYYY-MM-DD; it was not used.`);
    date = undefined;
  }
  if (!date) {
    date = findDate(lines);
    if (!date) {
      date = new Date().toISOString().slice(0, 10);
      warnings.push(`The story’s date was not found in the text; today’s date (${date}) was used. You can change it in the review.`);
    }
  }
  return date;
}

function storyUrl(given: string | undefined, warnings: string[]): string | undefined {
  if (!given) return undefined;
  if (/^https:\/\/[^\s<>"]+$/.test(given) && given.length <= 2048) return given;
  warnings.push('The link was not kept: only https:// links are stored.');
  return undefined;
}

function sumCounts(g: NameGroup): number {
  let t = 0;
  for (const c of allForms(g).values()) t += c;
  return t;
}

/**
 * Most telling first: a sentence that names the entity in full, with it as
 * the subject (near the start), in an ordinary sentence (not a heading);
 * then in the story's order.
 */
function rankSentences(occ: Occurrence[], sentences: Sentence[], name: string): string[] {
  const score = new Map<number, number>();
  const lname = name.toLowerCase();
  for (const o of occ) {
    const s = sentences[o.sentence];
    let v = 0;
    if (s.text.toLowerCase().includes(lname)) v += 3;
    if (o.start < s.text.length * 0.3) v += 2;
    if (APPOSITIVE_AFTER.test(s.text.slice(o.end))) v += 2;
    if (s.text.length >= 60 && s.text.length <= 400) v += 1;
    if (s.heading) v -= 4;
    score.set(o.sentence, Math.max(score.get(o.sentence) ?? -Infinity, v));
  }
  const seen = new Set<string>();
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([i]) => sentences[i].text.slice(0, MAX_SENTENCE_CHARS))
    .filter((t) => !seen.has(t) && (seen.add(t), true))
    .slice(0, MAX_SENTENCES_PER_ENTITY);
}
