/**
 * Export, import and reset on the options page. Export downloads one JSON
 * file (a blob URL and <a download>: no permission, no network). Import reads
 * the chosen file, and the store validates all of it before writing anything
 * (src/store/backup.ts): a refused file's problems are listed here as text.
 * Reset asks for a confirmation in the page (no window.confirm).
 */
import type { BackupFile, ImportResult } from '../store/backup';
import { MAX_BACKUP_BYTES } from '../store/backup';
import type { Settings } from '../core/settings';
import { el } from './popup-dom';

export interface BackupDeps {
  exportBackup(): Promise<BackupFile>;
  backupFileName(): string;
  importBackup(text: string, bytes: number): Promise<{ ok: true; added: number; replaced: number } | Extract<ImportResult, { ok: false }>>;
  resetSettings(): Promise<Settings>;
}

/** The most problems listed at once: a hostile file could hold thousands. */
const MAX_LISTED = 20;

export function mountBackup(doc: Document, deps: BackupDeps & { say(text: string, kind?: 'ok' | 'error'): void }): { node: HTMLElement } {
  const win = doc.defaultView!;

  // ---- export
  const exportBtn = el(doc, 'button', { type: 'button', className: 'sl-button', id: 'sl-export' }, ['Export stories and settings']);
  exportBtn.addEventListener('click', async () => {
    const file = await deps.exportBackup();
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = el(doc, 'a', { href: url, download: deps.backupFileName(), hidden: true });
    doc.body.append(a);
    a.click();
    a.remove();
    win.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    deps.say(`Exported ${file.stories.length} stor${file.stories.length === 1 ? 'y' : 'ies'} and your settings.`);
  });

  // ---- import
  const fileInput = el(doc, 'input', { type: 'file', id: 'sl-import-file', accept: 'application/json,.json', className: 'sl-file' });
  const result = el(doc, 'div', { id: 'sl-import-result', className: 'sl-import-result', role: 'alert', hidden: true });
  const showProblems = (problems: string[]) => {
    const shown = problems.slice(0, MAX_LISTED);
    result.replaceChildren(
      el(doc, 'p', {}, ['This file was not imported; nothing was changed. What is wrong:']),
      el(
        doc,
        'ul',
        {},
        shown.map((p) => el(doc, 'li', {}, [p])),
      ),
    );
    if (problems.length > shown.length) result.append(el(doc, 'p', {}, [`…and ${problems.length - shown.length} more.`]));
    result.dataset.kind = 'error';
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  };
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    result.hidden = true;
    if (file.size > MAX_BACKUP_BYTES) {
      showProblems([
        `the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the most Story Lens reads is ${MAX_BACKUP_BYTES / 1024 / 1024} MB`,
      ]);
      return;
    }
    const text = await file.text();
    const out = await deps.importBackup(text, file.size);
    if (!out.ok) {
      showProblems(out.problems);
      return;
    }
    const parts = [
      out.added ? `${out.added} stor${out.added === 1 ? 'y' : 'ies'} added` : '',
      out.replaced ? `${out.replaced} replaced` : '',
    ].filter(Boolean);
    result.replaceChildren(el(doc, 'p', {}, [`Imported: your settings${parts.length ? `, ${parts.join(', ')}` : ''}.`]));
    result.dataset.kind = 'ok';
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  });

  // ---- reset, with a confirmation
  const resetBtn = el(doc, 'button', { type: 'button', className: 'sl-button', id: 'sl-reset' }, ['Reset settings to defaults…']);
  const confirmBtn = el(doc, 'button', { type: 'button', className: 'sl-button sl-danger-button', id: 'sl-reset-confirm' }, ['Reset']);
  const cancelBtn = el(doc, 'button', { type: 'button', className: 'sl-button' }, ['Cancel']);
  const confirmBox = el(
    doc,
    'div',
    { className: 'sl-confirm', id: 'sl-reset-box', role: 'group', 'aria-labelledby': 'sl-reset-question', hidden: true },
    [
      el(doc, 'p', { id: 'sl-reset-question' }, ['Reset every setting to its default? Your stories and your trail stay.']),
      el(doc, 'div', { className: 'sl-inline' }, [confirmBtn, cancelBtn]),
    ],
  );
  resetBtn.addEventListener('click', () => {
    confirmBox.hidden = false;
    resetBtn.setAttribute('aria-expanded', 'true');
    cancelBtn.focus();
  });
  const closeConfirm = () => {
    confirmBox.hidden = true;
    resetBtn.setAttribute('aria-expanded', 'false');
    resetBtn.focus();
  };
  cancelBtn.addEventListener('click', closeConfirm);
  confirmBox.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeConfirm();
  });
  confirmBtn.addEventListener('click', async () => {
    await deps.resetSettings();
    closeConfirm();
    deps.say('Settings are back to their defaults.');
  });
  resetBtn.setAttribute('aria-expanded', 'false');
  resetBtn.setAttribute('aria-controls', 'sl-reset-box');

  const node = el(doc, 'div', { className: 'sl-backup' }, [
    el(doc, 'div', { className: 'sl-field' }, [
      exportBtn,
      el(doc, 'p', { className: 'sl-hint' }, [
        'One JSON file with your stories and settings (not your trail). The story that comes with Story Lens is saved by its title and switch.',
      ]),
    ]),
    el(doc, 'div', { className: 'sl-field' }, [
      el(doc, 'label', { for: 'sl-import-file', className: 'sl-file-label' }, ['Import a file']),
      fileInput,
      el(doc, 'p', { className: 'sl-hint' }, [
        'Stories in the file are added (or replace those with the same id) and its settings replace yours. The whole file is checked first: if anything is wrong, nothing changes.',
      ]),
      result,
    ]),
    el(doc, 'div', { className: 'sl-field' }, [resetBtn, confirmBox]),
  ]);
  return { node };
}
