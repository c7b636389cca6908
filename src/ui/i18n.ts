/**
 * Every word on screen comes from the message catalogue
 * (public/_locales/<lang>/messages.json), read through the browser's i18n API,
 * so translating Story Lens is a change of data. Keys are typed from the
 * English catalogue: a missing key fails the type check.
 */
import { browser } from 'wxt/browser';
import type messages from '../../public/_locales/en/messages.json';
import { formatDate } from '../core/dates';
import type { EntityType } from '../core/pack';

export type MessageKey = keyof typeof messages;

/** The message `key`, with `subs` in its placeholders ($1…$9, in order). */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  // WXT types getMessage with one overload per key; `t` takes any key of the catalogue.
  return (browser.i18n.getMessage as (name: string, subs: string[]) => string)(key, subs.map(String));
}

/** A date as every view writes it ("12 September 2023"), in the catalogue's locale. */
export function date(iso: string | undefined): string {
  return formatDate(iso, t('dateLocale'));
}

// One map per use, so a bundle keeps only the words it shows (the card needs only typeName).
const NAME: Record<EntityType, MessageKey> = { person: 'typePerson', place: 'typePlace', organization: 'typeOrganization' };
const WORD: Record<EntityType, MessageKey> = { person: 'typePersonWord', place: 'typePlaceWord', organization: 'typeOrganizationWord' };
const PLURAL: Record<EntityType, MessageKey> = {
  person: 'typePersonPlural',
  place: 'typePlacePlural',
  organization: 'typeOrganizationPlural',
};
const COUNT: Record<EntityType, [one: MessageKey, many: MessageKey]> = {
  person: ['countPersonOne', 'countPersonMany'],
  place: ['countPlaceOne', 'countPlaceMany'],
  organization: ['countOrganizationOne', 'countOrganizationMany'],
};

/** "Person", as a label on its own (the card's chip, a type menu). */
export const typeName = (type: EntityType): string => t(NAME[type]);
/** "person", inside a sentence or a list of words. */
export const typeWord = (type: EntityType): string => t(WORD[type]);
/** "People", as a heading. */
export const typePlural = (type: EntityType): string => t(PLURAL[type]);
/** "1 person", "3 people". */
export const typeCount = (type: EntityType, n: number): string => t(COUNT[type][n === 1 ? 0 : 1], n);
