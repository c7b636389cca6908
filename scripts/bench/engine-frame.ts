/**
 * npx tsx scripts/bench/engine-frame.ts
 *
 * What the engine charges for a change to CSS.highlights, without the
 * extension: on the bench's 20,000-paragraph page, the duration of the frame
 * after adding ranges to a Highlight that already holds 0 or 15,000 ranges,
 * after a change to another Highlight, and after appending paragraphs (no
 * highlight change) with and without 15,000 ranges registered. `npm run bench`'s append and
 * long-task figures include this rendering work; this script isolates it, so
 * a miss there can be told apart from the content script's own JS.
 */
import { chromium } from 'playwright-core';
import { chromiumPath, KEEP_NAMES_SHIM, startServer } from '../lib/browser';
import { generatedPage } from './fixtures';
import { runAsMain } from '../lib/run-main';

export async function highlightFrameCosts(): Promise<Record<string, number>> {
  const server = await startServer({ '/big.html': { body: generatedPage(20_000) } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(server.url('/big.html'));
    await page.addStyleTag({ content: '::highlight(a), ::highlight(b) { text-decoration: underline 2px red; }' });
    return await page.evaluate(async () => {
      const ps = [...document.querySelectorAll('p')];
      const range = (i: number) => {
        const r = document.createRange();
        const t = ps[i % ps.length]!.firstChild!;
        r.setStart(t, 0);
        r.setEnd(t, 5);
        return r;
      };
      const frame = () => new Promise<void>((res) => requestAnimationFrame(() => res()));
      const a = new Highlight();
      const b = new Highlight();
      CSS.highlights.set('a', a);
      CSS.highlights.set('b', b);
      const out: Record<string, number> = {};
      // time from the change to the first task after the next frame: style, layout and paint of the highlights
      const step = async (label: string, fn: () => void) => {
        await frame();
        await frame();
        const t0 = performance.now();
        fn();
        await frame();
        await new Promise((r) => setTimeout(r, 0));
        out[label] = Math.round((performance.now() - t0) * 10) / 10;
      };
      const appendParagraphs = () => {
        const box = document.createElement('section');
        for (let i = 0; i < 100; i++) {
          const p = document.createElement('p');
          p.textContent = ps[i]!.textContent;
          box.append(p);
        }
        document.body.append(box);
        return box;
      };
      await step('no change', () => {});
      let box = appendParagraphs();
      box.remove();
      await step('append 100 paragraphs, no ranges registered', () => {
        box = appendParagraphs();
      });
      box.remove();
      await step('add 100 ranges to an empty highlight', () => {
        for (let i = 0; i < 100; i++) a.add(range(i));
      });
      await step('add 15,000 ranges', () => {
        for (let i = 100; i < 15_100; i++) a.add(range(i));
      });
      await step('add 1 range to the highlight of 15,100', () => a.add(range(19_990)));
      await step('add 100 ranges to the highlight of 15,101', () => {
        for (let i = 0; i < 100; i++) a.add(range(19_000 + i));
      });
      await step('add 100 ranges to another, empty highlight', () => {
        for (let i = 0; i < 100; i++) b.add(range(18_000 + i));
      });
      await step('no change (15,301 ranges registered)', () => {});
      await step('append 100 paragraphs, no highlight change (15,301 ranges registered)', () => {
        box = appendParagraphs();
      });
      box.remove();
      return out;
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

runAsMain(
  import.meta.url,
  async () => {
    for (const [k, v] of Object.entries(await highlightFrameCosts())) console.log(`${String(v).padStart(8)} ms  ${k}`);
    return 0;
  },
  (e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)),
);
