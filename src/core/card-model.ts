/**
 * The card for an entity, as data: built in the background from the pack
 * (buildCard), sent to the page, rendered by src/ui/card.ts with textContent
 * only. Pure: runs in Node, unit-tested in tests/unit/core/card-model.test.ts.
 */
import type { Entity, EntityType, Fact, Role, StoryPack } from '../core/pack';

export interface CardRole {
  title: string;
  from?: string;
  to?: string;
  asOf: string;
  source: string;
}

export interface CardRelation {
  /** id of the other entity */
  to: string;
  /** its canonical name, or the id when the pack does not hold it */
  toName: string;
  text: string;
  date?: string;
}

export interface CardLink {
  label: 'Wikipedia' | 'Wikidata';
  url: string;
}

export interface MapPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

/** What the card's small map draws: projected on the device, no tiles. */
export interface CardMap {
  /** the place the card is about */
  place: MapPoint;
  /** the story's other places that have coordinates */
  others: MapPoint[];
  /** a route the story follows (the train: Pyongyang → Khasan → Ussuriysk → Vostochny), in order */
  route: MapPoint[];
  routeLabel?: string;
}

export interface CardModel {
  id: string;
  name: string;
  type: EntityType;
  /** the name as the page writes it, only when it differs from `name` ("Путина") */
  surface?: string;
  description: string;
  /** roles held on the story's date */
  rolesThen: CardRole[];
  /** roles held now (as of their asOf), only when they differ from rolesThen */
  rolesNow: CardRole[];
  /** roles held then that have ended since (with their end date) */
  rolesEnded: CardRole[];
  facts: Fact[];
  /** the article's sentences about it, most telling first */
  sentences: string[];
  relations: CardRelation[];
  links: CardLink[];
  /** where and in which region/country (places) */
  location?: { lat: number; lon: number; region?: string; country: string };
  map?: CardMap;
  /** the date the reference facts are current to */
  factsAsOf?: string;
  /** whether the entity is named by the story's article (false: a namesake carried to tell it apart) */
  fromArticle: boolean;
  story: { id: string; title: string; date: string };
  /** true when several stories are on: the card then says which story it belongs to */
  showStory: boolean;
}

export interface CardContext {
  storyTitle?: string;
  /** the text as the page writes it */
  surface?: string;
  multipleStories?: boolean;
  /** every enabled pack, to resolve names of related entities across stories */
  packs?: StoryPack[];
}

/**
 * Routes the stories follow, by pack id, drawn on place cards. The pack format
 * has no field for routes yet (format v1); the bundled story's train route is
 * the one reporters mapped: Pyongyang → Khasan (border) → Ussuriysk → Vostochny.
 * A Map: a pack id comes from an imported file, and "constructor" must not find Object's.
 */
export const STORY_ROUTES: ReadonlyMap<string, { label: string; stops: string[] }> = new Map([
  ['kim-putin-2023', { label: "Kim's train", stops: ['pyongyang', 'khasan', 'ussuriysk', 'vostochny-cosmodrome'] }],
]);

/** Dates are YYYY-MM or YYYY-MM-DD: compare month-precision dates as the month's first day. */
function day(d: string): string {
  return d.length === 7 ? `${d}-01` : d;
}
/** A role ending "2024-05" is held through May: compare its end as the month's last day. */
function endDay(d: string): string {
  return d.length === 7 ? `${d}-31` : d;
}

function heldOn(role: Role, date: string): boolean {
  const from = role.from ? day(role.from) : undefined;
  const to = role.to ? endDay(role.to) : undefined;
  return (!from || from <= date) && (!to || to >= date);
}

function toCardRole(r: Role): CardRole {
  return { title: r.title, from: r.from, to: r.to, asOf: r.asOf, source: r.source };
}

const sameRole = (a: Role, b: Role) => a.title === b.title && a.from === b.from;

function normalizeForCompare(s: string): string {
  return s
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\s\u00a0.\-‐‑'’]+/g, ' ')
    .trim();
}

function point(e: Entity): MapPoint | undefined {
  return e.location ? { id: e.id, name: e.name, lat: e.location.lat, lon: e.location.lon } : undefined;
}

function findEntity(packs: StoryPack[], id: string): Entity | undefined {
  for (const p of packs) {
    const e = p.entities.find((x) => x.id === id);
    if (e) return e;
  }
  return undefined;
}

/** Builds the card of `entityId` from `pack`. Throws when the pack has no such entity. */
export function buildCard(pack: StoryPack, entityId: string, ctx: CardContext = {}): CardModel {
  const entity = pack.entities.find((e) => e.id === entityId);
  if (!entity) throw new Error(`buildCard: no entity "${entityId}" in pack "${pack.id}"`);
  const packs = ctx.packs && ctx.packs.length ? ctx.packs : [pack];
  const storyDate = day(pack.date);

  const rolesThen = entity.roles.filter((r) => heldOn(r, storyDate));
  const current = entity.roles.filter((r) => !r.to);
  const rolesEnded = rolesThen.filter((r) => r.to);
  const changed = rolesEnded.length > 0 || current.some((r) => !rolesThen.some((t) => sameRole(t, r)));
  const rolesNow = changed ? current : [];

  const surface =
    ctx.surface && normalizeForCompare(ctx.surface) !== normalizeForCompare(entity.name) ? ctx.surface.trim().slice(0, 120) : undefined;

  const links: CardLink[] = [];
  if (entity.wikipedia) links.push({ label: 'Wikipedia', url: entity.wikipedia });
  if (entity.wikidata) links.push({ label: 'Wikidata', url: `https://www.wikidata.org/wiki/${entity.wikidata}` });

  const relations: CardRelation[] = entity.relations.map((r) => ({
    to: r.to,
    toName: findEntity(packs, r.to)?.name ?? r.to,
    text: r.text,
    date: r.date,
  }));

  let map: CardMap | undefined;
  const here = entity.type === 'place' ? point(entity) : undefined;
  if (here) {
    const others = pack.entities
      // countries (no region) are areas, not points: a dot at a country's centroid misleads
      .filter((e) => e.type === 'place' && e.id !== entity.id && e.fromArticle && e.location?.region)
      .map((e) => point(e)!)
      // keep what is near the place, so the map stays regional
      .filter((p) => Math.abs(p.lat - here.lat) < 25 && Math.abs(p.lon - here.lon) < 40);
    const routeDef = STORY_ROUTES.get(pack.id);
    const route = routeDef ? routeDef.stops.map((id) => findEntity([pack], id)).flatMap((e) => (e ? (point(e) ?? []) : [])) : [];
    map = { place: here, others, route: route.length >= 2 ? route : [], routeLabel: route.length >= 2 ? routeDef?.label : undefined };
  }

  return {
    id: entity.id,
    name: entity.name,
    type: entity.type,
    surface,
    description: entity.description,
    rolesThen: rolesThen.map(toCardRole),
    rolesNow: rolesNow.map(toCardRole),
    rolesEnded: rolesEnded.map(toCardRole),
    facts: entity.facts,
    sentences: entity.sentences,
    relations,
    links,
    location: entity.location,
    map,
    factsAsOf: pack.factsAsOf,
    fromArticle: entity.fromArticle,
    story: { id: pack.id, title: ctx.storyTitle ?? pack.title, date: pack.date },
    showStory: !!ctx.multipleStories,
  };
}
