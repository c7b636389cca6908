/**
 * npm run bench [-- --runs N (default 7)] [--pages a,b] [--no-build] [--quick]
 *
 * The performance benchmark, in Debian's headless Chromium (docs/adr/0002 says why it is measured this
 * way). Each part is a file of scripts/bench/:
 *  - page-scan: per page (every page of ../shared/fixtures/real-pages/, scripts stripped and network
 *    blocked, and a generated page of 20,000 paragraphs), floor / ours / bound, mark.js and regex, ours
 *    with 1,000 and 10,000 aliases (matchers: compiled here, timed) and with English names only;
 *  - with the built extension, marking every page (the setting: so these stay comparable with runs from
 *    before issue 14): long-tasks (the load of the big page, traced), append (100 paragraphs on the big page
 *    against an empty one), heap (a tab's and the service worker's memory);
 *  - coverage: with the built extension, default settings against the every-page setting: the time to the
 *    first highlight on coverage pages, and to a settled scan on pages that are not coverage;
 *  - engine-frame: what Chromium alone charges for a change to CSS.highlights;
 *  - the content script's gzipped size, here.
 * Prints a table and writes .output/bench.json (its keys are a contract: README, "Bench JSON") and the
 * report: docs/benchmark.md after a run over every page, .output/bench.md after a run with --pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumPath, ROOT } from './lib/browser';
import { buildExtension, copyBuiltExtension } from './lib/built-extension';
import { runAsMain } from './lib/run-main';
import { highlightFrameCosts } from './bench/engine-frame';
import { benchExtension } from './bench/extension';
import { generatedPage, median, stripScripts } from './bench/fixtures';
import { heapCosts } from './bench/heap';
import { benchLargeStory } from './bench/large-story';
import { benchReview } from './bench/review';
import { coverageCosts } from './bench/coverage';
import { prepareMatchers } from './bench/matchers';
import { MARKJS_RUN_BUDGET_MS, scanPages, type PageResult } from './bench/page-scan';
import { markdown, printSummary, reportBlock, table, verdicts, withReport } from './bench/report';
import { round } from './bench/common';

export { markdown, table, TARGETS } from './bench/report';

const REAL_PAGES = path.join(ROOT, '../shared/fixtures/real-pages');
const OUT = path.join(ROOT, '.output/bench.json');
const REPORT = path.join(ROOT, 'docs/benchmark.md');
const GENERATED = 'generated-20000';

interface Args {
  runs: number;
  pages?: string[];
  build: boolean;
  quick: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 7, build: true, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--runs') a.runs = Math.max(1, Number(argv[++i]));
    else if (x === '--pages') a.pages = argv[++i]!.split(',');
    else if (x === '--no-build') a.build = false;
    else if (x === '--quick') a.quick = true;
    else throw new Error(`unknown argument ${x}`);
  }
  return a;
}

/** The pages to scan, served at /bench/<name>.html: the real pages (beside the project, ../shared) and the generated one. */
function benchPages(
  bigHtml: string,
  only?: string[],
): { names: string[]; routes: Record<string, { body: string; headers: Record<string, string> }> } {
  const files = fs.existsSync(REAL_PAGES)
    ? fs
        .readdirSync(REAL_PAGES)
        .filter((f) => f.endsWith('.html'))
        .sort()
    : [];
  if (!files.length) console.log(`No real pages at ${REAL_PAGES}: measuring the generated page only.`);
  // cross-origin isolated, so performance.now() has 5 µs grain instead of 100 µs
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const routes: Record<string, { body: string; headers: Record<string, string> }> = {
    [`/bench/${GENERATED}.html`]: { body: bigHtml, headers },
  };
  for (const f of files) routes[`/bench/${f}`] = { body: stripScripts(fs.readFileSync(path.join(REAL_PAGES, f), 'utf8')), headers };
  const names = [...files.map((f) => f.replace(/\.html$/, '')), GENERATED].filter((n) => !only || only.includes(n));
  return { names, routes };
}

function pageMedians(pages: PageResult[]) {
  const med = (f: (p: PageResult) => number) => round(median(pages.map(f)));
  const english = pages.filter((p) => p.english);
  return {
    ours_over_floor_median: med((p) => p.ours_over_floor),
    markjs_over_ours_median: med((p) => p.markjs_over_ours),
    regex_over_ours_median: med((p) => p.regex_over_ours),
    scaling_1000_over_story: med((p) => p.scaling_1000_over_story),
    scaling_10000_over_story: med((p) => p.scaling_10000_over_story),
    scaling_10000_over_story_scan_only: med((p) => p.scaling_10000_over_story_scan_only),
    english,
  };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  try {
    chromiumPath();
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (args.build && !buildExtension()) return 1;
  // a private copy: other builds into .output/chrome-mv3 may run meanwhile
  const extensionDir = await copyBuiltExtension(fs.mkdtempSync(path.join(os.tmpdir(), 'story-lens-bench-ext-')));
  const content_script_gzip_bytes = gzipSync(fs.readFileSync(path.join(extensionDir, 'content-scripts/content.js')), { level: 9 }).length;

  const m = prepareMatchers();
  console.log(
    `Aliases: story ${m.counts.story} (English only ${m.counts.english}), scaled to ${m.counts.a1000} and ${m.counts.a10000}; compile of 10,000: ${m.compile_ms_10000.toFixed(0)} ms`,
  );
  const bigHtml = generatedPage(20_000);
  const { names, routes } = benchPages(bigHtml, args.pages);
  const pages = await scanPages(names, routes, m, args.runs);

  console.log('\nWith the built extension: the 20,000-paragraph page, and 100 appended paragraphs ...');
  let ext;
  let heap;
  let large;
  let review;
  let coverage;
  try {
    ext = await benchExtension(extensionDir, bigHtml, m.story, args.quick ? 3 : Math.max(3, args.runs));
    console.log("Memory: a tab's heap with and without the extension, and the service worker's ...");
    heap = await heapCosts(extensionDir);
    console.log('A 50,000-name story on a page naming 1,500 of its entities, and the churn page (scripts/bench/large-story.ts) ...');
    large = await benchLargeStory(extensionDir, args.quick ? 1 : 3);
    console.log('The review screen: one edit and one save with 400 entities against 20 (scripts/bench/review.ts) ...');
    review = await benchReview(extensionDir, args.quick ? 1 : 3);
    console.log('Deciding coverage: default settings against the every-page setting (scripts/bench/coverage.ts) ...');
    coverage = await coverageCosts(extensionDir, args.quick ? 2 : Math.max(3, args.runs));
  } finally {
    fs.rmSync(extensionDir, { recursive: true, force: true });
  }

  console.log('The engine alone: frame cost of a change to CSS.highlights (scripts/bench/engine-frame.ts) ...');
  const engine = await highlightFrameCosts();

  const { english, ...medians } = pageMedians(pages);
  const summary = {
    ...medians,
    compile_ms_10000: round(m.compile_ms_10000, 1),
    compile_ms_story: round(m.compile_ms_story, 1),
    content_script_gzip_bytes,
    extension_heap_bytes: heap.extension_heap_bytes,
    service_worker_heap_bytes: heap.service_worker_heap_bytes,
    longest_task_ms: ext.longest_task_ms,
    ...large,
    append_big_over_small: ext.append_big_over_small,
    ...review,
    first_highlight_default_over_everywhere_median: coverage.first_highlight_default_over_everywhere_median,
    quiet_settle_default_over_everywhere_median: coverage.quiet_settle_default_over_everywhere_median,
    other_languages_over_english_only_median: round(median(english.map((p) => p.other_languages_over_english_only))),
    bound_over_floor_median: round(median(pages.map((p) => p.bound_over_floor))),
    bound_visit_over_floor_median: round(median(pages.map((p) => p.bound_visit_over_floor))),
    bound_attributes_over_floor_median: round(median(pages.map((p) => p.bound_attributes_over_floor))),
    ours_parts_over_floor_median: Object.fromEntries(
      ['prepare', 'collect', 'match', 'paint'].map((k) => [k, round(median(pages.map((p) => p.ours_parts_over_floor[k]!)))]),
    ),
    aliases: m.counts,
    runs: args.runs,
    extension: {
      ...ext,
      page_heap_with_extension_bytes: heap.page_heap_with_extension_bytes,
      page_heap_without_extension_bytes: heap.page_heap_without_extension_bytes,
    },
    coverage: { first_highlight: coverage.first_highlight, quiet_settle: coverage.quiet_settle },
    /** ms from a change to CSS.highlights to the end of the next frame, on the 20,000-paragraph page, without the extension */
    engine_highlight_frame_ms: engine,
    seconds: round((performance.now() - started) / 1000, 1),
  };
  const list = verdicts(summary);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(
    OUT,
    JSON.stringify({ pages, summary, targets: Object.fromEntries(list.map((x) => [x.k, { goal: x.goal, met: x.ok }])) }, null, 2) + '\n',
  );
  const block = reportBlock(markdown(pages, summary, Object.fromEntries(list.map((x) => [x.k, x.ok]))), {
    runs: args.runs,
    seconds: summary.seconds!,
    loadAtStart,
  });
  // only a run over every page replaces the published report
  const report = args.pages || args.quick ? OUT.replace(/\.json$/, '.md') : REPORT;
  fs.writeFileSync(report, withReport(fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '', block));

  console.log('\n' + table(pages));
  if (pages.some((p) => p.markjs_extrapolated_from))
    console.log(
      `~ mark.js stopped after ${MARKJS_RUN_BUDGET_MS / 1000} s and was extrapolated by the keywords it had left (see markjs_extrapolated_from)`,
    );
  printSummary(list, summary);
  console.log(`\nwrote ${path.relative(process.cwd(), OUT)} and ${path.relative(process.cwd(), report)} in ${summary.seconds} s`);
  return 0;
}

runAsMain(
  import.meta.url,
  () => main(process.argv.slice(2)),
  (e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)),
);
