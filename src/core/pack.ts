/**
 * The story pack's vocabulary: the plain types every layer speaks. The story
 * layer's schema (src/story/schema.ts) validates input into exactly these
 * types; nothing below it imports the schema.
 */

export const ENTITY_TYPES = ['person', 'place', 'organization'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * How an entity stands to its story (issue 14): `central` for the story's
 * protagonists and the places, events and organizations particular to it;
 * `background` for names the news carries on any subject (countries, capitals
 * and world cities, global agencies and institutions). A page is coverage of
 * the story when its main text names the story's central entities. Not to be
 * confused with the popup's "from the article" count (`fromArticle`).
 */
export const CENTRALITIES = ['central', 'background'] as const;
export type Centrality = (typeof CENTRALITIES)[number];

/** The pack format's version: 2 added `centrality` (a version-1 pack is upgraded when read). */
export const PACK_FORMAT_VERSION = 2;

/** How a name counts (see docs/detection-rules.md). */
export type NameKind = 'name' | 'surname' | 'abbreviation' | 'description';

/** One way of writing an entity's name. */
export interface EntityName {
  text: string;
  /** BCP 47 language of the form ("en", "ru", "ko", "es") */
  lang: string;
  kind: NameKind;
  /** for a description: the dates it held */
  from?: string;
  to?: string;
}

/** A dated reference fact with its source. */
export interface Fact {
  label: string;
  value: string;
  asOf: string;
  source: string;
}

/** A role held by a person (or status of an organization), with its dates. */
export interface Role {
  title: string;
  from?: string;
  /** absent: still held as of `asOf` */
  to?: string;
  asOf: string;
  source: string;
}

export interface Relation {
  /** id of another entity of the same pack */
  to: string;
  text: string;
  date?: string;
}

export interface EntityLocation {
  lat: number;
  lon: number;
  region?: string;
  country: string;
}

export interface Entity {
  id: string;
  /** canonical English name */
  name: string;
  type: EntityType;
  centrality: Centrality;
  description: string;
  wikipedia?: string;
  wikidata?: string;
  /** false for namesakes carried so they can be told apart ("Kim Yo Jong") */
  fromArticle: boolean;
  /** every way outlets write it, in any language; the canonical name is implied */
  names: EntityName[];
  /** titles that, before the surname alone, point to this person ("Professor" → Kim Jae-chun) */
  titles: string[];
  roles: Role[];
  facts: Fact[];
  location?: EntityLocation;
  /** what the story says of it: the article's own sentences, most telling first */
  sentences: string[];
  relations: Relation[];
}

export interface StoryPack {
  format: 'story-lens/pack';
  formatVersion: typeof PACK_FORMAT_VERSION;
  id: string;
  title: string;
  /** the story's date: roles and role mentions are resolved as of this day */
  date: string;
  source: { publisher?: string; url?: string };
  summary: string;
  language: string;
  /** the date the reference facts are current to */
  factsAsOf?: string;
  entities: Entity[];
}
