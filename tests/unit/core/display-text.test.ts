import { describe, expect, it } from 'vitest';
import { displayText } from '../../../src/core/display-text';

/** Every bidirectional control and mark, written as code points so the test reads plainly. */
const RLO = '\u202E';
const LRO = '\u202D';
const RLE = '\u202B';
const LRE = '\u202A';
const PDF = '\u202C';
const LRI = '\u2066';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';
const LRM = '\u200E';
const RLM = '\u200F';
const ALM = '\u061C';

describe('names and titles on screen', () => {
  it('a title with a right-to-left override shows its letters in the order they were written', () => {
    expect(displayText(`Kim meets ${RLO}nituP`)).toBe('Kim meets nituP');
    expect(displayText(`${LRO}a${RLE}b${LRE}c${PDF}d`)).toBe('abcd');
  });

  it('a name wrapped in isolates shows without them', () => {
    expect(displayText(`${LRI}Ada${PDI} ${RLI}Lovelace${PDI} ${FSI}x${PDI}`)).toBe('Ada Lovelace x');
  });

  it('invisible direction marks in text without right-to-left letters are taken out', () => {
    expect(displayText(`Kim${RLM} 1 - 2`)).toBe('Kim 1 - 2');
    expect(displayText(`${LRM}Putin${ALM}`)).toBe('Putin');
  });

  it('Hebrew and Arabic names are shown as written, with the marks that place their punctuation', () => {
    expect(displayText('בנימין נתניהו')).toBe('בנימין נתניהו');
    expect(displayText('محمد بن سلمان')).toBe('محمد بن سلمان');
    expect(displayText(`שלום!${RLM}`)).toBe(`שלום!${RLM}`);
    expect(displayText(`عربي 1${ALM}-2`)).toBe(`عربي 1${ALM}-2`);
  });

  it('right-to-left letters do not carry an override through: it goes, they stay', () => {
    expect(displayText(`${RLO}שלום${PDF} ${RLM}Kim`)).toBe(`שלום ${RLM}Kim`);
  });

  it('ordinary text, and nothing, come back unchanged', () => {
    expect(displayText('Vladimir Putin, 71 — “President”')).toBe('Vladimir Putin, 71 — “President”');
    expect(displayText('Путин')).toBe('Путин');
    expect(displayText('')).toBe('');
  });
});
