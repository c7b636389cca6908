/**
 * The review screen's state, as a pure reducer: what extraction found, as the
 * reader edits it before saving (rename, change type, merge two, split an
 * alias into its own entity, remove, add, add/remove aliases, title, date).
 * No DOM here, so every operation is tested in Node (tests/unit/ui/review-state);
 * its words for the reader come from the message catalogue.
 * `reviewToPack` turns the result into a story pack that `parsePack` accepts.
 */
import { ENTITY_TYPES, type EntityType, type NameKind, type StoryPack } from '../core/pack';
import type { StoryPackInput } from '../story/schema';
import { t, typeName } from './i18n';

/** What extraction gives (the extract JSON contract: name, type, aliases, sentences). */
export interface ExtractedEntity {
  name: string;
  type: EntityType;
  aliases?: string[];
  sentences?: string[];
  /** one line from extraction ("Russian president named in the story"); dropped when the type changes */
  description?: string;
  /** kind of each alias that is not a plain name ("Kim" alone is a surname, "DPRK" an abbreviation) */
  aliasKinds?: Map<string, NameKind>;
}

export interface DraftEntity {
  /** stable key for the view; never shown, never saved */
  key: string;
  name: string;
  type: EntityType;
  /** other ways the text writes it (never the name itself, no duplicates) */
  aliases: string[];
  sentences: string[];
  description?: string;
  /** kind of each alias that is not a plain name (absent: "name"); a Map, as aliases are text from the article */
  aliasKinds: Map<string, NameKind>;
}

export interface ReviewState {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  source: { publisher?: string; url?: string };
  /** shown in the popup under the headline */
  summary: string;
  entities: DraftEntity[];
  nextKey: number;
}

export type ReviewAction =
  | { type: 'setTitle'; title: string }
  | { type: 'setDate'; date: string }
  | { type: 'setSummary'; summary: string }
  | { type: 'rename'; key: string; name: string }
  | { type: 'setType'; key: string; entityType: EntityType }
  | { type: 'merge'; into: string; from: string }
  | { type: 'split'; key: string; alias: string }
  | { type: 'remove'; key: string }
  | { type: 'add'; name: string; entityType: EntityType; sentences?: string[] }
  | { type: 'addAlias'; key: string; alias: string }
  | { type: 'removeAlias'; key: string; alias: string };

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const same = (a: string, b: string) => clean(a).toLocaleLowerCase() === clean(b).toLocaleLowerCase();

/** Aliases without the name itself, blanks or case-insensitive duplicates, in first-seen order. */
function tidyAliases(name: string, aliases: string[]): string[] {
  const out: string[] = [];
  for (const a of aliases.map(clean)) {
    if (!a || same(a, name) || out.some((o) => same(o, a))) continue;
    out.push(a);
  }
  return out;
}

function kindsFor(aliases: string[], ...maps: (Map<string, NameKind> | undefined)[]): Map<string, NameKind> {
  const out = new Map<string, NameKind>();
  for (const a of aliases) {
    for (const m of maps) {
      const k = m?.get(a);
      if (k && k !== 'name') {
        out.set(a, k);
        break;
      }
    }
  }
  return out;
}

function uniq(list: string[]): string[] {
  return [...new Set(list)];
}

export function initialReview(
  extracted: { entities: ExtractedEntity[] },
  meta: { title?: string; date?: string; summary?: string; source?: { publisher?: string; url?: string } } = {},
): ReviewState {
  const entities: DraftEntity[] = [];
  let nextKey = 1;
  for (const e of extracted.entities) {
    const name = clean(e.name);
    if (!name || !ENTITY_TYPES.includes(e.type)) continue;
    const aliases = tidyAliases(name, e.aliases ?? []);
    entities.push({
      key: `e${nextKey++}`,
      name,
      type: e.type,
      aliases,
      sentences: uniq((e.sentences ?? []).map(clean).filter(Boolean)),
      description: e.description?.trim() || undefined,
      aliasKinds: kindsFor(aliases, e.aliasKinds),
    });
  }
  return {
    title: clean(meta.title ?? ''),
    date: meta.date && /^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? meta.date : new Date().toISOString().slice(0, 10),
    source: meta.source ?? {},
    summary: clean(meta.summary ?? '').slice(0, 1000),
    entities,
    nextKey,
  };
}

function update(state: ReviewState, key: string, fn: (e: DraftEntity) => DraftEntity): ReviewState {
  return { ...state, entities: state.entities.map((e) => (e.key === key ? fn(e) : e)) };
}

type Handler<K extends ReviewAction['type']> = (state: ReviewState, action: Extract<ReviewAction, { type: K }>) => ReviewState;

/** One handler per action; the mapped type makes a missing one a type error. */
const HANDLERS: { [K in ReviewAction['type']]: Handler<K> } = {
  setTitle: (state, { title }) => ({ ...state, title }),
  setDate: (state, { date }) => ({ ...state, date }),
  setSummary: (state, { summary }) => ({ ...state, summary }),
  rename,
  setType: (state, { key, entityType }) =>
    update(state, key, (e) => (e.type === entityType ? e : { ...e, type: entityType, description: undefined })),
  merge,
  split,
  remove: (state, { key }) => ({ ...state, entities: state.entities.filter((e) => e.key !== key) }),
  add,
  addAlias: (state, { key, alias }) =>
    update(state, key, (e) => {
      const aliases = tidyAliases(e.name, [...e.aliases, alias]);
      return { ...e, aliases, aliasKinds: kindsFor(aliases, e.aliasKinds) };
    }),
  removeAlias: (state, { key, alias }) =>
    update(state, key, (e) => {
      const aliases = e.aliases.filter((a) => !same(a, alias));
      return { ...e, aliases, aliasKinds: kindsFor(aliases, e.aliasKinds) };
    }),
};

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  return (HANDLERS[action.type] as Handler<ReviewAction['type']>)(state, action);
}

function rename(state: ReviewState, action: { key: string; name: string }): ReviewState {
  const name = clean(action.name);
  if (!name) return state;
  // The old name stays findable: it becomes an alias.
  return update(state, action.key, (e) => {
    const aliases = tidyAliases(name, [...e.aliases, e.name]);
    return { ...e, name, aliases, aliasKinds: kindsFor(aliases, e.aliasKinds) };
  });
}

function merge(state: ReviewState, action: { into: string; from: string }): ReviewState {
  if (action.into === action.from) return state;
  const from = state.entities.find((e) => e.key === action.from);
  const into = state.entities.find((e) => e.key === action.into);
  if (!from || !into) return state;
  const aliases = tidyAliases(into.name, [...into.aliases, from.name, ...from.aliases]);
  const merged: DraftEntity = {
    ...into,
    aliases,
    aliasKinds: kindsFor(aliases, into.aliasKinds, from.aliasKinds),
    sentences: uniq([...into.sentences, ...from.sentences]),
  };
  return { ...state, entities: state.entities.filter((e) => e.key !== from.key).map((e) => (e.key === into.key ? merged : e)) };
}

function split(state: ReviewState, action: { key: string; alias: string }): ReviewState {
  const source = state.entities.find((e) => e.key === action.key);
  if (!source) return state;
  const alias = source.aliases.find((a) => same(a, action.alias));
  if (!alias) return state;
  const mentions = (s: string) => s.toLocaleLowerCase().includes(alias.toLocaleLowerCase());
  const created: DraftEntity = {
    key: `e${state.nextKey}`,
    name: alias,
    type: source.type,
    aliases: [],
    aliasKinds: new Map(),
    // the sentences that use the alias go with it (they may still name the source too)
    sentences: source.sentences.filter(mentions),
  };
  const at = state.entities.indexOf(source);
  const entities = [...state.entities];
  const rest = source.aliases.filter((a) => a !== alias);
  entities[at] = { ...source, aliases: rest, aliasKinds: kindsFor(rest, source.aliasKinds) };
  entities.splice(at + 1, 0, created);
  return { ...state, entities, nextKey: state.nextKey + 1 };
}

function add(state: ReviewState, action: { name: string; entityType: EntityType; sentences?: string[] }): ReviewState {
  const name = clean(action.name);
  if (!name) return state;
  const existing = state.entities.find((e) => same(e.name, name));
  if (existing) return state;
  const sentences = uniq((action.sentences ?? []).map(clean).filter(Boolean));
  const created: DraftEntity = {
    key: `e${state.nextKey}`,
    name,
    type: action.entityType,
    aliases: [],
    sentences,
    aliasKinds: new Map(),
  };
  return { ...state, entities: [...state.entities, created], nextKey: state.nextKey + 1 };
}

/** Problems that stop a save, as a reader would read them (empty when it can be saved). */
export function reviewProblems(state: ReviewState): string[] {
  const problems: string[] = [];
  if (!clean(state.title)) problems.push(t('reviewNeedTitle'));
  if (clean(state.title).length > 300) problems.push(t('reviewTitleTooLong'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(state.date) || Number.isNaN(Date.parse(state.date))) problems.push(t('reviewNeedDate'));
  if (clean(state.summary).length > 1000) problems.push(t('reviewSummaryTooLong'));
  if (state.entities.length === 0) problems.push(t('reviewNeedEntity'));
  const seen = new Map<string, string>();
  for (const e of state.entities) {
    const k = e.name.toLocaleLowerCase();
    if (seen.has(k)) problems.push(t('reviewListedTwice', e.name));
    seen.set(k, e.name);
    if (e.name.length > 120) problems.push(t('reviewNameTooLong', e.name.slice(0, 40)));
  }
  return problems;
}

/** kebab-case id from any text ("Kim Jong Un" → "kim-jong-un"; non-Latin text → ""). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

function uniqueId(base: string, taken: Set<string>, fallback: string): string {
  const root = base || fallback;
  let id = root;
  for (let i = 2; taken.has(id); i++) id = `${root}-${i}`;
  taken.add(id);
  return id;
}

/**
 * The story pack to save. Entity and pack ids are kebab-case and unique
 * against `takenIds` (the ids already used by stored stories: entity ids must
 * be unique across enabled stories, see src/core/types.ts).
 */
export function reviewToPack(
  state: ReviewState,
  opts: { takenPackIds?: Iterable<string>; takenEntityIds?: Iterable<string>; language?: string } = {},
): StoryPackInput {
  const title = clean(state.title);
  const packId = uniqueId(slugify(`${title} ${state.date}`), new Set(opts.takenPackIds ?? []), 'story');
  const takenEntities = new Set(opts.takenEntityIds ?? []);
  const language = opts.language ?? 'en';
  const source: { publisher?: string; url?: string } = {};
  if (state.source.publisher?.trim()) source.publisher = state.source.publisher.trim().slice(0, 120);
  if (state.source.url && /^https:\/\/[^\s<>"]+$/.test(state.source.url)) source.url = state.source.url;
  return {
    format: 'story-lens/pack',
    formatVersion: 1,
    id: packId,
    title,
    date: state.date,
    source,
    summary: clean(state.summary).slice(0, 1000),
    language,
    entities: state.entities.map((e) => ({
      id: uniqueId(slugify(e.name), takenEntities, `${packId}-entity`),
      name: e.name,
      type: e.type,
      description: (
        e.description ?? t('reviewDescription', typeName(e.type), title.length > 200 ? `${title.slice(0, 200)}…` : title)
      ).slice(0, 300),
      fromArticle: true,
      names: e.aliases
        .filter((a) => a.length <= 120)
        .map((text) => ({ text, lang: language, kind: e.aliasKinds.get(text) ?? ('name' as const) })),
      sentences: e.sentences.filter((s) => s.length <= 2000).slice(0, 200),
    })),
  };
}

/** Review input from an extracted pack (src/story/extract.ts gives one): names become aliases, with their kinds. */
export function extractedFromPack(pack: Pick<StoryPack, 'entities'>): { entities: ExtractedEntity[] } {
  return {
    entities: pack.entities.map((e) => ({
      name: e.name,
      type: e.type,
      aliases: e.names.map((n) => n.text),
      aliasKinds: new Map(e.names.filter((n) => n.kind !== 'name').map((n) => [n.text, n.kind])),
      sentences: e.sentences,
      description: e.description,
    })),
  };
}

/** The sentences (from `sentences`) that write `name` as a word of its own, at most `max`. */
export function sentencesNaming(sentences: string[], name: string, max = 30): string[] {
  const n = clean(name);
  if (!n) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u');
  return sentences.filter((s) => re.test(s)).slice(0, max);
}
