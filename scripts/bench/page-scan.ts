/**
 * The page scan, on each benchmark page in a plain Chromium (no extension): the page-side script
 * (scripts/bench/in-page.ts) times every method on the same page, interleaved run by run in one process,
 * so each ratio compares runs of the same page under the same conditions (docs/adr/0002):
 *  - floor / ours / bound: a bare text walk, Story Lens's scan and highlight, and the least any collector
 *    with collectText's result does;
 *  - the comparison: mark.js and one regular expression per alias against ours;
 *  - scaling: ours with 1,000 and 10,000 aliases against the story's own;
 *  - languages: ours against ours with English names only.
 */
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, KEEP_NAMES_SHIM, ROOT, startServer, type Route } from '../lib/browser';
import { round } from './common';
import { median } from './fixtures';
import type { Matchers } from './matchers';

async function pageBundle(): Promise<string> {
  const r = await esbuild({
    entryPoints: [path.join(ROOT, 'scripts/bench/in-page.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    minify: true,
    logLevel: 'silent',
  });
  return r.outputFiles[0]!.text;
}

export interface PageResult {
  page: string;
  english: boolean;
  text_chars: number;
  mentions: number;
  floor_ms: number;
  ours_ms: number;
  markjs_ms: number;
  regex_ms: number;
  ours_1000_ms: number;
  ours_10000_ms: number;
  ours_english_only_ms: number;
  ours_parts_ms: Record<string, number>;
  markjs_runs: number;
  /** set when a mark.js run hit its time budget: its time is extrapolated from this many keywords */
  markjs_extrapolated_from: string | null;
  ours_over_floor: number;
  markjs_over_ours: number;
  regex_over_ours: number;
  scaling_1000_over_story: number;
  scaling_10000_over_story: number;
  scaling_10000_over_story_scan_only: number;
  other_languages_over_english_only: number;
  /** the least any collector with collectText's result does (scripts/bench/in-page.ts `bound`), and its two parts */
  bound_ms: number;
  bound_over_floor: number;
  bound_visit_over_floor: number;
  bound_attributes_over_floor: number;
  /** each part of ours (median over runs) over the floor */
  ours_parts_over_floor: Record<string, number>;
}

type Method = 'floor' | 'ours' | 'markjs' | 'regex' | 'ours_1000' | 'ours_10000' | 'ours_english_only' | 'bound';
const METHODS: Method[] = ['floor', 'ours', 'markjs', 'regex', 'ours_1000', 'ours_10000', 'ours_english_only', 'bound'];

/** mark.js takes seconds on large pages: past this much per page it gets fewer runs. */
const MARKJS_BUDGET_MS = 3_000;
/** one mark.js run stops after this long and is extrapolated by the keywords it had left */
export const MARKJS_RUN_BUDGET_MS = 15_000;

async function benchPage(page: Page, name: string, url: string, m: Matchers, bundle: string, runs: number): Promise<PageResult> {
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await page.addScriptTag({ content: bundle });
  for (const key of ['story', 'english', 'a1000', 'a10000'] as const) {
    await page.evaluate(([k, json]) => window.__storyLensBench.setMatcher(k, json), [key, JSON.stringify(m[key])] as const);
  }
  const english = await page.evaluate(() => {
    const lang = document.documentElement.lang.toLowerCase();
    if (lang) return lang === 'en' || lang.startsWith('en-');
    // rendered text only (textContent would count the CSS of <style> elements as English)
    const sample = (document.body.innerText ?? '').slice(0, 20_000);
    const letters = sample.match(/\p{L}/gu)?.length ?? 0;
    return letters > 0 && (sample.match(/[A-Za-z]/g)?.length ?? 0) / letters > 0.9;
  });
  const t: Record<Method, number[]> = Object.fromEntries(METHODS.map((x) => [x, []])) as unknown as Record<Method, number[]>;
  const parts: Record<string, number[]> = {};
  let mentions = 0;
  let chars = 0;
  let markjsSpent = 0;
  let markjsPartial: string | null = null;
  const aliasList = m.storyAliases;
  // one untimed pass of each cheap method first: JIT warm-up and the text
  // nodes' JS wrappers are then the same for every timed run
  await page.evaluate(() => {
    const b = window.__storyLensBench;
    b.floor();
    b.bound();
    for (const k of ['story', 'english', 'a1000', 'a10000']) {
      b.ours(k);
      b.clear();
    }
  });
  await page.evaluate((a) => window.__storyLensBench.regex(a), aliasList);
  for (let run = 0; run < runs; run++) {
    // rotate the order each run so no method always runs first (or after mark.js)
    const order = METHODS.map((_, i) => METHODS[(i + run) % METHODS.length]!);
    for (const method of order) {
      if (method === 'markjs' && t.markjs.length && markjsSpent + median(t.markjs) > MARKJS_BUDGET_MS) continue;
      const r = (await page.evaluate(
        ([method, aliasList, budget]) => {
          const b = window.__storyLensBench;
          b.gc();
          switch (method) {
            case 'floor':
              return b.floor();
            case 'markjs':
              return b.markjs(aliasList, budget);
            case 'regex':
              return b.regex(aliasList);
            case 'bound':
              return b.bound();
            default: {
              const key = { ours: 'story', ours_1000: 'a1000', ours_10000: 'a10000', ours_english_only: 'english' }[method]!;
              const res = b.ours(key);
              b.clear();
              return res;
            }
          }
        },
        [method, aliasList, MARKJS_RUN_BUDGET_MS] as const,
      )) as { ms: number; mentions?: number; chars?: number; parts?: Record<string, number>; keywords?: number; of?: number };
      t[method].push(r.ms);
      if (method === 'markjs') {
        markjsSpent += r.ms;
        if (r.keywords! < r.of!) markjsPartial = `${r.keywords} of ${r.of} keywords`;
      }
      if (method === 'ours') {
        mentions = r.mentions ?? 0;
        chars = r.chars ?? 0;
      }
      if (r.parts) for (const [k, v] of Object.entries(r.parts)) (parts[`${method}.${k}`] ??= []).push(v);
    }
  }
  const med = Object.fromEntries(METHODS.map((x) => [x, median(t[x])])) as Record<Method, number>;
  /** collect + match + paint, without receiving and preparing the matcher */
  const scanOnly = (method: Method) =>
    median(parts[`${method}.collect`]!.map((c, i) => c + parts[`${method}.match`]![i]! + parts[`${method}.paint`]![i]!));
  return {
    page: name,
    english,
    text_chars: chars,
    mentions,
    floor_ms: round(med.floor, 3)!,
    ours_ms: round(med.ours, 2)!,
    markjs_ms: round(med.markjs, 1)!,
    regex_ms: round(med.regex, 2)!,
    ours_1000_ms: round(med.ours_1000, 2)!,
    ours_10000_ms: round(med.ours_10000, 2)!,
    ours_english_only_ms: round(med.ours_english_only, 2)!,
    ours_parts_ms: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(median(v), 3)!])),
    markjs_runs: t.markjs.length,
    markjs_extrapolated_from: markjsPartial,
    ours_over_floor: round(med.ours / med.floor)!,
    markjs_over_ours: round(med.markjs / med.ours)!,
    regex_over_ours: round(med.regex / med.ours)!,
    scaling_1000_over_story: round(med.ours_1000 / med.ours)!,
    scaling_10000_over_story: round(med.ours_10000 / med.ours)!,
    scaling_10000_over_story_scan_only: round(scanOnly('ours_10000') / scanOnly('ours'))!,
    other_languages_over_english_only: round(med.ours / med.ours_english_only)!,
    bound_ms: round(med.bound, 3)!,
    bound_over_floor: round(med.bound / med.floor)!,
    bound_visit_over_floor: round(median(parts['bound.visit']!) / med.floor)!,
    bound_attributes_over_floor: round(median(parts['bound.attributes']!) / med.floor)!,
    ours_parts_over_floor: Object.fromEntries(
      ['prepare', 'collect', 'match', 'paint'].map((k) => [k, round(median(parts[`ours.${k}`]!) / med.floor)!]),
    ),
  };
}

/** Each named page (served at /bench/<name>.html from `routes`) in turn, printing a line per page. */
export async function scanPages(names: string[], routes: Record<string, Route>, m: Matchers, runs: number): Promise<PageResult[]> {
  const bundle = await pageBundle();
  const server = await startServer(routes);
  let browser: Browser | undefined;
  const pages: PageResult[] = [];
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--js-flags=--expose-gc'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // a saved page's images, fonts and frames would try the network: only 127.0.0.1 is reachable
    await context.route(/^(?!http:\/\/127\.0\.0\.1|data:|about:)/, (r) => r.abort());
    await context.addInitScript({ content: KEEP_NAMES_SHIM });
    const page = await context.newPage();
    for (const name of names) {
      const t0 = performance.now();
      const r = await benchPage(page, name, server.url(`/bench/${name}.html`), m, bundle, runs);
      pages.push(r);
      console.log(
        `${name}: ours ${r.ours_ms} ms (${r.ours_over_floor}x floor), mark.js ${r.markjs_over_ours}x ours, regex ${r.regex_over_ours}x ours, 10k aliases ${r.scaling_10000_over_story}x  [${((performance.now() - t0) / 1000).toFixed(1)} s]`,
      );
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  return pages;
}
