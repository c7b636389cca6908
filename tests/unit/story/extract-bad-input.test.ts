import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractError, extractStory } from '../../../src/story/extract';
import { parsePack } from '../../../src/story/schema';
import { root } from './extract-helpers';

function refusal(text: unknown): ExtractError {
  try {
    extractStory({ text: text as string });
  } catch (e) {
    expect(e).toBeInstanceOf(ExtractError);
    return e as ExtractError;
  }
  throw new Error('expected an ExtractError');
}

const RUSSIAN =
  'Лидер КНДР Ким Чен Ын прибыл в Россию на своём бронепоезде. Министр обороны Сергей Шойгу показал северокорейскому гостю ' +
  'стратегические бомбардировщики на аэродроме под Владивостоком. Песков заявил, что никаких соглашений подписано не было.';
const KOREAN =
  '김정은 국무위원장이 러시아에 도착했다. 푸틴 대통령과 김 위원장은 보스토치니 우주기지에서 만났다. 크렘린궁은 합의문이 없다고 밝혔다.';
const SPANISH =
  'El líder norcoreano Kim Jong Un llegó a Rusia en su tren blindado para reunirse con el presidente Vladímir Putin en el ' +
  'cosmódromo de Vostochni. Según la agencia oficial KCNA, los dos mandatarios hablaron durante varias horas sobre la ' +
  'cooperación militar y la guerra en Ucrania, mientras Estados Unidos y Corea del Sur advertían de un posible acuerdo de armas.';

describe('bad input to Add a story gets a clear answer', () => {
  it('refuses empty or blank text and says to paste the article', () => {
    for (const text of ['', '   \n\t  \n', undefined, null]) {
      const e = refusal(text);
      expect(e.code).toBe('empty');
      expect(e.message).toMatch(/The text is empty\. Paste the article’s text/);
    }
  });

  it('refuses a text with no words, only numbers and signs', () => {
    const e = refusal('12:30 — 45 %\n*** 2023 ***');
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/no words in it/);
  });

  it('refuses a text over 1 MB and says the limit', () => {
    const e = refusal('Kim met Putin in Vladivostok. '.repeat(40_000)); // 1.2 MB
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/too long .* \(1\.2 MB; the limit is 1 MB\)/);
    // the limit is in bytes: 400,000 Korean syllables are 1.2 MB
    expect(refusal('김'.repeat(400_000)).code).toBe('too-large');
  });

  it('refuses text without Latin letters, saying detection works for English and names can be added by hand', () => {
    for (const [text, script] of [
      [RUSSIAN, /Cyrillic/],
      [KOREAN, /Korean/],
    ] as const) {
      const e = refusal(text);
      expect(e.code).toBe('not-english');
      expect(e.message).toMatch(/no Latin letters/);
      expect(e.message).toMatch(script);
      expect(e.message).toMatch(/works for English articles; you can still add .* by hand in the review/);
    }
  });

  it('refuses an article in another language written in Latin letters', () => {
    const e = refusal(SPANISH);
    expect(e.code).toBe('not-english');
    expect(e.message).toMatch(/does not look like English/);
  });

  it('refuses a text that is only sign-up lines, links and photo credits', () => {
    const e = refusal(
      'Receive free North Korea updates\nSee also House building in England is starting to decline\n© KCNA/AFP/Getty Images',
    );
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/not an article/);
  });

  it('reads pasted HTML as text, never runs or keeps its markup, and says so', () => {
    const html = `<!DOCTYPE html><html><head><title>Donald Trump page</title><style>.x{}</style></head><body>
      <script>window.hacked = true; const who = "Donald Trump";</script>
      <h1>Kim Jong Un arrives in Russia</h1>
      <p onclick="alert(1)">North Korean leader <b>Kim Jong Un</b> met Russian president Vladimir&nbsp;Putin in <a href="/v">Vladivostok</a> on Wednesday.</p>
      <p>Kim later travelled to Ussuriysk, a city north of Vladivostok.</p><img src=x onerror="alert(2)">
      <!-- Sergei Shoigu --></body></html>`;
    const { pack, warnings } = extractStory({ text: html, date: '2023-09-13' });
    expect(warnings.join(' ')).toMatch(/looked like a web page’s source \(HTML\).*Nothing in it was run/);
    expect((globalThis as { hacked?: boolean }).hacked).toBeUndefined();
    const names = pack.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Kim Jong Un', 'Vladimir Putin', 'Vladivostok', 'Ussuriysk']));
    expect(names).not.toContain('Donald Trump');
    expect(names).not.toContain('Sergei Shoigu');
    for (const s of pack.entities.flatMap((e) => e.sentences)) expect(s).not.toMatch(/[<>]|alert|onclick/);
    expect(pack.entities.find((e) => e.name === 'Vladimir Putin')!.sentences[0]).toBe(
      'North Korean leader Kim Jong Un met Russian president Vladimir Putin in Vladivostok on Wednesday.',
    );
  });

  it('returns an empty, valid pack with a hint when an English text names nobody', () => {
    const { pack, warnings } = extractStory({ text: 'The weather was mild and the trains ran on time all week.', date: '2023-09-12' });
    expect(pack.entities).toEqual([]);
    expect(() => parsePack(pack)).not.toThrow();
    expect(warnings.join(' ')).toMatch(/No people, places or organizations were found.*by hand in the review/);
  });

  it('keeps a bad date or a non-https link out of the pack and says so', () => {
    const { pack, warnings } = extractStory({
      text: 'Kim Jong Un met Vladimir Putin in Vladivostok.',
      date: '13/09/2023',
      url: 'javascript:alert(1)',
    });
    expect(pack.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(pack.source.url).toBeUndefined();
    expect(warnings.join(' ')).toMatch(/“13\/09\/2023” is not a date.*only https:\/\/ links are stored/);
  });
});

describe('extraction code', () => {
  it('uses no Node or page API, so it runs in a Web Worker', () => {
    const dir = `${root}src/story/`;
    const files = readdirSync(dir).filter((f) => /^extract(?:-(?:input|lines|names))?\.ts$/.test(f));
    expect(files).toHaveLength(4);
    for (const f of files) {
      const src = readFileSync(dir + f, 'utf8');
      expect(src, f).not.toMatch(/from 'node:|from '(?:fs|path|child_process)'|require\(|\bdocument\.|\bwindow\.|innerHTML|\beval\(/);
    }
  });
});
