// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { mountPopup } from '../../../src/ui/popup';
import type { PopupDeps } from '../../../src/ui/popup-data';
import { bundledPack } from '../../../src/story/bundled';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/store/settings';

const ARTICLE = `<html><head><title>Kim in Russia</title></head><body><nav><a href="/">Home</a></nav><article><h1>Kim in Russia</h1>${'<p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday, for talks that lasted hours.</p>'.repeat(5)}</article></body></html>`;

function deps(over: Partial<PopupDeps> = {}, settings: Partial<Settings> = {}): PopupDeps {
  return {
    tab: async () => ({ id: 7 }),
    stories: async () => [{ title: 'Kim in Russia', pack: bundledPack() }],
    settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }),
    setSiteEnabled: vi.fn(async () => undefined),
    setEnabled: vi.fn(async () => undefined),
    markPageAnyway: vi.fn(async () => undefined),
    pageEntities: async () => ({
      url: 'https://news.example/a',
      title: 'A',
      counts: { 'kim-jong-un': 3, kremlin: 1 },
      covers: [bundledPack().id],
      quiet: false,
    }),
    revealMention: vi.fn(async () => true),
    pageHtml: async () => ({ html: ARTICLE, url: 'https://news.example/a', title: 'A', truncated: false }),
    followStory: vi.fn(async () => undefined),
    openOptions: vi.fn(async () => undefined),
    afterReveal: vi.fn(),
    domParser: () => new DOMParser(),
    ...over,
  };
}

async function mount(d: PopupDeps): Promise<HTMLElement> {
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  await mountPopup(root, d);
  return root;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('popup view', () => {
  it('lists the entities as buttons that take the reader to the first mention', async () => {
    const d = deps();
    const root = await mount(d);
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.sl-entities button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Kim Jong Un, person, 3 mentions',
      'Kremlin, organization, 1 mention',
    ]);
    buttons[0].click();
    await flush();
    expect(d.revealMention).toHaveBeenCalledWith(7, 'kim-jong-un');
    expect(d.afterReveal).toHaveBeenCalled();
  });

  it('arrow keys move between the names', async () => {
    const root = await mount(
      deps({
        pageEntities: async () => ({
          url: 'https://news.example/a',
          title: 'A',
          counts: { 'kim-jong-un': 3, russia: 2, kremlin: 1 },
          covers: [bundledPack().id],
          quiet: false,
        }),
      }),
    );
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.sl-entities button')];
    const key = (k: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    buttons[0].focus();
    key('ArrowDown');
    expect(document.activeElement).toBe(buttons[1]);
    key('End');
    expect(document.activeElement).toBe(buttons[2]);
    key('ArrowDown');
    expect(document.activeElement).toBe(buttons[2]);
    key('Home');
    expect(document.activeElement).toBe(buttons[0]);
    key('ArrowUp');
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('on a page not about the story, says so without a meter, and "Mark names on this page anyway" marks it', async () => {
    const quiet = { url: 'https://news.example/weather', title: 'Weather', counts: {}, covers: [], quiet: true };
    const d = deps({ pageEntities: async () => quiet });
    const root = await mount(d);
    const page = root.querySelector('.sl-page')!;
    expect(page.textContent).toContain('This page is not about “Kim in Russia”.');
    expect(page.querySelector('[role="meter"]')).toBeNull();
    const mark = [...page.querySelectorAll('button')].find((b) => b.textContent === 'Mark names on this page anyway')!;
    // once asked, the page reports its names marked
    d.pageEntities = async () => ({ ...quiet, counts: { moscow: 2 }, quiet: false });
    mark.click();
    await vi.waitFor(() => expect(root.querySelector('.sl-entities button')?.getAttribute('aria-label')).toBe('Moscow, place, 2 mentions'));
    expect(d.markPageAnyway).toHaveBeenCalledWith(7, 'https://news.example/weather');
    expect(root.querySelector('.sl-page')!.textContent).toContain('This page is not about “Kim in Russia”.');
    expect(root.querySelector('[role="meter"]')).toBeNull();
  });

  it('with several stories, the page shows a meter for the story it is about and says which it is not about', async () => {
    const other = { ...bundledPack(), id: 'other-story' };
    const stories = async () => [
      { title: 'Kim in Russia', pack: bundledPack() },
      { title: 'Another story', pack: other },
    ];
    const report = { url: 'https://news.example/a', title: 'A', counts: { 'kim-jong-un': 3 }, covers: [bundledPack().id], quiet: false };
    const root = await mount(deps({ stories, pageEntities: async () => report }));
    expect(root.querySelectorAll('.sl-page [role="meter"]')).toHaveLength(1);
    expect(root.querySelector('.sl-not-about')!.textContent).toBe('This page is not about “Another story”.');
    const none = await mount(deps({ stories, pageEntities: async () => ({ ...report, counts: {}, covers: [], quiet: true }) }));
    expect(none.querySelector('.sl-page')!.textContent).toContain('This page is not about any story you follow.');
  });

  it('says when an entity is no longer on the page', async () => {
    const d = deps({ revealMention: vi.fn(async () => false) });
    const root = await mount(d);
    root.querySelector<HTMLButtonElement>('.sl-entities button')!.click();
    await flush();
    expect(root.querySelector('#sl-status')!.textContent).toBe('Kim Jong Un is no longer on the page.');
    expect(d.afterReveal).not.toHaveBeenCalled();
  });

  it('offers to turn a site back on only where the reader turned it off', async () => {
    const d = deps({}, { neverRunOn: ['news.example'] });
    const root = await mount(d);
    expect(root.textContent).toContain('Story Lens is off on news.example.');
    const on = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Turn on for news.example')!;
    on.click();
    await flush();
    expect(d.setSiteEnabled).toHaveBeenCalledWith('https://news.example/a', true);
    const byPattern = await mount(deps({}, { neverRunOn: ['*.example'] }));
    expect(byPattern.textContent).toContain('A pattern in your site list keeps it off here.');
  });

  it('says no story is switched on', async () => {
    const root = await mount(deps({ stories: async () => [] }));
    expect(root.querySelector('.sl-story')!.textContent).toContain('No story is switched on');
  });

  it('says a tab cannot be read when its page does not answer', async () => {
    const root = await mount(deps({ pageEntities: async () => Promise.reject(new Error('no receiver')) }));
    expect(root.querySelector('.sl-page')!.textContent).toContain('Story Lens cannot read this tab');
    expect(root.querySelector<HTMLButtonElement>('.sl-follow button')!.disabled).toBe(true);
  });

  it('"Follow this story" hands over the article, or says there is none', async () => {
    const d = deps();
    let root = await mount(d);
    root.querySelector<HTMLButtonElement>('.sl-follow button')!.click();
    await vi.waitFor(() => expect(d.followStory).toHaveBeenCalled());
    const article = (d.followStory as ReturnType<typeof vi.fn>).mock.calls[0][0];
    expect(article.text).toContain('Kim Jong Un met Vladimir Putin');
    expect(article.text).not.toContain('Home');

    root = await mount(
      deps({ pageHtml: async () => ({ html: '<p>Menu</p>', url: 'https://news.example/', title: '', truncated: false }) }),
    );
    root.querySelector<HTMLButtonElement>('.sl-follow button')!.click();
    await vi.waitFor(() => expect(root.querySelector('#sl-status')!.textContent).toMatch(/found no article/));
  });
});
