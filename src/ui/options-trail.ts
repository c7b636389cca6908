/** "Your trail" and "Sync" on the options page: keeping a trail and clearing it, and syncing settings with its status. */
import { el } from './dom';
import { t } from './i18n';
import { checkbox, section, uid, type OptionsForm } from './options-form';

export interface TrailDeps {
  count(): Promise<number>;
  clear(): Promise<void>;
  watch(cb: () => void): () => void;
}

/** What the background last said about syncing (a message for the reader). */
export interface SyncState {
  ok: boolean;
  message: string;
}

export interface SyncDeps {
  get(): Promise<SyncState | null>;
  watch(cb: (s: SyncState | null) => void): () => void;
}

/** The section, drawn once the trail is counted; returns its watcher's cleanup. */
export async function trailSection(form: OptionsForm, deps: TrailDeps): Promise<{ node: HTMLElement; stop(): void }> {
  const { doc } = form;
  const count = el(doc, 'span', { id: uid('trail-count') });
  const clear = el(doc, 'button', { type: 'button', className: 'sl-button' }, [t('optionsClearTrail')]);
  const show = async () => {
    const n = await deps.count();
    count.textContent = n === 0 ? t('optionsTrailEmpty') : n === 1 ? t('optionsTrailOne') : t('optionsTrailMany', n);
    clear.disabled = n === 0;
  };
  clear.addEventListener('click', async () => {
    await deps.clear();
    form.say(t('optionsTrailCleared'));
  });
  const stop = deps.watch(() => void show());
  await show();
  const node = section(doc, 'trail', t('optionsTrail'), null, [
    checkbox(form, {
      id: 'keep-trail',
      label: t('optionsKeepTrail'),
      hint: t('optionsKeepTrailHint'),
      get: (s) => s.keepTrail,
      set: (on) => ({ keepTrail: on }),
    }),
    el(doc, 'p', { className: 'sl-inline' }, [count, clear]),
  ]);
  return { node, stop };
}

/** The section; returns its watcher's cleanup. */
export function syncSection(form: OptionsForm, deps: SyncDeps): { node: HTMLElement; stop(): void } {
  const { doc } = form;
  const state = el(doc, 'p', { className: 'sl-hint', id: uid('sync-status'), role: 'status' });
  const show = (s: SyncState | null) => {
    state.textContent = form.settings().syncSettings && s ? s.message : '';
    state.dataset.kind = s && !s.ok ? 'error' : 'ok';
  };
  const stop = deps.watch(show);
  form.follow(() => void deps.get().then(show));
  const node = section(doc, 'sync', t('optionsSync'), null, [
    checkbox(form, {
      id: 'sync-settings',
      label: t('optionsSyncSettings'),
      hint: t('optionsSyncSettingsHint'),
      get: (s) => s.syncSettings,
      set: (on) => ({ syncSettings: on }),
      role: 'switch',
    }),
    state,
  ]);
  return { node, stop };
}
