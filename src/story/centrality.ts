/**
 * Proposes whether an entity is central to a story or background to it
 * (issue 14). Background names are the ones the news carries on any subject:
 * countries, capitals and world cities, global agencies and institutions.
 * Everything else a story names (its people, and the places, events and
 * organizations particular to it) is proposed central. The bundled pack is
 * annotated by hand; this proposal serves stories the reader adds (the review
 * screen shows it and lets them change it) and the migration of packs stored
 * before the field existed.
 */
import type { Centrality, EntityType } from '../core/pack';

/** Capitals and cities that world news names on any subject (English, as the canonical name is). */
const WORLD_CITIES = [
  'Washington',
  'Washington, D.C.',
  'New York',
  'London',
  'Paris',
  'Berlin',
  'Moscow',
  'Beijing',
  'Tokyo',
  'Seoul',
  'Pyongyang',
  'Kyiv',
  'Kiev',
  'Brussels',
  'Geneva',
  'Vienna',
  'Rome',
  'Madrid',
  'Ankara',
  'Istanbul',
  'Tehran',
  'Jerusalem',
  'Tel Aviv',
  'Gaza',
  'Cairo',
  'Riyadh',
  'Dubai',
  'Doha',
  'New Delhi',
  'Delhi',
  'Mumbai',
  'Islamabad',
  'Kabul',
  'Baghdad',
  'Damascus',
  'Beirut',
  'Hong Kong',
  'Shanghai',
  'Taipei',
  'Singapore',
  'Bangkok',
  'Hanoi',
  'Manila',
  'Jakarta',
  'Canberra',
  'Sydney',
  'Ottawa',
  'Mexico City',
  'Brasília',
  'Buenos Aires',
  'Nairobi',
  'Johannesburg',
  'Minsk',
  'Warsaw',
  'Stockholm',
  'Oslo',
  'Helsinki',
  'Copenhagen',
  'Amsterdam',
  'The Hague',
  'Athens',
  'Lisbon',
  'Dublin',
  'Prague',
  'Budapest',
  'Bucharest',
  'Saint Petersburg',
  'St Petersburg',
  'Los Angeles',
  'San Francisco',
  'Chicago',
  'Europe',
  'Asia',
  'Africa',
  'Middle East',
  'Far East',
];

/** Agencies, institutions and seats of power the news names on any subject. */
const GLOBAL_ORGANIZATIONS = [
  'United Nations',
  'UN',
  'UN Security Council',
  'Security Council',
  'NATO',
  'European Union',
  'EU',
  'European Commission',
  'World Bank',
  'International Monetary Fund',
  'IMF',
  'World Health Organization',
  'WHO',
  'World Trade Organization',
  'WTO',
  'International Atomic Energy Agency',
  'IAEA',
  'International Criminal Court',
  'Red Cross',
  'G7',
  'G20',
  'Kremlin',
  'White House',
  'Pentagon',
  'State Department',
  'Downing Street',
  'Congress',
  'Agence France-Presse',
  'AFP',
  'Reuters',
  'Associated Press',
  'AP',
  'Bloomberg',
  'BBC',
  'CNN',
  'Al Jazeera',
  'Xinhua',
  'TASS',
  'RIA Novosti',
  'Interfax',
  'Yonhap',
  'Kyodo',
  'KCNA',
  'Korean Central News Agency',
  'New York Times',
  'Washington Post',
  'Financial Times',
  'Wall Street Journal',
  'The Guardian',
  'Google',
  'Apple',
  'Microsoft',
  'Amazon',
  'Meta',
  'Facebook',
];

/** Short forms of countries that Intl.DisplayNames does not give. */
const COUNTRY_SHORT_FORMS = ['US', 'U.S.', 'USA', 'America', 'UK', 'Britain', 'Great Britain', 'DPRK', 'ROK', 'PRC', 'Korea'];

/** Case, accents and punctuation differences do not matter. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/^the\s+/i, '')
    .replace(/[’'.]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

let background: Set<string> | undefined;
let organizations: Set<string> | undefined;

/** Every country name in the story languages, from the runtime's own region names. */
function countryNames(): string[] {
  const names: string[] = [];
  for (const lang of ['en', 'ru', 'ko', 'es', 'fr', 'de']) {
    let regions: Intl.DisplayNames;
    try {
      regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = regions.of(code);
        // "Myanmar (Burma)", "Hong Kong SAR China": the name before the gloss counts too
        if (name && name !== code) names.push(name, name.replace(/\s*\(.*\)$/, '').replace(/\s+SAR\s+.*$/, ''));
      }
    }
  }
  return names;
}

function backgroundPlaces(): Set<string> {
  background ??= new Set([...countryNames(), ...COUNTRY_SHORT_FORMS, ...WORLD_CITIES].map(fold));
  return background;
}

function backgroundOrganizations(): Set<string> {
  organizations ??= new Set(GLOBAL_ORGANIZATIONS.map(fold));
  return organizations;
}

/** What the proposal reads of an entity: its type and every way it is written. */
export interface CentralityInput {
  type: EntityType;
  name: string;
  names?: readonly { text: string }[];
}

/**
 * Background when the entity's name, or any other way of writing it, is a
 * country, a capital or world city (for a place) or a global agency or
 * institution (for an organization); central otherwise. People are central:
 * a story names a person because they are part of it.
 */
export function proposeCentrality(entity: CentralityInput): Centrality {
  if (entity.type === 'person') return 'central';
  const known = entity.type === 'place' ? backgroundPlaces() : backgroundOrganizations();
  const forms = [entity.name, ...(entity.names ?? []).map((n) => n.text)];
  return forms.some((f) => known.has(fold(f))) ? 'background' : 'central';
}
