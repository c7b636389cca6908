import { describe, expect, it } from 'vitest';
import { compileMatcher, entityInfo, findMentions } from '../../../src/core/matcher';
import { BLOCK_BREAK } from '../../../src/core/types';
import { parsePack } from '../../../src/story/schema';
import { bundledPack } from '../../../src/story/bundled/index';
import { found, storyMatcher } from './detect-helpers';
import { scanHtml } from '../../../scripts/scan';

describe('every way outlets write a name', () => {
  it('finds Kim Jong Un however it is hyphenated or capitalised', () => {
    for (const s of ['Kim Jong Un', 'Kim Jong-un', 'Kim Jong-Un', 'KIM JONG UN', 'Kim Jong‑un'])
      expect(found(`Yesterday ${s} left.`), s).toEqual([`${s} → kim-jong-un`]);
  });

  it('highlights only the name after an honorific or title', () => {
    expect(found('On Monday Mr Putin said so.')).toEqual(['Putin → vladimir-putin']);
    expect(found('Vladimir Putin spoke. Then Mr. Putin left.')).toEqual(['Vladimir Putin → vladimir-putin', 'Putin → vladimir-putin']);
    expect(found('President Vladimir Putin and Defence Minister Sergei Shoigu')).toEqual([
      'Vladimir Putin → vladimir-putin',
      'Sergei Shoigu → sergei-shoigu',
    ]);
  });

  it('leaves the possessive out of the mention, curly or straight', () => {
    expect(found("Kim Jong Un’s train and Vladimir Putin's plane")).toEqual([
      'Kim Jong Un → kim-jong-un',
      'Vladimir Putin → vladimir-putin',
    ]);
    expect(found('Vladimir Putin spoke. PUTIN’S PLAN')).toEqual(['Vladimir Putin → vladimir-putin', 'PUTIN → vladimir-putin']);
  });

  it('knows transliterations', () => {
    expect(found('Sergei Shoygu met Dmitri Peskov near Vostochnyy.')).toEqual([
      'Sergei Shoygu → sergei-shoigu',
      'Dmitri Peskov → dmitry-peskov',
      'Vostochnyy → vostochny-cosmodrome',
    ]);
  });

  it('reads a middle initial as part of the name', () => {
    expect(found('Vladimir V. Putin arrived.')).toEqual(['Vladimir V. Putin → vladimir-putin']);
  });

  it('knows abbreviations, with and without points', () => {
    expect(found('The US, the U.S. and the USA; the DPRK, N. Korea.')).toEqual([
      'US → united-states',
      'U.S. → united-states',
      'USA → united-states',
      'DPRK → north-korea',
      'N. Korea → north-korea',
    ]);
  });

  it('sees through no-break spaces, soft hyphens, zero-width characters and line breaks', () => {
    const text = 'Kim\u00a0Jong Un, Vladi\u00advostok, Pu\u200btin, Sergei\n   Shoigu';
    expect(findMentions(storyMatcher(), text).map((m) => m.entity)).toEqual([
      'kim-jong-un',
      'vladivostok',
      'vladimir-putin',
      'sergei-shoigu',
    ]);
  });

  it('never runs a name across a block boundary', () => {
    expect(found(`He met Vladimir${BLOCK_BREAK}Putin spoke`)).toEqual([]);
    expect(found(`Kim Jong${BLOCK_BREAK}Un`)).toEqual([]);
  });
});

describe('no false friends', () => {
  it('does not take lower-case words for places', () => {
    expect(found('Let us know, tell us more: fine china and a roast turkey.')).toEqual([]);
  });

  it('does not take US in an all-caps line for the United States', () => {
    expect(found('LET US KNOW WHAT YOU THINK. CONTACT US. WHAT IT MEANS FOR US')).toEqual([]);
    expect(found('US SANCTIONS HIT THE US AND CHINA')).toEqual(['US → united-states', 'US → united-states', 'CHINA → china']);
    expect(found('US and China talk')).toEqual(['US → united-states', 'China → china']);
  });

  it('prefers the longest name', () => {
    expect(found('at the Vostochny Cosmodrome')).toEqual(['Vostochny Cosmodrome → vostochny-cosmodrome']);
    expect(found('Kim Il Sung Square in Pyongyang')).toEqual(['Kim Il Sung Square → kim-il-sung-square', 'Pyongyang → pyongyang']);
  });

  it('never reads South Korea as North Korea', () => {
    expect(found('South Korea and North Korea')).toEqual(['South Korea → south-korea', 'North Korea → north-korea']);
  });

  it('tells Kim Jong Un from his sister, father and grandfather', () => {
    expect(found('Kim Jong Un, Kim Yo Jong, Kim Jong-il and Kim Il-sung')).toEqual([
      'Kim Jong Un → kim-jong-un',
      'Kim Yo Jong → kim-yo-jong',
      'Kim Jong-il → kim-jong-il',
      'Kim Il-sung → kim-il-sung',
    ]);
  });

  it('reads a bare surname only when it is not part of another name', () => {
    expect(found('Kim Jong Un arrived. Kim Kardashian did not.')).toEqual(['Kim Jong Un → kim-jong-un']);
    expect(found('Vladimir Putin spoke, as did Jennifer Kim and Kim Jong Un.')).toEqual([
      'Vladimir Putin → vladimir-putin',
      'Kim Jong Un → kim-jong-un',
    ]);
  });

  it('reads a bare surname only where the page supports it', () => {
    expect(found('Kim opened a bakery.')).toEqual([]);
    expect(found('Putin spoke.')).toEqual([]);
    expect(found('Vladimir Putin arrived. Later Putin spoke.')).toEqual(['Vladimir Putin → vladimir-putin', 'Putin → vladimir-putin']);
    // enough of the story around it: Russia, North Korea, Pyongyang
    expect(found('Putin went from Russia to North Korea and Pyongyang.')).toEqual([
      'Putin → vladimir-putin',
      'Russia → russia',
      'North Korea → north-korea',
      'Pyongyang → pyongyang',
    ]);
    // two of the story's places are enough for a surname only one of its people has; not for Kim
    expect(found('Putin and Kim met in Russia and North Korea.')).toEqual([
      'Putin → vladimir-putin',
      'Russia → russia',
      'North Korea → north-korea',
    ]);
    // a surname two people share needs more than the story around it
    expect(found('Yoon, Kim and others in Seoul, China, Russia and North Korea.').filter((s) => s.startsWith('Kim'))).toEqual([]);
  });

  it('gives "Professor Kim" to Kim Jae-chun and "Mr Kim" to Kim Jong Un', () => {
    const text =
      'Kim Jong Un met Putin, said Kim Jae-chun of Sogang University.' + BLOCK_BREAK + 'Professor Kim said more. Mr Kim did not.';
    expect(found(text)).toEqual([
      'Kim Jong Un → kim-jong-un',
      'Putin → vladimir-putin',
      'Kim Jae-chun → kim-jae-chun',
      'Sogang University → sogang-university',
      'Kim → kim-jae-chun',
      'Kim → kim-jong-un',
    ]);
  });

  it('gives a bare Kim to the last Kim the paragraph named, even when that is someone else', () => {
    const base = 'Kim Jong Un met Vladimir Putin in Russia.' + BLOCK_BREAK;
    expect(found(base + 'Kim Yo Jong spoke. Kim said the talks went well.').slice(3)).toEqual([
      'Kim Yo Jong → kim-yo-jong',
      'Kim → kim-yo-jong',
    ]);
    expect(found(base + 'Analyst Kim Yong-hyun spoke. Kim said the talks went well.').slice(3)).toEqual([]);
    expect(found(base + 'Kim Yo Jong spoke.' + BLOCK_BREAK + 'Kim said the talks went well.').slice(3)).toEqual([
      'Kim Yo Jong → kim-yo-jong',
      'Kim → kim-jong-un',
    ]);
  });

  it('does not give a Kim inside a quotation to the speaker named before it', () => {
    const text =
      'Kim Jong Un met Vladimir Putin.' + BLOCK_BREAK + 'Kim Jae-chun said: “Putin needs shells. Kim needs technology.” Kim added more.';
    expect(found(text).filter((s) => s.startsWith('Kim →'))).toEqual(['Kim → kim-jong-un', 'Kim → kim-jae-chun']);
  });

  it('gives a bare Kim to the Kim named in the same paragraph, else to the one the page names most', () => {
    const text = `Kim Jong Un arrived.${BLOCK_BREAK}Kim Jae-chun, an analyst, spoke. Kim said it was big.${BLOCK_BREAK}Kim left.`;
    expect(found(text).filter((s) => s.startsWith('Kim →'))).toEqual(['Kim → kim-jae-chun', 'Kim → kim-jong-un']);
  });

  it('does not take Moscow, Idaho for Moscow', () => {
    expect(found('The murders in Moscow, Idaho shocked the town.')).toEqual([]);
    expect(found('Moscow, Beijing and Pyongyang')).toEqual(['Moscow → moscow', 'Pyongyang → pyongyang']);
  });

  it('does not take a sea, river or island named after a place for the place', () => {
    expect(found('ships in the South China Sea and the United States Virgin Islands; China and the US')).toEqual([
      'China → china',
      'US → united-states',
    ]);
  });

  it('does not take a university or newspaper named after a place for the place', () => {
    expect(found('Seoul National University, Moscow State University, The Moscow Times and China Daily; Seoul')).toEqual(['Seoul → seoul']);
  });

  it('does not take the US in US$ for the country', () => {
    expect(found('GDP of US$36,254 per head')).toEqual([]);
  });
});

describe('role mentions', () => {
  it('are off by default', () => {
    expect(found('Kim Jong Un met the Russian president.')).toEqual(['Kim Jong Un → kim-jong-un']);
  });

  it('are resolved as of the story date when turned on', () => {
    const m = findMentions(storyMatcher(true), 'Kim Jong Un met the Russian president and the Russian defence minister.');
    expect(m.map((x) => [x.entity, x.role ?? false])).toEqual([
      ['kim-jong-un', false],
      ['vladimir-putin', true],
      ['sergei-shoigu', true],
    ]);
  });

  it('give a description shared over time to whoever held it on the story date', () => {
    // Shoigu was defence minister until May 2024, Belousov after: the story is of September 2023
    const text = 'Talks with the Russian defence minister and the Russian capital.';
    expect(findMentions(storyMatcher(true), text).map((x) => x.entity)).toEqual(['sergei-shoigu', 'moscow']);
    const later = compileMatcher([{ ...bundledPack(), date: '2025-01-01' }], { types: ['person', 'place'], roleMentions: true });
    expect(findMentions(later, text).map((x) => x.entity)).toEqual(['andrei-belousov', 'moscow']);
  });

  it('do not count a title written next to the name', () => {
    const m = findMentions(storyMatcher(true), 'North Korean leader Kim Jong Un met the Russian president Vladimir Putin.');
    expect(m.map((x) => x.entity)).toEqual(['kim-jong-un', 'vladimir-putin']);
    const ko = findMentions(storyMatcher(true), '블라디미르 푸틴 러시아 대통령이 말했다. 김정은 위원장과 김 위원장은');
    expect(ko.map((x) => [x.entity, x.role ?? false])).toEqual([
      ['vladimir-putin', false],
      ['russia', false],
      ['kim-jong-un', false],
      ['kim-jong-un', true],
    ]);
  });

  it('in the bundled story hold no name of their own (it would win over them)', () => {
    const withName = bundledPack().entities.flatMap((e) =>
      e.names.filter((n) => n.kind === 'description' && findMentions(storyMatcher(), n.text).length).map((n) => `${e.id}: ${n.text}`),
    );
    expect(withName).toEqual([]);
  });

  it('yield to a name inside them', () => {
    const m = findMentions(storyMatcher(true), "Russia's president spoke; лидер КНДР приехал; el presidente de Rusia habló.");
    expect(m.map((x) => [x.entity, x.role ?? false])).toEqual([
      ['russia', false],
      ['north-korea', false],
      ['russia', false],
    ]);
  });
});

describe('compiled matcher', () => {
  const pack = (names: string[], extra = 0, from = 0) =>
    parsePack({
      format: 'story-lens/pack',
      formatVersion: 1,
      id: `test${from}`,
      title: 'T',
      date: '2024-01-01',
      entities: [
        { id: 'a', name: 'Alpha Centauri', type: 'place', description: 'x', names: names.map((text) => ({ text, lang: 'en' })) },
        { id: 'b', name: 'Beta Org', type: 'organization', description: 'y' },
        // many entities of four names each
        ...Array.from({ length: extra }, (_, n) => n + from).map((k) => ({
          id: `e${k}`,
          name: `Name${k} Place${k % 97}`,
          type: 'place',
          description: 'z',
          names: [`Name${k}-Place`, `Place${k} Name`, `N${k} P${k}`].map((text) => ({ text, lang: 'en' })),
        })),
      ],
    });

  it('is plain JSON and works the same after a round trip', () => {
    const m = compileMatcher([pack(['Alpha C.'])], { types: ['place', 'organization'], roleMentions: false });
    const copy = JSON.parse(JSON.stringify(m));
    const text = 'From Alpha Centauri to Beta Org and Alpha C. again';
    expect(findMentions(copy, text)).toEqual(findMentions(m, text));
    expect(findMentions(copy, text).map((x) => x.entity)).toEqual(['a', 'b', 'a']);
  });

  it("tells a page each entity's name and type, across stories, after a round trip", () => {
    const two = compileMatcher([pack([], 3), pack([], 2, 3), bundledPack()], { types: ['place', 'organization'], roleMentions: false });
    const m = JSON.parse(JSON.stringify(two)) as typeof two;
    expect(entityInfo(m, 'a')).toEqual({ name: 'Alpha Centauri', type: 'place', fromArticle: true, central: expect.any(Boolean) });
    expect(entityInfo(m, 'b')).toEqual({ name: 'Beta Org', type: 'organization', fromArticle: true, central: expect.any(Boolean) });
    expect(entityInfo(m, 'e4')).toEqual({ name: 'Name4 Place4', type: 'place', fromArticle: true, central: expect.any(Boolean) });
    const putin = entityInfo(m, 'vladimir-putin')!;
    expect([putin.name, putin.type]).toEqual(['Vladimir Putin', 'person']);
    expect(entityInfo(m, 'nobody')).toBeUndefined();
  });

  it('can be compiled with the names of some languages only', () => {
    const en = compileMatcher([bundledPack()], { types: ['person', 'place'], roleMentions: false, languages: ['en'] });
    expect(findMentions(en, 'Vladimir Putin, Владимир Путин, 블라디미르 푸틴').map((x) => x.entity)).toEqual(['vladimir-putin']);
  });

  it('reads the German spelling "Wladimir Putin" as German, not English', () => {
    const spans = (languages: string[]) => {
      const m = compileMatcher([bundledPack()], { types: ['person'], roleMentions: false, languages });
      const text = 'Kim Jong Un traf Wladimir Putin.';
      return findMentions(m, text).map((x) => text.slice(x.start, x.end));
    };
    expect(spans(['de'])).toEqual(['Kim Jong Un', 'Wladimir Putin']);
    expect(spans(['en'])).toEqual(['Kim Jong Un']);
  });

  it('reports only the types it was compiled for', () => {
    const m = compileMatcher([pack([])], { types: ['organization'], roleMentions: false });
    expect(findMentions(m, 'Alpha Centauri and Beta Org').map((x) => x.entity)).toEqual(['b']);
  });

  it('is not fooled by words that are names of object properties', () => {
    const m = compileMatcher([pack([])], { types: ['place', 'organization'], roleMentions: false });
    expect(findMentions(m, 'constructor __proto__ toString hasOwnProperty')).toEqual([]);
  });

  it('compiles and finds on a page a story whose names and titles are those of object properties', () => {
    const hostile = parsePack({
      format: 'story-lens/pack',
      formatVersion: 1,
      id: 'hostile',
      title: 'T',
      date: '2024-01-01',
      entities: [
        { id: 'constructor', name: 'Constructor University', type: 'organization', description: 'x' },
        { id: 'proto', name: '__proto__', type: 'place', description: 'x' },
        {
          id: 'to-string',
          name: 'Tostring Valueof',
          type: 'person',
          description: 'x',
          names: [
            { text: 'toString', lang: 'en' },
            { text: 'Valueof', lang: 'en', kind: 'surname' },
          ],
          titles: ['Constructor'],
        },
        {
          id: 'has-own-property',
          name: 'hasOwnProperty',
          type: 'organization',
          description: 'x',
          names: [{ text: 'constructor', lang: 'en', kind: 'abbreviation' }],
        },
      ],
    });
    const m = JSON.parse(JSON.stringify(compileMatcher([hostile], { types: ['person', 'place', 'organization'], roleMentions: false })));
    const page =
      '<html><body><p>Constructor University opened.</p><p>The __proto__ district and hasOwnProperty agreed.</p>' +
      '<p>Tostring Valueof spoke; toString said more.</p><p>Constructor Valueof left, said CONSTRUCTOR.</p></body></html>';
    expect(scanHtml(page, m).map((x) => `${x.text} → ${x.entity} (${x.name})`)).toEqual([
      'Constructor University → constructor (Constructor University)',
      'proto → proto (__proto__)',
      'hasOwnProperty → has-own-property (hasOwnProperty)',
      'Tostring Valueof → to-string (Tostring Valueof)',
      'toString → to-string (Tostring Valueof)',
      'Valueof → to-string (Tostring Valueof)',
      'CONSTRUCTOR → has-own-property (hasOwnProperty)',
    ]);
  });

  it('finds every mention in one pass whatever the number of names', () => {
    // 2 packs × 1250 entities × 4 names = 10,000 names
    const m = compileMatcher([pack([], 1250), pack([], 1250, 1250)], { types: ['place', 'organization'], roleMentions: false });
    const text = 'Here Name42 Place42 and Name2499 Place74, not Name42 Place43, and Alpha Centauri.';
    expect(findMentions(m, text).map((x) => `${text.slice(x.start, x.end)} → ${x.entity}`)).toEqual([
      'Name42 Place42 → e42',
      'Name2499 Place74 → e2499',
      'Alpha Centauri → a',
    ]);
  });
});
