import { describe, expect, it } from 'vitest';
import { PackError, parsePack, safeParsePack } from '../../../src/story/schema';

/** A small valid pack; each test breaks one thing in a copy of it. */
function goodPack() {
  return {
    format: 'story-lens/pack',
    formatVersion: 1,
    id: 'kim-putin-2023',
    title: 'Kim Jong Un arrives in Russia',
    date: '2023-09-12',
    entities: [
      {
        id: 'kim-jong-un',
        name: 'Kim Jong Un',
        type: 'person',
        description: 'Supreme leader of North Korea',
        wikipedia: 'https://en.wikipedia.org/wiki/Kim_Jong_Un',
        wikidata: 'Q56226',
        roles: [{ title: 'Supreme Leader', from: '2011-12', asOf: '2025-06-01', source: 'https://en.wikipedia.org/wiki/Kim_Jong_Un' }],
        facts: [{ label: 'Born', value: '8 January', asOf: '2025-06-01', source: 'https://en.wikipedia.org/wiki/Kim_Jong_Un' }],
        relations: [{ to: 'vladivostok', text: 'held his first summit with Putin in Vladivostok', date: '2019-04-25' }],
      },
      {
        id: 'vladivostok',
        name: 'Vladivostok',
        type: 'place',
        description: "Russia's main Pacific port",
        location: { lat: 43.115, lon: 131.885, region: 'Primorsky Krai', country: 'Russia' },
      },
    ],
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the pack in ways its type forbids
type Loose = any;
function broken(change: (p: Loose) => void): unknown {
  const p: Loose = structuredClone(goodPack());
  change(p);
  return p;
}
function problemsOf(input: unknown): string[] {
  try {
    parsePack(input);
  } catch (e) {
    expect(e).toBeInstanceOf(PackError);
    return (e as PackError).problems;
  }
  throw new Error('the pack was accepted');
}

describe('story pack schema', () => {
  it('accepts a valid pack and fills in the defaults', () => {
    const pack = parsePack(goodPack());
    expect(pack.entities.map((e) => e.id)).toEqual(['kim-jong-un', 'vladivostok']);
    const place = pack.entities[1]!;
    expect(place.fromArticle).toBe(true);
    expect(place.names).toEqual([]);
    expect(place.sentences).toEqual([]);
    expect(pack.source).toEqual({});
  });

  it('refuses an entity without a name, naming the entity and the field', () => {
    const problems = problemsOf(broken((p) => delete (p.entities[0] as Record<string, unknown>).name));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^entity "kim-jong-un", field name: /);
  });

  it('refuses a blank name', () => {
    const [problem] = problemsOf(broken((p) => (p.entities[1]!.name = '   ')));
    expect(problem).toBe('entity "vladivostok" (   ), field name: must not be empty');
  });

  it('refuses links that are not https, naming the nested field', () => {
    const problems = problemsOf(
      broken((p) => {
        p.entities[0]!.wikipedia = 'http://en.wikipedia.org/wiki/Kim_Jong_Un';
        p.entities[0]!.facts[0]!.source = 'javascript:alert(1)';
      }),
    );
    expect(problems).toEqual([
      'entity "kim-jong-un" (Kim Jong Un), field wikipedia: expected an https:// link',
      'entity "kim-jong-un" (Kim Jong Un), field facts[0].source: expected an https:// link',
    ]);
  });

  it.each(['56226', 'q56226', 'Q56226x', 'Q', 'https://www.wikidata.org/wiki/Q56226'])('refuses the Wikidata id %j', (bad) => {
    const [problem] = problemsOf(broken((p) => (p.entities[0]!.wikidata = bad)));
    expect(problem).toBe('entity "kim-jong-un" (Kim Jong Un), field wikidata: expected a Wikidata id such as "Q7747"');
  });

  it('refuses two entities with the same id', () => {
    const [problem] = problemsOf(broken((p) => (p.entities[1]!.id = 'kim-jong-un')));
    expect(problem).toBe('entity "kim-jong-un" (Vladivostok), field id: duplicate id "kim-jong-un"');
  });

  it('refuses a relation to an entity the pack does not have', () => {
    const [problem] = problemsOf(broken((p) => (p.entities[0]!.relations[0]!.to = 'vostochny-cosmodrome')));
    expect(problem).toBe('entity "kim-jong-un" (Kim Jong Un), field relations[0].to: no entity "vostochny-cosmodrome" in this pack');
  });

  it('refuses ids that are not kebab-case', () => {
    for (const bad of ['Kim Jong Un', 'kim_jong_un', 'kim--jong-un', '-kim', 'ким']) {
      const problems = problemsOf(
        broken((p) => {
          p.entities[1]!.id = bad;
        }),
      );
      expect(problems[0]).toContain('field id: expected a kebab-case id');
    }
  });

  it('refuses dates that are not YYYY-MM-DD or YYYY-MM', () => {
    const problems = problemsOf(
      broken((p) => {
        p.entities[0]!.roles[0]!.from = '12/2011';
        p.entities[0]!.facts[0]!.asOf = '2025';
      }),
    );
    expect(problems).toEqual([
      'entity "kim-jong-un" (Kim Jong Un), field roles[0].from: expected a date as YYYY-MM-DD or YYYY-MM',
      'entity "kim-jong-un" (Kim Jong Un), field facts[0].asOf: expected a date as YYYY-MM-DD or YYYY-MM',
    ]);
  });

  it('refuses coordinates off the globe', () => {
    const [problem] = problemsOf(broken((p) => (p.entities[1]!.location!.lat = 131.885)));
    expect(problem).toMatch(/^entity "vladivostok" \(Vladivostok\), field location\.lat: /);
  });

  it('names an entity without an id by its position', () => {
    const [problem] = problemsOf(broken((p) => delete (p.entities[1] as Record<string, unknown>).id));
    expect(problem).toMatch(/^entity #1, field id: /);
  });

  it('reports a problem outside the entities by its field', () => {
    const [problem] = problemsOf(broken((p) => (p.format = 'something-else')));
    expect(problem).toMatch(/^field format: /);
  });

  it('accepts odd characters in names and keeps them as plain text', () => {
    const odd = ['<img src=x onerror=alert(1)>', 'O’Brien & Søn "Ltd"', '김정은', 'Владимир Путин', 'كيم جونغ أون', 'Kim 🚂 Jong Un'];
    const pack = parsePack(
      broken((p) => {
        p.entities[0]!.name = odd[0]!;
        (p.entities[0] as Record<string, unknown>).names = odd.map((text) => ({ text, lang: 'und' }));
        (p.entities[0] as Record<string, unknown>).sentences = ['He said: “<b>no</b>” & left.'];
      }),
    );
    const e = pack.entities[0]!;
    expect(e.name).toBe('<img src=x onerror=alert(1)>');
    expect(e.names.map((n) => n.text)).toEqual(odd);
    expect(e.names.every((n) => n.kind === 'name')).toBe(true);
    expect(e.sentences).toEqual(['He said: “<b>no</b>” & left.']);
  });

  it('safeParsePack returns the problems instead of throwing', () => {
    const result = safeParsePack(broken((p) => (p.entities[0]!.type = 'country')));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/^entity "kim-jong-un" \(Kim Jong Un\), field type: /);
    expect(safeParsePack(goodPack()).ok).toBe(true);
  });

  it('lists every problem of a pack in one error message', () => {
    try {
      parsePack(
        broken((p) => {
          p.entities[0]!.wikidata = '56226';
          p.entities[1]!.location!.country = '';
        }),
      );
      throw new Error('the pack was accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(PackError);
      const message = (e as Error).message;
      expect(message).toContain('entity "kim-jong-un" (Kim Jong Un), field wikidata');
      expect(message).toContain('entity "vladivostok" (Vladivostok), field location.country');
      expect(message.split('\n')).toHaveLength(3);
    }
  });
});
