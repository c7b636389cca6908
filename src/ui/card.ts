/**
 * The hover card's content, built from a CardModel with the one element
 * builder (dom.ts): nothing from a pack or a page is ever parsed as HTML.
 * Its text is CSS generated content, never a text node (card-text.ts): a
 * page's window.find cannot test guesses against it.
 */
import type { CardModel, CardRole } from '../core/card-model';
import { cardEl as el } from './card-text';
import { date, t, typeName } from './i18n';
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

/** What compact detail shows of a card's lists. */
const COMPACT_FACTS = 3;
const SENTENCES = { full: 3, compact: 1 };
const MAX_RELATIONS = 6;

/** Builds the card's content (the dialog element inside the shadow root). */
export function renderCard(doc: Document, model: CardModel, opts: CardViewOptions): HTMLElement {
  const full = opts.detail === 'full';
  const root = el(doc, 'div', {
    className: `card type-${model.type} theme-${opts.theme}`,
    role: 'dialog',
    'aria-label': model.name,
    tabindex: '-1',
  });
  // dir auto and <bdi>: a pack's text sets its own direction, isolated from the card's words around it (card.css
  // makes both unicode-bidi: plaintext, as the browser reads direction from text nodes, not generated content)
  root.append(header(doc, model, opts), el(doc, 'p', { className: 'description', dir: 'auto' }, [model.description]));
  if (model.showStory)
    root.append(el(doc, 'p', { className: 'story muted' }, [t('cardStory'), ' ', el(doc, 'bdi', {}, [model.story.title])]));
  if (!model.fromArticle) root.append(el(doc, 'p', { className: 'muted aside' }, [t('cardNotInStory')]));
  const parts = [
    roles(doc, model),
    ...where(doc, model),
    facts(doc, model, full),
    inStory(doc, model, full),
    relations(doc, model, full),
    footer(doc, model),
  ];
  for (const part of parts) if (part) root.append(part);
  // last, and sticky at the card's bottom: a long card scrolls under it
  if (opts.nav && opts.nav.count > 0) root.append(mentions(doc, opts.nav));
  return root;
}

/** A button whose click stops at the card (the host's click would pin it; the page never sees it). */
function button(doc: Document, cls: string, label: string, text: string, onClick: () => void, title?: string): HTMLButtonElement {
  const click = (e: Event) => {
    e.stopPropagation();
    onClick();
  };
  return el(doc, 'button', { type: 'button', className: cls, 'aria-label': label, title, onclick: click }, [text]);
}

function header(doc: Document, model: CardModel, opts: CardViewOptions): HTMLElement {
  return el(doc, 'header', {}, [
    el(doc, 'span', { className: 'chip' }, [typeName(model.type)]),
    el(doc, 'div', { className: 'title' }, [
      el(doc, 'h2', { className: 'name', dir: 'auto' }, [model.name]),
      model.surface && el(doc, 'span', { className: 'surface', lang: '' }, [t('cardSurface', model.surface)]),
    ]),
    button(doc, 'close', t('cardClose'), '×', opts.close, t('cardCloseTitle')),
  ]);
}

function span(from?: string, to?: string): string {
  if (from && to) return t('cardSpan', date(from), date(to));
  if (from) return t('cardSince', date(from));
  if (to) return t('cardUntil', date(to));
  return '';
}

function roleLine(doc: Document, label: string, role: CardRole, cls: string): HTMLElement {
  const when = span(role.from, role.to);
  return el(doc, 'p', { className: `role ${cls}` }, [
    el(doc, 'span', { className: 'role-when' }, [label]),
    ' ',
    el(doc, 'bdi', {}, [role.title]),
    when && el(doc, 'span', { className: 'muted' }, [` (${when})`]),
  ]);
}

/** Roles then (as of the story's date) and now, when they changed. */
function roles(doc: Document, model: CardModel): HTMLElement | null {
  if (!model.rolesThen.length && !model.rolesNow.length) return null;
  const then = t('cardThen', date(model.story.date));
  return el(doc, 'div', { className: 'roles' }, [
    ...model.rolesThen.map((r) => roleLine(doc, then, r, r.to ? 'ended' : 'then')),
    // "As of" the day the role was last confirmed, not "Now": the reference facts are not live
    ...model.rolesNow.map((r) => roleLine(doc, t('cardRoleAsOf', date(r.asOf)), r, 'now')),
  ]);
}

/** A place: where it is, and the map. */
function where(doc: Document, model: CardModel): HTMLElement[] {
  const loc = model.location;
  if (!loc) return [];
  const at = ` · ${loc.lat.toFixed(2)}°, ${loc.lon.toFixed(2)}°`;
  const out: HTMLElement[] = [
    el(doc, 'p', { className: 'where muted' }, [el(doc, 'bdi', {}, [[loc.region, loc.country].filter(Boolean).join(', ')]), at]),
  ];
  if (model.map) out.push(renderMap(doc, model.map));
  return out;
}

function facts(doc: Document, model: CardModel, full: boolean): HTMLElement | null {
  const shown = full ? model.facts : model.facts.slice(0, COMPACT_FACTS);
  if (!shown.length) return null;
  const dl = el(doc, 'dl', { className: 'facts' });
  for (const f of shown)
    dl.append(
      el(doc, 'dt', { dir: 'auto' }, [f.label]),
      el(doc, 'dd', {}, [el(doc, 'bdi', {}, [f.value]), el(doc, 'span', { className: 'asof' }, [` ${t('cardAsOf', date(f.asOf))}`])]),
    );
  return el(doc, 'section', { 'aria-label': t('cardKeyFacts') }, [dl]);
}

function inStory(doc: Document, model: CardModel, full: boolean): HTMLElement | null {
  const sentences = model.sentences.slice(0, full ? SENTENCES.full : SENTENCES.compact);
  if (!sentences.length) return null;
  return el(doc, 'section', { className: 'in-story', 'aria-label': t('cardInStory') }, [
    el(doc, 'h3', {}, [t('cardInStory')]),
    ...sentences.map((s) => el(doc, 'blockquote', { dir: 'auto' }, [s])),
  ]);
}

function relations(doc: Document, model: CardModel, full: boolean): HTMLElement | null {
  if (!full || !model.relations.length) return null;
  const items = model.relations
    .slice(0, MAX_RELATIONS)
    .map((r) =>
      el(doc, 'li', {}, [el(doc, 'bdi', {}, [r.text]), r.date && el(doc, 'span', { className: 'muted' }, [`, ${date(r.date)}`])]),
    );
  return el(doc, 'section', { 'aria-label': t('cardRelations') }, [
    el(doc, 'h3', {}, [t('cardConnections')]),
    el(doc, 'ul', { className: 'relations' }, items),
  ]);
}

function footer(doc: Document, model: CardModel): HTMLElement | null {
  const links = model.links.map((l) => el(doc, 'a', { href: l.url, target: '_blank', rel: 'noopener noreferrer' }, [l.label]));
  const asOf = model.factsAsOf && el(doc, 'span', { className: 'muted asof-all' }, [t('cardFactsAsOf', date(model.factsAsOf))]);
  return links.length || asOf ? el(doc, 'footer', {}, [...links, asOf]) : null;
}

/** "3 mentions on this page · 2 of 3", with previous / next. */
function mentions(doc: Document, nav: CardNav): HTMLElement {
  const prev = button(doc, 'step', t('cardPrevious'), '‹', () => nav.step(-1));
  const next = button(doc, 'step', t('cardNext'), '›', () => nav.step(1));
  if (nav.count < 2) prev.disabled = next.disabled = true;
  const count = nav.count === 1 ? t('cardMentionsOne') : t('cardMentionsMany', nav.count);
  return el(doc, 'div', { className: 'mentions' }, [
    el(doc, 'span', { className: 'count', 'aria-live': 'polite' }, [
      count,
      nav.count > 1 ? ` · ${t('cardNthOf', nav.index + 1, nav.count)}` : '',
    ]),
    el(doc, 'span', { className: 'steps' }, [prev, next]),
  ]);
}
