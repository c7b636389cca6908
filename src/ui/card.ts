/**
 * The hover card's content, built from a CardModel with DOM APIs and
 * textContent only: nothing from a pack or a page is ever parsed as HTML.
 */
import type { CardModel, CardRole } from '../core/card-model';
import { formatDate, formatSpan, plural, TYPE_LABEL } from './card-format';
import { renderMap } from './card-map';

export interface CardNav {
  /** 0-based index of the mention the card was opened from, in page order among this entity's mentions */
  index: number;
  count: number;
  step(direction: 1 | -1): void;
}

export interface CardViewOptions {
  detail: 'compact' | 'full';
  theme: 'system' | 'light' | 'dark';
  nav?: CardNav;
  close(): void;
}

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c) node.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  return node;
}

function roleLine(doc: Document, label: string, role: CardRole, cls: string): HTMLElement {
  const span = formatSpan(role.from, role.to);
  return h(
    doc,
    'p',
    { class: `role ${cls}` },
    h(doc, 'span', { class: 'role-when' }, label),
    ' ',
    role.title,
    span && h(doc, 'span', { class: 'muted' }, ` (${span})`),
  );
}

/** Builds the card's content (the dialog element inside the shadow root). */
export function renderCard(doc: Document, model: CardModel, opts: CardViewOptions): HTMLElement {
  const full = opts.detail === 'full';
  const root = h(doc, 'div', {
    class: `card type-${model.type} theme-${opts.theme}`,
    role: 'dialog',
    'aria-label': model.name,
    tabindex: '-1',
  });

  const close = h(doc, 'button', { type: 'button', class: 'close', 'aria-label': 'Close card', title: 'Close (Esc)' }, '×');
  close.addEventListener('click', (e) => {
    e.stopPropagation();
    opts.close();
  });
  const title = h(
    doc,
    'div',
    { class: 'title' },
    h(doc, 'h2', { class: 'name' }, model.name),
    model.surface && h(doc, 'span', { class: 'surface', lang: '' }, `“${model.surface}” on this page`),
  );
  root.append(
    h(doc, 'header', {}, h(doc, 'span', { class: 'chip' }, TYPE_LABEL[model.type]), title, close),
    h(doc, 'p', { class: 'description' }, model.description),
  );
  if (model.showStory) root.append(h(doc, 'p', { class: 'story muted' }, 'Story: ', model.story.title));
  if (!model.fromArticle)
    root.append(h(doc, 'p', { class: 'muted aside' }, 'Not named in the story itself; told apart from the story’s people.'));

  // roles: then (as of the story's date) and now, when it changed
  const storyDay = formatDate(model.story.date);
  const roles = h(doc, 'div', { class: 'roles' });
  for (const r of model.rolesThen) roles.append(roleLine(doc, `${storyDay}:`, r, r.to ? 'ended' : 'then'));
  for (const r of model.rolesNow) roles.append(roleLine(doc, 'Now:', r, 'now'));
  if (roles.childElementCount) root.append(roles);

  if (model.location) {
    const where = [model.location.region, model.location.country].filter(Boolean).join(', ');
    root.append(h(doc, 'p', { class: 'where muted' }, where, ` · ${model.location.lat.toFixed(2)}°, ${model.location.lon.toFixed(2)}°`));
  }
  if (model.map) root.append(h(doc, 'figure', { class: 'map-figure' }, renderMap(doc, model.map)));

  const facts = full ? model.facts : model.facts.slice(0, 3);
  if (facts.length) {
    const dl = h(doc, 'dl', { class: 'facts' });
    for (const f of facts) {
      dl.append(h(doc, 'dt', {}, f.label), h(doc, 'dd', {}, f.value, h(doc, 'span', { class: 'asof' }, ` as of ${formatDate(f.asOf)}`)));
    }
    root.append(h(doc, 'section', { 'aria-label': 'Key facts' }, dl));
  }

  const sentences = model.sentences.slice(0, full ? 3 : 1);
  if (sentences.length) {
    const sec = h(doc, 'section', { class: 'in-story', 'aria-label': 'In the story' }, h(doc, 'h3', {}, 'In the story'));
    for (const s of sentences) sec.append(h(doc, 'blockquote', {}, s));
    root.append(sec);
  }

  if (full && model.relations.length) {
    const ul = h(doc, 'ul', { class: 'relations' });
    for (const r of model.relations.slice(0, 6))
      ul.append(h(doc, 'li', {}, r.text, r.date && h(doc, 'span', { class: 'muted' }, `, ${formatDate(r.date)}`)));
    root.append(h(doc, 'section', { 'aria-label': 'Relations' }, h(doc, 'h3', {}, 'Connections'), ul));
  }

  const foot = h(doc, 'footer', {});
  for (const l of model.links) foot.append(h(doc, 'a', { href: l.url, target: '_blank', rel: 'noopener noreferrer' }, l.label));
  if (model.factsAsOf) foot.append(h(doc, 'span', { class: 'muted asof-all' }, `Facts as of ${formatDate(model.factsAsOf)}`));
  if (foot.childNodes.length) root.append(foot);
  // last, and sticky at the card's bottom: a long card scrolls under it
  if (opts.nav && opts.nav.count > 0) {
    const nav = opts.nav;
    const prev = h(doc, 'button', { type: 'button', class: 'step', 'aria-label': 'Previous mention on this page' }, '‹');
    const next = h(doc, 'button', { type: 'button', class: 'step', 'aria-label': 'Next mention on this page' }, '›');
    prev.addEventListener('click', (e) => {
      e.stopPropagation();
      nav.step(-1);
    });
    next.addEventListener('click', (e) => {
      e.stopPropagation();
      nav.step(1);
    });
    if (nav.count < 2) prev.disabled = next.disabled = true;
    root.append(
      h(
        doc,
        'div',
        { class: 'mentions' },
        h(
          doc,
          'span',
          { class: 'count', 'aria-live': 'polite' },
          `${plural(nav.count, 'mention', 'mentions')} on this page`,
          nav.count > 1 ? ` · ${nav.index + 1} of ${nav.count}` : '',
        ),
        h(doc, 'span', { class: 'steps' }, prev, next),
      ),
    );
  }

  return root;
}
