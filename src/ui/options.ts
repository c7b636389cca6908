/**
 * The options page: every setting, the stories, the trail switch, sync, and
 * export / import / reset. Everything it needs from the browser comes through
 * `OptionsDeps` (wired in entrypoints/options). This file is the controller:
 * it reads the settings, builds each section (a view of its own), and keeps
 * every control following the settings.
 *
 * Every change is saved at once; open tabs follow without a reload because
 * the background tells their content scripts what changed
 * (src/page/features/setup.ts). Changes made elsewhere (the popup's "off on
 * this site", another browser through sync, an import) are shown here as they
 * land.
 */
import type { Settings } from '../core/settings';
import { el } from './dom';
import { t } from './i18n';
import { applyPalette } from './palette';
import { checkbox, createForm, type OptionsForm } from './options-form';
import { highlightsSection } from './options-highlights';
import { cardsSection } from './options-cards';
import { sitesSection } from './options-sites';
import { storiesSection, type StoryListDeps } from './options-stories';
import { syncSection, trailSection, type SyncDeps, type TrailDeps } from './options-trail';
import { backupSection, type BackupDeps } from './options-backup';

export interface OptionsDeps extends BackupDeps {
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  watchSettings(cb: (s: Settings) => void): () => void;
  stories: StoryListDeps;
  trail: TrailDeps;
  syncStatus: SyncDeps;
  /** mounts "Add a story" into the slot, when that view is part of the build */
  mountAddStory?(container: HTMLElement): void;
}

function header(form: OptionsForm): HTMLElement {
  const { doc } = form;
  return el(doc, 'header', { className: 'sl-header' }, [
    el(doc, 'div', { className: 'sl-brand' }, [
      el(doc, 'span', { className: 'sl-logo', 'aria-hidden': 'true' }),
      el(doc, 'h1', {}, [t('optionsTitle')]),
    ]),
    el(doc, 'p', { className: 'sl-intro' }, [t('optionsIntro')]),
    checkbox(form, {
      id: 'enabled',
      label: t('optionsEnabled'),
      hint: t('optionsEnabledHint'),
      get: (s) => s.enabled,
      set: (on) => ({ enabled: on }),
      role: 'switch',
    }),
  ]);
}

export async function mountOptions(root: HTMLElement, deps: OptionsDeps): Promise<{ destroy(): void }> {
  const doc = root.ownerDocument;
  applyPalette(doc);
  const form = createForm(doc, await deps.getSettings(), deps.updateSettings, deps.getSettings);
  const stories = await storiesSection(doc, deps.stories, form.say);
  const trail = await trailSection(form, deps.trail);
  const sync = syncSection(form, deps.syncStatus);
  const main = el(doc, 'main', { className: 'sl-options' }, [
    header(form),
    highlightsSection(form),
    cardsSection(form),
    sitesSection(form),
    stories.node,
    trail.node,
    sync.node,
    backupSection(doc, deps, form.say),
  ]);
  root.replaceChildren(main, form.status);
  form.refresh(form.settings());
  if (deps.mountAddStory) deps.mountAddStory(stories.addSlot);
  else stories.addSlot.remove();
  const cleanups = [stories.stop, trail.stop, sync.stop, deps.watchSettings(form.refresh)];
  root.removeAttribute('aria-busy');
  return {
    destroy() {
      for (const c of cleanups) c();
    },
  };
}
