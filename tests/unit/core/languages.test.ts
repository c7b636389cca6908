import { describe, expect, it } from 'vitest';
import { russianForms } from '../../../src/core/lang-ru';
import { particleSplits } from '../../../src/core/lang-ko';
import { found } from './detect-helpers';

/** the page names the person in full first, so the bare surname has its support */
const withFull = (full: string, text: string) => found(`${full}.\u2029${text}`).slice(1);

describe('Russian declension', () => {
  it('finds a surname in every case', () => {
    for (const w of ['Путин', 'Путина', 'Путину', 'Путиным', 'Путине'])
      expect(withFull('Владимир Путин', `Встреча: ${w} говорил`), w).toEqual([`${w} → vladimir-putin`]);
  });

  it('declines every part of a multi-word name', () => {
    expect(found('с Владимиром Путиным и Дмитрием Песковым')).toEqual([
      'Владимиром Путиным → vladimir-putin',
      'Дмитрием Песковым → dmitry-peskov',
    ]);
    expect(found('визит Ким Чен Ына, встреча с Ким Чен Ыном')).toEqual(['Ким Чен Ына → kim-jong-un', 'Ким Чен Ыном → kim-jong-un']);
    expect(found('из Северной Кореи в Северную Корею')).toEqual(['Северной Кореи → north-korea', 'Северную Корею → north-korea']);
  });

  it('declines places of every pattern', () => {
    expect(found('в России, Россию, Россией')).toEqual(['России → russia', 'Россию → russia', 'Россией → russia']);
    expect(found('во Владивостоке, из Москвы, в Пхеньяне, в Уссурийске, из Кремля')).toEqual([
      'Владивостоке → vladivostok',
      'Москвы → moscow',
      'Пхеньяне → pyongyang',
      'Уссурийске → ussuriysk',
      'Кремля → kremlin',
    ]);
  });

  it('does not match words that merely start like a name', () => {
    expect(found('Путинизм, москвичи и Москвичи, Россиянин, Кимчи, Шойгун')).toEqual([]);
  });

  it('keeps indeclinable names as they are', () => {
    expect(russianForms('шойгу')).toEqual(['шойгу']);
    expect(found('с Сергеем Шойгу')).toEqual(['Сергеем Шойгу → sergei-shoigu']);
  });

  it('tells the Eastern Economic Forum from the Vostochny cosmodrome', () => {
    expect(found('на Восточном экономическом форуме, затем на космодроме Восточный')).toEqual([
      'Восточном экономическом форуме → eastern-economic-forum',
      'космодроме Восточный → vostochny-cosmodrome',
    ]);
    expect(found('Дальневосточная железная дорога')).toEqual([]);
  });

  it('reads Россия 24 as the channel, not the country', () => {
    expect(found('телеканал Россия 24 сообщил')).toEqual(['Россия 24 → rossiya-24']);
  });

  it('generates the forms of each declension pattern', () => {
    expect(russianForms('москва')).toEqual(expect.arrayContaining(['москвы', 'москве', 'москву', 'москвой']));
    expect(russianForms('кремль')).toEqual(expect.arrayContaining(['кремля', 'кремле', 'кремлем']));
    expect(russianForms('сергей')).toEqual(expect.arrayContaining(['сергея', 'сергеем']));
    expect(russianForms('восточный')).toEqual(expect.arrayContaining(['восточного', 'восточном', 'восточным']));
    expect(russianForms('восточный')).not.toContain('восточная');
  });
});

describe('Korean particles', () => {
  it('finds a name with a particle attached and leaves the particle out', () => {
    for (const [w, id, name] of [
      ['김정은과', 'kim-jong-un', '김정은'],
      ['러시아의', 'russia', '러시아'],
      ['푸틴은', 'vladimir-putin', '푸틴'],
      ['평양에서', 'pyongyang', '평양'],
      ['크렘린궁과', 'kremlin', '크렘린궁'],
      ['북한이', 'north-korea', '북한'],
    ])
      expect(found(`오늘 ${w} 말했다`), w).toEqual([`${name} → ${id}`]);
  });

  it('takes a particle written onto a name in Latin letters', () => {
    expect(found('YTN은 보도했다. AFP통신과 KCNA는')).toEqual(['YTN → ytn', 'AFP통신 → afp', 'KCNA → kcna']);
  });

  it('takes the particle on the last word of a two-word name', () => {
    expect(found('블라디미르 푸틴은 말했다')).toEqual(['블라디미르 푸틴 → vladimir-putin']);
  });

  it('knows spelling variants', () => {
    expect(found('보스토치니 우주기지와 보스토니치')).toEqual([
      '보스토치니 우주기지 → vostochny-cosmodrome',
      '보스토니치 → vostochny-cosmodrome',
    ]);
  });

  it('does not read another word that starts with a name as the name', () => {
    expect(found('서울대 교수, 북한군, 평양냉면, 러시아산 무기, 평양행 열차')).toEqual([]);
    expect(particleSplits('서울대')).toEqual([]);
  });

  it('does not take Kim Yo Jong or South Korea for Kim Jong Un or North Korea', () => {
    expect(found('김여정은 한국과 남한을 비난했다')).toEqual(['김여정 → kim-yo-jong', '한국 → south-korea', '남한 → south-korea']);
  });
});

describe('Spanish', () => {
  it('makes accents optional', () => {
    expect(found('Vladímir Putin y Vladimir Putin en Moscú y Moscu')).toEqual([
      'Vladímir Putin → vladimir-putin',
      'Vladimir Putin → vladimir-putin',
      'Moscú → moscow',
      'Moscu → moscow',
    ]);
  });

  it('knows the exonyms', () => {
    expect(found('Corea del Norte, Rusia, Ucrania, Estados Unidos, Pionyang')).toEqual([
      'Corea del Norte → north-korea',
      'Rusia → russia',
      'Ucrania → ukraine',
      'Estados Unidos → united-states',
      'Pionyang → pyongyang',
    ]);
  });

  it('knows EE.UU. with and without a space', () => {
    expect(found('EE.UU. y EE. UU. y EE.\u00a0UU.')).toEqual([
      'EE.UU. → united-states',
      'EE. UU. → united-states',
      'EE.\u00a0UU. → united-states',
    ]);
  });

  it('does not take Corea del Sur for North Korea', () => {
    expect(found('Corea del Sur y el gobierno surcoreano')).toEqual(['Corea del Sur → south-korea']);
  });

  it('finds the cosmodrome with and without its generic noun', () => {
    expect(found('en el cosmódromo de Vostochni; en Vostochni')).toEqual([
      'cosmódromo de Vostochni → vostochny-cosmodrome',
      'Vostochni → vostochny-cosmodrome',
    ]);
  });
});
