/** The parts of "Add a story" that stay put: heading, the handed-over article's note, the text field, progress, message, review slot. */
import { el } from './dom';
import { t } from './i18n';

export interface AddStoryView {
  doc: Document;
  section: HTMLElement;
  heading: HTMLElement;
  draftNote: HTMLElement;
  form: HTMLElement;
  textarea: HTMLTextAreaElement;
  findButton: HTMLButtonElement;
  progressBox: HTMLElement;
  progress: HTMLProgressElement;
  progressLabel: HTMLElement;
  cancelButton: HTMLButtonElement;
  /** the status line, announced (at once for errors) */
  message: HTMLElement;
  reviewBox: HTMLElement;
}

export function addStoryView(doc: Document): AddStoryView {
  const heading = el(doc, 'h3', { id: 'sl-add-story-title', tabindex: '-1' }, [t('addTitle')]);
  const draftNote = el(doc, 'div', { className: 'sl-draft', hidden: true });
  const textarea = el(doc, 'textarea', {
    id: 'sl-add-story-text',
    rows: 10,
    spellcheck: 'false',
    'aria-describedby': 'sl-add-story-hint',
    placeholder: t('addPlaceholder'),
  });
  const findButton = el(doc, 'button', { type: 'button', className: 'sl-primary' }, [t('addFind')]);
  const form = el(doc, 'div', { className: 'sl-paste' }, [
    el(doc, 'label', { for: 'sl-add-story-text', className: 'sl-label' }, [t('addTextLabel')]),
    textarea,
    el(doc, 'p', { id: 'sl-add-story-hint', className: 'sl-muted' }, [t('addTextHint')]),
    el(doc, 'div', { className: 'sl-actions' }, [findButton]),
  ]);
  const progress = el(doc, 'progress', { id: 'sl-add-story-progress', max: 1, 'aria-labelledby': 'sl-add-story-progress-label' });
  const progressLabel = el(doc, 'span', { id: 'sl-add-story-progress-label' }, [t('addReading')]);
  const cancelButton = el(doc, 'button', { type: 'button', className: 'sl-ghost' }, [t('addCancel')]);
  const progressBox = el(doc, 'div', { className: 'sl-progress', hidden: true }, [progressLabel, progress, cancelButton]);
  const message = el(doc, 'div', { className: 'sl-message', role: 'status' });
  const reviewBox = el(doc, 'div', { className: 'sl-review-box', hidden: true });
  const section = el(doc, 'section', { id: 'add-story', className: 'sl-add-story', 'aria-labelledby': 'sl-add-story-title' }, [
    heading,
    el(doc, 'p', { className: 'sl-muted' }, [t('addIntro')]),
    draftNote,
    form,
    progressBox,
    message,
    reviewBox,
  ]);
  return {
    doc,
    section,
    heading,
    draftNote,
    form,
    textarea,
    findButton,
    progressBox,
    progress,
    progressLabel,
    cancelButton,
    message,
    reviewBox,
  };
}
