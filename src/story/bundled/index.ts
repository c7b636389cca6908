/**
 * The bundled story, built from src/story/seed-article.txt (a copy of the
 * reference article, since a user's clone has no ../shared).
 * entities.json holds who/what each entity is (facts, roles, sentences,
 * relations); names.json holds every way outlets write them (all languages)
 * and the titles that point to them. They are kept apart because they change
 * for different reasons: facts when the world moves on, names when detection
 * is tuned. Merged and validated here; `npm run check:pack` and the unit
 * tests validate the same at build time.
 */
import type { StoryPack } from '../../core/pack';
import { parsePack, type StoryPackInput } from '../schema';
import entities from './entities.json';
import names from './names.json';
import meta from './meta.json';

type NamesFile = Record<string, { names?: unknown[]; titles?: unknown[] }>;

export function mergeBundled(metaIn: unknown, entitiesIn: unknown[], namesIn: NamesFile): StoryPackInput {
  return {
    ...(metaIn as object),
    entities: entitiesIn.map((e) => {
      const id = (e as { id?: string }).id ?? '';
      // own keys only: an id such as "constructor" must not read Object.prototype
      const n = Object.hasOwn(namesIn, id) ? namesIn[id] : {};
      return { ...(e as object), names: n.names ?? [], titles: n.titles ?? [] };
    }),
  } as StoryPackInput;
}

let cached: StoryPack | undefined;
export function bundledPack(): StoryPack {
  cached ??= parsePack(mergeBundled(meta, entities as unknown[], names as NamesFile));
  return cached;
}

export const BUNDLED_PACK_ID = 'kim-putin-2023';
