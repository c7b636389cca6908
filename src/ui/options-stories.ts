/**
 * The stories on the options page: each one with its switch, Rename and
 * Remove (with an Undo bar). The bundled story can be switched off and
 * renamed, never removed.
 */
import type { StoryInfo } from '../store/stories';
import { el } from './popup-dom';

export interface StoryListDeps {
  list(): Promise<StoryInfo[]>;
  setEnabled(id: string, on: boolean): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<StoryInfo>;
  undoRemove(): Promise<StoryInfo | null>;
  say(text: string, kind?: 'ok' | 'error'): void;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function storyDate(date: string): string {
  const d = new Date(date.length === 7 ? `${date}-01T00:00:00Z` : `${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return date.length === 7
    ? new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d)
    : dateFormat.format(d);
}

/** "11 people, 18 places, 9 organizations" (types with none left out) */
export function entitySummary(s: Pick<StoryInfo, 'typeCounts'>): string {
  const words: [number, string, string][] = [
    [s.typeCounts.person, 'person', 'people'],
    [s.typeCounts.place, 'place', 'places'],
    [s.typeCounts.organization, 'organization', 'organizations'],
  ];
  const parts = words.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return parts.length ? parts.join(', ') : 'no entities';
}

export function mountStoryList(doc: Document, deps: StoryListDeps): { node: HTMLElement; refresh(): Promise<void> } {
  const list = el(doc, 'ul', { className: 'sl-stories', id: 'sl-story-list', 'aria-label': 'Your stories' });
  const undoBar = el(doc, 'div', { className: 'sl-undo', id: 'sl-undo', hidden: true });
  let editing: string | null = null;
  /** what the reader typed in the rename field (kept when the list re-renders on a storage change) */
  let draftTitle = '';
  let renderedEditing = false;
  let stories: StoryInfo[] = [];
  /** the story the undo bar offers to bring back */
  let undoId: string | null = null;

  const focusRow = (id: string, selector: string) => {
    const row = list.querySelector<HTMLElement>(`li[data-story="${CSS.escape(id)}"]`);
    row?.querySelector<HTMLElement>(selector)?.focus();
  };

  const showUndo = (removed: StoryInfo) => {
    const undo = el(doc, 'button', { type: 'button', className: 'sl-button' }, ['Undo']);
    undo.addEventListener('click', async () => {
      const back = await deps.undoRemove();
      undoBar.hidden = true;
      await refresh();
      if (back) {
        deps.say(`“${back.title}” is back.`);
        focusRow(back.id, 'input[type=checkbox]');
      }
    });
    undoBar.replaceChildren(el(doc, 'span', {}, [`Removed “${removed.title}”.`]), undo);
    undoBar.hidden = false;
    undoId = removed.id;
    undo.focus();
  };

  const row = (s: StoryInfo): HTMLLIElement => {
    const switchId = `sl-story-${s.id}`;
    const toggle = el(doc, 'input', { type: 'checkbox', role: 'switch', id: switchId, 'aria-describedby': `${switchId}-meta` });
    toggle.checked = s.enabled;
    toggle.addEventListener('change', async () => {
      await deps.setEnabled(s.id, toggle.checked);
      deps.say(`“${s.title}” is ${toggle.checked ? 'on' : 'off'}.`);
    });
    const meta = [
      s.bundled ? 'Comes with Story Lens' : `Added ${storyDate(s.addedAt.slice(0, 10))}`,
      `story of ${storyDate(s.date)}`,
      entitySummary(s),
    ];
    if (s.title !== s.originalTitle) meta.push(`originally “${s.originalTitle}”`);

    let body: HTMLElement;
    if (editing === s.id) {
      const inputId = `${switchId}-title`;
      const input = el(doc, 'input', { type: 'text', id: inputId, className: 'sl-text', value: draftTitle, maxlength: 300 });
      input.addEventListener('input', () => (draftTitle = input.value));
      const saveBtn = el(doc, 'button', { type: 'submit', className: 'sl-button sl-primary' }, ['Save']);
      const cancel = el(doc, 'button', { type: 'button', className: 'sl-button' }, ['Cancel']);
      const form = el(doc, 'form', { className: 'sl-rename' }, [
        el(doc, 'label', { for: inputId, className: 'sl-sr-only' }, ['New title']),
        input,
        saveBtn,
        cancel,
      ]);
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await deps.rename(s.id, input.value);
          editing = null;
          await refresh();
          deps.say('Story renamed.');
          focusRow(s.id, '.sl-rename-button');
        } catch (err) {
          deps.say((err as Error).message, 'error');
          input.focus();
        }
      });
      cancel.addEventListener('click', async () => {
        editing = null;
        await refresh();
        focusRow(s.id, '.sl-rename-button');
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') cancel.click();
      });
      body = form;
      if (!renderedEditing) {
        renderedEditing = true;
        queueMicrotask(() => {
          input.focus();
          input.select();
        });
      }
    } else {
      body = el(doc, 'label', { for: switchId, className: 'sl-story-title' }, [s.title]);
    }

    const rename = el(
      doc,
      'button',
      { type: 'button', className: 'sl-link-button sl-rename-button', 'aria-label': `Rename “${s.title}”` },
      ['Rename'],
    );
    rename.addEventListener('click', async () => {
      editing = s.id;
      draftTitle = s.title;
      renderedEditing = false;
      await refresh();
    });
    let remove: HTMLButtonElement | null = null;
    if (!s.bundled) {
      remove = el(doc, 'button', { type: 'button', className: 'sl-link-button sl-danger', 'aria-label': `Remove “${s.title}”` }, [
        'Remove',
      ]);
      remove.addEventListener('click', async () => {
        try {
          const removed = await deps.remove(s.id);
          await refresh();
          showUndo(removed);
        } catch (err) {
          deps.say((err as Error).message, 'error');
        }
      });
    }

    return el(doc, 'li', { className: 'sl-story', 'data-story': s.id }, [
      el(doc, 'div', { className: 'sl-story-switch' }, [toggle]),
      el(doc, 'div', { className: 'sl-story-body' }, [
        body,
        el(doc, 'p', { id: `${switchId}-meta`, className: 'sl-hint' }, [meta.join(' · ')]),
      ]),
      el(doc, 'div', { className: 'sl-story-actions' }, [editing === s.id ? null : rename, editing === s.id ? null : remove]),
    ]);
  };

  async function refresh() {
    stories = await deps.list();
    if (editing && !stories.some((s) => s.id === editing)) editing = null;
    // the removed story came back another way (an import): nothing left to undo
    if (undoId && stories.some((s) => s.id === undoId)) {
      undoId = null;
      undoBar.hidden = true;
    }
    // a re-render must not throw the keyboard out of the list
    const active = doc.activeElement;
    const activeId = active && list.contains(active) ? active.id : null;
    list.replaceChildren(...stories.map(row));
    if (activeId) doc.getElementById(activeId)?.focus();
  }

  return { node: el(doc, 'div', {}, [list, undoBar]), refresh };
}
