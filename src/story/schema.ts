/**
 * The story pack: the public format of a story, bundled or the reader's own.
 * Validated when the bundled pack is built (tests/unit/story and
 * `npm run check:pack`), when a pack is loaded from storage, and when one is
 * imported. A bad pack is an error that names the entity and the field.
 */
import { z } from 'zod';
import { CENTRALITIES, ENTITY_TYPES, PACK_FORMAT_VERSION, type Entity, type EntityName, type StoryPack } from '../core/pack';
import { proposeCentrality } from './centrality';

const isoDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected a date as YYYY-MM-DD or YYYY-MM');
const httpsUrl = z
  .string()
  .max(2048)
  .refine((s) => /^https:\/\/[^\s<>"]+$/.test(s), 'expected an https:// link');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** One way of writing the entity's name. */
export const NameSchema = z.object({
  text: text(120),
  /** BCP 47 language of the form ("en", "ru", "ko", "es"); any language is allowed. */
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language code such as "en"'),
  /**
   * "name" (default): a full name or an unambiguous short form.
   * "surname": counts only when the page supports it (see docs/detection-rules.md).
   * "abbreviation": must be written in capitals as given (US, DPRK).
   * "description": a role mention ("the Russian president"), off unless the reader turns role mentions on.
   */
  kind: z.enum(['name', 'surname', 'abbreviation', 'description']).default('name'),
  /** for a description: the dates it held (a role mention is resolved as of the story's date) */
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** A dated reference fact with its source. */
export const FactSchema = z.object({
  label: text(60),
  value: text(300),
  asOf: isoDate,
  source: httpsUrl,
});

/** A role held by a person (or status of an organization), with its dates. */
export const RoleSchema = z.object({
  title: text(160),
  from: isoDate.optional(),
  /** absent: still held as of `asOf` */
  to: isoDate.optional(),
  asOf: isoDate,
  source: httpsUrl,
});

export const RelationSchema = z.object({
  /** id of another entity of the same pack */
  to: text(80),
  /** how they relate, as a reader would say it: "met Kim Jong Un at the Vostochny Cosmodrome" */
  text: text(300),
  date: isoDate.optional(),
});

export const LocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  region: text(120).optional(),
  country: text(120),
});

export const EntitySchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as "kim-jong-un"')
    .max(80),
  /** canonical English name */
  name: text(120),
  type: z.enum(ENTITY_TYPES),
  /** central to the story or background to it (see src/core/pack.ts) */
  centrality: z.enum(CENTRALITIES),
  /** one line: who or what it is */
  description: text(300),
  wikipedia: httpsUrl.optional(),
  /** only where confirmed against a reference page: a wrong id is worse than none */
  wikidata: z
    .string()
    .regex(/^Q\d+$/, 'expected a Wikidata id such as "Q7747"')
    .optional(),
  /** false for namesakes carried so they can be told apart ("Kim Yo Jong") */
  fromArticle: z.boolean().default(true),
  /** every way outlets write it, in any language; the canonical name is implied */
  names: z.array(NameSchema).max(400).default([]),
  /** titles that, before the surname alone, point to this person ("Professor" → Kim Jae-chun) */
  titles: z.array(text(40)).max(40).default([]),
  roles: z.array(RoleSchema).max(40).default([]),
  facts: z.array(FactSchema).max(60).default([]),
  location: LocationSchema.optional(),
  /** what the story says of it: the article's own sentences, most telling first */
  sentences: z.array(text(2000)).max(200).default([]),
  relations: z.array(RelationSchema).max(60).default([]),
});

export const PackSchema = z
  .object({
    format: z.literal('story-lens/pack'),
    formatVersion: z.literal(PACK_FORMAT_VERSION, { message: `expected ${PACK_FORMAT_VERSION} (or 1, which is upgraded)` }),
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id')
      .max(80),
    title: text(300),
    /** the story's date: roles and role mentions are resolved as of this day */
    date: isoDate,
    source: z.object({ publisher: text(120).optional(), url: httpsUrl.optional() }).default({}),
    summary: z.string().max(1000).default(''),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .default('en'),
    /** the date the reference facts are current to */
    factsAsOf: isoDate.optional(),
    entities: z.array(EntitySchema).max(2000),
  })
  .superRefine((pack, ctx) => {
    const ids = new Set<string>();
    pack.entities.forEach((e, i) => {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entities', i, 'id'], message: `duplicate id "${e.id}"` });
      ids.add(e.id);
    });
    pack.entities.forEach((e, i) =>
      e.relations.forEach((r, j) => {
        if (!ids.has(r.to))
          ctx.addIssue({ code: 'custom', path: ['entities', i, 'relations', j, 'to'], message: `no entity "${r.to}" in this pack` });
      }),
    );
  });
type EntityInput = z.input<typeof EntitySchema>;
/** What parsePack accepts: a version-1 pack, or entities without `centrality` (proposed when read). */
export type StoryPackInput = Omit<z.input<typeof PackSchema>, 'formatVersion' | 'entities'> & {
  formatVersion: 1 | typeof PACK_FORMAT_VERSION;
  entities: (Omit<EntityInput, 'centrality'> & { centrality?: EntityInput['centrality'] })[];
};

// The schema validates into the core's plain types, field for field: either drifting from the other fails the type check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: [
  Same<z.infer<typeof NameSchema>, EntityName>,
  Same<z.infer<typeof EntitySchema>, Entity>,
  Same<z.infer<typeof PackSchema>, StoryPack>,
] = [true, true, true];
void sameShape;

export class PackError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid story pack:\n- ${problems.join('\n- ')}`);
    this.name = 'PackError';
  }
}

/** Describes a problem by entity ("entity "kim-jong-un" (Kim Jong Un), field facts[2].source: ...") */
function describeIssue(input: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (path[0] === 'entities' && typeof path[1] === 'number') {
    const raw = (input as { entities?: unknown[] })?.entities?.[path[1]] as { id?: unknown; name?: unknown } | undefined;
    const who = typeof raw?.id === 'string' ? `"${raw.id}"${typeof raw?.name === 'string' ? ` (${raw.name})` : ''}` : `#${path[1]}`;
    const field = path.slice(2).reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : String(p)), '');
    return `entity ${who}, field ${field || '(the entity itself)'}: ${issue.message}`;
  }
  return `field ${path.join('.') || '(the pack itself)'}: ${issue.message}`;
}

/**
 * A version-1 pack (before `centrality`) as version 2, and any entity without
 * `centrality` given the proposed one (src/story/centrality.ts), so a pack
 * written by hand need not spell it out. Anything else is returned as it is,
 * for the schema to judge; junk inside stays for the schema to report.
 */
export function upgradePack(input: unknown): unknown {
  if (!isObject(input) || (input.formatVersion !== 1 && input.formatVersion !== PACK_FORMAT_VERSION) || !Array.isArray(input.entities))
    return input;
  const entities = input.entities.map((e: unknown) => {
    if (!isObject(e) || Object.hasOwn(e, 'centrality')) return e;
    // an entity broken elsewhere (no name, an unknown type) gets a placeholder, so its one problem is the one reported
    if (typeof e.name !== 'string' || !ENTITY_TYPES.includes(e.type as never)) return { ...e, centrality: 'central' };
    const names = Array.isArray(e.names) ? e.names.filter((n): n is { text: string } => isObject(n) && typeof n.text === 'string') : [];
    return { ...e, centrality: proposeCentrality({ type: e.type as Entity['type'], name: e.name, names }) };
  });
  return { ...input, formatVersion: PACK_FORMAT_VERSION, entities };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parsePack(input: unknown): StoryPack {
  const result = PackSchema.safeParse(upgradePack(input));
  if (result.success) return result.data;
  throw new PackError(result.error.issues.map((i) => describeIssue(input, i)));
}

export function safeParsePack(input: unknown): { ok: true; pack: StoryPack } | { ok: false; problems: string[] } {
  try {
    return { ok: true, pack: parsePack(input) };
  } catch (e) {
    if (e instanceof PackError) return { ok: false, problems: e.problems };
    throw e;
  }
}
