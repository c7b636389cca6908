/**
 * The review screen of "Add a story": what extraction found, for the reader
 * to correct before saving. Every edit goes through the pure reducer in
 * review-state.ts and the view is redrawn from the state (focus is put back
 * on the control that had it, or the nearest sensible one). Names from the
 * article are data, never markup. Each entity is drawn by review-entity.ts.
 */
import { ENTITY_TYPES, type EntityType } from '../core/pack';
import { el } from './dom';
import { t, typeCount, typePlural } from './i18n';
import { entityItem, typeSelect, type ReviewView } from './review-entity';
import { reviewProblems, reviewReducer, type DraftEntity, type ReviewState } from './review-state';

export interface ReviewHandlers {
  /** saves the story; resolves to problems to show (empty or void when saved) */
  onSave(state: ReviewState): Promise<string[] | void>;
  onCancel(): void;
}

/** "2 people, 1 place, 0 organizations" */
function countsLine(entities: DraftEntity[]): string {
  return ENTITY_TYPES.map((type) => typeCount(type, entities.filter((e) => e.type === type).length)).join(', ');
}

interface Review extends ReviewView {
  root: HTMLElement;
  state: ReviewState;
  problems: string[];
  saving: boolean;
  warnings: string[];
  handlers: ReviewHandlers;
  /** the article's sentences that name an entity the reader adds ("what the story says") */
  sentencesFor(name: string): string[];
  draw(focusKey?: string): void;
}

export function mountReview(
  container: HTMLElement,
  initial: ReviewState,
  handlers: ReviewHandlers,
  warnings: string[] = [],
  sentencesFor: (name: string) => string[] = () => [],
): { state(): ReviewState } {
  const doc = container.ownerDocument;
  const r: Review = {
    doc,
    root: el(doc, 'div', { className: 'sl-review', role: 'region', 'aria-labelledby': 'sl-review-title' }),
    state: initial,
    problems: [],
    saving: false,
    warnings,
    handlers,
    sentencesFor,
    dispatch(action, focusKey) {
      r.state = reviewReducer(r.state, action);
      r.problems = [];
      r.draw(focusKey ?? currentFocusKey(r));
    },
    draw(focusKey) {
      r.root.replaceChildren(...reviewChildren(r).filter((c): c is Node => c != null));
      if (focusKey) r.root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    },
  };
  container.replaceChildren(r.root);
  r.draw('review-title');
  return { state: () => r.state };
}

function currentFocusKey(r: Review): string | undefined {
  const active = r.doc.activeElement as HTMLElement | null;
  return active && r.root.contains(active) ? (active.dataset.focusKey ?? undefined) : undefined;
}

function reviewChildren(r: Review): (Node | null)[] {
  const { doc, state } = r;
  const list = (cls: string, label: string, items: string[], role?: string) =>
    el(
      doc,
      'ul',
      { className: cls, role: role ?? null, 'aria-label': label },
      items.map((w) => el(doc, 'li', {}, [w])),
    );
  return [
    el(doc, 'h4', { id: 'sl-review-title', tabindex: '-1', 'data-focus-key': 'review-title' }, [t('reviewTitle')]),
    el(doc, 'p', { className: 'sl-muted' }, [t('reviewIntro', countsLine(state.entities))]),
    r.warnings.length ? list('sl-warnings', t('reviewWarnings'), r.warnings) : null,
    storyFields(r),
    ...ENTITY_TYPES.map((type) => typeGroup(r, type)),
    state.entities.length === 0 ? el(doc, 'p', { className: 'sl-muted' }, [t('reviewNoEntities')]) : null,
    addEntity(r),
    r.problems.length ? list('sl-problems', t('reviewCannotSave'), r.problems, 'alert') : null,
    el(doc, 'div', { className: 'sl-actions' }, [
      el(
        doc,
        'button',
        { type: 'button', className: 'sl-primary', 'data-focus-key': 'save', disabled: r.saving, onclick: () => void save(r) },
        [r.saving ? t('reviewSaving') : t('reviewSave')],
      ),
      el(
        doc,
        'button',
        { type: 'button', className: 'sl-ghost', 'data-focus-key': 'cancel', disabled: r.saving, onclick: () => r.handlers.onCancel() },
        [t('reviewCancel')],
      ),
    ]),
  ];
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

function typeGroup(r: Review, type: EntityType): HTMLElement | null {
  const { doc, state } = r;
  const members = state.entities.filter((e) => e.type === type);
  if (!members.length) return null;
  const nextAfter = (e: DraftEntity) => {
    const i = state.entities.indexOf(e);
    return (state.entities[i + 1] ?? state.entities[i - 1])?.key;
  };
  return el(doc, 'section', { className: 'sl-type-group', 'aria-labelledby': `sl-group-${type}` }, [
    el(doc, 'h5', { id: `sl-group-${type}` }, [t('reviewGroup', typePlural(type), members.length)]),
    el(
      doc,
      'ul',
      { className: 'sl-entity-list' },
      members.map((e) =>
        entityItem(
          r,
          e,
          state.entities.filter((o) => o.key !== e.key),
          nextAfter(e),
        ),
      ),
    ),
  ]);
}

/** "Add a person, place or organization the article names" (the type menu starts at person on every redraw). */
function addEntity(r: Review): HTMLElement {
  const { doc } = r;
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
    r.dispatch({ type: 'add', name: v, entityType: addType, sentences: r.sentencesFor(v) }, 'add-name');
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

async function save(r: Review) {
  // A field still being edited has not fired "change": take its value first.
  const active = r.doc.activeElement as HTMLInputElement | null;
  if (active && r.root.contains(active) && 'value' in active) active.blur();
  r.problems = reviewProblems(r.state);
  if (r.problems.length) return r.draw('save');
  r.saving = true;
  r.draw('save');
  try {
    r.problems = (await r.handlers.onSave(r.state)) ?? [];
  } catch (err) {
    r.problems = [(err as Error)?.message ?? t('reviewNotSaved')];
  }
  r.saving = false;
  if (r.root.isConnected) r.draw(r.problems.length ? 'save' : undefined);
}
