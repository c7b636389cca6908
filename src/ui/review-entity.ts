/**
 * One entity on the review screen: whether it is kept, its name, type and
 * central/background, merge and remove, the other names it is written with
 * (each can be split off or removed), and the article's sentences that name
 * it. Every edit is an action for review-state's reducer. A row is drawn from
 * its entity alone (the merge field lists the others through one shared
 * datalist), so an edit redraws one row, never the list.
 */
import { CENTRALITIES, ENTITY_TYPES, type Centrality, type EntityType } from '../core/pack';
import { el, srOnly } from './dom';
import { t, typeName, typeWord } from './i18n';
import type { DraftEntity, ReviewAction } from './review-state';

export interface ReviewView {
  doc: Document;
  /** applies an edit and redraws what it changed, then focuses the control with this `data-focus-key` */
  dispatch(action: ReviewAction, focusKey?: string): void;
  /** the key of the entity listed under this name (case-insensitive), for a merge */
  keyNamed(name: string): string | undefined;
  /** the key that takes the keyboard when the entity of `key` leaves the list */
  keyAfter(key: string): string | undefined;
}

/** The id of the one datalist of every entity's name (the merge fields' suggestions). */
export const NAMES_LIST_ID = 'sl-review-names';

/** The most sentences listed under an entity. */
const MAX_SENTENCES = 20;

export function typeSelect(
  doc: Document,
  id: string,
  value: EntityType,
  label: string,
  onChange: (t: EntityType) => void,
  focusKey: string,
): HTMLSelectElement {
  const select = el(doc, 'select', {
    id,
    'data-focus-key': focusKey,
    'aria-label': label,
    onchange: (ev: Event) => onChange((ev.target as HTMLSelectElement).value as EntityType),
  });
  for (const type of ENTITY_TYPES) select.append(el(doc, 'option', { value: type, selected: type === value }, [typeName(type)]));
  select.value = value;
  return select;
}

const CENTRALITY_WORD: Record<Centrality, 'reviewCentral' | 'reviewBackground'> = {
  central: 'reviewCentral',
  background: 'reviewBackground',
};

export function centralitySelect(
  doc: Document,
  id: string,
  value: Centrality,
  label: string,
  onChange: (c: Centrality) => void,
  focusKey: string,
): HTMLSelectElement {
  const select = el(doc, 'select', {
    id,
    className: 'sl-centrality',
    'data-focus-key': focusKey,
    'aria-label': label,
    title: t('reviewCentralityHint'),
    onchange: (ev: Event) => onChange((ev.target as HTMLSelectElement).value as Centrality),
  });
  for (const c of CENTRALITIES) select.append(el(doc, 'option', { value: c, selected: c === value }, [t(CENTRALITY_WORD[c])]));
  select.value = value;
  return select;
}

export function entityItem(view: ReviewView, e: DraftEntity): HTMLLIElement {
  return el(
    view.doc,
    'li',
    {
      className: 'sl-entity-edit',
      'data-type': e.type,
      'data-entity-key': e.key,
      'data-selected': String(e.selected),
      'data-centrality': e.centrality,
    },
    [
      entityHead(view, e),
      el(view.doc, 'div', { className: 'sl-entity-body' }, [
        namesRow(view, e),
        // merge sits below the name so the name keeps its width on the first line
        el(view.doc, 'div', { className: 'sl-inline sl-entity-foot' }, [sentences(view.doc, e), mergeControl(view, e)]),
      ]),
    ],
  );
}

/**
 * Brings a drawn row up to date in place when only its type, central/background or selection changed (the
 * controls keep the keyboard, and nothing else is laid out again); false when the row must be drawn anew.
 */
export function patchEntityItem(node: HTMLElement, before: DraftEntity, after: DraftEntity): boolean {
  const same = before.name === after.name && before.aliases === after.aliases && before.sentences === after.sentences;
  if (!same || before.aliasKinds !== after.aliasKinds || before.key !== after.key) return false;
  const k = after.key;
  node.dataset.type = after.type;
  node.dataset.centrality = after.centrality;
  node.dataset.selected = String(after.selected);
  const control = <T extends HTMLElement>(key: string) => node.querySelector<T>(`[data-focus-key="${CSS.escape(`${key}:${k}`)}"]`)!;
  control<HTMLSelectElement>('type').value = after.type;
  control<HTMLSelectElement>('centrality').value = after.centrality;
  control<HTMLInputElement>('keep').checked = after.selected;
  if (before.type !== after.type)
    node.querySelector(`label[for="sl-name-${CSS.escape(k)}"]`)!.textContent = t('reviewNameLabel', typeWord(after.type));
  return true;
}

function entityHead(view: ReviewView, e: DraftEntity): HTMLElement {
  const { doc, dispatch } = view;
  const k = e.key;
  const nameId = `sl-name-${k}`;
  return el(doc, 'div', { className: 'sl-entity-head' }, [
    el(doc, 'input', {
      type: 'checkbox',
      className: 'sl-keep',
      checked: e.selected,
      'data-focus-key': `keep:${k}`,
      'aria-label': t('reviewKeepEntity', e.name),
      onchange: (ev: Event) => dispatch({ type: 'setSelected', keys: [k], selected: (ev.target as HTMLInputElement).checked }, `keep:${k}`),
    }),
    el(doc, 'label', { className: 'sl-sr-only', for: nameId }, [t('reviewNameLabel', typeWord(e.type))]),
    el(doc, 'input', {
      id: nameId,
      type: 'text',
      className: 'sl-name-input',
      value: e.name,
      maxlength: 120,
      required: true,
      dir: 'auto',
      'data-focus-key': `name:${k}`,
      onchange: (ev: Event) => dispatch({ type: 'rename', key: k, name: (ev.target as HTMLInputElement).value }, `name:${k}`),
    }),
    typeSelect(
      doc,
      `sl-type-${k}`,
      e.type,
      t('reviewTypeOf', e.name),
      (type) => dispatch({ type: 'setType', key: k, entityType: type }, `type:${k}`),
      `type:${k}`,
    ),
    centralitySelect(
      doc,
      `sl-centrality-${k}`,
      e.centrality,
      t('reviewCentralityOf', e.name),
      (centrality) => dispatch({ type: 'setCentrality', keys: [k], centrality }, `centrality:${k}`),
      `centrality:${k}`,
    ),
    el(
      doc,
      'button',
      {
        type: 'button',
        className: 'sl-ghost',
        'data-focus-key': `remove:${k}`,
        'aria-label': t('reviewRemoveEntity', e.name),
        onclick: () => {
          const next = view.keyAfter(k);
          dispatch({ type: 'remove', key: k }, next ? `name:${next}` : 'add-name');
        },
      },
      [t('reviewRemove')],
    ),
  ]);
}

/** "Merge into": a name typed or picked from the list of every entity's name. */
function mergeControl(view: ReviewView, e: DraftEntity): HTMLElement {
  const { doc, dispatch } = view;
  const mergeId = `sl-merge-${e.key}`;
  const input = el(doc, 'input', {
    id: mergeId,
    type: 'text',
    list: NAMES_LIST_ID,
    dir: 'auto',
    maxlength: 120,
    'data-focus-key': `merge-input:${e.key}`,
    placeholder: t('reviewMergeInto'),
  });
  const merge = () => {
    const into = view.keyNamed(input.value);
    if (!into || into === e.key) {
      input.setCustomValidity(t('reviewMergeUnknown'));
      input.reportValidity();
      return;
    }
    dispatch({ type: 'merge', into, from: e.key }, `name:${into}`);
  };
  input.addEventListener('input', () => input.setCustomValidity(''));
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      merge();
    }
  });
  return el(doc, 'span', { className: 'sl-merge' }, [
    el(doc, 'label', { for: mergeId, className: 'sl-sr-only' }, [t('reviewMergeLabel', e.name)]),
    input,
    el(doc, 'button', { type: 'button', className: 'sl-ghost sl-small', 'data-focus-key': `merge:${e.key}`, onclick: merge }, [
      t('reviewMerge'),
      srOnly(doc, ` ${e.name}`),
    ]),
  ]);
}

/** "Also written": the other names, and a field to add one. */
function namesRow(view: ReviewView, e: DraftEntity): HTMLElement {
  const { doc, dispatch } = view;
  const k = e.key;
  const inputId = `sl-alias-${k}`;
  const input = el(doc, 'input', {
    id: inputId,
    type: 'text',
    maxlength: 120,
    dir: 'auto',
    'data-focus-key': `alias-input:${k}`,
    placeholder: t('reviewAnotherName'),
  });
  const add = () => {
    const v = input.value.trim();
    if (v) dispatch({ type: 'addAlias', key: k, alias: v }, `alias-input:${k}`);
  };
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      add();
    }
  });
  return el(doc, 'div', { className: 'sl-inline sl-names-row' }, [
    el(doc, 'span', { className: 'sl-names-label', 'aria-hidden': 'true' }, [t('reviewAlsoWritten')]),
    e.aliases.length ? aliasList(view, e) : el(doc, 'span', { className: 'sl-muted' }, [t('reviewNoOtherNames')]),
    el(doc, 'label', { for: inputId, className: 'sl-sr-only' }, [t('reviewAnotherNameFor', e.name)]),
    input,
    el(doc, 'button', { type: 'button', className: 'sl-ghost sl-small', 'data-focus-key': `alias-add:${k}`, onclick: add }, [
      t('reviewAddName'),
      srOnly(doc, ` ${t('reviewAddNameTo', e.name)}`),
    ]),
  ]);
}

function aliasList(view: ReviewView, e: DraftEntity): HTMLElement {
  const { doc, dispatch } = view;
  const k = e.key;
  // after a removal the keyboard goes to the next name's button, else the previous one's, else the field
  const afterRemove = (i: number) =>
    e.aliases[i + 1] || e.aliases[i - 1] ? `unalias:${k}:${Math.max(0, i - (e.aliases[i + 1] ? 0 : 1))}` : `alias-input:${k}`;
  const chip = (label: string, focusKey: string, aria: string, title: string, onclick: () => void) =>
    el(doc, 'button', { type: 'button', className: 'sl-chip-button', 'data-focus-key': focusKey, 'aria-label': aria, title, onclick }, [
      label,
    ]);
  return el(
    doc,
    'ul',
    { className: 'sl-aliases', 'aria-label': t('reviewOtherNamesOf', e.name) },
    e.aliases.map((a, i) =>
      el(doc, 'li', { className: 'sl-alias' }, [
        el(doc, 'span', { dir: 'auto' }, [a]),
        chip(t('reviewSplit'), `split:${k}:${i}`, t('reviewSplitLabel', a), t('reviewSplitTitle'), () =>
          dispatch({ type: 'split', key: k, alias: a }, `name:${k}`),
        ),
        chip('×', `unalias:${k}:${i}`, t('reviewUnaliasLabel', a, e.name), t('reviewUnaliasTitle'), () =>
          dispatch({ type: 'removeAlias', key: k, alias: a }, afterRemove(i)),
        ),
      ]),
    ),
  );
}

/** The sentences, listed only when the reader opens them (a long story lists hundreds of rows). */
function sentences(doc: Document, e: DraftEntity): HTMLElement {
  if (!e.sentences.length) return el(doc, 'p', { className: 'sl-muted' }, [t('reviewNoSentence')]);
  const n = e.sentences.length;
  const details = el(doc, 'details', { className: 'sl-sentences' }, [
    el(doc, 'summary', {}, [n === 1 ? t('reviewSentencesOne') : t('reviewSentencesMany', n)]),
  ]);
  details.addEventListener('toggle', () => {
    if (!details.open || details.querySelector('ul')) return;
    details.append(
      el(
        doc,
        'ul',
        {},
        e.sentences.slice(0, MAX_SENTENCES).map((s) => el(doc, 'li', { dir: 'auto' }, [s])),
      ),
    );
  });
  return details;
}
