/**
 * What `npm run bench` reports: the targets and their verdicts, the console table and summary, and the
 * tables of docs/benchmark.md. Its numbers are the keys of .output/bench.json (README: "Bench JSON").
 */
import os from 'node:os';
import type { CoverageCostPage } from './coverage';
import type { ExtensionResult } from './extension';
import type { HeapResult } from './heap';
import { MARKJS_RUN_BUDGET_MS, type PageResult } from './page-scan';

/** Goals of issues 6, 7 and 15; an empty one is reported only. */
export const TARGETS = {
  ours_over_floor_median: { max: 3 },
  markjs_over_ours_median: { min: 10 },
  regex_over_ours_median: {},
  scaling_10000_over_story: { max: 1.5 },
  content_script_gzip_bytes: { max: 30 * 1024 },
  longest_task_ms: { max: 50 },
  append_big_over_small: { max: 2 },
  review_edit_400_over_20: { max: 2 },
  review_save_400_over_20: { max: 10 },
  other_languages_over_english_only_median: { max: 1.25 },
  extension_heap_bytes: {},
  service_worker_heap_bytes: {},
} as const;

export interface Verdict {
  k: string;
  v: number | null;
  ok: boolean | null;
  goal: string;
}

export function verdicts(summary: Record<string, unknown>): Verdict[] {
  return Object.entries(TARGETS).map(([k, t]) => {
    const v = summary[k] as number | null;
    const ok = v === null ? false : ('max' in t ? v <= t.max : true) && ('min' in t ? v >= t.min : true);
    const goal = 'max' in t ? `<= ${t.max}` : 'min' in t ? `>= ${t.min}` : '(reported)';
    return { k, v, ok: goal === '(reported)' ? null : ok, goal };
  });
}

type HeapDetail = Omit<HeapResult, 'extension_heap_bytes' | 'service_worker_heap_bytes'>;

const bytes = (n: number | null | undefined) => (typeof n === 'number' ? `${n.toLocaleString('en')} B` : '-');

function pad(s: string | number | null, n: number, right = false): string {
  const x = s === null ? '-' : String(s);
  return right ? x.padStart(n) : x.padEnd(n);
}

export function table(pages: PageResult[]): string {
  const head = [
    'page',
    'chars',
    'found',
    'floor ms',
    'ours ms',
    'ours/floor',
    'mark/ours',
    'regex/ours',
    '1k/story',
    '10k/story',
    'langs/en',
  ];
  const w = [26, 9, 6, 9, 9, 11, 10, 11, 9, 10, 9];
  const lines = [head.map((h, i) => pad(h, w[i]!, i > 0)).join(' ')];
  for (const p of pages) {
    lines.push(
      [
        p.page,
        p.text_chars,
        p.mentions,
        p.floor_ms,
        p.ours_ms,
        p.ours_over_floor,
        p.markjs_extrapolated_from ? `~${p.markjs_over_ours}` : p.markjs_over_ours,
        p.regex_over_ours,
        p.scaling_1000_over_story,
        p.scaling_10000_over_story,
        p.english ? p.other_languages_over_english_only : '',
      ]
        .map((c, i) => pad(c as string, w[i]!, i > 0))
        .join(' '),
    );
  }
  return lines.join('\n');
}

/** The tables of docs/benchmark.md: one row per page, then the summary against the targets. */
export function markdown(pages: PageResult[], summary: Record<string, unknown>, met: Record<string, boolean | null>): string {
  const ext = summary.extension as ExtensionResult & Partial<HeapDetail>;
  const engine = summary.engine_highlight_frame_ms as Record<string, number>;
  const v = (k: string) => `${summary[k]}${met[k] === null || met[k] === undefined ? '' : met[k] ? ' (met)' : ' **(missed)**'}`;
  const reviewMs = (k: string) => {
    const ms = (summary[k] ?? {}) as Record<string, number | null>;
    return `${ms['400']} ms vs ${ms['20']} ms`;
  };
  const rows = [
    '| page | text chars | mentions | floor ms | ours ms | ours/floor | bound/floor | mark.js/ours | regex/ours | 1k/story | 10k/story | langs/English |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...pages.map(
      (p) =>
        `| ${p.page} | ${p.text_chars.toLocaleString('en')} | ${p.mentions.toLocaleString('en')} | ${p.floor_ms} | ${p.ours_ms} | ${p.ours_over_floor} | ${p.bound_over_floor} | ${p.markjs_extrapolated_from ? '~' : ''}${p.markjs_over_ours} | ${p.regex_over_ours} | ${p.scaling_1000_over_story} | ${p.scaling_10000_over_story} | ${p.english ? p.other_languages_over_english_only : ''} |`,
    ),
    '',
    '| summary | value | target |',
    '| --- | ---: | --- |',
    `| ours_over_floor_median | ${v('ours_over_floor_median')} | ≤ 3 |`,
    `| bound_over_floor_median (the least any collector returning collectText's text does, no matching: every element's name read, the subtrees never read skipped, shadow roots read where they can be, the attribute query: ${summary.bound_visit_over_floor_median} + ${summary.bound_attributes_over_floor_median}) | ${summary.bound_over_floor_median} | - |`,
    `| ours by part over the floor: prepare / collect / match / paint | ${Object.values((summary.ours_parts_over_floor_median ?? {}) as Record<string, number>).join(' / ')} | - |`,
    `| markjs_over_ours_median | ${v('markjs_over_ours_median')} | ≥ 10 |`,
    `| regex_over_ours_median | ${summary.regex_over_ours_median} | reported |`,
    `| scaling_10000_over_story | ${v('scaling_10000_over_story')} | ≤ 1.5 |`,
    `| scaling_10000_over_story_scan_only (without receiving + preparing the matcher) | ${summary.scaling_10000_over_story_scan_only} | - |`,
    `| compile_ms_10000 (once per change of the stories) | ${summary.compile_ms_10000} | - |`,
    `| content_script_gzip_bytes | ${v('content_script_gzip_bytes')} | ≤ 30,720 |`,
    `| extension_heap_bytes (a tab's JavaScript heap after GC with the extension minus without, median of 3 loads of a demo page: ${bytes(ext.page_heap_with_extension_bytes)} vs ${bytes(ext.page_heap_without_extension_bytes)}) | ${bytes(summary.extension_heap_bytes as number)} | reported |`,
    `| service_worker_heap_bytes (the background's heap after start-up and three loads of that page, after GC) | ${bytes(summary.service_worker_heap_bytes as number)} | reported |`,
    `| longest_task_ms (20,000 paragraphs, after load) | ${v('longest_task_ms')} | ≤ 50 |`,
    `| large_story_timer_gap_ratio (the worst gap of a 50 ms page timer while a page naming 1,500 entities of a 50,000-name story loads and is marked: ${summary.large_story_timer_gap_ms_with} ms, against ${summary.large_story_timer_gap_ms_without} ms without that story; ${summary.large_story_mentions} mentions) | ${summary.large_story_timer_gap_ratio} | reported |`,
    `| large_story_compile_ms, large_story_matcher_bytes (that story, compiled once in the background) | ${summary.large_story_compile_ms} ms, ${bytes(summary.large_story_matcher_bytes as number)} | reported |`,
    `| churn_timer_lateness_ratio (the churn page's 10 ms timer lateness with the extension over without: ${summary.churn_timer_late_ms_with} ms vs ${summary.churn_timer_late_ms_without} ms) | ${summary.churn_timer_lateness_ratio} | reported |`,
    `| the same load traced: the content script's most CPU time in one task (in ${ext.trace_extension_tasks} tasks); the longest task and the content script's share of it | ${ext.trace_extension_most_in_one_task_ms} ms; ${ext.trace_longest_task_ms} ms with ${ext.trace_longest_task_extension_ms} ms | - |`,
    `| append_big_over_small (the extension's script time for the change: ${ext.append_script_big_ms} ms vs ${ext.append_script_small_ms} ms) | ${v('append_big_over_small')} | ≤ 2 |`,
    `| wall time until the appended mentions are in CSS.highlights (${ext.append_big_ms} ms vs ${ext.append_small_ms} ms; includes the engine's frame for the page's own change) | ${ext.append_wall_big_over_small} | - |`,
    `| the same until the next frame is painted (${ext.append_painted_big_ms} ms vs ${ext.append_painted_small_ms} ms) | ${ext.append_painted_big_over_small} | - |`,
    `| longest task on the big page during the appends | ${ext.longest_task_during_appends_ms} ms | - |`,
    `| review_edit_400_over_20 (the review screen: one edit to the next frame painted, 400 entities against 20: ${reviewMs('review_edit_ms')}) | ${v('review_edit_400_over_20')} | ≤ 2 |`,
    `| review_save_400_over_20 (one save, until the screen closes: ${reviewMs('review_save_ms')}) | ${v('review_save_400_over_20')} | ≤ 10 |`,
    `| other_languages_over_english_only_median | ${v('other_languages_over_english_only_median')} | ≤ 1.25 |`,
    `| first_highlight_default_over_everywhere_median (time to the first highlight on coverage pages, default settings over the every-page setting: ${coveragePages(summary, 'first_highlight')}) | ${summary.first_highlight_default_over_everywhere_median} | reported |`,
    `| quiet_settle_default_over_everywhere_median (time to a settled scan on pages that are not coverage, default settings, marking nothing, over the every-page setting: ${coveragePages(summary, 'quiet_settle')}) | ${summary.quiet_settle_default_over_everywhere_median} | reported |`,
    '',
    `The engine alone, same page, no extension: the frame after a change to \`CSS.highlights\` takes ${engine['no change']} ms with no change, ${engine['add 100 ranges to an empty highlight']} ms after adding 100 ranges to an empty highlight, and ${engine['add 1 range to the highlight of 15,100']} ms after adding one range to a highlight that holds 15,100; appending 100 paragraphs with no highlight change takes ${engine['append 100 paragraphs, no highlight change (15,301 ranges registered)']} ms with 15,301 ranges registered against ${engine['append 100 paragraphs, no ranges registered']} ms with none (\`engine_highlight_frame_ms\`).`,
  ];
  return rows.join('\n') + '\n';
}

/** Each page's medians, default vs every-page, in one line (summary.coverage). */
function coveragePages(summary: Record<string, unknown>, part: 'first_highlight' | 'quiet_settle'): string {
  const list = (summary.coverage as Record<string, CoverageCostPage[]> | undefined)?.[part] ?? [];
  return list.map((p) => `${p.page} ${p.default_ms} vs ${p.everywhere_ms} ms`).join(', ');
}

const BEGIN = '<!-- bench: written by npm run bench -->';
const END = '<!-- /bench -->';

/**
 * docs/benchmark.md's generated part, between its two markers: when and how the run was made, and the
 * tables. The text around the markers is written by hand and kept.
 */
export function reportBlock(table: string, meta: { runs: number; seconds: number; loadAtStart: number; when?: Date }): string {
  const when = (meta.when ?? new Date()).toISOString().replace(/T(\d\d:\d\d).*/, ' at $1 UTC');
  return [
    BEGIN,
    `A run on ${when} (\`npm run bench\`, ${meta.runs} run${meta.runs === 1 ? '' : 's'}, ${meta.seconds} s) on ${os.cpus().length} cores, load average ${meta.loadAtStart.toFixed(2)} at the start. \`~\`: mark.js extrapolated past its ${MARKJS_RUN_BUDGET_MS / 1000} s budget.`,
    '',
    table.trimEnd(),
    END,
  ].join('\n');
}

/** `doc` with its generated part replaced by `block` (appended when the markers are missing). */
export function withReport(doc: string, block: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return doc.trim() ? `${doc.trimEnd()}\n\n${block}\n` : `${block}\n`;
  return doc.slice(0, a) + block + doc.slice(b + END.length);
}

/** The summary lines `npm run bench` prints after the table. */
export function printSummary(list: Verdict[], summary: Record<string, unknown>): void {
  const ext = summary.extension as ExtensionResult;
  const engine = summary.engine_highlight_frame_ms as Record<string, number>;
  console.log('\nsummary');
  for (const x of list)
    console.log(`  ${x.k.padEnd(42)} ${pad(x.v, 10, true)}  ${x.goal}${x.ok === null ? '' : x.ok ? '  ok' : '  MISSED'}`);
  console.log(`  ${'compile_ms_10000'.padEnd(42)} ${pad(summary.compile_ms_10000 as number, 10, true)}  (not part of a page's cost)`);
  console.log(
    `  extension on the 20,000-paragraph page: ${ext.initial_highlights} highlights, done ${ext.initial_highlight_done_ms_after_load} ms after load; ${ext.long_tasks_after_load} long tasks after load; traced: at most ${ext.trace_extension_most_in_one_task_ms} ms of the content script in one task (${ext.trace_extension_tasks} tasks), longest task ${ext.trace_longest_task_ms} ms with ${ext.trace_longest_task_extension_ms} ms of it; append: extension script ${ext.append_script_big_ms} ms vs ${ext.append_script_small_ms} ms; until in CSS.highlights ${ext.append_big_ms} ms vs ${ext.append_small_ms} ms (${ext.append_expected_mentions} mentions${ext.append_complete ? '' : ', NOT all seen'}); to the next frame painted: ${ext.append_painted_big_ms} ms vs ${ext.append_painted_small_ms} ms (${ext.append_painted_big_over_small}x); longest task during the appends ${ext.longest_task_during_appends_ms} ms`,
  );
  console.log(
    `  the engine alone (no extension, same page): a frame after adding 1 range to a highlight of 15,100 takes ${engine['add 1 range to the highlight of 15,100']} ms, 100 ranges to an empty highlight ${engine['add 100 ranges to an empty highlight']} ms, no change ${engine['no change']} ms; appending 100 paragraphs with no highlight change: ${engine['append 100 paragraphs, no highlight change (15,301 ranges registered)']} ms with 15,301 ranges registered, ${engine['append 100 paragraphs, no ranges registered']} ms with none`,
  );
}
