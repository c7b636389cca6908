/**
 * The browser agrees with the scanner: `npm run scan` on a page and the
 * extension in Chromium on the same page mark the same mentions, with the same
 * text and type, in the same order (issue 3). Both use src/page/collect-text.ts
 * and src/core/matcher.ts; this checks the wiring (chunks, painting, settings)
 * keeps them together.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, ROOT, type Harness } from '../../scripts/lib/browser';
import { quietFavicon, scanSettled } from './highlight-helpers';

const PAGES = [
  '../shared/eval/dev/pages/d01-vladivostok-summit-2019.html',
  '../shared/eval/dev/pages/d02-pyongyang-visit-2024-explainer.html',
  '../shared/eval/dev/pages/d03-vostochny-comments.html',
  '../shared/eval/dev/pages/d04-shoigu-primorye-ru.html',
  '../shared/eval/dev/pages/d05-troops-russia-ko.html',
  '../shared/eval/dev/pages/d06-tratado-pionyang-es.html',
  'tests/fixtures/detection/pages/f02-titles-possessives.html',
  'tests/fixtures/detection/pages/f05-inline-and-blocks.html',
  'tests/fixtures/detection/pages/f08-hidden-editable.html',
  'tests/fixtures/detection/pages/f13-real-page-regressions.html',
];

/** as the scan prints text: no soft hyphens or zero-width characters, white space runs as one space */
const visible = (s: string) => s.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ');

let h: Harness;
let scanned: { source: string; mentions: { type: string; text: string }[] }[];
beforeAll(async () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scan.ts', '--json', ...PAGES], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`scan failed: ${r.stderr}`);
  scanned = JSON.parse(r.stdout);
  h = await launch();
  quietFavicon(h);
}, 180_000);
afterAll(async () => {
  await h?.close();
});

describe('the browser agrees with the scanner', () => {
  for (const source of PAGES) {
    it(`highlights exactly what npm run scan reports on ${source.split('/').pop()}`, { timeout: 60_000 }, async () => {
      const expected = scanned.find((p) => p.source === source)!.mentions.map((m) => `${m.type}: ${m.text}`);
      expect(expected.length).toBeGreaterThan(0);
      const page = await h.context.newPage();
      const url = source.startsWith('../shared/') ? h.server.url(source.slice(2)) : h.server.url('/' + source);
      await page.goto(url);
      // the content script answers once its scan (sliced over frames) is done
      await scanSettled(h, page);
      const painted = await page.evaluate(() => {
        const all: { type: string; range: Range }[] = [];
        for (const type of ['person', 'place', 'organization'])
          for (const r of CSS.highlights.get(`story-lens-${type}`) ?? []) all.push({ type, range: r as Range });
        all.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
        return all.map((x) => ({ type: x.type, text: x.range.toString() }));
      });
      expect(painted.map((m) => `${m.type}: ${visible(m.text)}`)).toEqual(expected);
      await page.close();
    });
  }
});
