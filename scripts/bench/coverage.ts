/**
 * What deciding coverage (issue 14, docs/adr/0009-coverage-decision.md) costs, with the built extension, each
 * page loaded with the default settings and with the "mark every page" setting in turn (the same build, the
 * same browser, rounds interleaved so both meet the same load of the machine):
 *  - first highlight: on pages that are coverage of the story (the dev set, the demo articles), the time
 *    from navigation to the first frame with a mark in CSS.highlights: default over every-page;
 *  - quiet settle: on pages that are not (the real pages, scripts stripped), the time from navigation until
 *    the page's scan has settled (the content script answers getPageEntities only then): default over
 *    every-page. Default marks nothing there; every-page marks what it finds.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { KEEP_NAMES_SHIM, launch, ROOT, type Harness } from '../lib/browser';
import { HIGHLIGHTS, round, setMarkEverywhere } from './common';
import { median, stripScripts } from './fixtures';

const COVERAGE_PAGES = [
  ...[
    'd01-vladivostok-summit-2019',
    'd02-pyongyang-visit-2024-explainer',
    'd04-shoigu-primorye-ru',
    'd05-troops-russia-ko',
    'd06-tratado-pionyang-es',
  ].map((p) => `/shared/eval/dev/pages/${p}.html`),
  ...['train-arrives', 'vostochny-explainer', 'ru-report', 'ko-report'].map((p) => `/scripts/demo/${p}.html`),
];
const REAL_PAGES = path.join(ROOT, '../shared/fixtures/real-pages');

/** From document start: performance.now() at the first frame with a mark (window.__firstMark). */
const FIRST_MARK = `(() => {
  const names = ${JSON.stringify(HIGHLIGHTS)};
  const tick = () => {
    if (names.some((k) => (CSS.highlights.get(k)?.size ?? 0) > 0)) window.__firstMark = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

export interface CoverageCostPage {
  page: string;
  default_ms: number | null;
  everywhere_ms: number | null;
  default_over_everywhere: number | null;
}

export interface CoverageCosts {
  /** median over the coverage pages of (time to first highlight, default) / (the same, every-page) */
  first_highlight_default_over_everywhere_median: number | null;
  /** median over the pages that are not coverage of (time to a settled scan, default) / (the same, every-page) */
  quiet_settle_default_over_everywhere_median: number | null;
  first_highlight: CoverageCostPage[];
  quiet_settle: CoverageCostPage[];
}

/** Asks the page's content script, through the extension, for its report: it answers once its scan has settled. */
async function askSettled(h: Harness, page: Page): Promise<void> {
  await page.bringToFront();
  const sw = await h.serviceWorker();
  for (let tries = 0; tries < 200; tries++) {
    const ok = await sw.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: ChromeTabs }).chrome.tabs;
      const [tab] = await c.query({ active: true, lastFocusedWindow: true });
      try {
        const r = (await c.sendMessage(tab!.id!, { id: 1, type: 'getPageEntities', timestamp: Date.now() })) as
          { res?: unknown } | undefined;
        return !!r?.res;
      } catch {
        return false; // the content script has not started yet
      }
      interface ChromeTabs {
        tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<unknown> };
      }
    });
    if (ok) return;
    await page.waitForTimeout(20);
  }
  throw new Error(`no settled report from ${page.url()}`);
}

async function firstHighlightMs(h: Harness, url: string): Promise<number> {
  const page = await h.context.newPage();
  try {
    await page.addInitScript({ content: FIRST_MARK });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => (window as unknown as { __firstMark?: number }).__firstMark !== undefined, undefined, {
      timeout: 30_000,
    });
    return await page.evaluate(() => (window as unknown as { __firstMark: number }).__firstMark);
  } finally {
    await page.close();
  }
}

async function settledMs(h: Harness, url: string): Promise<number> {
  const page = await h.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await askSettled(h, page);
    return await page.evaluate(() => performance.now());
  } finally {
    await page.close();
  }
}

/** Each url measured `rounds` times in each mode, the modes' order alternating round by round. */
async function interleaved(h: Harness, urls: string[], rounds: number, measure: (h: Harness, url: string) => Promise<number>) {
  const times = urls.map(() => ({ default: [] as number[], everywhere: [] as number[] }));
  for (let r = 0; r < rounds; r++)
    for (const everywhere of r % 2 ? [true, false] : [false, true]) {
      await setMarkEverywhere(h, everywhere);
      for (const [i, url] of urls.entries())
        times[i]![everywhere ? 'everywhere' : 'default'].push(
          // a page lost once (closed under the driver) is left out of its median, not the whole run
          await measure(h, url).catch((e: Error) => (console.warn(`  ${url}: ${e.message.split('\n')[0]}`), NaN)),
        );
    }
  return urls.map((url, i): CoverageCostPage => {
    const d = median(times[i]!.default);
    const e = median(times[i]!.everywhere);
    return {
      page: url
        .split('/')
        .pop()!
        .replace(/\.html$/, ''),
      default_ms: round(d, 1),
      everywhere_ms: round(e, 1),
      default_over_everywhere: round(d / e),
    };
  });
}

export async function coverageCosts(extensionDir: string, rounds: number): Promise<CoverageCosts> {
  const real = fs.existsSync(REAL_PAGES)
    ? fs
        .readdirSync(REAL_PAGES)
        .filter((f) => f.endsWith('.html'))
        .sort()
    : [];
  const routes = Object.fromEntries(
    real.map((f) => [`/bench/quiet/${f}`, { body: stripScripts(fs.readFileSync(path.join(REAL_PAGES, f), 'utf8')) }]),
  );
  const h = await launch({ extensionDir, routes });
  try {
    await h.context.route(/^(?!http:\/\/127\.0\.0\.1|chrome-extension:|data:|about:)/, (r) => r.abort());
    await h.context.addInitScript({ content: KEEP_NAMES_SHIM });
    const first = await interleaved(
      h,
      COVERAGE_PAGES.map((p) => h.server.url(p)),
      rounds,
      firstHighlightMs,
    );
    const quiet = await interleaved(
      h,
      real.map((f) => h.server.url(`/bench/quiet/${f}`)),
      rounds,
      settledMs,
    );
    const med = (list: CoverageCostPage[]) =>
      round(median(list.map((p) => p.default_over_everywhere).filter((x): x is number => x !== null)));
    return {
      first_highlight_default_over_everywhere_median: med(first),
      quiet_settle_default_over_everywhere_median: med(quiet),
      first_highlight: first,
      quiet_settle: quiet,
    };
  } finally {
    await h.close();
  }
}
