/**
 * The card for an entity, as data: built in the background from the pack,
 * rendered by src/ui/card.ts with textContent only.
 * OWNER: card work (issue 2/4). Contract only for now.
 */
import type { EntityType, Fact } from '../story/schema';

export interface CardModel {
  id: string;
  name: string;
  type: EntityType;
  description: string;
  facts: Fact[];
  sentences: string[];
  [key: string]: unknown;
}
