/**
 * The review screen of "Add a story": what extraction found, for the reader
 * to correct before saving. Every edit goes through the pure reducer in
 * review-state.ts and the view is redrawn from the state (focus is put back
 * on the control that had it, or the nearest sensible one). Built with DOM
 * APIs and textContent only: names from the article are data, never markup.
 */
import { ENTITY_TYPES, type EntityType } from '../core/pack';
import { el, srOnly } from './popup-dom';
import { reviewProblems, reviewReducer, type DraftEntity, type ReviewAction, type ReviewState } from './review-state';

export interface ReviewHandlers {
  /** saves the story; resolves to problems to show (empty or void when saved) */
  onSave(state: ReviewState): Promise<string[] | void>;
  onCancel(): void;
}

const TYPE_LABEL: Record<EntityType, string> = { person: 'Person', place: 'Place', organization: 'Organization' };
const TYPE_PLURAL: Record<EntityType, [string, string]> = {
  person: ['person', 'people'],
  place: ['place', 'places'],
  organization: ['organization', 'organizations'],
};

export function countsLine(entities: DraftEntity[]): string {
  return ENTITY_TYPES.map((t) => {
    const n = entities.filter((e) => e.type === t).length;
    return `${n} ${TYPE_PLURAL[t][n === 1 ? 0 : 1]}`;
  }).join(', ');
}

export function mountReview(
  container: HTMLElement,
  initial: ReviewState,
  handlers: ReviewHandlers,
  warnings: string[] = [],
  /** the article's sentences that name an entity the reader adds ("what the story says") */
  sentencesFor: (name: string) => string[] = () => [],
): { state(): ReviewState } {
  const doc = container.ownerDocument;
  let state = initial;
  let problems: string[] = [];
  let saving = false;

  const root = el(doc, 'div', { className: 'sl-review', role: 'region', 'aria-labelledby': 'sl-review-title' });
  container.replaceChildren(root);

  const dispatch = (action: ReviewAction, focusKey?: string) => {
    state = reviewReducer(state, action);
    problems = [];
    draw(focusKey ?? currentFocusKey());
  };

  function currentFocusKey(): string | undefined {
    const active = doc.activeElement as HTMLElement | null;
    return active && root.contains(active) ? (active.dataset.focusKey ?? undefined) : undefined;
  }

  function typeSelect(id: string, value: EntityType, label: string, onChange: (t: EntityType) => void, focusKey: string): HTMLElement {
    const select = el(doc, 'select', {
      id,
      'data-focus-key': focusKey,
      'aria-label': label,
      onchange: (ev: Event) => onChange((ev.target as HTMLSelectElement).value as EntityType),
    });
    for (const t of ENTITY_TYPES) select.append(el(doc, 'option', { value: t, selected: t === value }, [TYPE_LABEL[t]]));
    select.value = value;
    return select;
  }

  function entityItem(e: DraftEntity, others: DraftEntity[]): HTMLElement {
    const k = e.key;
    const nameId = `sl-name-${k}`;
    const aliasInputId = `sl-alias-${k}`;
    const mergeId = `sl-merge-${k}`;
    const aliasList = el(
      doc,
      'ul',
      { className: 'sl-aliases', 'aria-label': `Other names of ${e.name}` },
      e.aliases.map((a, i) =>
        el(doc, 'li', { className: 'sl-alias' }, [
          el(doc, 'span', {}, [a]),
          el(
            doc,
            'button',
            {
              type: 'button',
              className: 'sl-chip-button',
              'data-focus-key': `split:${k}:${i}`,
              'aria-label': `Make “${a}” its own entity`,
              title: 'Make it its own entity',
              onclick: () => dispatch({ type: 'split', key: k, alias: a }, `name:${k}`),
            },
            ['Split'],
          ),
          el(
            doc,
            'button',
            {
              type: 'button',
              className: 'sl-chip-button',
              'data-focus-key': `unalias:${k}:${i}`,
              'aria-label': `Remove the name “${a}” from ${e.name}`,
              title: 'Remove this name',
              onclick: () =>
                dispatch(
                  { type: 'removeAlias', key: k, alias: a },
                  e.aliases[i + 1] || e.aliases[i - 1] ? `unalias:${k}:${Math.max(0, i - (e.aliases[i + 1] ? 0 : 1))}` : `alias-input:${k}`,
                ),
            },
            ['×'],
          ),
        ]),
      ),
    );
    const aliasInput = el(doc, 'input', {
      id: aliasInputId,
      type: 'text',
      maxlength: 120,
      'data-focus-key': `alias-input:${k}`,
      placeholder: 'Another name',
    });
    const addAlias = () => {
      const v = aliasInput.value.trim();
      if (v) dispatch({ type: 'addAlias', key: k, alias: v }, `alias-input:${k}`);
    };
    aliasInput.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        addAlias();
      }
    });
    const mergeSelect = el(doc, 'select', { id: mergeId, 'data-focus-key': `merge-select:${k}` }, [
      el(doc, 'option', { value: '' }, ['Merge into…']),
      ...others.map((o) => el(doc, 'option', { value: o.key }, [`${o.name} (${TYPE_LABEL[o.type].toLowerCase()})`])),
    ]);
    const sentences = e.sentences.length
      ? el(doc, 'details', { className: 'sl-sentences' }, [
          el(doc, 'summary', {}, [`What the story says (${e.sentences.length} ${e.sentences.length === 1 ? 'sentence' : 'sentences'})`]),
          el(
            doc,
            'ul',
            {},
            e.sentences.slice(0, 20).map((s) => el(doc, 'li', {}, [s])),
          ),
        ])
      : el(doc, 'p', { className: 'sl-muted' }, ['No sentence of the article names it.']);

    return el(doc, 'li', { className: 'sl-entity-edit', 'data-type': e.type, 'data-entity-key': k }, [
      el(doc, 'div', { className: 'sl-entity-head' }, [
        el(doc, 'label', { className: 'sl-sr-only', for: nameId }, [`Name (${TYPE_LABEL[e.type].toLowerCase()})`]),
        el(doc, 'input', {
          id: nameId,
          type: 'text',
          className: 'sl-name-input',
          value: e.name,
          maxlength: 120,
          required: true,
          'data-focus-key': `name:${k}`,
          onchange: (ev: Event) => dispatch({ type: 'rename', key: k, name: (ev.target as HTMLInputElement).value }, `name:${k}`),
        }),
        typeSelect(
          `sl-type-${k}`,
          e.type,
          `Type of ${e.name}`,
          (t) => dispatch({ type: 'setType', key: k, entityType: t }, `type:${k}`),
          `type:${k}`,
        ),
        others.length
          ? el(doc, 'span', { className: 'sl-merge' }, [
              el(doc, 'label', { for: mergeId, className: 'sl-sr-only' }, [`Merge ${e.name} into another entity`]),
              mergeSelect,
              el(
                doc,
                'button',
                {
                  type: 'button',
                  className: 'sl-ghost',
                  'data-focus-key': `merge:${k}`,
                  onclick: () => {
                    if (mergeSelect.value) dispatch({ type: 'merge', into: mergeSelect.value, from: k }, `name:${mergeSelect.value}`);
                  },
                },
                ['Merge', srOnly(doc, ` ${e.name}`)],
              ),
            ])
          : null,
        el(
          doc,
          'button',
          {
            type: 'button',
            className: 'sl-ghost',
            'data-focus-key': `remove:${k}`,
            'aria-label': `Remove ${e.name}`,
            onclick: () => {
              const list = state.entities;
              const i = list.findIndex((x) => x.key === k);
              const next = list[i + 1] ?? list[i - 1];
              dispatch({ type: 'remove', key: k }, next ? `name:${next.key}` : 'add-name');
            },
          },
          ['Remove'],
        ),
      ]),
      el(doc, 'div', { className: 'sl-entity-body' }, [
        el(doc, 'div', { className: 'sl-inline sl-names-row' }, [
          el(doc, 'span', { className: 'sl-names-label', 'aria-hidden': 'true' }, ['Also written']),
          e.aliases.length ? aliasList : el(doc, 'span', { className: 'sl-muted' }, ['(no other names)']),
          el(doc, 'label', { for: aliasInputId, className: 'sl-sr-only' }, [`Another name for ${e.name}`]),
          aliasInput,
          el(doc, 'button', { type: 'button', className: 'sl-ghost sl-small', 'data-focus-key': `alias-add:${k}`, onclick: addAlias }, [
            'Add name',
            srOnly(doc, ` to ${e.name}`),
          ]),
        ]),
        sentences,
      ]),
    ]);
  }

  function draw(focusKey?: string) {
    const titleInput = el(doc, 'input', {
      id: 'sl-review-story-title',
      type: 'text',
      value: state.title,
      maxlength: 300,
      required: true,
      'data-focus-key': 'title',
      onchange: (ev: Event) => dispatch({ type: 'setTitle', title: (ev.target as HTMLInputElement).value }, 'title'),
    });
    const dateInput = el(doc, 'input', {
      id: 'sl-review-story-date',
      type: 'date',
      value: state.date,
      required: true,
      'data-focus-key': 'date',
      onchange: (ev: Event) => dispatch({ type: 'setDate', date: (ev.target as HTMLInputElement).value }, 'date'),
    });
    const summaryInput = el(doc, 'textarea', {
      id: 'sl-review-story-summary',
      rows: 3,
      maxlength: 1000,
      'data-focus-key': 'summary',
      onchange: (ev: Event) => dispatch({ type: 'setSummary', summary: (ev.target as HTMLTextAreaElement).value }, 'summary'),
    });
    summaryInput.value = state.summary;

    const addName = el(doc, 'input', {
      id: 'sl-add-entity-name',
      type: 'text',
      maxlength: 120,
      'data-focus-key': 'add-name',
      placeholder: 'Name as the article writes it',
    });
    let addType: EntityType = 'person';
    const addEntity = () => {
      const v = addName.value.trim();
      if (!v) return addName.focus();
      dispatch({ type: 'add', name: v, entityType: addType, sentences: sentencesFor(v) }, 'add-name');
    };
    addName.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        addEntity();
      }
    });

    const groups = ENTITY_TYPES.map((t) => {
      const members = state.entities.filter((e) => e.type === t);
      if (!members.length) return null;
      return el(doc, 'section', { className: 'sl-type-group', 'aria-labelledby': `sl-group-${t}` }, [
        el(doc, 'h5', { id: `sl-group-${t}` }, [`${TYPE_PLURAL[t][1][0].toUpperCase()}${TYPE_PLURAL[t][1].slice(1)} (${members.length})`]),
        el(
          doc,
          'ul',
          { className: 'sl-entity-list' },
          members.map((e) =>
            entityItem(
              e,
              state.entities.filter((o) => o.key !== e.key),
            ),
          ),
        ),
      ]);
    });

    const children: (Node | null)[] = [
      el(doc, 'h4', { id: 'sl-review-title', tabindex: '-1', 'data-focus-key': 'review-title' }, ['Review the story']),
      el(doc, 'p', { className: 'sl-muted' }, [
        `Story Lens found ${countsLine(state.entities)}. Correct names, types and other names, merge or split, then save. Nothing is saved until you do.`,
      ]),
      warnings.length
        ? el(
            doc,
            'ul',
            { className: 'sl-warnings', 'aria-label': 'Notes on the text' },
            warnings.map((w) => el(doc, 'li', {}, [w])),
          )
        : null,
      el(doc, 'div', { className: 'sl-story-fields' }, [
        el(doc, 'div', { className: 'sl-field sl-grow' }, [
          el(doc, 'label', { for: 'sl-review-story-title' }, ['Story title']),
          titleInput,
        ]),
        el(doc, 'div', { className: 'sl-field' }, [el(doc, 'label', { for: 'sl-review-story-date' }, ['Date']), dateInput]),
        el(doc, 'div', { className: 'sl-field sl-full' }, [
          el(doc, 'label', { for: 'sl-review-story-summary' }, ['Summary (optional, shown in the popup)']),
          summaryInput,
        ]),
      ]),
      ...groups,
      state.entities.length === 0
        ? el(doc, 'p', { className: 'sl-muted' }, ['No people, places or organizations yet: add them below.'])
        : null,
      el(doc, 'fieldset', { className: 'sl-add-entity' }, [
        el(doc, 'legend', {}, ['Add a person, place or organization the article names']),
        el(doc, 'div', { className: 'sl-inline' }, [
          el(doc, 'label', { for: 'sl-add-entity-name', className: 'sl-sr-only' }, ['Name']),
          addName,
          typeSelect('sl-add-entity-type', addType, 'Type of the new entity', (t) => (addType = t), 'add-type'),
          el(doc, 'button', { type: 'button', className: 'sl-ghost', 'data-focus-key': 'add-entity', onclick: addEntity }, ['Add']),
        ]),
      ]),
      problems.length
        ? el(
            doc,
            'ul',
            { className: 'sl-problems', role: 'alert', 'aria-label': 'Cannot save yet' },
            problems.map((p) => el(doc, 'li', {}, [p])),
          )
        : null,
      el(doc, 'div', { className: 'sl-actions' }, [
        el(
          doc,
          'button',
          { type: 'button', className: 'sl-primary', 'data-focus-key': 'save', disabled: saving, onclick: () => void save() },
          [saving ? 'Saving…' : 'Save story'],
        ),
        el(
          doc,
          'button',
          { type: 'button', className: 'sl-ghost', 'data-focus-key': 'cancel', disabled: saving, onclick: () => handlers.onCancel() },
          ['Cancel'],
        ),
      ]),
    ];
    root.replaceChildren(...children.filter((c): c is Node => c != null));
    if (focusKey) root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  async function save() {
    // A field still being edited has not fired "change": take its value first.
    const active = doc.activeElement as HTMLInputElement | null;
    if (active && root.contains(active) && 'value' in active) active.blur();
    problems = reviewProblems(state);
    if (problems.length) return draw('save');
    saving = true;
    draw('save');
    try {
      problems = (await handlers.onSave(state)) ?? [];
    } catch (err) {
      problems = [(err as Error)?.message ?? 'The story could not be saved.'];
    }
    saving = false;
    if (root.isConnected) draw(problems.length ? 'save' : undefined);
  }

  draw('review-title');
  return { state: () => state };
}
