/**
 * The review screen's tools for many entities at once: filter by type and by
 * text, select all or none of those shown, keep the top N, give those shown
 * one type or mark them central or background; and the field that adds an
 * entity. Each is one action for review-state's reducer.
 */
import { ENTITY_TYPES, type EntityType } from '../core/pack';
import { el } from './dom';
import { t, typePlural } from './i18n';
import { centralitySelect, typeSelect, type ReviewView } from './review-entity';
import { folded, type DraftEntity, type ReviewState } from './review-state';

export interface ReviewFilter {
  type: EntityType | 'all';
  /** lower case; matches the name or any other name */
  text: string;
}

/** What the tools need of the screen. */
export interface ToolHost extends ReviewView {
  state: ReviewState;
  filter: ReviewFilter;
  options: { sentencesFor?(name: string): string[] };
  refilter(): void;
}

export function entityMatches(filter: ReviewFilter, e: DraftEntity): boolean {
  if (filter.type !== 'all' && e.type !== filter.type) return false;
  if (!filter.text) return true;
  return e.name.toLocaleLowerCase().includes(filter.text) || e.aliases.some((a) => a.toLocaleLowerCase().includes(filter.text));
}

const shownKeys = (h: ToolHost) => h.state.entities.filter((e) => entityMatches(h.filter, e)).map((e) => e.key);

/** The filters and the actions on the entities they show; `shown` is the live "Showing 12 of 400" line. */
export function bulkTools(h: ToolHost, shown: HTMLElement): HTMLElement {
  const { doc } = h;
  const typeFilter = el(doc, 'select', {
    id: 'sl-review-filter-type',
    onchange: (ev: Event) => {
      h.filter.type = (ev.target as HTMLSelectElement).value as ReviewFilter['type'];
      h.refilter();
    },
  });
  typeFilter.append(el(doc, 'option', { value: 'all' }, [t('reviewAllTypes')]));
  for (const type of ENTITY_TYPES) typeFilter.append(el(doc, 'option', { value: type }, [typePlural(type)]));
  const textFilter = el(doc, 'input', {
    id: 'sl-review-filter-text',
    type: 'search',
    dir: 'auto',
    maxlength: 120,
    oninput: (ev: Event) => {
      h.filter.text = folded((ev.target as HTMLInputElement).value);
      h.refilter();
    },
  });
  const label = (id: string, text: string) => el(doc, 'label', { for: id }, [text]);
  return el(doc, 'fieldset', { className: 'sl-bulk' }, [
    el(doc, 'legend', {}, [t('reviewBulkLegend')]),
    el(doc, 'div', { className: 'sl-inline' }, [
      label('sl-review-filter-type', t('reviewFilterType')),
      typeFilter,
      label('sl-review-filter-text', t('reviewFilterText')),
      textFilter,
      shown,
    ]),
    el(doc, 'div', { className: 'sl-inline' }, [...selectButtons(h), ...keepTop(h)]),
    el(doc, 'div', { className: 'sl-inline' }, changeShown(h)),
  ]);
}

function selectButtons(h: ToolHost): HTMLElement[] {
  const { doc } = h;
  const button = (key: 'reviewSelectAll' | 'reviewSelectNone', selected: boolean) =>
    el(
      doc,
      'button',
      {
        type: 'button',
        className: 'sl-ghost',
        'data-focus-key': key,
        onclick: () => h.dispatch({ type: 'setSelected', keys: shownKeys(h), selected }, key),
      },
      [t(key)],
    );
  return [button('reviewSelectAll', true), button('reviewSelectNone', false)];
}

function keepTop(h: ToolHost): HTMLElement[] {
  const { doc } = h;
  const count = el(doc, 'input', { id: 'sl-review-top', type: 'number', min: 0, step: 1, value: 20, className: 'sl-top-count' });
  const keep = () => {
    const n = Math.max(0, Math.floor(Number(count.value)));
    if (Number.isFinite(n)) h.dispatch({ type: 'keepTop', count: n }, 'keep-top');
  };
  count.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      keep();
    }
  });
  return [
    el(doc, 'label', { for: 'sl-review-top', className: 'sl-push' }, [t('reviewKeepTop')]),
    count,
    el(doc, 'button', { type: 'button', className: 'sl-ghost', 'data-focus-key': 'keep-top', onclick: keep }, [t('reviewKeepTopButton')]),
  ];
}

/** "Those shown: [type] Change type  [central] Set" */
function changeShown(h: ToolHost): HTMLElement[] {
  const { doc } = h;
  let type: EntityType = 'person';
  let centrality: 'central' | 'background' = 'central';
  return [
    el(doc, 'span', { className: 'sl-names-label' }, [t('reviewShownLabel')]),
    typeSelect(doc, 'sl-review-bulk-type', type, t('reviewBulkTypeLabel'), (v) => (type = v), 'bulk-type'),
    el(
      doc,
      'button',
      {
        type: 'button',
        className: 'sl-ghost',
        'data-focus-key': 'bulk-type-apply',
        onclick: () => h.dispatch({ type: 'setTypes', keys: shownKeys(h), entityType: type }, 'bulk-type-apply'),
      },
      [t('reviewBulkType')],
    ),
    centralitySelect(
      doc,
      'sl-review-bulk-centrality',
      centrality,
      t('reviewBulkCentralityLabel'),
      (v) => (centrality = v),
      'bulk-centrality',
    ),
    el(
      doc,
      'button',
      {
        type: 'button',
        className: 'sl-ghost',
        'data-focus-key': 'bulk-centrality-apply',
        onclick: () => h.dispatch({ type: 'setCentrality', keys: shownKeys(h), centrality }, 'bulk-centrality-apply'),
      },
      [t('reviewBulkCentrality')],
    ),
  ];
}

/** "Add a person, place or organization the article names" (the type menu keeps its choice). */
export function addEntityField(h: ToolHost): HTMLElement {
  const { doc } = h;
  let addType: EntityType = 'person';
  const name = el(doc, 'input', {
    id: 'sl-add-entity-name',
    type: 'text',
    maxlength: 120,
    dir: 'auto',
    'data-focus-key': 'add-name',
    placeholder: t('reviewAddPlaceholder'),
  });
  const add = () => {
    const v = name.value.trim();
    if (!v) return name.focus();
    h.dispatch({ type: 'add', name: v, entityType: addType, sentences: h.options.sentencesFor?.(v) ?? [] }, 'add-name');
    name.value = '';
  };
  name.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      add();
    }
  });
  return el(doc, 'fieldset', { className: 'sl-add-entity' }, [
    el(doc, 'legend', {}, [t('reviewAddLegend')]),
    el(doc, 'div', { className: 'sl-inline' }, [
      el(doc, 'label', { for: 'sl-add-entity-name', className: 'sl-sr-only' }, [t('reviewNewName')]),
      name,
      typeSelect(doc, 'sl-add-entity-type', addType, t('reviewAddType'), (type) => (addType = type), 'add-type'),
      el(doc, 'button', { type: 'button', className: 'sl-ghost', 'data-focus-key': 'add-entity', onclick: add }, [t('reviewAdd')]),
    ]),
  ]);
}
