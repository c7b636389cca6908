/**
 * A list of site patterns on the options page: each pattern with a Remove
 * button, a field to add one (a host, "*.host", "*bank*.*", or a pasted URL),
 * and, for the never-run list, a way back to the default list.
 */
import type { Settings } from '../core/settings';
import { cleanPatterns } from '../core/site-rules';
import { el } from './popup-dom';

export interface SiteListOptions {
  id: string;
  label: string;
  hint: string;
  get(s: Settings): string[];
  save(patterns: string[]): Promise<void>;
  defaults?: string[];
  say(text: string, kind?: 'ok' | 'error'): void;
}

export function mountSiteList(doc: Document, o: SiteListOptions): { node: HTMLElement; refresh(s: Settings): void } {
  let patterns: string[] = [];
  const inputId = `sl-${o.id}-input`;
  const list = el(doc, 'ul', { className: 'sl-patterns', id: `sl-${o.id}-list`, 'aria-labelledby': `sl-${o.id}-label` });
  const input = el(doc, 'input', {
    type: 'text',
    id: inputId,
    className: 'sl-text',
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: 'example.com',
    'aria-describedby': `sl-${o.id}-hint`,
  });
  const add = el(doc, 'button', { type: 'button', className: 'sl-button' }, ['Add']);
  const error = el(doc, 'p', { className: 'sl-field-error', id: `sl-${o.id}-error`, hidden: true });

  const commit = async (next: string[]) => {
    patterns = next;
    render();
    await o.save(next);
  };

  const addTyped = async () => {
    const typed = input.value
      .split(/[,\n]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!typed.length) return;
    const { patterns: clean, rejected } = cleanPatterns(typed);
    if (rejected.length) {
      error.textContent = `Not a site: ${rejected.join(', ')}. Type a host such as example.com, or *.example.com.`;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', error.id);
      return;
    }
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    const fresh = clean.filter((p) => !patterns.includes(p));
    input.value = '';
    if (fresh.length) await commit([...patterns, ...fresh]);
    input.focus();
  };
  add.addEventListener('click', () => void addTyped());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void addTyped();
    }
  });

  const render = () => {
    list.replaceChildren(
      ...patterns.map((p, i) => {
        const remove = el(doc, 'button', { type: 'button', className: 'sl-link-button', 'aria-label': `Remove ${p}` }, ['Remove']);
        remove.addEventListener('click', async () => {
          const next = patterns.filter((x) => x !== p);
          await commit(next);
          // keep the keyboard where it was: on the next row's button, or the field
          const buttons = list.querySelectorAll('button');
          (buttons[Math.min(i, buttons.length - 1)] ?? input).focus();
        });
        return el(doc, 'li', {}, [el(doc, 'span', { className: 'sl-pattern' }, [p]), remove]);
      }),
    );
    list.hidden = patterns.length === 0;
    empty.hidden = patterns.length > 0;
    if (restore) restore.hidden = !o.defaults || JSON.stringify(patterns) === JSON.stringify(o.defaults);
  };

  const empty = el(doc, 'p', { className: 'sl-hint' }, ['No sites listed.']);
  let restore: HTMLButtonElement | null = null;
  if (o.defaults) {
    restore = el(doc, 'button', { type: 'button', className: 'sl-link-button' }, ['Restore the default list']);
    restore.addEventListener('click', () => void commit([...o.defaults!]));
  }

  const node = el(doc, 'div', { className: 'sl-field sl-sites', id: `sl-${o.id}` }, [
    el(doc, 'h3', { id: `sl-${o.id}-label` }, [o.label]),
    el(doc, 'p', { id: `sl-${o.id}-hint`, className: 'sl-hint' }, [o.hint]),
    list,
    empty,
    el(doc, 'div', { className: 'sl-add-row' }, [
      el(doc, 'label', { for: inputId, className: 'sl-sr-only' }, [`Add a site to “${o.label}”`]),
      input,
      add,
    ]),
    error,
    restore,
  ]);

  return {
    node,
    refresh(s: Settings) {
      const next = o.get(s);
      if (JSON.stringify(next) === JSON.stringify(patterns)) return;
      patterns = [...next];
      render();
    },
  };
}
