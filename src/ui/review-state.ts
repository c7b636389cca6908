/**
 * The review screen's state, as a pure reducer: what extraction found (or a
 * saved story holds), as the reader edits it before saving (rename, change
 * type, merge two, split an alias into its own entity, remove, add,
 * add/remove aliases, title, date; and on many at once: select, keep the top
 * N, retype, central/background). No DOM here, so every operation is tested
 * in Node (tests/unit/ui/review-state); its words come from the message catalogue.
 * An edit returns a new state in which every entity it did not touch is the
 * same object, so the view redraws only what changed (review.ts).
 * review-pack.ts turns the result into a story pack that `parsePack` accepts.
 */
import { ENTITY_TYPES, type Centrality, type EntityType, type NameKind } from '../core/pack';
import { t } from './i18n';

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
  /** how central extraction thinks it is: lower first (absent: the order given) */
  rank?: number;
  /** proposed for the story (absent: yes) */
  selected?: boolean;
  centrality?: Centrality;
  /** the saved entity's id, when a saved story is edited */
  origin?: string;
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
  /** saved with the story; unselected entities are listed below the others */
  selected: boolean;
  centrality: Centrality;
  /** the saved entity's id, when a saved story is edited (what the screen does not show is kept from it) */
  origin?: string;
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
  | { type: 'removeAlias'; key: string; alias: string }
  | { type: 'setSelected'; keys: string[]; selected: boolean }
  | { type: 'keepTop'; count: number }
  | { type: 'setTypes'; keys: string[]; entityType: EntityType }
  | { type: 'setCentrality'; keys: string[]; centrality: Centrality };

/** Text as the screen keeps it: runs of white space as one space, trimmed. */
export const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
/** `clean`, in lower case: names are compared in this form. */
export const folded = (s: string) => clean(s).toLocaleLowerCase();
const same = (a: string, b: string) => folded(a) === folded(b);

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
  // most central first (a stable sort: without ranks, the order given)
  const ranked = extracted.entities
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.rank ?? a.i) - (b.e.rank ?? b.i) || a.i - b.i)
    .map(({ e }) => e);
  for (const e of ranked) {
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
      selected: e.selected ?? true,
      // without a proposal an entity counts as the story's own: a story with no central entity would mark nothing
      centrality: e.centrality ?? 'central',
      ...(e.origin ? { origin: e.origin } : {}),
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

/** `fn` on the entities of `keys`; an entity `fn` leaves as it was stays the same object. */
function updateMany(state: ReviewState, keys: string[], fn: (e: DraftEntity) => DraftEntity): ReviewState {
  const wanted = new Set(keys);
  return { ...state, entities: state.entities.map((e) => (wanted.has(e.key) ? fn(e) : e)) };
}

const retype = (e: DraftEntity, type: EntityType): DraftEntity => (e.type === type ? e : { ...e, type, description: undefined });

type Handler<K extends ReviewAction['type']> = (state: ReviewState, action: Extract<ReviewAction, { type: K }>) => ReviewState;

/** One handler per action; the mapped type makes a missing one a type error. */
const HANDLERS: { [K in ReviewAction['type']]: Handler<K> } = {
  setTitle: (state, { title }) => ({ ...state, title }),
  setDate: (state, { date }) => ({ ...state, date }),
  setSummary: (state, { summary }) => ({ ...state, summary }),
  rename,
  setType: (state, { key, entityType }) => update(state, key, (e) => retype(e, entityType)),
  setTypes: (state, { keys, entityType }) => updateMany(state, keys, (e) => retype(e, entityType)),
  setSelected: (state, { keys, selected }) => updateMany(state, keys, (e) => (e.selected === selected ? e : { ...e, selected })),
  setCentrality: (state, { keys, centrality }) => updateMany(state, keys, (e) => (e.centrality === centrality ? e : { ...e, centrality })),
  // the list is in rank order: the first `count` are the top
  keepTop: (state, { count }) => ({
    ...state,
    entities: state.entities.map((e, i) => (e.selected === i < count ? e : { ...e, selected: i < count })),
  }),
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
    selected: source.selected,
    centrality: source.centrality,
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
    selected: true,
    centrality: 'central',
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
  const kept = state.entities.filter((e) => e.selected);
  if (kept.length === 0) problems.push(t('reviewNeedEntity'));
  const seen = new Map<string, string>();
  for (const e of kept) {
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

/** The sentences (from `sentences`) that write `name` as a word of its own, at most `max`. */
export function sentencesNaming(sentences: string[], name: string, max = 30): string[] {
  const n = clean(name);
  if (!n) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u');
  return sentences.filter((s) => re.test(s)).slice(0, max);
}
