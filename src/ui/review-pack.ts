/**
 * Between the review screen's state and a story pack: `reviewToPack` makes the
 * pack to save (a new story, or a saved one edited: then everything the screen
 * does not show is kept from it), `extractedFromPack` and `reviewFromPack` make
 * review input from extraction's pack or from a saved story.
 */
import { CENTRALITIES, PACK_FORMAT_VERSION, type Centrality, type Entity, type EntityName, type StoryPack } from '../core/pack';
import type { StoryPackInput } from '../story/schema';
import { t, typeName } from './i18n';
import { clean, initialReview, slugify, type DraftEntity, type ExtractedEntity, type ReviewState } from './review-state';

function uniqueId(base: string, taken: Set<string>, fallback: string): string {
  const root = base || fallback;
  let id = root;
  for (let i = 2; taken.has(id); i++) id = `${root}-${i}`;
  taken.add(id);
  return id;
}

interface PackOptions {
  takenPackIds?: Iterable<string>;
  takenEntityIds?: Iterable<string>;
  language?: string;
  /** the saved story being edited: its id, its entities' ids and every field the screen does not show are kept */
  base?: StoryPack;
}

/**
 * The story pack to save: the selected entities only. Entity and pack ids are
 * kebab-case and unique against `takenIds` (the ids already used by stored
 * stories: entity ids must be unique across enabled stories, see src/core/types.ts).
 */
export function reviewToPack(state: ReviewState, opts: PackOptions = {}): StoryPackInput {
  const { base } = opts;
  const title = clean(state.title);
  const packId = base?.id ?? uniqueId(slugify(`${title} ${state.date}`), new Set(opts.takenPackIds ?? []), 'story');
  const language = opts.language ?? base?.language ?? 'en';
  const source: { publisher?: string; url?: string } = {};
  if (state.source.publisher?.trim()) source.publisher = state.source.publisher.trim().slice(0, 120);
  if (state.source.url && /^https:\/\/[^\s<>"]+$/.test(state.source.url)) source.url = state.source.url;
  const origins = new Map((base?.entities ?? []).map((e) => [e.id, e]));
  const kept = state.entities.filter((e) => e.selected);
  // an edited entity keeps its id (cards and the trail name it); new ones get a free one
  const taken = new Set([...(opts.takenEntityIds ?? []), ...kept.flatMap((e) => (e.origin && origins.has(e.origin) ? [e.origin] : []))]);
  const ids = kept.map((e) => (e.origin && origins.has(e.origin) ? e.origin : uniqueId(slugify(e.name), taken, `${packId}-entity`)));
  const keptIds = new Set(ids);
  const entities = kept.map((e, i) => packEntity(e, ids[i]!, origins.get(e.origin ?? ''), { title, language, keptIds }));
  return {
    ...(base ?? {}),
    format: 'story-lens/pack',
    formatVersion: PACK_FORMAT_VERSION,
    id: packId,
    title,
    date: state.date,
    source,
    summary: clean(state.summary).slice(0, 1000),
    language,
    entities,
  };
}

type EntityInput = StoryPackInput['entities'][number];

function packEntity(
  e: DraftEntity,
  id: string,
  origin: Entity | undefined,
  ctx: { title: string; language: string; keptIds: Set<string> },
): EntityInput {
  const { title, language } = ctx;
  // a saved name keeps its language, kind and dates; a new one is in the story's language
  const savedNames = new Map((origin?.names ?? []).map((n) => [n.text, n]));
  const names: EntityName[] = e.aliases
    .filter((a) => a.length <= 120)
    .map((text) => savedNames.get(text) ?? { text, lang: language, kind: e.aliasKinds.get(text) ?? 'name' });
  const description = (
    e.description ?? t('reviewDescription', typeName(e.type), title.length > 200 ? `${title.slice(0, 200)}…` : title)
  ).slice(0, 300);
  return {
    ...(origin ?? {}),
    id,
    name: e.name,
    type: e.type,
    description,
    fromArticle: origin?.fromArticle ?? true,
    names,
    sentences: e.sentences.filter((s) => s.length <= 2000).slice(0, 200),
    // a relation to an entity the reader took out goes with it
    relations: (origin?.relations ?? []).filter((r) => ctx.keptIds.has(r.to)),
    centrality: e.centrality,
  };
}

/** What an entity says of its rank, whether it is proposed and how central (rank and selection: fields the schema does not carry). */
function proposal(raw: unknown): Pick<ExtractedEntity, 'rank' | 'selected' | 'centrality'> {
  const r = (raw ?? {}) as { rank?: unknown; selected?: unknown; centrality?: unknown };
  const out: Pick<ExtractedEntity, 'rank' | 'selected' | 'centrality'> = {};
  if (typeof r.rank === 'number' && Number.isFinite(r.rank)) out.rank = r.rank;
  if (typeof r.selected === 'boolean') out.selected = r.selected;
  if (CENTRALITIES.includes(r.centrality as Centrality)) out.centrality = r.centrality as Centrality;
  return out;
}

/**
 * Review input from a pack (src/story/extract.ts gives one; a saved story is one): names become aliases, with
 * their kinds. `raw` is the pack as it came, for the proposal fields; `keepOrigin` ties each entity to its id.
 */
export function extractedFromPack(
  pack: Pick<StoryPack, 'entities'>,
  opts: { raw?: unknown; keepOrigin?: boolean } = {},
): { entities: ExtractedEntity[] } {
  const rawEntities = (opts.raw as { entities?: unknown } | undefined)?.entities;
  const rawById = new Map<string, unknown>();
  if (Array.isArray(rawEntities)) for (const r of rawEntities) if (typeof r?.id === 'string') rawById.set(r.id, r);
  return {
    entities: pack.entities.map((e) => ({
      name: e.name,
      type: e.type,
      aliases: e.names.map((n) => n.text),
      aliasKinds: new Map(e.names.filter((n) => n.kind !== 'name').map((n) => [n.text, n.kind])),
      sentences: e.sentences,
      description: e.description,
      // the pack's own centrality (proposed when it was read), then what the raw extraction adds
      ...proposal(e),
      ...proposal(rawById.get(e.id)),
      ...(opts.keepOrigin ? { origin: e.id } : {}),
    })),
  };
}

/** A saved story, opened on the review screen: its title as the reader sees it, its entities tied to their ids. */
export function reviewFromPack(story: { title: string; pack: StoryPack }): ReviewState {
  const { pack } = story;
  return initialReview(extractedFromPack(pack, { keepOrigin: true }), {
    title: story.title,
    date: pack.date,
    summary: pack.summary,
    source: pack.source,
  });
}
