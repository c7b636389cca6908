/**
 * "Back up and restore" on the options page. Export downloads one JSON file
 * (a blob URL and <a download>: no permission, no network). Import reads the
 * chosen file, and the store validates all of it before writing anything
 * (src/store/backup.ts): a refused file's problems are listed here as text.
 * Reset asks for a confirmation in the page (no window.confirm).
 */
import type { BackupFile, ImportResult } from '../store/backup';
import type { Settings } from '../core/settings';
import { el } from './dom';
import { t } from './i18n';
import { section, type Say } from './options-form';

export interface BackupDeps {
  exportBackup(): Promise<BackupFile>;
  backupFileName(): string;
  importBackup(text: string, bytes: number): Promise<{ ok: true; added: number; replaced: number } | Extract<ImportResult, { ok: false }>>;
  /** the largest file import reads (a larger one is refused before it is read) */
  maxBackupBytes: number;
  resetSettings(): Promise<Settings>;
}

/** The most problems listed at once: a hostile file could hold thousands. */
const MAX_LISTED = 20;
/** How long the exported file's blob URL lives (the download has started long before). */
const BLOB_URL_MS = 10_000;
const MB = 1024 * 1024;

export function backupSection(doc: Document, deps: BackupDeps, say: Say): HTMLElement {
  return section(doc, 'backup', t('optionsBackup'), null, [
    el(doc, 'div', { className: 'sl-backup' }, [exportField(doc, deps, say), importField(doc, deps), resetField(doc, deps, say)]),
  ]);
}

function exportField(doc: Document, deps: BackupDeps, say: Say): HTMLElement {
  const win = doc.defaultView!;
  const download = async () => {
    const file = await deps.exportBackup();
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = el(doc, 'a', { href: url, download: deps.backupFileName(), hidden: true });
    doc.body.append(a);
    a.click();
    a.remove();
    win.setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_MS);
    const n = file.stories.length;
    say(n === 1 ? t('optionsExportedOne') : t('optionsExportedMany', n));
  };
  return el(doc, 'div', { className: 'sl-field' }, [
    el(doc, 'button', { type: 'button', className: 'sl-button', id: 'sl-export', onclick: () => void download() }, [t('optionsExport')]),
    el(doc, 'p', { className: 'sl-hint' }, [t('optionsExportHint')]),
  ]);
}

function importField(doc: Document, deps: BackupDeps): HTMLElement {
  const fileInput = el(doc, 'input', { type: 'file', id: 'sl-import-file', accept: 'application/json,.json', className: 'sl-file' });
  const result = el(doc, 'div', { id: 'sl-import-result', className: 'sl-import-result', role: 'alert', hidden: true });
  const show = (kind: 'ok' | 'error', children: Node[]) => {
    result.replaceChildren(...children);
    result.dataset.kind = kind;
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  };
  const showProblems = (problems: string[]) => {
    const shown = problems.slice(0, MAX_LISTED);
    show('error', [
      el(doc, 'p', {}, [t('optionsNotImported')]),
      el(
        doc,
        'ul',
        {},
        shown.map((p) => el(doc, 'li', {}, [p])),
      ),
      ...(problems.length > shown.length ? [el(doc, 'p', {}, [t('optionsMoreProblems', problems.length - shown.length)])] : []),
    ]);
  };
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    result.hidden = true;
    if (file.size > deps.maxBackupBytes)
      return showProblems([t('optionsFileTooBig', (file.size / MB).toFixed(1), deps.maxBackupBytes / MB)]);
    const out = await deps.importBackup(await file.text(), file.size);
    if (!out.ok) return showProblems(out.problems);
    const parts = [
      out.added ? (out.added === 1 ? t('optionsAddedOne') : t('optionsAddedMany', out.added)) : '',
      out.replaced ? t('optionsReplaced', out.replaced) : '',
    ].filter(Boolean);
    show('ok', [el(doc, 'p', {}, [parts.length ? t('optionsImportedWith', parts.join(', ')) : t('optionsImported')])]);
  });
  return el(doc, 'div', { className: 'sl-field' }, [
    el(doc, 'label', { for: 'sl-import-file', className: 'sl-file-label' }, [t('optionsImportFile')]),
    fileInput,
    el(doc, 'p', { className: 'sl-hint' }, [t('optionsImportHint')]),
    result,
  ]);
}

/** "Reset settings to defaults…", with a confirmation in the page. */
function resetField(doc: Document, deps: BackupDeps, say: Say): HTMLElement {
  const resetBtn = el(
    doc,
    'button',
    { type: 'button', className: 'sl-button', id: 'sl-reset', 'aria-expanded': 'false', 'aria-controls': 'sl-reset-box' },
    [t('optionsReset')],
  );
  const confirmBtn = el(doc, 'button', { type: 'button', className: 'sl-button sl-danger-button', id: 'sl-reset-confirm' }, [
    t('optionsResetConfirm'),
  ]);
  const cancelBtn = el(doc, 'button', { type: 'button', className: 'sl-button' }, [t('optionsCancel')]);
  const confirmBox = el(
    doc,
    'div',
    { className: 'sl-confirm', id: 'sl-reset-box', role: 'group', 'aria-labelledby': 'sl-reset-question', hidden: true },
    [
      el(doc, 'p', { id: 'sl-reset-question' }, [t('optionsResetQuestion')]),
      el(doc, 'div', { className: 'sl-inline' }, [confirmBtn, cancelBtn]),
    ],
  );
  const open = (on: boolean) => {
    confirmBox.hidden = !on;
    resetBtn.setAttribute('aria-expanded', String(on));
    (on ? cancelBtn : resetBtn).focus();
  };
  resetBtn.addEventListener('click', () => open(true));
  cancelBtn.addEventListener('click', () => open(false));
  confirmBox.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') open(false);
  });
  confirmBtn.addEventListener('click', async () => {
    await deps.resetSettings();
    open(false);
    say(t('optionsResetDone'));
  });
  return el(doc, 'div', { className: 'sl-field' }, [resetBtn, confirmBox]);
}
