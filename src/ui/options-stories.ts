/**
 * "Stories" on the options page: each story with its switch, Rename, Edit
 * and Remove (an edit or a removal with an Undo bar), the stored stories that
 * could not be read, and the slot where "Add a story" mounts. The bundled
 * story can be switched off and renamed, never edited or removed.
 */
import type { StoryInfo } from '../store/stories';
import { editEndMessage, mountStoryEdit, type StoryEditDeps } from './review-edit';
import { ENTITY_TYPES } from '../core/pack';
import { el } from './dom';
import { date, t, typeCount } from './i18n';
import { section, uid, type Say } from './options-form';

export interface StoryListDeps {
  list(): Promise<StoryInfo[]>;
  setEnabled(id: string, on: boolean): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<StoryInfo>;
  undoRemove(): Promise<StoryInfo | null>;
  watch(cb: () => void): () => void;
  /** what is wrong with stored stories that could not be read (they are left out) */
  problems?(): Promise<string[]>;
  /** editing a story of the reader's own on the review screen (no Edit button without it) */
  edit?: StoryEditDeps & { undoEdit(): Promise<StoryInfo | null> };
}

/** The most unreadable stories listed by name. */
const MAX_UNREADABLE = 10;

/** The section, drawn once the stories are read; `addSlot` is where "Add a story" mounts. Returns its watcher's cleanup. */
export async function storiesSection(
  doc: Document,
  deps: StoryListDeps,
  say: Say,
): Promise<{ node: HTMLElement; addSlot: HTMLElement; stop(): void }> {
  const editSlot = el(doc, 'div', { id: 'sl-edit-story-slot' });
  const list = mountStoryList(doc, deps, say, editSlot);
  // a story storage holds but that no longer validates is left out of every read: say so, and why
  const unreadable = el(doc, 'div', { className: 'sl-import-result', id: uid('unreadable-stories'), 'data-kind': 'error', hidden: true });
  const showUnreadable = async () => {
    const problems = (await deps.problems?.()) ?? [];
    unreadable.hidden = problems.length === 0;
    unreadable.replaceChildren(
      el(doc, 'p', {}, [t('optionsUnreadable')]),
      el(
        doc,
        'ul',
        {},
        problems.slice(0, MAX_UNREADABLE).map((p) => el(doc, 'li', {}, [p])),
      ),
    );
  };
  const stop = deps.watch(() => {
    void list.refresh();
    void showUnreadable();
  });
  await Promise.all([list.refresh(), showUnreadable()]);
  const addSlot = el(doc, 'div', { id: 'add-story-slot', className: 'sl-add-slot' });
  const node = section(doc, 'stories', t('optionsStories'), t('optionsStoriesIntro'), [unreadable, list.node, editSlot, addSlot]);
  return { node, addSlot, stop };
}

/** "11 people, 18 places, 9 organizations" (types with none left out) */
function entitySummary(s: Pick<StoryInfo, 'typeCounts'>): string {
  const parts = ENTITY_TYPES.filter((type) => s.typeCounts[type] > 0).map((type) => typeCount(type, s.typeCounts[type]));
  return parts.length ? parts.join(', ') : t('optionsNoEntities');
}

interface StoryList {
  doc: Document;
  deps: StoryListDeps;
  say: Say;
  list: HTMLUListElement;
  undoBar: HTMLElement;
  /** the story being renamed, and what the reader typed (kept when the list re-renders on a storage change) */
  editing: string | null;
  draftTitle: string;
  /** the rename field has been focused once */
  renderedEditing: boolean;
  /** the story the undo bar offers to bring back (after a removal) */
  undoId: string | null;
  /** where a story opens for editing */
  editSlot: HTMLElement;
  refresh(): Promise<void>;
}

function mountStoryList(
  doc: Document,
  deps: StoryListDeps,
  say: Say,
  editSlot: HTMLElement,
): { node: HTMLElement; refresh(): Promise<void> } {
  const s: StoryList = {
    doc,
    deps,
    say,
    editSlot,
    list: el(doc, 'ul', { className: 'sl-stories', id: 'sl-story-list', 'aria-label': t('optionsYourStories') }),
    undoBar: el(doc, 'div', { className: 'sl-undo', id: 'sl-undo', hidden: true }),
    editing: null,
    draftTitle: '',
    renderedEditing: false,
    undoId: null,
    async refresh() {
      const stories = await deps.list();
      if (s.editing && !stories.some((x) => x.id === s.editing)) s.editing = null;
      // the removed story came back another way (an import): nothing left to undo
      if (s.undoId && stories.some((x) => x.id === s.undoId)) {
        s.undoId = null;
        s.undoBar.hidden = true;
      }
      // a re-render must not throw the keyboard out of the list
      const active = doc.activeElement;
      const activeId = active && s.list.contains(active) ? active.id : null;
      s.list.replaceChildren(...stories.map((story) => storyRow(s, story)));
      if (activeId) doc.getElementById(activeId)?.focus();
    },
  };
  return { node: el(doc, 'div', {}, [s.list, s.undoBar]), refresh: s.refresh };
}

function focusRow(s: StoryList, id: string, selector: string) {
  const row = s.list.querySelector<HTMLElement>(`li[data-story="${CSS.escape(id)}"]`);
  row?.querySelector<HTMLElement>(selector)?.focus();
}

function showUndo(s: StoryList, removed: StoryInfo) {
  undoBar(s, t('optionsStoryRemoved', removed.title), async () => {
    const back = await s.deps.undoRemove();
    return () => {
      if (!back) return;
      s.say(t('optionsStoryBack', back.title));
      focusRow(s, back.id, 'input[type=checkbox]');
    };
  });
  s.undoId = removed.id;
}

/** The bar that offers to undo the last removal or edit; what `undo` returns runs once the list is redrawn. */
function undoBar(s: StoryList, text: string, undo: () => Promise<() => void>) {
  const run = async () => {
    s.undoBar.hidden = true;
    s.undoId = null;
    const after = await undo();
    await s.refresh();
    after();
  };
  const button = el(s.doc, 'button', { type: 'button', className: 'sl-button', onclick: () => void run() }, [t('optionsUndo')]);
  s.undoBar.replaceChildren(el(s.doc, 'span', {}, [text]), button);
  s.undoBar.hidden = false;
  button.focus();
}

/** Opens the story on the review screen; when the edit ends, says how and offers to undo a saved one. */
async function openEdit(s: StoryList, story: StoryInfo) {
  const edit = s.deps.edit;
  if (!edit) return;
  s.undoBar.hidden = true;
  await mountStoryEdit(s.editSlot, story.id, edit, (end) => {
    s.say(editEndMessage(end), end.gone ? 'error' : 'ok');
    if (!end.saved) return focusRow(s, story.id, '.sl-edit-button');
    undoBar(s, t('optionsStoryEdited', end.saved), async () => {
      const back = await edit.undoEdit();
      return () => {
        if (!back) return;
        s.say(t('optionsEditUndone', back.title));
        focusRow(s, back.id, '.sl-edit-button');
      };
    });
  });
}

function storyRow(s: StoryList, story: StoryInfo): HTMLLIElement {
  const { doc } = s;
  const switchId = `sl-story-${story.id}`;
  const toggle = el(doc, 'input', { type: 'checkbox', role: 'switch', id: switchId, 'aria-describedby': `${switchId}-meta` });
  toggle.checked = story.enabled;
  toggle.addEventListener('change', async () => {
    await s.deps.setEnabled(story.id, toggle.checked);
    s.say(toggle.checked ? t('optionsStoryOn', story.title) : t('optionsStoryOff', story.title));
  });
  const meta = [
    story.bundled ? t('optionsStoryBundled') : t('optionsStoryAdded', date(story.addedAt.slice(0, 10))),
    t('optionsStoryOf', date(story.date)),
    entitySummary(story),
  ];
  if (story.title !== story.originalTitle) meta.push(t('optionsStoryOriginally', story.originalTitle));
  const editing = s.editing === story.id;
  return el(doc, 'li', { className: 'sl-story', 'data-story': story.id }, [
    el(doc, 'div', { className: 'sl-story-switch' }, [toggle]),
    el(doc, 'div', { className: 'sl-story-body' }, [
      editing
        ? renameForm(s, story, switchId)
        : el(doc, 'label', { for: switchId, className: 'sl-story-title', dir: 'auto' }, [story.title]),
      el(doc, 'p', { id: `${switchId}-meta`, className: 'sl-hint' }, [meta.join(' · ')]),
    ]),
    el(doc, 'div', { className: 'sl-story-actions' }, editing ? [] : storyActions(s, story)),
  ]);
}

function storyActions(s: StoryList, story: StoryInfo): HTMLElement[] {
  const { doc } = s;
  const rename = async () => {
    s.editing = story.id;
    s.draftTitle = story.title;
    s.renderedEditing = false;
    await s.refresh();
  };
  const remove = async () => {
    try {
      const removed = await s.deps.remove(story.id);
      await s.refresh();
      showUndo(s, removed);
    } catch (err) {
      s.say((err as Error).message, 'error');
    }
  };
  const buttons = [
    el(
      doc,
      'button',
      { type: 'button', className: 'sl-link-button sl-rename-button', 'aria-label': t('optionsRenameStory', story.title), onclick: rename },
      [t('optionsRename')],
    ),
  ];
  if (!story.bundled && s.deps.edit)
    buttons.push(
      el(
        doc,
        'button',
        {
          type: 'button',
          className: 'sl-link-button sl-edit-button',
          'aria-label': t('optionsEditStory', story.title),
          onclick: () => void openEdit(s, story),
        },
        [t('optionsEdit')],
      ),
    );
  if (!story.bundled)
    buttons.push(
      el(
        doc,
        'button',
        { type: 'button', className: 'sl-link-button sl-danger', 'aria-label': t('optionsRemoveStory', story.title), onclick: remove },
        [t('optionsRemove')],
      ),
    );
  return buttons;
}

function renameForm(s: StoryList, story: StoryInfo, switchId: string): HTMLElement {
  const { doc } = s;
  const inputId = `${switchId}-title`;
  const input = el(doc, 'input', { type: 'text', id: inputId, className: 'sl-text', value: s.draftTitle, maxlength: 300, dir: 'auto' });
  input.addEventListener('input', () => (s.draftTitle = input.value));
  const done = async () => {
    s.editing = null;
    await s.refresh();
    focusRow(s, story.id, '.sl-rename-button');
  };
  const cancel = el(doc, 'button', { type: 'button', className: 'sl-button', onclick: () => void done() }, [t('optionsCancel')]);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') cancel.click();
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await s.deps.rename(story.id, input.value);
      s.editing = null;
      await s.refresh();
      s.say(t('optionsStoryRenamed'));
      focusRow(s, story.id, '.sl-rename-button');
    } catch (err) {
      s.say((err as Error).message, 'error');
      input.focus();
    }
  };
  if (!s.renderedEditing) {
    s.renderedEditing = true;
    queueMicrotask(() => {
      input.focus();
      input.select();
    });
  }
  return el(doc, 'form', { className: 'sl-rename', onsubmit: submit }, [
    el(doc, 'label', { for: inputId, className: 'sl-sr-only' }, [t('optionsNewTitle')]),
    input,
    el(doc, 'button', { type: 'submit', className: 'sl-button sl-primary' }, [t('optionsSave')]),
    cancel,
  ]);
}
