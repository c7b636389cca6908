/**
 * The popup: the story, this page's coverage (the accessible index of the
 * page's mentions), "Off on this site", "Follow this story" and the reader's
 * trail. Everything it needs from the browser comes through `PopupDeps`
 * (wired in entrypoints/popup), so the view never reaches for a global.
 * This file is the controller: it loads, redraws and keeps the status line;
 * each section is a view of its own (popup-story, popup-page, popup-trail).
 */
import { displayText } from '../core/display-text';
import { el } from './dom';
import { t } from './i18n';
import { applyPalette } from './palette';
import { load, type Loaded, type PopupDeps, type PopupView } from './popup-data';
import { followSection, headerView, storySection } from './popup-story';
import { pageSection } from './popup-page';
import { trailSection } from './popup-trail';

/** How long the popup waits for a page to read itself again after Story Lens is turned back on (12 × 250 ms). */
const RESCAN_POLLS = 12;
const RESCAN_POLL_MS = 250;

function render(view: PopupView, d: Loaded): DocumentFragment {
  const frag = view.doc.createDocumentFragment();
  frag.append(headerView(view), storySection(view.doc, d), pageSection(view, d), followSection(view, d));
  if (d.trail) frag.append(trailSection(view, d.trail));
  return frag;
}

export async function mountPopup(root: HTMLElement, deps: PopupDeps): Promise<{ refresh(): Promise<void> }> {
  const doc = root.ownerDocument;
  applyPalette(doc);
  // The live region stays put across re-renders, so what it says is announced.
  const content = el(doc, 'div', { className: 'sl-content' });
  const live = el(doc, 'p', { id: 'sl-status', className: 'sl-status', role: 'status', 'data-tone': 'info' });
  root.replaceChildren(content, live);

  const view: PopupView = {
    doc,
    deps,
    say(text, tone = 'info') {
      live.textContent = displayText(text);
      live.setAttribute('data-tone', tone);
    },
    async refresh(focusKey) {
      const data = await load(deps);
      content.replaceChildren(render(view, data));
      root.setAttribute('aria-busy', 'false');
      if (focusKey)
        (root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`) ?? root.querySelector<HTMLElement>('h1'))?.focus();
      return data;
    },
    async refreshUntilRead(focusKey) {
      let data = await view.refresh(focusKey);
      for (let i = 0; i < RESCAN_POLLS && data.state.kind === 'ok' && data.coverage?.found.length === 0; i++) {
        await new Promise((r) => setTimeout(r, RESCAN_POLL_MS));
        data = await view.refresh(focusKey);
      }
    },
  };

  root.setAttribute('aria-busy', 'true');
  content.replaceChildren(el(doc, 'p', { className: 'sl-muted' }, [t('popupReadingPage')]));
  await view.refresh();
  return { refresh: async () => void (await view.refresh()) };
}
