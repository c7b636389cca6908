/**
 * Contracts between the layers (see docs/adr/0001-text-offsets-ranges.md):
 * the page layer turns the DOM into `text` (plus a map back to nodes), the
 * pure core finds mentions as [start, end) offsets in that text, and the page
 * layer maps the offsets back to Ranges. The core never sees a node.
 */
import type { EntityType } from '../core/pack';

/**
 * Between two blocks (paragraphs, cells, list items, <br>) the collected text
 * holds this character. No mention ever spans it.
 */
export const BLOCK_BREAK = '\u2029';

/** One mention found in the collected text. */
export interface Mention {
  start: number;
  end: number;
  /** entity id (unique across enabled stories: "<pack id>/<entity id>" is not needed while ids are unique) */
  entity: string;
  type: EntityType;
  /** true for a role mention ("the Russian president"), reported only when role mentions are on */
  role?: boolean;
}

/** Options the page's settings give the matcher when it is compiled. */
export interface MatcherOptions {
  /** entity types to find; others are never reported */
  types: EntityType[];
  /** report role mentions ("the Russian president") */
  roleMentions: boolean;
  /** only names in these languages (BCP 47 primary tags: "en", "ru"); all when absent. The canonical name always counts. */
  languages?: string[];
}
