/**
 * The options page: every setting, the stories, the trail switch, sync, and
 * export / import / reset. Built from data with DOM APIs and textContent (a
 * story's title or a site pattern is never markup).
 *
 * Every change is saved at once; open tabs follow without a reload because
 * the background tells their content scripts what changed
 * (src/page/features/setup.ts). Changes made elsewhere (the popup's "off
 * on this site", another browser through sync, an import) are shown here as
 * they land.
 */
import { DEFAULT_NEVER_RUN_ON, MAX_CARD_DELAY_MS, type Settings } from '../core/settings';
import { ENTITY_TYPES, type EntityType } from '../core/pack';
import type { StoryInfo } from '../store/stories';
import type { SyncStatus } from '../store/sync';
import { highlightCss, HIGHLIGHT_NAMES } from '../page/highlight-styles';
import { el } from './popup-dom';
import { mountSiteList } from './options-sites';
import { mountStoryList } from './options-stories';
import { mountBackup, type BackupDeps } from './options-backup';

export interface OptionsDeps extends BackupDeps {
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  resetSettings(): Promise<Settings>;
  watchSettings(cb: (s: Settings) => void): () => void;
  stories: {
    list(): Promise<StoryInfo[]>;
    setEnabled(id: string, on: boolean): Promise<void>;
    rename(id: string, title: string): Promise<void>;
    remove(id: string): Promise<StoryInfo>;
    undoRemove(): Promise<StoryInfo | null>;
    watch(cb: () => void): () => void;
    /** what is wrong with stored stories that could not be read (they are left out) */
    problems?(): Promise<string[]>;
  };
  trail: { count(): Promise<number>; clear(): Promise<void>; watch(cb: () => void): () => void };
  syncStatus: { get(): Promise<SyncStatus | null>; watch(cb: (s: SyncStatus | null) => void): () => void };
  /** mounts "Add a story" (H5's view) into the slot, when that view is part of the build */
  mountAddStory?(container: HTMLElement): void;
}

const TYPE_LABELS: Record<EntityType, string> = { person: 'People', place: 'Places', organization: 'Organizations' };
const STYLE_LABELS: Record<Settings['highlightStyle'], [string, string]> = {
  underline: ['Underline', 'A coloured line under each name; the page looks as it was.'],
  tint: ['Tint', 'A light colour behind each name; easier to spot while skimming.'],
  none: ['None', 'Nothing is marked; cards still open where a name is.'],
};
const DETAIL_LABELS: Record<Settings['cardDetail'], [string, string]> = {
  full: ['Full', 'Roles then and now, facts, what the story says, relations and a map.'],
  compact: ['Compact', 'Name, role and a line of description.'],
};
const THEME_LABELS: Record<Settings['theme'], string> = { system: 'Same as my system', light: 'Light', dark: 'Dark' };
const PREVIEW: [string, EntityType | null][] = [
  ['Preview: ', null],
  ['Kim Jong Un', 'person'],
  [' met ', null],
  ['Vladimir Putin', 'person'],
  [' at the ', null],
  ['Vostochny Cosmodrome', 'place'],
  [', the ', null],
  ['Kremlin', 'organization'],
  [' said.', null],
];

export function applyTheme(doc: Document, theme: Settings['theme']): void {
  if (theme === 'system') delete doc.documentElement.dataset.theme;
  else doc.documentElement.dataset.theme = theme;
}

export async function mountOptions(root: HTMLElement, deps: OptionsDeps): Promise<{ destroy(): void }> {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  let settings = await deps.getSettings();
  const cleanups: (() => void)[] = [];
  const refreshers: ((s: Settings) => void)[] = [];

  // ---- status line, read by screen readers
  const status = el(doc, 'p', { id: 'sl-status', className: 'sl-status', role: 'status', 'aria-live': 'polite' });
  let statusTimer = 0;
  const say = (text: string, kind: 'ok' | 'error' = 'ok') => {
    status.textContent = text;
    status.dataset.kind = kind;
    status.hidden = false;
    win.clearTimeout(statusTimer);
    if (kind === 'ok') statusTimer = win.setTimeout(() => (status.hidden = true), 4000);
  };
  status.hidden = true;

  const save = async (patch: Partial<Settings>, what = 'Saved') => {
    try {
      settings = await deps.updateSettings(patch);
      say(`${what}. Open tabs follow at once.`);
    } catch (e) {
      say(`Not saved: ${(e as Error).message}`, 'error');
      refreshAll(await deps.getSettings());
    }
  };

  // ---- controls
  const uid = (s: string) => `sl-${s}`;
  const checkbox = (
    id: string,
    label: string,
    hint: string | null,
    get: (s: Settings) => boolean,
    set: (on: boolean) => Partial<Settings>,
    role?: 'switch',
  ) => {
    const input = el(doc, 'input', {
      type: 'checkbox',
      id: uid(id),
      role: role ?? null,
      'aria-describedby': hint ? uid(`${id}-hint`) : null,
    });
    input.addEventListener('change', () => void save(set(input.checked)));
    refreshers.push((s) => (input.checked = get(s)));
    return el(doc, 'div', { className: `sl-check${role === 'switch' ? ' sl-switch' : ''}` }, [
      input,
      el(doc, 'label', { for: uid(id) }, [label]),
      hint ? el(doc, 'p', { id: uid(`${id}-hint`), className: 'sl-hint' }, [hint]) : null,
    ]);
  };
  const radios = <K extends keyof Settings>(key: K, legend: string, options: [Settings[K] & string, string, string | null][]) => {
    const name = uid(String(key));
    const inputs = options.map(([value, label, hint]) => {
      const id = `${name}-${value}`;
      const input = el(doc, 'input', { type: 'radio', name, id, value, 'aria-describedby': hint ? `${id}-hint` : null });
      input.addEventListener('change', () => {
        if (input.checked) void save({ [key]: value } as Partial<Settings>);
      });
      return {
        input,
        node: el(doc, 'div', { className: 'sl-radio' }, [
          input,
          el(doc, 'label', { for: id }, [label]),
          hint ? el(doc, 'p', { id: `${id}-hint`, className: 'sl-hint' }, [hint]) : null,
        ]),
      };
    });
    refreshers.push((s) => inputs.forEach(({ input }) => (input.checked = input.value === s[key])));
    return el(doc, 'fieldset', { className: 'sl-fieldset' }, [el(doc, 'legend', {}, [legend]), ...inputs.map((i) => i.node)]);
  };
  const section = (id: string, title: string, intro: string | null, children: (Node | null)[]) =>
    el(doc, 'section', { id, className: 'sl-section', 'aria-labelledby': `${id}-title` }, [
      el(doc, 'h2', { id: `${id}-title` }, [title]),
      intro ? el(doc, 'p', { className: 'sl-intro' }, [intro]) : null,
      ...children,
    ]);

  // ---- header with the main switch
  const header = el(doc, 'header', { className: 'sl-header' }, [
    el(doc, 'div', { className: 'sl-brand' }, [
      el(doc, 'span', { className: 'sl-logo', 'aria-hidden': 'true' }),
      el(doc, 'h1', {}, ['Story Lens settings']),
    ]),
    el(doc, 'p', { className: 'sl-intro' }, [
      'Everything runs on this device: no page you read and no setting leaves it, unless you turn on sync below.',
    ]),
    checkbox(
      'enabled',
      'Mark the stories I follow on the pages I read',
      'Off: no page is read and nothing is marked, anywhere.',
      (s) => s.enabled,
      (on) => ({ enabled: on }),
      'switch',
    ),
  ]);

  // ---- highlights
  const typeBoxes = ENTITY_TYPES.map((t) => {
    const input = el(doc, 'input', { type: 'checkbox', id: uid(`type-${t}`) });
    input.addEventListener('change', () => void save({ types: { ...settings.types, [t]: input.checked } }));
    refreshers.push((s) => (input.checked = s.types[t]));
    return el(doc, 'div', { className: 'sl-check' }, [
      input,
      el(doc, 'label', { for: uid(`type-${t}`) }, [
        el(doc, 'span', { className: `sl-swatch sl-swatch-${t}`, 'aria-hidden': 'true' }),
        TYPE_LABELS[t],
      ]),
    ]);
  });

  const preview = el(doc, 'p', { className: 'sl-preview', id: uid('preview'), 'aria-label': 'Preview of the highlight style' });
  const previewRanges: [Range, EntityType][] = [];
  for (const [text, type] of PREVIEW) {
    const node = doc.createTextNode(text);
    preview.append(type ? el(doc, 'span', { className: 'sl-preview-name' }, [node]) : node);
    if (type) {
      const r = doc.createRange();
      r.selectNodeContents(node);
      previewRanges.push([r, type]);
    }
  }
  // The preview is painted exactly as pages are: the CSS Custom Highlight API with the content script's own CSS.
  const previewSheet = new win.CSSStyleSheet();
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, previewSheet];
  const paintPreview = (s: Settings) => {
    previewSheet.replaceSync(highlightCss(s.highlightStyle));
    const highlights = (win as unknown as { CSS: { highlights?: Map<string, unknown> } }).CSS.highlights;
    const HighlightCtor = (win as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (!highlights || !HighlightCtor) return;
    for (const t of ENTITY_TYPES) {
      const ranges = previewRanges.filter(([, type]) => type === t && s.types[t]).map(([r]) => r);
      if (ranges.length) highlights.set(HIGHLIGHT_NAMES[t], new HighlightCtor(...ranges));
      else highlights.delete(HIGHLIGHT_NAMES[t]);
    }
  };
  refreshers.push(paintPreview);

  const highlights = section('highlights', 'Highlights', null, [
    el(doc, 'fieldset', { className: 'sl-fieldset' }, [
      el(doc, 'legend', {}, ['Mark these']),
      el(doc, 'div', { className: 'sl-row' }, typeBoxes),
    ]),
    radios(
      'highlightStyle',
      'Highlight style',
      (Object.keys(STYLE_LABELS) as Settings['highlightStyle'][]).map((k) => [k, STYLE_LABELS[k][0], STYLE_LABELS[k][1]]),
    ),
    preview,
    checkbox(
      'role-mentions',
      'Also mark role mentions',
      'Descriptions such as “the Russian president” or “the North Korean leader”, read as of the story’s date.',
      (s) => s.roleMentions,
      (on) => ({ roleMentions: on }),
    ),
  ]);

  // ---- cards
  const delay = el(doc, 'input', {
    type: 'range',
    id: uid('card-delay'),
    min: 0,
    max: 2000,
    step: 50,
    'aria-describedby': uid('card-delay-hint'),
  });
  const delayOut = el(doc, 'output', { for: uid('card-delay'), id: uid('card-delay-value'), className: 'sl-output' });
  const showDelay = (ms: number) => {
    delayOut.textContent = ms === 0 ? 'at once' : `${ms} ms`;
    delay.setAttribute('aria-valuetext', delayOut.textContent);
  };
  delay.addEventListener('input', () => showDelay(Number(delay.value)));
  // saved when the reader lets go, and once for a run of arrow-key steps (storage.sync allows 120 writes a minute)
  let delayTimer = 0;
  delay.addEventListener('change', () => {
    // the value as the reader left it: a refresh from another change may reset the slider before the timer fires
    const ms = Math.min(MAX_CARD_DELAY_MS, Math.max(0, Math.round(Number(delay.value))));
    win.clearTimeout(delayTimer);
    delayTimer = win.setTimeout(() => {
      delayTimer = 0;
      void save({ cardDelayMs: ms });
    }, 250);
    pendingDelay = ms;
  });
  let pendingDelay: number | null = null;
  refreshers.push((s) => {
    // while a change of the slider waits to be saved, keep showing it
    const ms = delayTimer && pendingDelay != null ? pendingDelay : s.cardDelayMs;
    delay.value = String(Math.min(2000, ms));
    showDelay(ms);
  });
  const cards = section('cards', 'Cards', null, [
    el(doc, 'div', { className: 'sl-field' }, [
      el(doc, 'label', { for: uid('card-delay') }, ['Open a card after']),
      el(doc, 'div', { className: 'sl-range' }, [delay, delayOut]),
      el(doc, 'p', { id: uid('card-delay-hint'), className: 'sl-hint' }, [
        'How long the pointer rests on a name before its card opens. 500 ms lets you move across a page without cards popping up.',
      ]),
    ]),
    radios(
      'cardDetail',
      'Card detail',
      (Object.keys(DETAIL_LABELS) as Settings['cardDetail'][]).map((k) => [k, DETAIL_LABELS[k][0], DETAIL_LABELS[k][1]]),
    ),
    radios(
      'theme',
      'Theme of cards and of these pages',
      (Object.keys(THEME_LABELS) as Settings['theme'][]).map((k) => [k, THEME_LABELS[k], null]),
    ),
  ]);
  refreshers.push((s) => applyTheme(doc, s.theme));

  // ---- sites
  const never = mountSiteList(doc, {
    id: 'never-run',
    label: 'Never run on',
    hint: 'Story Lens does not read these sites at all. Mail, banking and password managers are listed to start with. A name covers its subdomains; * stands for any characters (*bank*.*).',
    get: (s) => s.neverRunOn,
    save: (patterns) => save({ neverRunOn: patterns }, 'Site list saved'),
    defaults: DEFAULT_NEVER_RUN_ON,
    say,
  });
  const only = mountSiteList(doc, {
    id: 'only-run',
    label: 'Only run on',
    hint: 'Leave empty to run on every site not listed above. With sites here, Story Lens reads only those.',
    get: (s) => s.onlyRunOn,
    save: (patterns) => save({ onlyRunOn: patterns }, 'Site list saved'),
    say,
  });
  refreshers.push(never.refresh, only.refresh);
  const sites = section('sites', 'Sites', '“Off on this site” in the popup adds the site to the first list.', [never.node, only.node]);

  // ---- stories (+ the slot where "Add a story" mounts)
  const storyList = mountStoryList(doc, { ...deps.stories, say });
  // a story storage holds but that no longer validates is left out of every read: say so, and why
  const unreadable = el(doc, 'div', { className: 'sl-import-result', id: uid('unreadable-stories'), 'data-kind': 'error', hidden: true });
  const showUnreadable = async () => {
    const problems = (await deps.stories.problems?.()) ?? [];
    unreadable.hidden = problems.length === 0;
    unreadable.replaceChildren(
      el(doc, 'p', {}, ['Some stored stories could not be read and are left out:']),
      el(
        doc,
        'ul',
        {},
        problems.slice(0, 10).map((p) => el(doc, 'li', {}, [p])),
      ),
    );
  };
  cleanups.push(
    deps.stories.watch(() => {
      void storyList.refresh();
      void showUnreadable();
    }),
  );
  await Promise.all([storyList.refresh(), showUnreadable()]);
  const addSlot = el(doc, 'div', { id: 'add-story-slot', className: 'sl-add-slot' });
  const stories = section(
    'stories',
    'Stories',
    'Each story you follow is marked on the pages you read. Switch one off to stop marking it without losing it.',
    [unreadable, storyList.node, addSlot],
  );

  // ---- trail
  const trailCount = el(doc, 'span', { id: uid('trail-count') });
  const clearTrail = el(doc, 'button', { type: 'button', className: 'sl-button' }, ['Clear the trail']);
  const showTrail = async () => {
    const n = await deps.trail.count();
    trailCount.textContent = n === 0 ? 'Your trail is empty.' : `${n} page${n === 1 ? '' : 's'} in your trail.`;
    clearTrail.disabled = n === 0;
  };
  clearTrail.addEventListener('click', async () => {
    await deps.trail.clear();
    say('Trail cleared.');
  });
  cleanups.push(deps.trail.watch(() => void showTrail()));
  await showTrail();
  const trail = section('trail', 'Your trail', null, [
    checkbox(
      'keep-trail',
      'Keep a trail of the pages I read that mention a story',
      'Kept on this device only, never from private windows. The popup lists it; remove pages there one by one.',
      (s) => s.keepTrail,
      (on) => ({ keepTrail: on }),
    ),
    el(doc, 'p', { className: 'sl-inline' }, [trailCount, clearTrail]),
  ]);

  // ---- sync
  const syncState = el(doc, 'p', { className: 'sl-hint', id: uid('sync-status'), role: 'status' });
  const showSync = (s: SyncStatus | null) => {
    syncState.textContent = settings.syncSettings && s ? s.message : '';
    syncState.dataset.kind = s && !s.ok ? 'error' : 'ok';
  };
  cleanups.push(deps.syncStatus.watch(showSync));
  refreshers.push(() => void deps.syncStatus.get().then(showSync));
  const sync = section('sync', 'Sync', null, [
    checkbox(
      'sync-settings',
      'Sync settings across my browsers',
      'Through your browser’s own sync, if you use it. Only these settings travel: never your stories, never your trail.',
      (s) => s.syncSettings,
      (on) => ({ syncSettings: on }),
      'switch',
    ),
    syncState,
  ]);

  // ---- backup and reset
  const backup = mountBackup(doc, { ...deps, resetSettings: deps.resetSettings, say });
  const backupSection = section('backup', 'Back up and restore', null, [backup.node]);

  const refreshAll = (s: Settings) => {
    settings = s;
    for (const r of refreshers) r(s);
  };

  const main = el(doc, 'main', { className: 'sl-options' }, [header, highlights, cards, sites, stories, trail, sync, backupSection]);
  root.replaceChildren(main, status);
  refreshAll(settings);
  if (deps.mountAddStory) deps.mountAddStory(addSlot);
  else addSlot.remove();
  cleanups.push(deps.watchSettings((s) => refreshAll(s)));
  root.removeAttribute('aria-busy');

  return {
    destroy() {
      for (const c of cleanups) c();
    },
  };
}
