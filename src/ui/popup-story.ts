/** The popup's header, the stories that are on, and "Follow this story". */
import { el } from './dom';
import { date, t } from './i18n';
import { pageSupport } from './popup-model';
import { articleFromHtml } from './popup-follow';
import type { Loaded, PopupView } from './popup-data';

export function headerView(view: PopupView): HTMLElement {
  const { doc, deps } = view;
  return el(doc, 'header', { className: 'sl-top' }, [
    el(doc, 'h1', { className: 'sl-brand', tabindex: '-1' }, [
      el(doc, 'span', { className: 'sl-logo', 'aria-hidden': 'true' }),
      t('extName'),
    ]),
    el(doc, 'button', { type: 'button', className: 'sl-link', onclick: () => void deps.openOptions() }, [t('popupSettings')]),
  ]);
}

export function storySection(doc: Document, d: Loaded): HTMLElement {
  const sec = el(doc, 'section', { className: 'sl-story', 'aria-labelledby': 'sl-story-title' });
  if (d.stories.length === 0) {
    sec.append(
      el(doc, 'h2', { id: 'sl-story-title', className: 'sl-headline' }, [t('popupNoStory')]),
      el(doc, 'p', { className: 'sl-muted' }, [t('popupNoStoryHint')]),
    );
    return sec;
  }
  sec.append(
    el(doc, 'p', { className: 'sl-kicker' }, [d.stories.length > 1 ? t('popupFollowingStories', d.stories.length) : t('popupTheStory')]),
  );
  d.stories.forEach((s, i) => {
    const meta = [date(s.pack.date), s.pack.source.publisher].filter(Boolean).join(' · ');
    sec.append(
      el(doc, 'article', { className: 'sl-story-item' }, [
        el(doc, 'h2', { id: i === 0 ? 'sl-story-title' : undefined, className: 'sl-headline', dir: 'auto' }, [s.title]),
        el(doc, 'p', { className: 'sl-meta' }, [meta]),
        s.pack.summary ? el(doc, 'p', { className: 'sl-summary', dir: 'auto', title: s.pack.summary }, [s.pack.summary]) : null,
      ]),
    );
  });
  return sec;
}

export function followSection(view: PopupView, d: Loaded): HTMLElement {
  const { doc } = view;
  const readable = d.tab?.url && pageSupport(d.tab.url).ok && d.state.kind !== 'unreachable' && d.state.kind !== 'unsupported';
  return el(doc, 'section', { className: 'sl-follow', 'aria-labelledby': 'sl-follow-title' }, [
    el(doc, 'h2', { id: 'sl-follow-title' }, [t('popupFollowTitle')]),
    el(doc, 'p', { className: 'sl-muted' }, [t('popupFollowHint')]),
    el(
      doc,
      'button',
      {
        type: 'button',
        className: 'sl-button',
        disabled: !readable,
        'data-focus-key': 'follow',
        onclick: (ev: Event) => void follow(view, d, ev.currentTarget as HTMLButtonElement),
      },
      [t('popupFollowButton')],
    ),
  ]);
}

async function follow(view: PopupView, d: Loaded, button: HTMLButtonElement) {
  if (!d.tab) return;
  button.disabled = true;
  view.say(t('popupReadingArticle'));
  try {
    const page = await view.deps.pageHtml(d.tab.id);
    const article = articleFromHtml(page.html, page.url || d.tab.url || '', view.deps.domParser());
    if (!article) {
      view.say(t('popupNoArticle'), 'error');
      button.disabled = false;
      return;
    }
    await view.deps.followStory(article);
    view.say(t('popupFollowOpened'));
  } catch {
    view.say(t('popupPageSilent'), 'error');
    button.disabled = false;
  }
}
