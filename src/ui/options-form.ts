/**
 * What every section of the options page works with: the settings as last
 * read, `save` (every change is saved at once), the status line, and the
 * controls built from a setting (a checkbox, a set of radios) that follow it
 * when it changes here or elsewhere.
 */
import type { Settings } from '../core/settings';
import { displayText } from '../core/display-text';
import { el } from './dom';
import { t } from './i18n';

export type Say = (text: string, kind?: 'ok' | 'error') => void;

export interface OptionsForm {
  doc: Document;
  win: Window & typeof globalThis;
  /** the settings as last saved or read */
  settings(): Settings;
  /** saves a change and says so (`done`, "Saved. Open tabs follow at once." unless given) */
  save(patch: Partial<Settings>, done?: string): Promise<void>;
  say: Say;
  /** `fn` runs with the settings once the page is built, and whenever they change here or elsewhere */
  follow(fn: (s: Settings) => void): void;
  /** the status line, a toast announced politely */
  status: HTMLElement;
}

/** How long a confirmation stays on screen (errors stay). */
const STATUS_MS = 4000;

export function createForm(
  doc: Document,
  first: Settings,
  update: (patch: Partial<Settings>) => Promise<Settings>,
  reread: () => Promise<Settings>,
): OptionsForm & { refresh(s: Settings): void } {
  const win = doc.defaultView! as Window & typeof globalThis;
  let settings = first;
  const followers: ((s: Settings) => void)[] = [];
  const status = el(doc, 'p', { id: 'sl-status', className: 'sl-status', role: 'status', 'aria-live': 'polite', hidden: true });
  let statusTimer = 0;
  const say: Say = (text, kind = 'ok') => {
    status.textContent = displayText(text);
    status.dataset.kind = kind;
    status.hidden = false;
    win.clearTimeout(statusTimer);
    if (kind === 'ok') statusTimer = win.setTimeout(() => (status.hidden = true), STATUS_MS);
  };
  const refresh = (s: Settings) => {
    settings = s;
    for (const fn of followers) fn(s);
  };
  return {
    doc,
    win,
    status,
    say,
    refresh,
    settings: () => settings,
    follow: (fn) => followers.push(fn),
    async save(patch, done = t('optionsSaved')) {
      try {
        settings = await update(patch);
        say(done);
      } catch (e) {
        say(t('optionsNotSaved', (e as Error).message), 'error');
        refresh(await reread());
      }
    },
  };
}

export const uid = (s: string): string => `sl-${s}`;

export interface CheckboxSpec {
  id: string;
  label: string;
  hint?: string;
  get(s: Settings): boolean;
  set(on: boolean): Partial<Settings>;
  /** drawn as a switch */
  role?: 'switch';
}

export function checkbox(form: OptionsForm, c: CheckboxSpec): HTMLElement {
  const { doc } = form;
  const hintId = uid(`${c.id}-hint`);
  const input = el(doc, 'input', { type: 'checkbox', id: uid(c.id), role: c.role ?? null, 'aria-describedby': c.hint ? hintId : null });
  input.addEventListener('change', () => void form.save(c.set(input.checked)));
  form.follow((s) => (input.checked = c.get(s)));
  return el(doc, 'div', { className: `sl-check${c.role === 'switch' ? ' sl-switch' : ''}` }, [
    input,
    el(doc, 'label', { for: uid(c.id) }, [c.label]),
    c.hint ? el(doc, 'p', { id: hintId, className: 'sl-hint' }, [c.hint]) : null,
  ]);
}

/** One radio per value of a setting: [value, label, hint]. */
export function radios<K extends keyof Settings>(
  form: OptionsForm,
  key: K,
  legend: string,
  options: [Settings[K] & string, string, string | null][],
): HTMLElement {
  const { doc } = form;
  const name = uid(String(key));
  const inputs = options.map(([value, label, hint]) => {
    const id = `${name}-${value}`;
    const input = el(doc, 'input', { type: 'radio', name, id, value, 'aria-describedby': hint ? `${id}-hint` : null });
    input.addEventListener('change', () => {
      if (input.checked) void form.save({ [key]: value } as Partial<Settings>);
    });
    const node = el(doc, 'div', { className: 'sl-radio' }, [
      input,
      el(doc, 'label', { for: id }, [label]),
      hint ? el(doc, 'p', { id: `${id}-hint`, className: 'sl-hint' }, [hint]) : null,
    ]);
    return { input, node };
  });
  form.follow((s) => inputs.forEach(({ input }) => (input.checked = input.value === s[key])));
  return el(doc, 'fieldset', { className: 'sl-fieldset' }, [el(doc, 'legend', {}, [legend]), ...inputs.map((i) => i.node)]);
}

export function section(doc: Document, id: string, title: string, intro: string | null, children: (Node | null)[]): HTMLElement {
  return el(doc, 'section', { id, className: 'sl-section', 'aria-labelledby': `${id}-title` }, [
    el(doc, 'h2', { id: `${id}-title` }, [title]),
    intro ? el(doc, 'p', { className: 'sl-intro' }, [intro]) : null,
    ...children,
  ]);
}
