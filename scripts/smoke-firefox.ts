/**
 * `npm run smoke:firefox`: the Firefox build in a real Firefox ESR, headless.
 *
 * Builds .output/firefox-mv3 (skip with --no-build), starts Firefox ESR over
 * WebDriver BiDi (puppeteer-core), installs the build as a temporary add-on and,
 * on a one-line page and on the static demo pages served from 127.0.0.1, checks
 * that:
 *   1. the add-on installs (its id is the manifest's gecko id);
 *   2. the page's CSS.highlights story-lens-person / -place / -organization hold
 *      exactly as many ranges per type as the scan (the extension's own collector
 *      and matcher, scripts/scan.ts) finds in the same page's DOM;
 *   3. resting the pointer on a mention opens one <story-lens-card> after the
 *      card delay (not at once), whose text holds the entity's name, read in
 *      its closed shadow root over WebDriver BiDi (scripts/lib/card-reader.ts),
 *      while the page itself sees an empty element with no shadow root; and
 *      Escape closes it;
 *   4. nothing is written to the console as an error and nothing is thrown
 *      (content-script errors reach the page's console log over BiDi too);
 *   5. the popup, opened as a tab for a demo page's tab (popup.html?tab=<id>,
 *      as the Chromium e2e tests do), lists the entities the scan finds there
 *      with the same counts; the options page lists the bundled story and its
 *      settings; neither writes a console error.
 * Screenshots go to .output/firefox-smoke/. Exits 0 when all pass, 1 when one
 * fails, 2 when there is no Firefox ESR (/usr/bin/firefox-esr, or FIREFOX_PATH).
 * Not part of `npm test`: CI has no Firefox.
 *
 *   npm run smoke:firefox                   build, then check
 *   npm run smoke:firefox -- --no-build     check the existing .output/firefox-mv3
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ROOT, startServer, type Server } from './lib/browser';
import { buildExtension, copyBuiltExtension, FIREFOX_BUILD } from './lib/built-extension';
import { readCardBidi } from './lib/card-reader';
import { bundledPack } from '../src/story/bundled/index';
import { runAsMain } from './lib/run-main';

export const FIREFOX_DEFAULT = '/usr/bin/firefox-esr';
export const OUT_DIR = path.join(ROOT, '.output/firefox-smoke');
const HIGHLIGHT_NAMES = ['story-lens-person', 'story-lens-place', 'story-lens-organization'];
const TYPES = ['person', 'place', 'organization'] as const;
/** DEFAULT_SETTINGS.cardDelayMs (src/core/settings.ts): the card must not be open before this */
const CARD_DELAY_MS = 500;

export const NO_FIREFOX_HELP = [
  'No Firefox ESR found. The Firefox smoke check runs the Firefox build in Firefox ESR (140 or later), headless.',
  'Get one:',
  '  Debian/Ubuntu:  sudo apt-get install -y firefox-esr',
  '  or point to an installed Firefox:  FIREFOX_PATH=/path/to/firefox npm run smoke:firefox',
].join('\n');

const TINY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story Lens smoke</title></head>
<body><p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome.</p></body></html>`;

/** the add-on's moz-extension:// host, fixed through a preference so the test can open its pages */
const EXTENSION_UUID = '5f0c6a52-1d7e-4c1a-9d43-57a1e0b7c9a1';
/** the page whose popup is checked */
const POPUP_PAGE = '/scripts/demo/train-arrives.html';

/** The pages checked and the mention (first found, as written) whose card each opens. */
const PAGES: { path: string; hover: string[] }[] = [
  { path: '/smoke.html', hover: ['Kim Jong Un'] },
  { path: '/scripts/demo/train-arrives.html', hover: ['Vladimir Putin', 'Kim Jong Un'] },
  { path: '/scripts/demo/vostochny-explainer.html', hover: ['Vostochny Cosmodrome'] },
  { path: '/scripts/demo/ru-report.html', hover: ['Путина', 'Песков'] },
  { path: '/scripts/demo/ko-report.html', hover: ['김정은', '평양'] },
  // entries arrive after load, one by one (the content script's watch of page changes)
  { path: '/scripts/demo/liveblog.html', hover: ['Sergei Lavrov', 'Dmitry Peskov'] },
];

export function findFirefox(env: NodeJS.ProcessEnv): string | undefined {
  const p = env.FIREFOX_PATH || FIREFOX_DEFAULT;
  return fs.existsSync(p) ? p : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Counts = Record<(typeof TYPES)[number], number>;

async function highlightCounts(page: Page): Promise<Counts> {
  const sizes = await page.evaluate((names: string[]) => names.map((n) => CSS.highlights.get(n)?.size ?? 0), HIGHLIGHT_NAMES);
  return { person: sizes[0], place: sizes[1], organization: sizes[2] };
}

/** Waits until the highlights stop changing (the content script batches its work). */
async function settledCounts(page: Page, timeoutMs = 15_000): Promise<Counts> {
  const until = Date.now() + timeoutMs;
  let last = '';
  let stable = 0;
  let counts = await highlightCounts(page);
  while (Date.now() < until) {
    counts = await highlightCounts(page);
    const key = JSON.stringify(counts);
    if (key === last && TYPES.some((t) => counts[t] > 0)) {
      if (++stable >= 3) return counts;
    } else stable = 0;
    last = key;
    await sleep(200);
  }
  return counts;
}

interface CardState {
  hosts: number;
  visible: boolean;
  text: string;
  /** what the page's own scripts get of the card: its shadow root (null when closed) or any of its text */
  pageSees: string | null;
}

async function cardState(page: Page): Promise<CardState> {
  const card = await readCardBidi(page);
  const pageSees = await page.evaluate(() => {
    const host = document.querySelector('story-lens-card');
    if (!host) return null;
    if (host.shadowRoot) return 'its shadow root';
    return host.textContent || host.innerHTML || (host as HTMLElement).innerText || null;
  });
  return {
    hosts: card.count,
    visible: !!card.rect && card.rect.width > 40 && card.rect.height > 40,
    text: card.text.replace(/\s+/g, ' ').trim(),
    pageSees,
  };
}

async function waitCard(page: Page, want: (s: CardState) => boolean, timeoutMs: number): Promise<CardState> {
  const until = Date.now() + timeoutMs;
  let s = await cardState(page);
  while (!want(s) && Date.now() < until) {
    await sleep(50);
    s = await cardState(page);
  }
  return s;
}

/** Console errors and uncaught exceptions of a page, as they come. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e instanceof Error ? e.message : String(e)}`));
  return errors;
}

async function checkPage(browser: Browser, server: Server, spec: (typeof PAGES)[number], scan: Scan, failures: string[]): Promise<void> {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const fail = (what: string) => failures.push(`${spec.path}: ${what}`);
  try {
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(server.url(spec.path), { waitUntil: 'load' });
    // a live page marks its last entry with body[data-complete]
    await page.waitForFunction(() => !document.querySelector('#entries') || document.body.dataset.complete === 'true', { timeout: 20_000 });
    const counts = await settledCounts(page);
    const mentions = scan(await page.content());
    const expected: Counts = { person: 0, place: 0, organization: 0 };
    for (const m of mentions) if (m.type in expected) expected[m.type as keyof Counts]++;
    const show = (c: Counts) => TYPES.map((t) => `${c[t]} ${t}`).join(', ');
    console.log(`\n${spec.path}  -  ${await page.title()}`);
    console.log(`  CSS.highlights: ${show(counts)}   (scan of the page: ${show(expected)})`);
    if (TYPES.every((t) => counts[t] === 0)) fail('nothing highlighted');
    else if (TYPES.some((t) => counts[t] !== expected[t])) fail(`highlights ${show(counts)} but the scan finds ${show(expected)}`);
    const base = path.join(OUT_DIR, path.basename(spec.path, '.html'));
    await page.screenshot({ path: `${base}.png` });

    const target = await page.evaluate(
      (names: string[], wanted: string[]) => {
        const all: Range[] = [];
        for (const n of names) {
          for (const r of (CSS.highlights.get(n) ?? []) as Iterable<AbstractRange>) {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            all.push(range);
          }
        }
        all.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
        const pick = wanted.map((w) => all.find((r) => r.toString() === w)).find(Boolean) ?? all[0];
        if (!pick) return null;
        (pick.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
        const rect = pick.getClientRects()[0] ?? pick.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: pick.toString() };
      },
      HIGHLIGHT_NAMES,
      spec.hover,
    );
    if (!target) return;
    const name = mentions.find((m) => m.text === target.text)?.name ?? target.text;
    await page.mouse.move(2, 2);
    await sleep(100);
    await page.mouse.move(target.x, target.y, { steps: 4 });
    const hoveredAt = Date.now();
    await sleep(CARD_DELAY_MS / 2);
    const early = await cardState(page);
    if (early.visible && Date.now() - hoveredAt < CARD_DELAY_MS)
      fail(`the card opened within ${CARD_DELAY_MS / 2} ms of hovering (delay is ${CARD_DELAY_MS} ms)`);
    const card = await waitCard(page, (s) => s.visible && s.text.length > 20, 5_000);
    if (!card.visible) {
      fail(`no card opened on hovering "${target.text}"`);
    } else {
      await sleep(400); // the card fades in
      await page.screenshot({ path: `${base}-card.png` });
      console.log(`  card for "${target.text}" (${name}): ${card.text.slice(0, 100)}${card.text.length > 100 ? '...' : ''}`);
      if (card.hosts !== 1) fail(`${card.hosts} <story-lens-card> elements, want 1`);
      if (card.pageSees) fail(`the page reads the card: ${card.pageSees.slice(0, 80)}`);
      if (!card.text.includes(name)) fail(`the card's text does not hold "${name}"`);
      await page.keyboard.press('Escape');
      const closed = await waitCard(page, (s) => !s.visible, 2_000);
      if (closed.visible) fail('Escape did not close the card');
      else console.log(`  Escape: card ${closed.hosts === 0 ? 'removed' : 'hidden'}`);
    }
    await sleep(300);
    if (errors.length) fail(`console errors: ${errors.join(' | ')}`);
    else console.log('  console: no errors');
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Opens a moz-extension:// page in a tab. Firefox loads it (in the extension process) but does not report the
 * navigation over WebDriver BiDi, so puppeteer's goto never sees it finish: the load is started, then waited
 * for from inside the page.
 */
async function openExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 2_000 }).catch(() => {});
  const until = Date.now() + 15_000;
  for (;;) {
    const ready = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
    if (ready === `${url} complete`) return;
    if (Date.now() > until) throw new Error(`${url} did not load (${ready || 'no answer'})`);
    await sleep(100);
  }
}

/** The popup for a demo page's tab, and the options page, opened as tabs at their moz-extension:// address. */
async function checkExtensionPages(browser: Browser, server: Server, scan: Scan, failures: string[]): Promise<void> {
  const base = `moz-extension://${EXTENSION_UUID}`;
  const fail = (what: string) => failures.push(`extension pages: ${what}`);
  const opened: Page[] = [];
  try {
    const page = await browser.newPage();
    opened.push(page);
    await page.goto(server.url(POPUP_PAGE), { waitUntil: 'load' });
    await settledCounts(page);
    const expected: Record<string, number> = {};
    for (const m of scan(await page.content())) expected[m.entity] = (expected[m.entity] ?? 0) + 1;

    const popup = await browser.newPage();
    opened.push(popup);
    const popupErrors = watchErrors(popup);
    await popup.setViewport({ width: 360, height: 600 });
    // the tab id of the demo page, asked of the browser from an extension page
    await openExtensionPage(popup, `${base}/popup.html?tab=0`);
    const pageUrl = server.url(POPUP_PAGE);
    const tabId = await popup.evaluate(async (url: string) => {
      const ext = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).browser;
      return (await ext.tabs.query({})).find((t) => t.url === url)?.id ?? null;
    }, pageUrl);
    if (tabId == null) {
      fail(`no tab found for ${pageUrl}`);
      return;
    }
    await openExtensionPage(popup, `${base}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('#popup[aria-busy="false"]', { timeout: 10_000 });
    const listed = await popup.$$eval('.sl-entities button[data-entity]', (buttons) =>
      Object.fromEntries(buttons.map((b) => [b.getAttribute('data-entity')!, Number(b.querySelector('.sl-count')?.textContent)])),
    );
    await popup.screenshot({ path: path.join(OUT_DIR, 'popup.png') });
    console.log(
      `\npopup for ${POPUP_PAGE}: ${
        Object.entries(listed)
          .map(([e, n]) => `${e} ${n}`)
          .join(', ') || 'nothing listed'
      }`,
    );
    const want = JSON.stringify(Object.entries(expected).sort());
    const got = JSON.stringify(Object.entries(listed).sort());
    if (!Object.keys(listed).length) fail('the popup lists no entity');
    else if (want !== got) fail(`the popup lists ${got}, the scan finds ${want}`);
    else console.log(`  the same entities and counts as the scan (${Object.keys(listed).length} entities)`);

    const options = await browser.newPage();
    opened.push(options);
    const optionsErrors = watchErrors(options);
    await options.setViewport({ width: 1000, height: 900 });
    await openExtensionPage(options, `${base}/options.html`);
    await options.waitForSelector('#options:not([aria-busy])', { timeout: 10_000 });
    const text = await options.$eval('#options', (el) => (el.textContent ?? '').replace(/\s+/g, ' '));
    await options.screenshot({ path: path.join(OUT_DIR, 'options.png'), fullPage: true });
    const title = bundledPack().title;
    const controls = await options.$$eval('#options input, #options select, #options button', (els) => els.length);
    console.log(`options: ${controls} controls; the stories list ${text.includes(title) ? 'holds' : 'LACKS'} "${title}"`);
    if (!text.includes(title)) fail(`the options page does not list the bundled story "${title}"`);
    if (controls < 10) fail(`the options page shows ${controls} controls`);
    await sleep(300);
    const errors = [...popupErrors, ...optionsErrors];
    if (errors.length) fail(`console errors: ${errors.join(' | ')}`);
    else console.log('  popup and options console: no errors');
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  } finally {
    for (const p of opened) await p.close().catch(() => {});
  }
}

type Scan = (html: string) => { entity: string; name: string; type: string; text: string }[];

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const firefox = findFirefox(env);
  if (!firefox) {
    if (env.FIREFOX_PATH) console.error(`FIREFOX_PATH is set to "${env.FIREFOX_PATH}", which does not exist.`);
    console.error(NO_FIREFOX_HELP);
    return 2;
  }
  if (!argv.includes('--no-build') && !buildExtension('firefox')) return 1;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'story-lens-firefox-'));
  const extensionDir = path.join(tmp, 'extension');
  try {
    await copyBuiltExtension(extensionDir, { from: FIREFOX_BUILD });
  } catch (e) {
    console.error((e as Error).message);
    fs.rmSync(tmp, { recursive: true, force: true });
    return 1;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const { scanHtml, defaultMatcher } = await import('./scan');
  const matcher = defaultMatcher();
  const scan: Scan = (html) => scanHtml(html, matcher);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const server = await startServer({ '/smoke.html': { body: TINY_PAGE } });
  const failures: string[] = [];
  let browser: Browser | undefined;
  try {
    const want = manifest.browser_specific_settings?.gecko?.id;
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefox,
      headless: true,
      protocol: 'webDriverBiDi',
      // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [want]: EXTENSION_UUID }) },
    });
    console.log(`${await browser.version()} (${firefox}), headless`);
    const id = await browser.installExtension(extensionDir);
    console.log(`installed the add-on ${id} (${manifest.name} ${manifest.version}, manifest v${manifest.manifest_version})`);
    if (id !== want) failures.push(`the add-on installed as "${id}", the manifest says "${want}"`);
    for (const spec of PAGES) await checkPage(browser, server, spec, scan, failures);
    await checkExtensionPages(browser, server, scan, failures);
  } catch (e) {
    failures.push(e instanceof Error ? e.message : String(e));
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nscreenshots: ${path.relative(process.cwd(), OUT_DIR) || '.'}/`);
  if (failures.length) {
    console.error(`\nFAILED (${failures.length}):`);
    for (const f of failures) console.error(`  - ${f}`);
    return 1;
  }
  console.log(
    `OK: Story Lens loads, highlights, opens and closes its card in ${PAGES.length} pages, its popup counts what the scan counts, its options page lists the story, with no console errors.`,
  );
  return 0;
}

runAsMain(import.meta.url, () => main(process.argv.slice(2), process.env));
