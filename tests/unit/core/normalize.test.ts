import { describe, expect, it } from 'vitest';
import { foldCode, gapKey, hashKey, tokenize } from '../../../src/core/normalize';

const fold = (s: string) => Array.from(s, (ch) => String.fromCharCode(foldCode(ch.charCodeAt(0)))).join('');
const words = (s: string) => {
  const t = tokenize(s);
  return Array.from({ length: t.count }, (_, k) => t.key(k));
};

describe('folding', () => {
  it('lower-cases and drops Latin accents one unit for one unit', () => {
    expect(fold('Vladímir MOSCÚ Shoigú')).toBe('vladimir moscu shoigu');
  });

  it('keeps Cyrillic й apart from и but reads ё as е', () => {
    expect(fold('Сергей Ёнхап')).toBe('сергей енхап');
  });

  it('keeps Hangul syllables whole', () => {
    expect(fold('김정은')).toBe('김정은');
  });

  it('makes typographic apostrophes, dashes and no-break spaces plain', () => {
    expect(fold('People’s Jong‑un\u00a0x')).toBe("people's jong-un x");
  });
});

describe('words', () => {
  it('cuts at spaces, hyphens and punctuation, not inside a word', () => {
    expect(words('Kim Jong-un, U.S. & EE.UU.')).toEqual(['kim', 'jong', 'un', 'u', 's', 'ee', 'uu']);
  });

  it('ignores soft hyphens, zero-width characters and combining accents inside a word', () => {
    expect(words('Pu\u00adtin Vladi\u200bvostok Vladi\u0301mir')).toEqual(['putin', 'vladivostok', 'vladimir']);
  });

  it('ends a word before a trailing soft hyphen', () => {
    const t = tokenize('Shoi\u00ad Gu');
    expect(t.end[0]).toBe(4);
  });

  it('finds words after long runs of white space, block breaks and ignorables at their exact offsets', () => {
    const s = `a${' '.repeat(40)}\n\t Putin${'\u2029'.repeat(6)}\ufeff\u00ad\ufeff\u00ad Kim ,;:!?. \ud835\udc00x${' '.repeat(30)}`;
    const t = tokenize(s);
    expect(words(s)).toEqual(['a', 'putin', 'kim', 'x']);
    expect(Array.from(t.start.subarray(0, t.count))).toEqual([0, 44, s.indexOf('Kim'), s.indexOf('x')]);
    expect(t.end[3]).toBe(s.indexOf('x') + 1);
  });

  it('hashes each word as hashKey hashes its key', () => {
    const t = tokenize('Владивосток 평양에서 Moscú');
    for (let k = 0; k < t.count; k++) expect(t.hash[k]).toBe(hashKey(t.key(k)));
  });
});

describe('gaps between the words of a name', () => {
  const gap = (s: string) => {
    const t = tokenize(s);
    return gapKey(s, t.end[0]!, t.start[1]!);
  };
  it('treats spaces, line breaks, hyphens and soft hyphens as nothing', () => {
    expect([gap('Kim Jong'), gap('Kim\n   Jong'), gap('Jong-un'), gap('Kim\u00a0Jong')]).toEqual(['', '', '', '']);
  });

  it('keeps points and apostrophes', () => {
    expect([gap('U.S'), gap('EE. UU'), gap('People’s')]).toEqual(['.', '.', "'"]);
  });

  it('refuses commas, quotes and block breaks', () => {
    expect([gap('Moscow, Idaho'), gap('Kim «Jong'), gap('Vladimir\u2029Putin')]).toEqual(['#', '#', '#']);
  });
});
