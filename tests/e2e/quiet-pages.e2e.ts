/**
 * Quiet pages (issue 14) in real Chromium with the built extension: a page that
 * is not about the story is left unmarked, with an empty badge, out of the
 * trail, and the popup says so; "Mark names on this page anyway" and the
 * every-page setting mark it; a page about the story is marked, counted and
 * recorded. The popup (popup.html?tab=<id>) offers "anyway" only once the page
 * has settled quiet: that is how a test knows a page is quiet without waiting
 * for marks that never come.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { screenshot } from './harness';
import { highlightCount, waitForHighlights } from './highlight-helpers';

// What the functions run in extension pages use of the `chrome` namespace.
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number; index: number }[]> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
};

const page = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;

/**
 * Unrelated news of our own in the story's other languages (the real pages are mostly English): each names the
 * story's countries, cities, agencies or one of its people, on another subject.
 */
const OWN = {
  '/own/ru-kazakhstan.html': page(
    'ru',
    'Путин и Токаев обсудили поставки зерна',
    `<p>Президент России Владимир Путин провёл в Москве переговоры с президентом Казахстана Касым-Жомартом Токаевым.</p>
<p>Как сообщил пресс-секретарь Кремля Дмитрий Песков, стороны обсудили поставки зерна в Китай через казахстанские порты.</p>
<p>Россия и Казахстан договорились вернуться к вопросу осенью.</p>`,
  ),
  '/own/ko-seoul-housing.html': page(
    'ko',
    '서울 아파트값 5주 연속 상승',
    `<p>서울 아파트값이 5주 연속 올랐다고 연합뉴스가 한국부동산원 자료를 인용해 보도했다.</p>
<p>전문가들은 미국과 중국의 금리 흐름이 한국 주택 시장에 영향을 줄 것으로 내다봤다.</p>
<p>정부는 다음 달 공급 대책을 발표할 예정이다.</p>`,
  ),
  '/own/es-ucrania-grano.html': page(
    'es',
    'Ucrania retoma las exportaciones de grano por el mar Negro',
    `<p>Ucrania reanudó este lunes las exportaciones de grano desde Odesa, informó la agencia AFP.</p>
<p>Moscú advirtió de que Rusia no garantiza la seguridad de los buques, y China pidió moderación a ambas partes.</p>
<p>Los precios del trigo bajaron un 3 % en Chicago tras el anuncio.</p>`,
  ),
  '/own/en-missile-test.html': page(
    'en',
    'North Korea fires a missile into the sea',
    `<p>North Korea fired a short-range ballistic missile off its east coast on Thursday, South Korea's military said.</p>
<p>State media KCNA said Kim Jong Un watched the launch near Pyongyang and called for more tests this year.</p>
<p>The United States and Japan condemned the launch.</p>`,
  ),
};

/** A few of the real pages (saved from real sites, none about the story) and our own. */
const QUIET_PAGES = [
  '/shared/fixtures/real-pages/bbc-1.html',
  '/shared/fixtures/real-pages/wapo-2.html',
  '/shared/fixtures/real-pages/folha.html',
  ...Object.keys(OWN),
];
/** Names the bundled story's countries often (the "31 marks for the United States"). */
const MARKABLE = '/shared/fixtures/real-pages/bbc-1.html';
const COVERAGE = '/scripts/demo/train-arrives.html';

let h: Harness;
let ext: Page;
/** every page opened here that is not about the story: none may join the trail */
const quietUrls = new Set<string>();

beforeAll(async () => {
  const routes = Object.fromEntries(Object.entries(OWN).map(([p, body]) => [p, { body }]));
  h = await launch({ extensionDir: process.env.E2E_EXTENSION_DIR || undefined, routes });
  // the real pages' own scripts, fonts and images ask other hosts; the network is closed, and a refusal is quicker
  await h.context.route(
    (url) => /^https?:$/.test(url.protocol) && url.origin !== h.server.origin,
    (route) => route.abort(),
  );
  ext = await h.extensionPage('popup.html?tab=0');
});
afterAll(async () => {
  await h?.close();
});

/** The browser's id of a Playwright page's tab (tabs in the one window are in page order). */
async function tabIdOf(p: Page): Promise<number> {
  const index = h.context.pages().indexOf(p);
  const tab = (await ext.evaluate(() => chrome.tabs.query({}))).find((t) => t.index === index);
  if (tab?.id == null) throw new Error(`no tab at index ${index}`);
  return tab.id;
}

async function open(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.context.newPage();
  await page.goto(h.server.url(path), { waitUntil: 'domcontentloaded' });
  return { page, tabId: await tabIdOf(page) };
}

const badge = (tabId: number) => ext.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
const trailUrls = async () =>
  (((await ext.evaluate(() => chrome.storage.local.get('trail'))).trail ?? []) as { url: string }[]).map((e) => e.url);

async function openPopup(tabId: number): Promise<Page> {
  const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.waitForSelector('#popup[aria-busy="false"]');
  return popup;
}

/**
 * The popup of a page that has settled quiet: it offers "Mark names on this page anyway" only then. A popup
 * opened before the page's script answers says so; it is opened again until the page answers.
 */
async function quietPopup(tabId: number): Promise<Page> {
  let popup: Page | undefined;
  await expect
    .poll(
      async () => {
        await popup?.close();
        popup = await openPopup(tabId);
        return popup.locator('[data-focus-key="mark-anyway"]').count();
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(1);
  return popup!;
}

describe('quiet pages', () => {
  it('a page not about the story gets no mark and an empty badge, and the popup says it is not about the story', async () => {
    for (const path of QUIET_PAGES) {
      const { page, tabId } = await open(path);
      quietUrls.add(page.url());
      const popup = await quietPopup(tabId);
      expect(await popup.textContent('.sl-page')).toContain('This page is not about “Kim Jong Un arrives in Russia');
      expect(await popup.locator('.sl-page [role="meter"]').count()).toBe(0);
      expect(await highlightCount(page), path).toBe(0);
      expect(await badge(tabId), path).toBe('');
      if (path === MARKABLE) await screenshot(popup, 'popup-quiet-page');
      await popup.close();
      await page.close();
    }
  });

  it('"Mark names on this page anyway" marks the page until the tab goes to another page, and the badge counts it', async () => {
    const { page, tabId } = await open(MARKABLE);
    quietUrls.add(page.url());
    const popup = await quietPopup(tabId);
    await popup.click('[data-focus-key="mark-anyway"]');
    await waitForHighlights(page);
    await popup.waitForSelector('.sl-entities button');
    const names = await popup.locator('.sl-entities button').count();
    await expect.poll(() => badge(tabId)).toBe(String(names));
    expect(await popup.textContent('.sl-page')).toContain('Its names are marked all the same.');
    await screenshot(popup, 'popup-marked-anyway');
    await popup.close();

    await page.reload({ waitUntil: 'domcontentloaded' }); // the same page: still marked
    await waitForHighlights(page);
    await page.goto(h.server.url('/own/es-ucrania-grano.html'), { waitUntil: 'domcontentloaded' });
    await (await quietPopup(tabId)).close();
    expect(await highlightCount(page)).toBe(0);
    await page.close();
  });

  it('with "Mark the story\'s names on every page" on, a page not about the story is marked and counted', async () => {
    const { page, tabId } = await open('/own/en-missile-test.html');
    quietUrls.add(page.url());
    await (await quietPopup(tabId)).close();
    const options = await h.extensionPage('options.html');
    await options.waitForSelector('#options:not([aria-busy])');
    const box = options.locator('#sl-mark-everywhere');
    expect(await box.isChecked()).toBe(false);
    expect(await options.textContent('#sl-mark-everywhere-hint')).toBe('Off: only on pages about the story.');
    await box.check();
    // the open tab follows without a reload
    await waitForHighlights(page);
    const popup = await openPopup(tabId);
    const names = await popup.locator('.sl-entities button').count();
    expect(names).toBeGreaterThan(1);
    await expect.poll(() => badge(tabId)).toBe(String(names));
    await popup.close();
    await box.scrollIntoViewIfNeeded();
    await screenshot(options, 'options-mark-everywhere');
    await box.uncheck();
    await expect.poll(() => highlightCount(page)).toBe(0);
    await options.close();
    await page.close();
  });

  it('a page about the story is marked, counted on the badge and recorded in the trail; no other page is', async () => {
    const { page, tabId } = await open(COVERAGE);
    await waitForHighlights(page);
    const popup = await openPopup(tabId);
    expect(await popup.locator('.sl-page [role="meter"]').count()).toBe(1);
    const names = await popup.locator('.sl-entities button').count();
    await expect.poll(() => badge(tabId)).toBe(String(names));
    await popup.close();
    await expect.poll(trailUrls, { timeout: 10_000 }).toContain(page.url());
    expect((await trailUrls()).filter((u) => quietUrls.has(u))).toEqual([]);
    await page.close();
  });
});
