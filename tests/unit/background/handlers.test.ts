import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers, relayCommand, type HandlerDeps } from '../../../src/background/handlers';
import { KnowledgeBase } from '../../../src/background/knowledge';
import { findMentions } from '../../../src/core/matcher';
import { showSettings } from '../../../src/core/settings';
import { getSettings, updateSettings } from '../../../src/store/settings';
import { addStory, listStories, setStoryEnabled } from '../../../src/store/stories';
import { listTrail } from '../../../src/store/trail';
import { BUNDLED_PACK_ID } from '../../../src/story/bundled';
import { samplePack } from '../store/sample-pack';

const EXT = { id: 'story-lens-id', origin: 'chrome-extension://story-lens-id/' };
const PAGE = 'https://news.example.com/kim-in-russia';
const tab = (id: number, incognito = false, url = PAGE) => ({ id: EXT.id, url, tab: { id, incognito }, frameId: 0 });
const popup = { id: EXT.id, url: 'chrome-extension://story-lens-id/popup.html' };
/** what a page about the bundled story reports of itself besides its counts */
const COVERAGE = { covers: [BUNDLED_PACK_ID], quiet: false };

let kb: KnowledgeBase;
let badges: Map<number, string>;
/** the tabs told to ask for their setup again */
let told: number[];
let handlers: ReturnType<typeof createHandlers>;

function worker(deps: Partial<HandlerDeps> = {}) {
  kb = new KnowledgeBase();
  // as the real worker does: any change of settings or stories drops the cached state
  fakeBrowser.storage.onChanged.addListener(() => kb.invalidate());
  handlers = createHandlers({
    kb,
    extension: EXT,
    setBadge: async (tabId, text) => void badges.set(tabId, text),
    setupChanged: async (tabId) => void told.push(tabId),
    now: () => new Date('2026-11-27T12:00:00Z'),
    ...deps,
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  badges = new Map();
  told = [];
  worker();
});

describe('background answers', () => {
  it('a page gets a working matcher for the bundled story on a fresh install', async () => {
    const setup = await handlers.getPageSetup({ url: PAGE }, tab(1));
    expect(setup.find).not.toBeNull();
    expect(setup.find!.types).toEqual(['person', 'place', 'organization']);
    expect(setup.show).toEqual(showSettings(await getSettings()));
    const found = findMentions(setup.find!.matcher, 'Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome.').map((m) => m.entity);
    expect(found).toEqual(['kim-jong-un', 'vladimir-putin', 'vostochny-cosmodrome']);
  });

  it('the matcher is compiled once per change of the stories or of the settings that shape it', async () => {
    await handlers.getPageSetup({ url: PAGE }, tab(1));
    await handlers.getPageSetup({ url: 'https://other.example.org/' }, tab(2, false, 'https://other.example.org/'));
    expect(kb.compiles).toBe(1);
    await updateSettings({ cardDelayMs: 900 }); // does not shape the matcher
    const again = await handlers.getPageSetup({ url: PAGE }, tab(1));
    expect(kb.compiles).toBe(1);
    expect(again.show.cardDelayMs).toBe(900);
    await updateSettings({ types: { person: true, place: false, organization: true } });
    const noPlaces = await handlers.getPageSetup({ url: PAGE }, tab(1));
    expect(kb.compiles).toBe(2);
    expect(noPlaces.find!.types).toEqual(['person', 'organization']);
    expect(findMentions(noPlaces.find!.matcher, 'Kim Jong Un went to Moscow.').map((m) => m.entity)).toEqual(['kim-jong-un']);
    await addStory(samplePack());
    const withStory = await handlers.getPageSetup({ url: PAGE }, tab(1));
    expect(kb.compiles).toBe(3);
    expect(findMentions(withStory.find!.matcher, 'Ada Lovelace spoke.').map((m) => m.entity)).toEqual(['ada-lovelace']);
  });

  it("what a page finds changes its revision when the stories or the entity types change, and not with the page's look", async () => {
    const revision = async () => (await handlers.getPageSetup({ url: PAGE }, tab(1))).find!.revision;
    const r1 = await revision();
    await updateSettings({ theme: 'dark', cardDelayMs: 900, highlightStyle: 'tint' });
    expect(await revision()).toBe(r1);
    await setStoryEnabled(BUNDLED_PACK_ID, true);
    const r2 = await revision();
    await updateSettings({ types: { person: true, place: false, organization: true } });
    const r3 = await revision();
    expect(new Set([r1, r2, r3]).size).toBe(3);
  });

  it('a page on the never-run list, or with Story Lens off, gets no matcher and an empty badge', async () => {
    badges.set(3, '4');
    const mail = await handlers.getPageSetup(
      { url: 'https://mail.google.com/mail/u/0/' },
      tab(3, false, 'https://mail.google.com/mail/u/0/'),
    );
    expect(mail.find).toBeNull();
    expect(badges.get(3)).toBe('');
    await updateSettings({ enabled: false });
    expect((await handlers.getPageSetup({ url: PAGE }, tab(1))).find).toBeNull();
  });

  it('with every story switched off a page is not active', async () => {
    await setStoryEnabled(BUNDLED_PACK_ID, false);
    expect((await handlers.getPageSetup({ url: PAGE }, tab(1))).find).toBeNull();
  });

  it('a card comes from the enabled stories, and says which story when several are on', async () => {
    const card = await handlers.getCard({ entity: 'vladimir-putin', surface: 'Путина' }, tab(1));
    expect(card).toMatchObject({ id: 'vladimir-putin', name: 'Vladimir Putin', surface: 'Путина', showStory: false });
    await addStory(samplePack());
    expect(await handlers.getCard({ entity: 'ada-lovelace' }, tab(1))).toMatchObject({
      name: 'Ada Lovelace',
      showStory: true,
      story: { id: 'chip-summit-2024' },
    });
    await setStoryEnabled(BUNDLED_PACK_ID, false);
    expect(await handlers.getCard({ entity: 'vladimir-putin' }, tab(1))).toBeNull();
    expect(await handlers.getCard({ entity: 'no-such-entity' }, tab(1))).toBeNull();
  });

  it("a page's report sets its tab's badge to the number of story entities it mentions", async () => {
    await handlers.reportPage(
      {
        url: PAGE,
        title: 'Kim in Russia',
        counts: { 'kim-jong-un': 5, 'vladimir-putin': 2, moscow: 0, 'not-a-story-entity': 3 },
        ...COVERAGE,
      },
      tab(4),
    );
    expect(badges.get(4)).toBe('2');
    await handlers.reportPage({ url: PAGE, title: 'Kim in Russia', counts: {}, ...COVERAGE }, tab(4));
    expect(badges.get(4)).toBe('');
  });

  it('a page that mentions the story is added to the trail with its coverage', async () => {
    await handlers.reportPage(
      { url: `${PAGE}#comments`, title: 'Kim in Russia', counts: { 'kim-jong-un': 5, 'vladimir-putin': 2 }, ...COVERAGE },
      tab(4),
    );
    const [entry] = await listTrail();
    expect(entry).toMatchObject({
      url: PAGE,
      site: 'news.example.com',
      title: 'Kim in Russia',
      entities: 2,
      mentions: 7,
      visitedAt: '2026-11-27T12:00:00.000Z',
    });
    expect(entry.stories[0]).toMatchObject({ id: BUNDLED_PACK_ID, keyFound: 2 });
    expect(entry.stories[0].share).toBeGreaterThan(0);
    expect(entry.stories[0].share).toBeLessThan(1);
  });

  it('nothing is recorded from a private window, nor when the reader turned the trail off', async () => {
    await handlers.reportPage({ url: PAGE, title: 'Kim', counts: { 'kim-jong-un': 5 }, ...COVERAGE }, tab(4, true));
    expect(await listTrail()).toEqual([]);
    expect(badges.get(4)).toBe('1');
    await updateSettings({ keepTrail: false });
    await handlers.reportPage({ url: PAGE, title: 'Kim', counts: { 'kim-jong-un': 5 }, ...COVERAGE }, tab(4));
    expect(await listTrail()).toEqual([]);
  });

  it("a page learns its own setup only: another site's is refused, and the answer holds no site lists", async () => {
    await updateSettings({ neverRunOn: ['mail.google.com', 'secret.example'] });
    await expect(handlers.getPageSetup({ url: 'https://mail.google.com/' }, tab(1))).rejects.toThrow(/another page than its sender/);
    const own = await handlers.getPageSetup({ url: `${PAGE}?page=2` }, tab(1));
    expect(Object.keys(own).sort()).toEqual(['find', 'show']);
    expect(own.show).toEqual(showSettings(await getSettings()));
    expect(JSON.stringify(own)).not.toMatch(/secret\.example|neverRunOn|onlyRunOn/);
    // the popup (an extension page) may still ask about any page
    expect((await handlers.getPageSetup({ url: 'https://mail.google.com/' }, popup)).find).toBeNull();
  });

  it("a page's script flipping its URL (no reader input) sets the badge but adds nothing to the trail", async () => {
    await handlers.reportPage({ url: `${PAGE}/2`, title: 'Kim 2', counts: { 'kim-jong-un': 5 }, ...COVERAGE, scripted: true }, tab(9));
    expect(badges.get(9)).toBe('1');
    expect(await listTrail()).toEqual([]);
    await handlers.reportPage({ url: `${PAGE}/3`, title: 'Kim 3', counts: { 'kim-jong-un': 5 }, ...COVERAGE, scripted: false }, tab(9));
    expect((await listTrail()).map((e) => e.title)).toEqual(['Kim 3']);
  });

  it('a content script cannot report another page than its own', async () => {
    await expect(
      handlers.reportPage({ url: 'https://elsewhere.example/', title: 'x', counts: { 'kim-jong-un': 1 }, ...COVERAGE }, tab(4)),
    ).rejects.toThrow(/another page/);
    expect(await listTrail()).toEqual([]);
  });

  it("a content script's attempt to switch a site off changes nothing; the popup's does", async () => {
    const before = await getSettings();
    await expect(handlers.setSiteEnabled({ url: PAGE, enabled: false }, tab(1))).rejects.toThrow(/only the extension's own pages/);
    expect(await getSettings()).toEqual(before);
    await handlers.setSiteEnabled({ url: PAGE, enabled: false }, popup);
    expect((await getSettings()).neverRunOn).toContain('news.example.com');
    expect((await handlers.getPageSetup({ url: PAGE }, tab(1))).find).toBeNull();
  });

  it('a stopped and woken worker answers from storage: same settings, stories and matcher, without compiling again', async () => {
    await addStory(samplePack());
    await updateSettings({ highlightStyle: 'tint' });
    const before = await handlers.getPageSetup({ url: PAGE }, tab(1));
    worker(); // a new worker: memory is gone, storage (local + session) is not
    const after = await handlers.getPageSetup({ url: PAGE }, tab(1));
    expect(kb.compiles).toBe(0);
    expect(after).toEqual(before);
    expect((await listStories()).map((s) => s.id)).toEqual([BUNDLED_PACK_ID, 'chip-summit-2024']);
    expect(await handlers.getCard({ entity: 'kim-jong-un' }, tab(1))).toMatchObject({ name: 'Kim Jong Un' });
  });
});

describe('quiet pages', () => {
  const OTHER = 'https://news.example.com/weather';
  const setupOf = async (url: string, from = tab(1, false, url)) => (await handlers.getPageSetup({ url }, from)).find!;

  it('a page not about the story shows an empty badge and is not added to the trail', async () => {
    badges.set(4, '3');
    await handlers.reportPage({ url: OTHER, title: 'Weather', counts: {}, covers: [], quiet: true }, tab(4, false, OTHER));
    expect(badges.get(4)).toBe('');
    expect(await listTrail()).toEqual([]);
  });

  it('a page marked though it is not about the story counts on the badge but is not added to the trail', async () => {
    await handlers.reportPage(
      { url: OTHER, title: 'Weather', counts: { moscow: 2, russia: 1 }, covers: [], quiet: false },
      tab(4, false, OTHER),
    );
    expect(badges.get(4)).toBe('2');
    expect(await listTrail()).toEqual([]);
  });

  it('the trail records a page under the stories it covers only', async () => {
    await addStory(samplePack());
    await handlers.reportPage(
      {
        url: PAGE,
        title: 'Kim and Ada',
        counts: { 'kim-jong-un': 2, 'vladimir-putin': 1, 'ada-lovelace': 4 },
        covers: [BUNDLED_PACK_ID],
        quiet: false,
      },
      tab(4),
    );
    const [entry] = await listTrail();
    expect(entry.stories.map((s) => s.id)).toEqual([BUNDLED_PACK_ID]);
    expect(entry).toMatchObject({ entities: 2, mentions: 3 });
  });

  it('with the every-page setting on, every page is told to mark all names, without finding them again', async () => {
    const before = await setupOf(OTHER);
    expect(before.everywhere).toBe(false);
    await updateSettings({ markEverywhere: true });
    const after = await setupOf(OTHER);
    expect(after.everywhere).toBe(true);
    expect(after.revision).toBe(before.revision);
    expect(kb.compiles).toBe(1);
  });

  it('"Mark names on this page anyway" marks that page in that tab, which is told at once, until the tab closes', async () => {
    await handlers.markPageAnyway({ tabId: 1, url: OTHER }, popup);
    expect(told).toEqual([1]);
    expect((await setupOf(OTHER)).everywhere).toBe(true);
    expect((await setupOf(`${OTHER}#radar`)).everywhere).toBe(true); // a reload or a jump within it: the same page
    expect((await setupOf(OTHER, tab(2, false, OTHER))).everywhere).toBe(false);
    await handlers.tabClosed(1);
    expect((await setupOf(OTHER)).everywhere).toBe(false);
  });

  it('"anyway" ends when the tab goes to another page, and does not come back with the first one', async () => {
    await handlers.markPageAnyway({ tabId: 1, url: OTHER }, popup);
    expect((await setupOf(PAGE)).everywhere).toBe(false);
    expect((await setupOf(OTHER)).everywhere).toBe(false);
  });

  it('"anyway" ends when the page moves to another URL without a load, and the page is told', async () => {
    await handlers.markPageAnyway({ tabId: 1, url: OTHER }, popup);
    await handlers.reportPage({ url: `${OTHER}/tomorrow`, title: 'Weather', counts: {}, covers: [], quiet: true }, tab(1, false, OTHER));
    expect(told).toEqual([1, 1]);
    await handlers.markPageAnyway({ tabId: 1, url: OTHER }, popup);
    await handlers.tabMoved(1, 'https://elsewhere.example/');
    expect(told).toEqual([1, 1, 1, 1]);
    expect((await setupOf(OTHER)).everywhere).toBe(false);
  });

  it('a content script cannot ask for its page to be marked anyway', async () => {
    await expect(handlers.markPageAnyway({ tabId: 1, url: OTHER }, tab(1, false, OTHER))).rejects.toThrow(/only the extension's own pages/);
    expect(told).toEqual([]);
    expect((await setupOf(OTHER)).everywhere).toBe(false);
  });
});

describe('keyboard commands', () => {
  it('next and previous mention are relayed to the tab they were pressed in, or the active tab', async () => {
    const sent: [number, number][] = [];
    const deps = { activeTabId: async () => 42, step: async (tabId: number, d: 1 | -1) => void sent.push([tabId, d]) };
    expect(await relayCommand('next-mention', 7, deps)).toBe(true);
    expect(await relayCommand('previous-mention', undefined, deps)).toBe(true);
    expect(await relayCommand('something-else', 7, deps)).toBe(false);
    expect(sent).toEqual([
      [7, 1],
      [42, -1],
    ]);
  });

  it('a tab without the content script is not an error', async () => {
    const deps = { activeTabId: async () => 3, step: async () => Promise.reject(new Error('Could not establish connection')) };
    expect(await relayCommand('next-mention', undefined, deps)).toBe(false);
  });
});
