/**
 * The popup: the story, this page's coverage (the accessible index of the
 * page's mentions), "Off on this site", "Follow this story" and the reader's
 * trail. Built from data with DOM APIs and textContent. Everything it needs
 * from the browser comes through `PopupDeps` (wired in entrypoints/popup),
 * so the view never reaches for a global.
 */
import type { PageHtml, PageReport } from '../messaging';
import type { Settings } from '../core/settings';
import type { StoryPack } from '../core/pack';
import { el, srOnly } from './popup-dom';
import { coverageModel, type Coverage, type CoverageEntity } from '../core/coverage';
import { coverageLabel, formatStoryDate, mentionsLabel, pageSupport, siteOff, type PageState } from './popup-model';
import { articleFromHtml, type FollowedArticle } from './popup-follow';

export interface PopupTab {
  id: number;
  url?: string;
  title?: string;
  incognito?: boolean;
}

/** One page of the reader's trail, as the popup lists it. */
export interface PopupTrailEntry {
  /** what `removeTrail` takes */
  key: string;
  url: string;
  title: string;
  site: string;
  /** ISO date-time of the visit */
  visitedAt: string;
  /** key people and places the page mentions, of how many */
  keyFound: number;
  keyTotal: number;
}

export interface PopupStory {
  title: string;
  pack: StoryPack;
}

export interface PopupDeps {
  tab(): Promise<PopupTab | null>;
  /** the stories that are switched on */
  stories(): Promise<PopupStory[]>;
  settings(): Promise<Settings>;
  /** "Off on this site" / "Turn on for this site" (the settings' site lists) */
  setSiteEnabled(url: string, enabled: boolean): Promise<unknown>;
  /** the main switch */
  setEnabled(enabled: boolean): Promise<unknown>;
  pageEntities(tabId: number): Promise<PageReport>;
  revealMention(tabId: number, entity: string): Promise<boolean>;
  pageHtml(tabId: number): Promise<PageHtml>;
  /** hands an article to "Add a story" and opens it */
  followStory(article: FollowedArticle): Promise<void>;
  openOptions(hash?: string): Promise<void>;
  trail?: {
    list(): Promise<PopupTrailEntry[]>;
    remove(key: string): Promise<void>;
    clear(): Promise<void>;
  };
  /** after the reader jumps to a mention (the real popup closes so focus lands on the page) */
  afterReveal(): void;
  domParser(): DOMParser;
}

interface Loaded {
  tab: PopupTab | null;
  stories: PopupStory[];
  settings: Settings;
  state: PageState | { kind: 'unsupported'; reason: string };
  report: PageReport | null;
  coverage: Coverage | null;
  trail: PopupTrailEntry[] | null;
}

/** How long the popup waits for a page to read itself again after Story Lens is turned back on (12 × 250 ms). */
const RESCAN_POLLS = 12;
const RESCAN_POLL_MS = 250;

/** A page that is still reading a huge document answers late; the popup does not wait forever. */
const PAGE_ANSWER_MS = 8000;
const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(TIMED_OUT), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Without the "tabs" permission a tab's URL is hidden: the content script's answer says where it is. */
const NOT_READABLE =
  'Story Lens cannot read this tab: browser pages, add-on stores, PDFs and files are off limits. If it is a web page that was open before Story Lens started, reload it.';

async function load(deps: PopupDeps): Promise<Loaded> {
  // A story store that cannot be read leaves the popup useful for the rest (site switch, trail).
  const [tab, stories, settings] = await Promise.all([deps.tab().catch(() => null), deps.stories().catch(() => []), deps.settings()]);
  const trail = deps.trail ? await deps.trail.list().catch(() => null) : null;
  const base = { tab, stories, settings, trail, report: null, coverage: null };
  if (!tab) return { ...base, state: { kind: 'unsupported', reason: 'Story Lens cannot read this tab.' } };
  if (tab.url) {
    const support = pageSupport(tab.url);
    if (!support.ok) return { ...base, state: { kind: 'unsupported', reason: support.reason } };
  }
  let report: PageReport;
  try {
    report = await withTimeout(deps.pageEntities(tab.id), PAGE_ANSWER_MS);
  } catch (err) {
    if (err === TIMED_OUT)
      return {
        ...base,
        state: {
          kind: 'unsupported',
          reason: 'This page has not answered yet: it may still be loading. Open the popup again in a moment.',
        },
      };
    return { ...base, state: tab.url ? { kind: 'unreachable' } : { kind: 'unsupported', reason: NOT_READABLE } };
  }
  const support = pageSupport(report.url || tab.url);
  if (!support.ok) return { ...base, state: { kind: 'unsupported', reason: support.reason } };
  const pageTab = { ...tab, url: report.url || tab.url };
  const off = siteOff(settings, support.host);
  if (off) return { ...base, tab: pageTab, state: off };
  const coverage = coverageModel(
    stories.map((s) => s.pack),
    report.counts ?? {},
    settings.types,
  );
  return { ...base, tab: pageTab, state: { kind: 'ok', host: support.host }, report, coverage };
}

export async function mountPopup(root: HTMLElement, deps: PopupDeps): Promise<{ refresh(): Promise<void> }> {
  const doc = root.ownerDocument;
  // The live region stays put across re-renders, so what it says is announced.
  const content = el(doc, 'div', { className: 'sl-content' });
  const live = el(doc, 'p', { id: 'sl-status', className: 'sl-status', role: 'status', 'data-tone': 'info' });
  root.replaceChildren(content, live);

  const refresh = async (focusKey?: string): Promise<Loaded> => {
    const data = await load(deps);
    content.replaceChildren(render(data));
    root.setAttribute('aria-busy', 'false');
    if (focusKey)
      (root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`) ?? root.querySelector<HTMLElement>('h1'))?.focus();
    return data;
  };

  /** After turning Story Lens back on, the page reads itself again: show its mentions once it has. */
  const refreshUntilRead = async (focusKey: string) => {
    let data = await refresh(focusKey);
    for (let i = 0; i < RESCAN_POLLS && data.state.kind === 'ok' && data.coverage?.found.length === 0; i++) {
      await new Promise((r) => setTimeout(r, RESCAN_POLL_MS));
      data = await refresh(focusKey);
    }
  };

  const say = (text: string, tone: 'info' | 'error' = 'info') => {
    live.textContent = text;
    live.setAttribute('data-tone', tone);
  };

  function render(d: Loaded): DocumentFragment {
    const frag = doc.createDocumentFragment();
    frag.append(
      el(doc, 'header', { className: 'sl-top' }, [
        el(doc, 'h1', { className: 'sl-brand', tabindex: '-1' }, [
          el(doc, 'span', { className: 'sl-logo', 'aria-hidden': 'true' }),
          'Story Lens',
        ]),
        el(doc, 'button', { type: 'button', className: 'sl-link', onclick: () => void deps.openOptions() }, ['Settings']),
      ]),
      storySection(d),
      pageSection(d),
      followSection(d),
    );
    if (d.trail) frag.append(trailSection(d.trail));
    return frag;
  }

  function storySection(d: Loaded): HTMLElement {
    const sec = el(doc, 'section', { className: 'sl-story', 'aria-labelledby': 'sl-story-title' });
    if (d.stories.length === 0) {
      sec.append(
        el(doc, 'h2', { id: 'sl-story-title', className: 'sl-headline' }, ['No story is switched on']),
        el(doc, 'p', { className: 'sl-muted' }, ['Switch a story on, or add one, in the settings.']),
      );
      return sec;
    }
    if (d.stories.length > 1) sec.append(el(doc, 'p', { className: 'sl-kicker' }, [`Following ${d.stories.length} stories`]));
    else sec.append(el(doc, 'p', { className: 'sl-kicker' }, ['The story']));
    d.stories.forEach((s, i) => {
      const meta = [formatStoryDate(s.pack.date), s.pack.source.publisher].filter(Boolean).join(' · ');
      sec.append(
        el(doc, 'article', { className: 'sl-story-item' }, [
          el(doc, 'h2', { id: i === 0 ? 'sl-story-title' : undefined, className: 'sl-headline' }, [s.title]),
          el(doc, 'p', { className: 'sl-meta' }, [meta]),
          s.pack.summary ? el(doc, 'p', { className: 'sl-summary', title: s.pack.summary }, [s.pack.summary]) : null,
        ]),
      );
    });
    return sec;
  }

  function stateNote(text: string, actions: Node[] = []): HTMLElement {
    return el(doc, 'div', { className: 'sl-note' }, [el(doc, 'p', {}, [text]), ...actions]);
  }

  function pageSection(d: Loaded): HTMLElement {
    const sec = el(doc, 'section', { className: 'sl-page', 'aria-labelledby': 'sl-page-title' }, [
      el(doc, 'h2', { id: 'sl-page-title' }, ['On this page']),
    ]);
    const st = d.state;
    switch (st.kind) {
      case 'unsupported':
        sec.append(stateNote(st.reason));
        return sec;
      case 'unreachable':
        sec.append(stateNote('Story Lens has not read this page yet: it was open before Story Lens started. Reload the page to read it.'));
        return sec;
      case 'off':
        sec.append(
          stateNote('Story Lens is off.', [
            el(doc, 'button', { type: 'button', className: 'sl-button', 'data-focus-key': 'turn-on', onclick: () => void turnOn() }, [
              'Turn Story Lens on',
            ]),
          ]),
        );
        return sec;
      case 'off-site':
        sec.append(
          stateNote(`Story Lens is off on ${st.host}.`, [
            st.byReader
              ? el(
                  doc,
                  'button',
                  { type: 'button', className: 'sl-button', 'data-focus-key': 'site-on', onclick: () => void siteOn(d, st.host) },
                  [`Turn on for ${st.host}`],
                )
              : el(doc, 'p', { className: 'sl-muted' }, ['A pattern in your site list keeps it off here.']),
            manageSites(),
          ]),
        );
        return sec;
      case 'ok':
        break;
    }
    const c = d.coverage!;
    // One meter per story: a page can cover one story fully and another not at all.
    const meters =
      d.stories.length > 1
        ? d.stories.map((story, i) => ({
            id: `sl-coverage-${i}`,
            title: story.title,
            c: coverageModel([story.pack], d.report?.counts ?? {}, d.settings.types),
          }))
        : [{ id: 'sl-coverage-0', title: 'Story coverage', c }];
    sec.append(
      el(
        doc,
        'div',
        { className: 'sl-coverage' },
        meters.map((m) => meter(m.id, m.title, m.c)),
      ),
    );
    if (c.found.length === 0) {
      sec.append(stateNote("This page does not mention the story's people, places or organizations."));
    } else {
      sec.append(
        el(doc, 'p', { className: 'sl-muted', id: 'sl-list-hint' }, [
          `${mentionsLabel(c.mentions)} of ${c.found.length} ${c.found.length === 1 ? 'name' : 'names'}. Choose one to go to its first mention.`,
        ]),
        el(
          doc,
          'ul',
          {
            className: 'sl-entities',
            'aria-label': 'Story mentions on this page, most mentioned first',
            'aria-describedby': 'sl-list-hint',
            onkeydown: (ev: Event) => moveInList(ev as KeyboardEvent),
          },
          c.found.map((e) => el(doc, 'li', {}, [entityButton(d, e)])),
        ),
      );
    }
    if (c.missing.length) {
      sec.append(
        el(doc, 'details', { className: 'sl-missing' }, [
          el(doc, 'summary', {}, [`Not on this page (${c.missing.length})`]),
          el(
            doc,
            'ul',
            { 'aria-label': "The story's key people and places this page leaves out" },
            c.missing.map((e) =>
              el(doc, 'li', { title: e.type }, [
                el(doc, 'span', { className: 'sl-dot', 'data-type': e.type, 'aria-hidden': 'true' }),
                e.name,
                srOnly(doc, ` (${e.type})`),
              ]),
            ),
          ),
        ]),
      );
    }
    sec.append(
      el(doc, 'div', { className: 'sl-row' }, [
        el(
          doc,
          'button',
          {
            type: 'button',
            className: 'sl-button sl-secondary',
            'data-focus-key': 'site-off',
            onclick: () => void siteOffClick(d, st.host),
          },
          ['Off on this site'],
        ),
        manageSites(),
      ]),
    );
    return sec;
  }

  function meter(id: string, title: string, c: Coverage): HTMLElement {
    const pct = c.keyTotal ? Math.round((100 * c.keyFound) / c.keyTotal) : 0;
    const label = coverageLabel(c);
    return el(doc, 'div', { className: 'sl-meter-block' }, [
      el(doc, 'div', { className: 'sl-meter-text' }, [
        el(doc, 'span', { id, className: 'sl-meter-title' }, [title]),
        el(doc, 'span', { className: 'sl-meter-value', 'aria-hidden': 'true' }, [`${c.keyFound} of ${c.keyTotal} key people and places`]),
      ]),
      el(
        doc,
        'div',
        {
          className: 'sl-meter',
          role: 'meter',
          'aria-labelledby': id,
          'aria-valuemin': 0,
          'aria-valuemax': c.keyTotal,
          'aria-valuenow': c.keyFound,
          'aria-valuetext': label,
          title: label,
        },
        [el(doc, 'span', { className: 'sl-meter-bar', style: `width: ${pct}%` })],
      ),
    ]);
  }

  function entityButton(d: Loaded, e: CoverageEntity): HTMLElement {
    const several = d.stories.length > 1;
    // The name a screen reader says, set whole: Chrome puts stray spaces around visually hidden pieces.
    const label = [e.name, e.type, several ? `from ${e.story}` : '', mentionsLabel(e.count)].filter(Boolean).join(', ');
    return el(
      doc,
      'button',
      {
        type: 'button',
        className: several ? 'sl-entity sl-two-line' : 'sl-entity',
        'aria-label': label,
        'data-entity': e.id,
        'data-focus-key': `entity:${e.id}`,
        onclick: () => void reveal(d, e),
      },
      [
        el(doc, 'span', { className: 'sl-dot', 'data-type': e.type, 'aria-hidden': 'true' }),
        el(doc, 'span', { className: 'sl-entity-text' }, [
          el(doc, 'span', { className: 'sl-entity-name' }, [e.name]),
          el(doc, 'span', { className: 'sl-entity-type' }, [e.type]),
          several ? el(doc, 'span', { className: 'sl-entity-story' }, [` · ${e.story}`]) : null,
        ]),
        el(doc, 'span', { className: 'sl-count' }, [String(e.count)]),
      ],
    );
  }

  /** Up/Down/Home/End move between the names (Tab still goes through them one by one). */
  function moveInList(ev: KeyboardEvent) {
    const buttons = [...(ev.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(doc.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[ev.key];
    if (to == null) return;
    ev.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))].focus();
  }

  function manageSites(): HTMLElement {
    return el(doc, 'button', { type: 'button', className: 'sl-link', onclick: () => void deps.openOptions('sites') }, ['Manage sites']);
  }

  async function reveal(d: Loaded, e: CoverageEntity) {
    if (!d.tab) return;
    try {
      const ok = await deps.revealMention(d.tab.id, e.id);
      if (!ok) return say(`${e.name} is no longer on the page.`, 'error');
      say(`Went to the first mention of ${e.name}.`);
      deps.afterReveal();
    } catch {
      say('The page did not answer. Reload it and try again.', 'error');
    }
  }

  async function siteOffClick(d: Loaded, host: string) {
    await deps.setSiteEnabled(d.tab?.url ?? '', false);
    say(`Story Lens is now off on ${host}.`);
    await refresh('site-on');
  }

  async function siteOn(d: Loaded, host: string) {
    await deps.setSiteEnabled(d.tab?.url ?? '', true);
    say(`Story Lens is on again on ${host}.`);
    await refreshUntilRead('site-off');
  }

  async function turnOn() {
    await deps.setEnabled(true);
    say('Story Lens is on.');
    await refreshUntilRead('site-off');
  }

  function followSection(d: Loaded): HTMLElement {
    const readable = d.tab?.url && pageSupport(d.tab.url).ok && d.state.kind !== 'unreachable' && d.state.kind !== 'unsupported';
    return el(doc, 'section', { className: 'sl-follow', 'aria-labelledby': 'sl-follow-title' }, [
      el(doc, 'h2', { id: 'sl-follow-title' }, ['Follow a story']),
      el(doc, 'p', { className: 'sl-muted' }, [
        "Make this page's article a story of your own: you review its people and places before saving.",
      ]),
      el(
        doc,
        'button',
        {
          type: 'button',
          className: 'sl-button',
          disabled: !readable,
          'data-focus-key': 'follow',
          onclick: (ev: Event) => void follow(d, ev.currentTarget as HTMLButtonElement),
        },
        ['Follow this story'],
      ),
    ]);
  }

  async function follow(d: Loaded, button: HTMLButtonElement) {
    if (!d.tab) return;
    button.disabled = true;
    say('Reading the article…');
    try {
      const page = await deps.pageHtml(d.tab.id);
      const article = articleFromHtml(page.html, page.url || d.tab.url || '', deps.domParser());
      if (!article) {
        say('Story Lens found no article on this page: paste its text in Add a story instead.', 'error');
        button.disabled = false;
        return;
      }
      await deps.followStory(article);
      say('Opened Add a story with this article.');
    } catch {
      say('The page did not answer. Reload it and try again.', 'error');
      button.disabled = false;
    }
  }

  function trailSection(entries: PopupTrailEntry[]): HTMLElement {
    const sec = el(doc, 'section', { className: 'sl-trail', 'aria-labelledby': 'sl-trail-title' }, [
      el(doc, 'h2', { id: 'sl-trail-title', tabindex: '-1' }, ['Your trail']),
    ]);
    if (entries.length === 0) {
      sec.append(el(doc, 'p', { className: 'sl-muted' }, ['Pages you visit that mention the story are listed here, on this device only.']));
      return sec;
    }
    const list = el(doc, 'ol', { className: 'sl-trail-list', 'aria-label': 'Pages you visited that mention the story, latest first' });
    entries.forEach((t, i) => {
      const date = t.visitedAt ? new Date(t.visitedAt) : null;
      const when =
        date && !Number.isNaN(date.getTime())
          ? date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
          : '';
      const nextKey = entries[i + 1]?.key ?? entries[i - 1]?.key;
      list.append(
        el(doc, 'li', {}, [
          el(doc, 'div', { className: 'sl-trail-text' }, [
            el(doc, 'a', { href: t.url, target: '_blank', rel: 'noopener noreferrer' }, [t.title || t.url]),
            el(doc, 'span', { className: 'sl-meta' }, [
              [t.site, when, t.keyTotal ? `covers ${t.keyFound} of ${t.keyTotal}` : ''].filter(Boolean).join(' · '),
            ]),
          ]),
          el(
            doc,
            'button',
            {
              type: 'button',
              className: 'sl-icon-button',
              'data-focus-key': `trail:${t.key}`,
              'aria-label': `Remove ${t.title || t.url} from your trail`,
              title: 'Remove from your trail',
              onclick: async () => {
                await deps.trail!.remove(t.key);
                say('Removed from your trail.');
                await refresh(nextKey ? `trail:${nextKey}` : 'trail-title');
              },
            },
            ['×'],
          ),
        ]),
      );
    });
    sec.querySelector('h2')!.setAttribute('data-focus-key', 'trail-title');
    sec.append(
      list,
      el(
        doc,
        'button',
        {
          type: 'button',
          className: 'sl-link',
          onclick: async () => {
            await deps.trail!.clear();
            say('Your trail is cleared.');
            await refresh('trail-title');
          },
        },
        ['Clear trail'],
      ),
    );
    return sec;
  }

  root.setAttribute('aria-busy', 'true');
  content.replaceChildren(el(doc, 'p', { className: 'sl-muted' }, ['Reading this page…']));
  await refresh();
  return { refresh: async () => void (await refresh()) };
}
