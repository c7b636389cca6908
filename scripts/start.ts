/**
 * `npm start`: builds the extension, serves the demo pages (scripts/demo/,
 * written for this project) on 127.0.0.1 and opens Chromium with Story Lens
 * loaded on them.
 *
 * Where there is no display (no DISPLAY / WAYLAND_DISPLAY, or CI is set, or
 * --headless), it says so and runs headless instead: for each demo page it
 * prints what the extension marked (read back from the page's CSS.highlights)
 * and which entities those are (the scan's collector + matcher over the live
 * page's DOM), hovers a mention until the card opens, saves screenshots under
 * .output/demo/ and exits 0. It exits 1 when the extension marked nothing or
 * no card opened, and 2 when no Chromium can be found.
 *
 *   npm start                 window where there is a display, else headless
 *   npm start -- --headless   always headless
 *   npm start -- --no-build   use the existing .output/chrome-mv3
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumPath, KEEP_NAMES_SHIM, launch, ROOT, type Harness } from './lib/browser';
import { buildExtension, copyBuiltExtension } from './lib/built-extension';
import { readCard, waitForCardState, type CardState } from './lib/card-reader';
import { runAsMain } from './lib/run-main';

export const DEMO_DIR = path.join(ROOT, 'scripts/demo');
export const OUT_DIR = path.join(ROOT, '.output/demo');
export const HIGHLIGHT_NAMES = ['story-lens-person', 'story-lens-place', 'story-lens-organization'] as const;

/** The demo pages, in the order they are shown, and the mention whose card each screenshot opens. */
export const DEMO_PAGES: { file: string; hover: string[] }[] = [
  { file: 'train-arrives.html', hover: ['Sergei Shoigu', 'Vladimir Putin', 'Kim Jong Un'] },
  { file: 'vostochny-explainer.html', hover: ['Vostochny Cosmodrome', 'Vladivostok', 'Khasan'] },
  { file: 'liveblog.html', hover: ['Sergei Lavrov', 'Choe Son Hui', 'Dmitry Peskov'] },
  { file: 'ru-report.html', hover: ['Путина', 'Путиным', 'Ким Чен Ына', 'Песков'] },
  { file: 'ko-report.html', hover: ['김정은과', '김정은', '평양'] },
];

/** Whether a window can be shown: a display server is there and this is not CI. */
export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export const NO_CHROMIUM_HELP = [
  'No Chromium found. Story Lens opens its demo in Chromium (or Chrome) with the extension loaded.',
  'Get one:',
  '  Debian/Ubuntu:  sudo apt-get install -y chromium',
  '  or point to an installed Chrome/Chromium:  CHROMIUM_PATH=/path/to/chrome npm start',
].join('\n');

/** The Chromium to use, or undefined (CHROMIUM_PATH, when set, must exist: a typo should not silently pick another). */
export function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  if (env.CHROMIUM_PATH) return fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  try {
    return chromiumPath();
  } catch {
    return undefined;
  }
}

export interface HighlightedText {
  type: string;
  text: string;
}

export interface PageRow {
  name: string;
  entity: string;
  type: string;
  count: number;
  /** distinct texts as the page writes them, most frequent first */
  texts: string[];
}

/** One row per entity, most mentioned first, from the scan's mentions. */
export function summarize(mentions: { entity: string; name: string; type: string; text: string }[]): PageRow[] {
  const rows = new Map<string, PageRow & { byText: Map<string, number> }>();
  for (const m of mentions) {
    let row = rows.get(m.entity);
    if (!row) rows.set(m.entity, (row = { name: m.name, entity: m.entity, type: m.type, count: 0, texts: [], byText: new Map() }));
    row.count++;
    row.byText.set(m.text, (row.byText.get(m.text) ?? 0) + 1);
  }
  return [...rows.values()]
    .map(({ byText, ...r }) => ({ ...r, texts: [...byText].sort((a, b) => b[1] - a[1]).map(([t]) => t) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Counts per highlight type ("person" → 7). */
export function countByType(items: { type: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i.type] = (out[i.type] ?? 0) + 1;
  return out;
}

function pad(s: string, n: number): string {
  // CJK characters take two columns in a terminal
  const width = [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(c) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(1, n - width));
}

export function formatRows(rows: PageRow[]): string {
  const lines = [`  ${pad('entity', 24)}${pad('type', 14)}${pad('count', 7)}as written`];
  for (const r of rows) {
    lines.push(
      `  ${pad(r.name, 24)}${pad(r.type, 14)}${pad(String(r.count), 7)}${r.texts
        .slice(0, 4)
        .map((t) => `"${t}"`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}

/** What the extension painted, read from the page: one item per Range, in document order. */
async function readHighlights(page: Page): Promise<HighlightedText[]> {
  return page.evaluate(
    (names) => {
      const out: { type: string; text: string; range: Range }[] = [];
      for (const name of names) {
        const h = CSS.highlights.get(name);
        if (!h) continue;
        for (const r of h as unknown as Iterable<AbstractRange>) {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          out.push({ type: name.replace('story-lens-', ''), text: range.toString(), range });
        }
      }
      out.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
      return out.map(({ type, text }) => ({ type, text }));
    },
    [...HIGHLIGHT_NAMES],
  );
}

/** Waits until the page's highlights stop changing (the content script batches its work). */
async function settledHighlights(page: Page, timeoutMs = 10_000): Promise<HighlightedText[]> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  let stable = 0;
  let items: HighlightedText[] = [];
  while (Date.now() < until) {
    items = await readHighlights(page);
    if (items.length === last && items.length > 0) {
      if (++stable >= 3) return items;
    } else stable = 0;
    last = items.length;
    await page.waitForTimeout(200);
  }
  return items;
}

type Scan = (html: string) => { entity: string; name: string; type: string; text: string }[];

/**
 * The scan (scripts/scan.ts: the same collector and matcher as the extension)
 * over the live page's DOM, to name the entities behind the highlights.
 * Loaded lazily: if it fails, the demo still prints what was highlighted.
 */
async function loadScan(): Promise<Scan | string> {
  try {
    const { scanHtml, defaultMatcher } = await import('./scan');
    const matcher = defaultMatcher();
    return (html: string) => scanHtml(html, matcher);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Rests the pointer on a mention until the card opens; returns the card's text or null. */
async function openCard(page: Page, wanted: string[]): Promise<{ text: string; hovered: string } | null> {
  const target = await page.evaluate(
    ({ names, wanted }) => {
      const ranges: AbstractRange[] = [];
      for (const n of names) {
        const h = CSS.highlights.get(n);
        if (h) ranges.push(...(h as unknown as Iterable<AbstractRange>));
      }
      const asRange = (r: AbstractRange) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range;
      };
      const all = ranges.map(asRange);
      const pick = wanted.map((w) => all.find((r) => r.toString() === w)).find(Boolean) ?? all[0];
      if (!pick) return null;
      (pick.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
      const rect = pick.getClientRects()[0] ?? pick.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: pick.toString() };
    },
    { names: [...HIGHLIGHT_NAMES], wanted },
  );
  if (!target) return null;
  await page.mouse.move(5, 5);
  await page.mouse.move(target.x, target.y, { steps: 4 });
  // the card's shadow root is closed to pages: read through the DevTools protocol (scripts/lib/card-reader.ts)
  const shown = (s: CardState) => s.open && !!s.rect && s.rect.width > 40 && s.rect.height > 40 && s.text.trim().length > 20;
  try {
    await waitForCardState(page, shown, 5_000);
  } catch {
    return null;
  }
  // the card fades in: screenshot it once its animations have finished
  await waitForCardState(page, (s) => s.settled, 3_000).catch(() => {});
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || !(a.effect as KeyframeEffect | null)?.target?.matches?.('story-lens-card')),
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => {});
  // and one frame later, so the screenshot shows the card as painted
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  const { text } = await readCard(page);
  return {
    text: text
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' | '),
    hovered: target.text,
  };
}

async function runHeadless(h: Harness): Promise<number> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const scan = await loadScan();
  if (typeof scan === 'string') console.log(`(entity names unavailable: ${scan}; showing highlights by type)`);
  let marked = 0;
  const cards: string[] = [];
  const page = await h.context.newPage();
  for (const demo of DEMO_PAGES) {
    await page.goto(h.server.url(`/scripts/demo/${demo.file}`));
    const title = await page.title();
    // A live page's entries arrive after load: wait for the last one.
    await page.waitForFunction(() => !document.querySelector('#entries') || document.body.dataset.complete === 'true', undefined, {
      timeout: 15_000,
    });
    const items = await settledHighlights(page);
    marked += items.length;
    const byType = countByType(items);
    console.log(`\n${demo.file}  -  ${title}`);
    console.log(
      `  highlighted by the extension (CSS.highlights): ${HIGHLIGHT_NAMES.map((n) => `${byType[n.replace('story-lens-', '')] ?? 0} ${n.replace('story-lens-', '')}`).join(', ')}`,
    );
    if (typeof scan !== 'string') {
      const mentions = scan(await page.content());
      console.log(formatRows(summarize(mentions)));
      const scanned = countByType(mentions);
      const same = ['person', 'place', 'organization'].every((t) => (scanned[t] ?? 0) === (byType[t] ?? 0));
      if (!same) console.log(`  note: the scan of this page finds ${JSON.stringify(scanned)}, the page shows ${JSON.stringify(byType)}`);
    } else {
      const rows = summarize(items.map((i) => ({ entity: `${i.type}:${i.text}`, name: i.text, type: i.type, text: i.text })));
      console.log(formatRows(rows));
    }
    const shotBase = path.join(OUT_DIR, demo.file.replace(/\.html$/, ''));
    await page.screenshot({ path: `${shotBase}.png` });
    const card = items.length ? await openCard(page, demo.hover) : null;
    if (card) {
      await page.screenshot({ path: `${shotBase}-card.png` });
      cards.push(`${shotBase}-card.png`);
      console.log(`  card for "${card.hovered}": ${card.text.slice(0, 110)}${card.text.length > 110 ? '...' : ''}`);
      await page.keyboard.press('Escape');
    } else {
      console.log(`  no card opened when hovering a mention on this page`);
    }
  }
  await page.close();
  console.log('');
  for (const c of cards) console.log(`screenshot with an open card: ${path.relative(process.cwd(), c)}`);
  if (marked === 0) {
    console.error('The extension highlighted nothing on the demo pages.');
    return 1;
  }
  if (cards.length === 0) {
    console.error('No card opened on any demo page.');
    return 1;
  }
  return 0;
}

async function runWindow(h: Harness): Promise<number> {
  const pages = [{ file: 'index.html' }, ...DEMO_PAGES];
  const first = h.context.pages()[0] ?? (await h.context.newPage());
  await first.goto(h.server.url('/scripts/demo/index.html'));
  for (const demo of pages.slice(1)) {
    const p = await h.context.newPage();
    await p.goto(h.server.url(`/scripts/demo/${demo.file}`));
  }
  await first.bringToFront();
  console.log(`\nChromium is open with Story Lens loaded. Demo pages: ${h.server.url('/scripts/demo/index.html')}`);
  console.log('Rest the pointer on a marked name to open its card. Close the browser (or press Ctrl+C) to stop.');
  await new Promise<void>((resolve) => {
    h.context.on('close', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  return 0;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const headless = argv.includes('--headless') || !hasDisplay(env);
  const chromium = findChromium(env);
  if (!chromium) {
    if (env.CHROMIUM_PATH) console.error(`CHROMIUM_PATH is set to "${env.CHROMIUM_PATH}", which does not exist.`);
    console.error(NO_CHROMIUM_HELP);
    return 2;
  }
  if (!argv.includes('--no-build') && !buildExtension()) return 1;
  if (headless) {
    const why = argv.includes('--headless') ? '--headless given' : env.CI ? 'CI is set' : 'no DISPLAY or WAYLAND_DISPLAY';
    console.log(`No display (${why}): running Chromium headless. Screenshots go to ${path.relative(process.cwd(), OUT_DIR) || '.'}/`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'story-lens-start-'));
  // Chromium loads a private copy: a later build into .output/chrome-mv3 (tests, `npm run dev`) must not pull it away
  const extensionDir = path.join(userDataDir, 'extension');
  try {
    await copyBuiltExtension(extensionDir);
  } catch (e) {
    console.error((e as Error).message);
    fs.rmSync(userDataDir, { recursive: true, force: true });
    return 1;
  }
  process.env.CHROMIUM_PATH = chromium;
  const h = await launch({ extensionDir, headless, userDataDir: path.join(userDataDir, 'profile') });
  await h.context.addInitScript({ content: KEEP_NAMES_SHIM });
  try {
    return headless ? await runHeadless(h) : await runWindow(h);
  } finally {
    await h.close().catch(() => {});
    // Chromium may still be writing its profile for a moment after closing
    try {
      fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {
      console.error(`(could not remove the temporary profile ${userDataDir})`);
    }
  }
}

runAsMain(import.meta.url, () => main(process.argv.slice(2), process.env));
