/**
 * "On this page": why Story Lens is not reading the page; that the page is
 * not about the story (with "Mark names on this page anyway"); or the coverage
 * meters of the stories it is about, the page's names as buttons that go to
 * their first mention (the accessible index of the page's mentions), the
 * people and places from the story's article it leaves out, and "Off on this
 * site".
 */
import { el, srOnly } from './dom';
import { t, typeWord } from './i18n';
import { coverageModel, type Coverage, type CoverageEntity } from '../core/coverage';
import { coverageLabel, mentionsLabel, type PageState } from './popup-model';
import type { Loaded, PopupStory, PopupView } from './popup-data';

/** The followed stories the page is coverage of (the page decides, per story, and reports it). */
function coveredStories(d: Loaded): PopupStory[] {
  const covers = new Set(d.report?.covers ?? []);
  return d.stories.filter((s) => covers.has(s.pack.id));
}

export function pageSection(view: PopupView, d: Loaded): HTMLElement {
  const { doc } = view;
  const sec = el(doc, 'section', { className: 'sl-page', 'aria-labelledby': 'sl-page-title' }, [
    el(doc, 'h2', { id: 'sl-page-title' }, [t('popupOnThisPage')]),
  ]);
  const st = d.state;
  if (st.kind !== 'ok') {
    sec.append(notReading(view, d, st));
    return sec;
  }
  const c = d.coverage!;
  const covered = coveredStories(d);
  if (covered.length === 0 && d.stories.length > 0) sec.append(...notAbout(view, d, c));
  else {
    // what the page leaves out counts against the stories it is about only
    const about =
      covered.length === d.stories.length
        ? c
        : coverageModel(
            covered.map((s) => s.pack),
            d.report?.counts ?? {},
            d.settings.types,
          );
    sec.append(meters(doc, d, about, covered));
    if (c.found.length === 0) sec.append(stateNote(doc, t('popupNoMentions')));
    else sec.append(...foundList(view, d, c));
    if (about.missing.length) sec.append(missingList(doc, about));
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
          onclick: () => void siteOff(view, d, st.host),
        },
        [t('popupOffOnSite')],
      ),
      manageSites(view),
    ]),
  );
  return sec;
}

/**
 * A page that is coverage of no story: said plainly, no meter. Quiet (nothing marked): the way to mark it
 * anyway; marked all the same (the reader asked, or the every-page setting): its names as usual.
 */
function notAbout(view: PopupView, d: Loaded, c: Coverage): HTMLElement[] {
  const { doc } = view;
  const said = d.stories.length > 1 ? t('popupNotAboutAny') : t('popupNotAbout', d.stories[0].title);
  if (d.report?.quiet) {
    const mark = el(doc, 'button', { type: 'button', className: 'sl-button', 'data-focus-key': 'mark-anyway' }, [t('popupMarkAnyway')]);
    mark.addEventListener('click', () => void markAnyway(view, d, mark));
    return [stateNote(doc, said, [el(doc, 'p', { className: 'sl-muted' }, [t('popupQuietHint')]), mark])];
  }
  const note = stateNote(doc, said, [el(doc, 'p', { className: 'sl-muted' }, [t('popupMarkedAnyway')])]);
  return c.found.length ? [note, ...foundList(view, d, c)] : [note, stateNote(doc, t('popupNoMentions'))];
}

function stateNote(doc: Document, text: string, actions: Node[] = []): HTMLElement {
  return el(doc, 'div', { className: 'sl-note' }, [el(doc, 'p', {}, [text]), ...actions]);
}

function manageSites(view: PopupView): HTMLElement {
  return el(view.doc, 'button', { type: 'button', className: 'sl-link', onclick: () => void view.deps.openOptions('sites') }, [
    t('popupManageSites'),
  ]);
}

/** Why the page's names are not listed, with the way to turn Story Lens on where there is one. */
function notReading(view: PopupView, d: Loaded, st: Exclude<PageState, { kind: 'ok' }>): HTMLElement {
  const { doc } = view;
  const button = (focusKey: string, label: string, onclick: () => void) =>
    el(doc, 'button', { type: 'button', className: 'sl-button', 'data-focus-key': focusKey, onclick }, [label]);
  switch (st.kind) {
    case 'unsupported':
      return stateNote(doc, st.reason);
    case 'unreachable':
      return stateNote(doc, t('popupNotReadYet'));
    case 'off':
      return stateNote(doc, t('popupOff'), [button('turn-on', t('popupTurnOn'), () => void turnOn(view))]);
    case 'off-site':
      return stateNote(doc, t('popupOffOnHost', st.host), [
        st.byReader
          ? button('site-on', t('popupTurnOnForHost', st.host), () => void siteOn(view, d, st.host))
          : el(doc, 'p', { className: 'sl-muted' }, [t('popupOffByPattern')]),
        manageSites(view),
      ]);
  }
}

/** One meter per story the page is about; a story it is not about says so in its place. */
function meters(doc: Document, d: Loaded, c: Coverage, covered: PopupStory[]): HTMLElement {
  const blocks =
    d.stories.length > 1
      ? d.stories.map((story, i) =>
          covered.includes(story)
            ? meter(doc, `sl-coverage-${i}`, story.title, coverageModel([story.pack], d.report?.counts ?? {}, d.settings.types))
            : el(doc, 'p', { className: 'sl-meter-block sl-not-about', dir: 'auto' }, [t('popupNotAbout', story.title)]),
        )
      : [meter(doc, 'sl-coverage-0', t('popupCoverage'), c)];
  return el(doc, 'div', { className: 'sl-coverage' }, blocks);
}

function meter(doc: Document, id: string, title: string, c: Coverage): HTMLElement {
  const pct = c.keyTotal ? Math.round((100 * c.keyFound) / c.keyTotal) : 0;
  const label = coverageLabel(c);
  return el(doc, 'div', { className: 'sl-meter-block' }, [
    el(doc, 'div', { className: 'sl-meter-text' }, [
      el(doc, 'span', { id, className: 'sl-meter-title', dir: 'auto' }, [title]),
      el(doc, 'span', { className: 'sl-meter-value', 'aria-hidden': 'true' }, [t('popupMeterValue', c.keyFound, c.keyTotal)]),
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

function foundList(view: PopupView, d: Loaded, c: Coverage): HTMLElement[] {
  const { doc } = view;
  const names = c.found.length;
  return [
    el(doc, 'p', { className: 'sl-muted', id: 'sl-list-hint' }, [
      names === 1 ? t('popupListHintOne', mentionsLabel(c.mentions)) : t('popupListHintMany', mentionsLabel(c.mentions), names),
    ]),
    el(
      doc,
      'ul',
      {
        className: 'sl-entities',
        'aria-label': t('popupListLabel'),
        'aria-describedby': 'sl-list-hint',
        onkeydown: (ev: Event) => moveInList(doc, ev as KeyboardEvent),
      },
      c.found.map((e) => el(doc, 'li', {}, [entityButton(view, d, e)])),
    ),
  ];
}

function missingList(doc: Document, c: Coverage): HTMLElement {
  return el(doc, 'details', { className: 'sl-missing' }, [
    el(doc, 'summary', {}, [t('popupMissing', c.missing.length)]),
    el(
      doc,
      'ul',
      { 'aria-label': t('popupMissingLabel') },
      c.missing.map((e) =>
        el(doc, 'li', { title: typeWord(e.type) }, [
          el(doc, 'span', { className: 'sl-dot', 'data-type': e.type, 'aria-hidden': 'true' }),
          el(doc, 'bdi', {}, [e.name]),
          srOnly(doc, ` (${typeWord(e.type)})`),
        ]),
      ),
    ),
  ]);
}

function entityButton(view: PopupView, d: Loaded, e: CoverageEntity): HTMLElement {
  const { doc } = view;
  const several = d.stories.length > 1;
  // The name a screen reader says, set whole: Chrome puts stray spaces around visually hidden pieces.
  const label = [e.name, typeWord(e.type), several ? t('popupFromStory', e.story) : '', mentionsLabel(e.count)].filter(Boolean).join(', ');
  return el(
    doc,
    'button',
    {
      type: 'button',
      className: several ? 'sl-entity sl-two-line' : 'sl-entity',
      'aria-label': label,
      'data-entity': e.id,
      'data-focus-key': `entity:${e.id}`,
      onclick: () => void reveal(view, d, e),
    },
    [
      el(doc, 'span', { className: 'sl-dot', 'data-type': e.type, 'aria-hidden': 'true' }),
      el(doc, 'span', { className: 'sl-entity-text' }, [
        el(doc, 'span', { className: 'sl-entity-name', dir: 'auto' }, [e.name]),
        el(doc, 'span', { className: 'sl-entity-type' }, [typeWord(e.type)]),
        several ? el(doc, 'span', { className: 'sl-entity-story' }, [' · ', el(doc, 'bdi', {}, [e.story])]) : null,
      ]),
      el(doc, 'span', { className: 'sl-count' }, [String(e.count)]),
    ],
  );
}

/** Up/Down/Home/End move between the names (Tab still goes through them one by one). */
function moveInList(doc: Document, ev: KeyboardEvent) {
  const buttons = [...(ev.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(doc.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[ev.key];
  if (to == null) return;
  ev.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, to))].focus();
}

async function reveal(view: PopupView, d: Loaded, e: CoverageEntity) {
  if (!d.tab) return;
  try {
    const ok = await view.deps.revealMention(d.tab.id, e.id);
    if (!ok) return view.say(t('popupGone', e.name), 'error');
    view.say(t('popupWentTo', e.name));
    view.deps.afterReveal();
  } catch {
    view.say(t('popupPageSilent'), 'error');
  }
}

async function siteOff(view: PopupView, d: Loaded, host: string) {
  await view.deps.setSiteEnabled(d.tab?.url ?? '', false);
  view.say(t('popupNowOffOnHost', host));
  await view.refresh('site-on');
}

async function siteOn(view: PopupView, d: Loaded, host: string) {
  await view.deps.setSiteEnabled(d.tab?.url ?? '', true);
  view.say(t('popupOnAgainOnHost', host));
  await view.refreshUntilRead('site-off');
}

async function markAnyway(view: PopupView, d: Loaded, button: HTMLButtonElement) {
  if (!d.tab?.url) return;
  button.disabled = true;
  try {
    await view.deps.markPageAnyway(d.tab.id, d.tab.url);
  } catch {
    button.disabled = false;
    return view.say(t('popupPageSilent'), 'error');
  }
  view.say(t('popupMarkingAnyway'));
  await view.refreshUntilRead('site-off');
}

async function turnOn(view: PopupView) {
  await view.deps.setEnabled(true);
  view.say(t('popupIsOn'));
  await view.refreshUntilRead('site-off');
}
