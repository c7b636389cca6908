/** "Your trail": the pages the reader visited that mention the story, each removable, and "Clear trail". */
import { localDay } from '../core/dates';
import { el } from './dom';
import { date, t } from './i18n';
import type { PopupTrailEntry, PopupView } from './popup-data';

export function trailSection(view: PopupView, entries: PopupTrailEntry[]): HTMLElement {
  const { doc } = view;
  const sec = el(doc, 'section', { className: 'sl-trail', 'aria-labelledby': 'sl-trail-title' }, [
    el(doc, 'h2', { id: 'sl-trail-title', tabindex: '-1' }, [t('popupTrailTitle')]),
  ]);
  if (entries.length === 0) {
    sec.append(el(doc, 'p', { className: 'sl-muted' }, [t('popupTrailEmpty')]));
    return sec;
  }
  const list = el(
    doc,
    'ol',
    { className: 'sl-trail-list', 'aria-label': t('popupTrailLabel') },
    entries.map((entry, i) => trailItem(view, entry, entries[i + 1]?.key ?? entries[i - 1]?.key)),
  );
  sec.querySelector('h2')!.setAttribute('data-focus-key', 'trail-title');
  const clear = async () => {
    await view.deps.trail!.clear();
    view.say(t('popupTrailCleared'));
    await view.refresh('trail-title');
  };
  sec.append(list, el(doc, 'button', { type: 'button', className: 'sl-link', onclick: clear }, [t('popupClearTrail')]));
  return sec;
}

/** One visited page; `nextKey` is the entry that takes the keyboard when this one is removed. */
function trailItem(view: PopupView, entry: PopupTrailEntry, nextKey: string | undefined): HTMLElement {
  const { doc } = view;
  const when = entry.visitedAt ? date(localDay(new Date(entry.visitedAt))) : '';
  const covers = entry.keyTotal ? t('popupTrailCovers', entry.keyFound, entry.keyTotal) : '';
  const remove = async () => {
    await view.deps.trail!.remove(entry.key);
    view.say(t('popupTrailRemoved'));
    await view.refresh(nextKey ? `trail:${nextKey}` : 'trail-title');
  };
  return el(doc, 'li', {}, [
    el(doc, 'div', { className: 'sl-trail-text' }, [
      el(doc, 'a', { href: entry.url, target: '_blank', rel: 'noopener noreferrer', dir: 'auto' }, [entry.title || entry.url]),
      el(doc, 'span', { className: 'sl-meta' }, [[entry.site, when, covers].filter(Boolean).join(' · ')]),
    ]),
    el(
      doc,
      'button',
      {
        type: 'button',
        className: 'sl-icon-button',
        'data-focus-key': `trail:${entry.key}`,
        'aria-label': t('popupTrailRemove', entry.title || entry.url),
        title: t('popupTrailRemoveTitle'),
        onclick: remove,
      },
      ['×'],
    ),
  ]);
}
