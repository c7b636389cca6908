/**
 * What is measured with the real, built extension in one browser: the 20,000-paragraph page's load and
 * long tasks, the appends, and a traced second load (memory is measured apart: scripts/bench/heap.ts).
 */
import type { CompiledMatcher } from '../../src/core/matcher';
import { KEEP_NAMES_SHIM, launch } from '../lib/browser';
import { setMarkEverywhere } from './common';
import { appendCosts, type AppendResult } from './append';
import { EMPTY_PAGE } from './fixtures';
import { loadBigPage, recordLongTasks, traceLoad, type LoadResult, type TraceResult } from './long-tasks';

/** summary.extension in bench.json: its keys in this order. */
export type ExtensionResult = LoadResult & AppendResult & TraceResult;

export async function benchExtension(
  extensionDir: string,
  bigHtml: string,
  story: CompiledMatcher,
  runs: number,
): Promise<ExtensionResult> {
  const h = await launch({
    extensionDir,
    routes: {
      '/bench/big.html': { body: bigHtml },
      '/bench/empty.html': { body: EMPTY_PAGE },
    },
  });
  try {
    await h.context.route(/^(?!http:\/\/127\.0\.0\.1|chrome-extension:|data:|about:)/, (r) => r.abort());
    await h.context.addInitScript({ content: KEEP_NAMES_SHIM });
    // the every-page setting: the generated page is marked as before issue 14, so the ratios stay comparable
    await setMarkEverywhere(h, true);
    await recordLongTasks(h.context);
    const { page: big, result: load } = await loadBigPage(h, h.server.url('/bench/big.html'));
    const append = await appendCosts(h, big, h.server.url('/bench/empty.html'), story, runs);
    const trace = await traceLoad(h, h.server.url('/bench/big.html'));
    return { ...load, ...append, ...trace };
  } finally {
    await h.close();
  }
}
