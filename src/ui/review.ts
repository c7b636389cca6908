/**
 * The review screen, for "Add a story" and for editing a saved story: the
 * entities to correct before saving. Every edit goes through the pure reducer
 * in review-state.ts; the screen is built once and an edit redraws only the
 * rows of the entities it changed (the reducer keeps every other entity the
 * same object), moves rows between "in the story" and "left out", and updates
 * the counts: with hundreds of entities an edit shows in the next frame.
 * Checks run on save only. Names from the article are data, never markup.
 * Rows are drawn by review-entity.ts, the filters and actions on many by
 * review-toolbar.ts.
 */
import { ENTITY_TYPES } from '../core/pack';
import { el } from './dom';
import { t, typeCount } from './i18n';
import { entityItem, NAMES_LIST_ID, patchEntityItem, type ReviewView } from './review-entity';
import { folded, reviewProblems, reviewReducer, type DraftEntity, type ReviewState } from './review-state';
import { addEntityField, bulkTools, entityMatches, type ReviewFilter } from './review-toolbar';

export interface ReviewHandlers {
  /** saves the story; resolves to problems to show (empty or void when saved) */
  onSave(state: ReviewState): Promise<string[] | void>;
  onCancel(): void;
}

export interface ReviewOptions {
  /** notes on the text, listed above the entities */
  warnings?: string[];
  /** the article's sentences that name an entity the reader adds ("what the story says") */
  sentencesFor?(name: string): string[];
  /** a saved story is being edited (its title in the heading) rather than a new one reviewed */
  editing?: string;
}

/** "2 people, 1 place, 0 organizations" */
function countsLine(entities: DraftEntity[]): string {
  return ENTITY_TYPES.map((type) => typeCount(type, entities.filter((e) => e.type === type).length)).join(', ');
}

export interface Review extends ReviewView {
  root: HTMLElement;
  state: ReviewState;
  handlers: ReviewHandlers;
  options: ReviewOptions;
  saving: boolean;
  /** each entity's row, by key, with the entity it was drawn from */
  rows: Map<string, { entity: DraftEntity; node: HTMLLIElement }>;
  filter: ReviewFilter;
  parts: ReturnType<typeof skeleton>;
  /** the names the datalist holds, joined (rebuilt only when one changes) */
  listedNames: string;
  /** shows or hides every row for the filter, and says how many are shown */
  refilter(): void;
}

export function mountReview(
  container: HTMLElement,
  initial: ReviewState,
  handlers: ReviewHandlers,
  options: ReviewOptions = {},
): { state(): ReviewState } {
  const doc = container.ownerDocument;
  const r = {
    doc,
    root: el(doc, 'div', { className: 'sl-review', role: 'region', 'aria-labelledby': 'sl-review-title' }),
    state: initial,
    handlers,
    options,
    saving: false,
    rows: new Map(),
    filter: { type: 'all', text: '' },
    listedNames: '',
  } as unknown as Review;
  r.dispatch = (action, focusKey) => {
    const focus = focusKey ?? currentFocusKey(r);
    const before = r.state;
    r.state = reviewReducer(before, action);
    showProblems(r, []);
    if (r.state.entities !== before.entities) syncEntities(r);
    // a control patched in place keeps the keyboard; one drawn anew takes it back
    const active = r.doc.activeElement as HTMLElement | null;
    if (focus && active?.dataset.focusKey !== focus) focusControl(r, focus);
  };
  r.keyNamed = (name) => {
    const want = folded(name);
    return want ? r.state.entities.find((e) => e.name.toLocaleLowerCase() === want)?.key : undefined;
  };
  r.keyAfter = (key) => {
    const i = r.state.entities.findIndex((e) => e.key === key);
    return (r.state.entities[i + 1] ?? r.state.entities[i - 1])?.key;
  };
  r.refilter = () => {
    for (const { entity, node } of r.rows.values()) setHidden(node, !entityMatches(r.filter, entity));
    updateCounts(r);
  };
  r.parts = skeleton(r);
  container.replaceChildren(r.root);
  syncEntities(r);
  r.root.querySelector<HTMLElement>('#sl-review-title')?.focus();
  return { state: () => r.state };
}

/** Focuses the control of this focus key; a row's own ("name:e7") is looked for in its row, not the whole screen. */
function focusControl(r: Review, focusKey: string) {
  const selector = `[data-focus-key="${CSS.escape(focusKey)}"]`;
  const row = r.rows.get(focusKey.split(':')[1] ?? '')?.node;
  (row?.querySelector<HTMLElement>(selector) ?? r.root.querySelector<HTMLElement>(selector))?.focus();
}

function currentFocusKey(r: Review): string | undefined {
  const active = r.doc.activeElement as HTMLElement | null;
  return active && r.root.contains(active) ? (active.dataset.focusKey ?? undefined) : undefined;
}

/** The parts built once: heading, story fields, tools, the two lists, the add field, problems and buttons. */
function skeleton(r: Review) {
  const { doc } = r;
  const list = (label: string) => el(doc, 'ul', { className: 'sl-entity-list', 'aria-label': label });
  // under "Add a story" (h3) the screen's heading is an h4; an edit opens under "Stories" (h2)
  const [title, sub] = r.options.editing ? (['h3', 'h4'] as const) : (['h4', 'h5'] as const);
  const keptHeading = el(doc, sub, { id: 'sl-review-kept', className: 'sl-group-heading' });
  const leftHeading = el(doc, sub, { id: 'sl-review-left', className: 'sl-group-heading' });
  const kept = list(t('reviewKeptLabel'));
  const left = list(t('reviewLeftLabel'));
  const leftSection = el(doc, 'section', { className: 'sl-type-group sl-left-out', 'aria-labelledby': 'sl-review-left' }, [
    leftHeading,
    el(doc, 'p', { className: 'sl-muted' }, [t('reviewLeftHint')]),
    left,
  ]);
  const intro = el(doc, 'p', { className: 'sl-muted' });
  const empty = el(doc, 'p', { className: 'sl-muted' }, [t('reviewNoEntities')]);
  const noMatch = el(doc, 'p', { className: 'sl-muted', hidden: true }, [t('reviewNoMatch')]);
  const problems = el(doc, 'div', { className: 'sl-problems-box' });
  const names = el(doc, 'datalist', { id: NAMES_LIST_ID });
  const shown = el(doc, 'span', { className: 'sl-shown sl-muted', role: 'status' });
  const save = el(doc, 'button', { type: 'button', className: 'sl-primary', 'data-focus-key': 'save', onclick: () => void saveReview(r) }, [
    r.options.editing ? t('reviewSaveChanges') : t('reviewSave'),
  ]);
  const cancel = el(
    doc,
    'button',
    { type: 'button', className: 'sl-ghost', 'data-focus-key': 'cancel', onclick: () => r.handlers.onCancel() },
    [t('reviewCancel')],
  );
  const warnings = r.options.warnings ?? [];
  r.root.replaceChildren(
    el(
      doc,
      title,
      { id: 'sl-review-title', className: 'sl-review-heading', tabindex: '-1', 'data-focus-key': 'review-title', dir: 'auto' },
      [r.options.editing ? t('reviewEditTitle', r.options.editing) : t('reviewTitle')],
    ),
    intro,
    warnings.length
      ? el(
          doc,
          'ul',
          { className: 'sl-warnings', 'aria-label': t('reviewWarnings') },
          warnings.map((w) => el(doc, 'li', {}, [w])),
        )
      : '',
    storyFields(r),
    bulkTools(r, shown),
    el(doc, 'section', { className: 'sl-type-group', 'aria-labelledby': 'sl-review-kept' }, [keptHeading, kept]),
    leftSection,
    empty,
    noMatch,
    names,
    addEntityField(r),
    problems,
    el(doc, 'div', { className: 'sl-actions' }, [save, cancel]),
  );
  return { intro, keptHeading, leftHeading, kept, left, leftSection, empty, noMatch, problems, names, shown, save, cancel };
}

/** Brings the rows in line with the state: new and changed entities redrawn, removed ones gone, the order kept. */
function syncEntities(r: Review) {
  const seen = new Set<string>();
  for (const e of r.state.entities) {
    seen.add(e.key);
    const row = r.rows.get(e.key);
    if (row?.entity === e) continue;
    if (row && patchEntityItem(row.node, row.entity, e)) {
      row.entity = e;
      setHidden(row.node, !entityMatches(r.filter, e));
      continue;
    }
    const node = entityItem(r, e);
    node.hidden = !entityMatches(r.filter, e);
    row?.node.replaceWith(node);
    r.rows.set(e.key, { entity: e, node });
  }
  for (const [key, row] of r.rows) {
    if (seen.has(key)) continue;
    row.node.remove();
    r.rows.delete(key);
  }
  const nodes = (selected: boolean) => r.state.entities.filter((e) => e.selected === selected).map((e) => r.rows.get(e.key)!.node);
  arrange(r.parts.kept, nodes(true));
  arrange(r.parts.left, nodes(false));
  updateNames(r);
  updateCounts(r);
}

/** Puts `nodes` in `list` in this order, moving only the ones out of place. */
function arrange(list: HTMLElement, nodes: HTMLElement[]) {
  const children = list.children;
  nodes.forEach((node, i) => {
    if (children[i] !== node) list.insertBefore(node, children[i] ?? null);
  });
  while (children.length > nodes.length) children[children.length - 1]!.remove();
}

function updateNames(r: Review) {
  const names = r.state.entities.map((e) => e.name);
  const joined = names.join('\n');
  if (joined === r.listedNames) return;
  r.listedNames = joined;
  r.parts.names.replaceChildren(...names.map((n) => el(r.doc, 'option', { value: n })));
}

/** Sets a text or a flag only when it changes: an unchanged write would still make the page lay the list out again. */
function setText(node: HTMLElement, text: string) {
  if (node.textContent !== text) node.textContent = text;
}
function setHidden(node: HTMLElement, hidden: boolean) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

function updateCounts(r: Review) {
  const { parts, state } = r;
  const kept = state.entities.filter((e) => e.selected);
  const left = state.entities.length - kept.length;
  setText(parts.intro, r.options.editing ? t('reviewEditIntro', countsLine(kept)) : t('reviewIntro', countsLine(kept)));
  setText(parts.keptHeading, t('reviewKept', kept.length));
  setText(parts.leftHeading, t('reviewLeftOut', left));
  setHidden(parts.leftSection, left === 0);
  setHidden(parts.empty, state.entities.length > 0);
  const filtered = r.filter.type !== 'all' || r.filter.text;
  const shown = filtered ? state.entities.filter((e) => entityMatches(r.filter, e)).length : state.entities.length;
  setText(parts.shown, t('reviewShowing', shown, state.entities.length));
  setHidden(parts.noMatch, shown > 0 || state.entities.length === 0);
}

/** Title, date and summary of the story. */
function storyFields(r: Review): HTMLElement {
  const { doc, state } = r;
  const field = (cls: string, id: string, label: string, control: HTMLElement) =>
    el(doc, 'div', { className: cls }, [el(doc, 'label', { for: id }, [label]), control]);
  const input = (id: string, type: string, value: string, focusKey: string, set: (v: string) => void, maxlength?: number) =>
    el(doc, 'input', {
      id,
      type,
      value,
      maxlength: maxlength ?? null,
      required: true,
      dir: type === 'text' ? 'auto' : null,
      'data-focus-key': focusKey,
      onchange: (ev: Event) => set((ev.target as HTMLInputElement).value),
    });
  const summary = el(doc, 'textarea', {
    id: 'sl-review-story-summary',
    rows: 3,
    maxlength: 1000,
    dir: 'auto',
    'data-focus-key': 'summary',
    onchange: (ev: Event) => r.dispatch({ type: 'setSummary', summary: (ev.target as HTMLTextAreaElement).value }, 'summary'),
  });
  summary.value = state.summary;
  return el(doc, 'div', { className: 'sl-story-fields' }, [
    field(
      'sl-field sl-grow',
      'sl-review-story-title',
      t('reviewStoryTitle'),
      input('sl-review-story-title', 'text', state.title, 'title', (title) => r.dispatch({ type: 'setTitle', title }, 'title'), 300),
    ),
    field(
      'sl-field',
      'sl-review-story-date',
      t('reviewDate'),
      input('sl-review-story-date', 'date', state.date, 'date', (date) => r.dispatch({ type: 'setDate', date }, 'date')),
    ),
    field('sl-field sl-full', 'sl-review-story-summary', t('reviewSummary'), summary),
  ]);
}

function showProblems(r: Review, problems: string[]) {
  const box = r.parts.problems;
  if (!problems.length) {
    if (box.firstChild) box.replaceChildren();
    return;
  }
  box.replaceChildren(
    el(
      r.doc,
      'ul',
      { className: 'sl-problems', role: 'alert', 'aria-label': t('reviewCannotSave') },
      problems.map((p) => el(r.doc, 'li', {}, [p])),
    ),
  );
}

function setSaving(r: Review, saving: boolean) {
  r.saving = saving;
  r.parts.save.disabled = saving;
  r.parts.cancel.disabled = saving;
  r.parts.save.textContent = saving ? t('reviewSaving') : r.options.editing ? t('reviewSaveChanges') : t('reviewSave');
}

async function saveReview(r: Review) {
  // A field still being edited has not fired "change": take its value first.
  const active = r.doc.activeElement as HTMLInputElement | null;
  if (active && r.root.contains(active) && 'value' in active) active.blur();
  const problems = reviewProblems(r.state);
  showProblems(r, problems);
  if (problems.length) return r.parts.save.focus();
  setSaving(r, true);
  let after: string[];
  try {
    after = (await r.handlers.onSave(r.state)) ?? [];
  } catch (err) {
    after = [(err as Error)?.message ?? t('reviewNotSaved')];
  }
  if (!r.root.isConnected) return;
  setSaving(r, false);
  showProblems(r, after);
  if (after.length) r.parts.save.focus();
}
