/**
 * "Sites" on the options page: two lists of site patterns (never run on,
 * only run on), each pattern with a Remove button, a field to add one (a
 * host, "*.host", "*bank*.*", or a pasted URL), and, for the never-run list,
 * a way back to the default list.
 */
import { DEFAULT_NEVER_RUN_ON, type Settings } from '../core/settings';
import { cleanPatterns } from '../core/site-rules';
import { el } from './dom';
import { t } from './i18n';
import { section, type OptionsForm } from './options-form';

interface SiteListOptions {
  id: string;
  label: string;
  hint: string;
  get(s: Settings): string[];
  save(patterns: string[]): Promise<void>;
  defaults?: string[];
}

export function sitesSection(form: OptionsForm): HTMLElement {
  const save = (patch: Partial<Settings>) => form.save(patch, t('optionsSitesSaved'));
  const never = mountSiteList(form.doc, {
    id: 'never-run',
    label: t('optionsNeverRun'),
    hint: t('optionsNeverRunHint'),
    get: (s) => s.neverRunOn,
    save: (patterns) => save({ neverRunOn: patterns }),
    defaults: DEFAULT_NEVER_RUN_ON,
  });
  const only = mountSiteList(form.doc, {
    id: 'only-run',
    label: t('optionsOnlyRun'),
    hint: t('optionsOnlyRunHint'),
    get: (s) => s.onlyRunOn,
    save: (patterns) => save({ onlyRunOn: patterns }),
  });
  form.follow(never.refresh);
  form.follow(only.refresh);
  return section(form.doc, 'sites', t('optionsSites'), t('optionsSitesIntro'), [never.node, only.node]);
}

interface SiteList {
  doc: Document;
  o: SiteListOptions;
  patterns: string[];
  list: HTMLUListElement;
  input: HTMLInputElement;
  error: HTMLElement;
  empty: HTMLElement;
  restore: HTMLButtonElement | null;
}

function mountSiteList(doc: Document, o: SiteListOptions): { node: HTMLElement; refresh(s: Settings): void } {
  const inputId = `sl-${o.id}-input`;
  const l: SiteList = {
    doc,
    o,
    patterns: [],
    list: el(doc, 'ul', { className: 'sl-patterns', id: `sl-${o.id}-list`, 'aria-labelledby': `sl-${o.id}-label` }),
    input: el(doc, 'input', {
      type: 'text',
      id: inputId,
      className: 'sl-text',
      spellcheck: 'false',
      autocomplete: 'off',
      placeholder: t('optionsSitePlaceholder'),
      'aria-describedby': `sl-${o.id}-hint`,
    }),
    error: el(doc, 'p', { className: 'sl-field-error', id: `sl-${o.id}-error`, hidden: true }),
    empty: el(doc, 'p', { className: 'sl-hint' }, [t('optionsNoSites')]),
    restore: null,
  };
  if (o.defaults) {
    const defaults = o.defaults;
    l.restore = el(doc, 'button', { type: 'button', className: 'sl-link-button', onclick: () => void commit(l, [...defaults]) }, [
      t('optionsRestoreSites'),
    ]);
  }
  l.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void addTyped(l);
    }
  });
  const node = el(doc, 'div', { className: 'sl-field sl-sites', id: `sl-${o.id}` }, [
    el(doc, 'h3', { id: `sl-${o.id}-label` }, [o.label]),
    el(doc, 'p', { id: `sl-${o.id}-hint`, className: 'sl-hint' }, [o.hint]),
    l.list,
    l.empty,
    el(doc, 'div', { className: 'sl-add-row' }, [
      el(doc, 'label', { for: inputId, className: 'sl-sr-only' }, [t('optionsAddSite', o.label)]),
      l.input,
      el(doc, 'button', { type: 'button', className: 'sl-button', onclick: () => void addTyped(l) }, [t('optionsAdd')]),
    ]),
    l.error,
    l.restore,
  ]);
  return {
    node,
    refresh(s: Settings) {
      const next = o.get(s);
      if (JSON.stringify(next) === JSON.stringify(l.patterns)) return;
      l.patterns = [...next];
      render(l);
    },
  };
}

function render(l: SiteList) {
  l.list.replaceChildren(...l.patterns.map((p, i) => patternItem(l, p, i)));
  l.list.hidden = l.patterns.length === 0;
  l.empty.hidden = l.patterns.length > 0;
  if (l.restore) l.restore.hidden = JSON.stringify(l.patterns) === JSON.stringify(l.o.defaults);
}

async function commit(l: SiteList, next: string[]) {
  l.patterns = next;
  render(l);
  await l.o.save(next);
}

function patternItem(l: SiteList, p: string, i: number): HTMLElement {
  const remove = async () => {
    await commit(
      l,
      l.patterns.filter((x) => x !== p),
    );
    // keep the keyboard where it was: on the next row's button, or the field
    const buttons = l.list.querySelectorAll('button');
    (buttons[Math.min(i, buttons.length - 1)] ?? l.input).focus();
  };
  return el(l.doc, 'li', {}, [
    el(l.doc, 'span', { className: 'sl-pattern' }, [p]),
    el(l.doc, 'button', { type: 'button', className: 'sl-link-button', 'aria-label': t('optionsRemoveSite', p), onclick: remove }, [
      t('optionsRemove'),
    ]),
  ]);
}

/** Adds what was typed (several sites: commas or lines), or says what is not a site and adds nothing. */
async function addTyped(l: SiteList) {
  const { input, error } = l;
  const typed = input.value
    .split(/[,\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!typed.length) return;
  const { patterns: clean, rejected } = cleanPatterns(typed);
  if (rejected.length) {
    error.textContent = t('optionsNotASite', rejected.join(', '));
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-errormessage', error.id);
    return;
  }
  error.hidden = true;
  input.removeAttribute('aria-invalid');
  const fresh = clean.filter((p) => !l.patterns.includes(p));
  input.value = '';
  if (fresh.length) await commit(l, [...l.patterns, ...fresh]);
  input.focus();
}
