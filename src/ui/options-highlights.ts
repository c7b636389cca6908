/**
 * "Highlights" on the options page: which types to mark, the style, a
 * preview painted exactly as pages are (the CSS Custom Highlight API with the
 * content script's own CSS), role mentions, and whether pages that are not
 * about a story are marked too.
 */
import type { Settings } from '../core/settings';
import { ENTITY_TYPES, type EntityType } from '../core/pack';
import { HIGHLIGHT_NAMES } from '../core/contract';
import { highlightCss } from '../core/highlight-css';
import { el } from './dom';
import { t, typePlural } from './i18n';
import { checkbox, radios, section, uid, type OptionsForm } from './options-form';

/** The preview's names, in the order the catalogue's sentence brackets them. */
const PREVIEW_TYPES: EntityType[] = ['person', 'person', 'place', 'organization'];

export function highlightsSection(form: OptionsForm): HTMLElement {
  const { doc } = form;
  const styles: [Settings['highlightStyle'], string, string][] = [
    ['underline', t('optionsUnderline'), t('optionsUnderlineHint')],
    ['tint', t('optionsTint'), t('optionsTintHint')],
    ['none', t('optionsNone'), t('optionsNoneHint')],
  ];
  return section(doc, 'highlights', t('optionsHighlights'), null, [
    el(doc, 'fieldset', { className: 'sl-fieldset' }, [
      el(doc, 'legend', {}, [t('optionsMarkThese')]),
      el(
        doc,
        'div',
        { className: 'sl-row' },
        ENTITY_TYPES.map((type) => typeBox(form, type)),
      ),
    ]),
    radios(form, 'highlightStyle', t('optionsHighlightStyle'), styles),
    preview(form),
    checkbox(form, {
      id: 'role-mentions',
      label: t('optionsRoleMentions'),
      hint: t('optionsRoleMentionsHint'),
      get: (s) => s.roleMentions,
      set: (on) => ({ roleMentions: on }),
    }),
    checkbox(form, {
      id: 'mark-everywhere',
      label: t('optionsMarkEverywhere'),
      hint: t('optionsMarkEverywhereHint'),
      get: (s) => s.markEverywhere,
      set: (on) => ({ markEverywhere: on }),
    }),
  ]);
}

function typeBox(form: OptionsForm, type: EntityType): HTMLElement {
  const { doc } = form;
  const input = el(doc, 'input', { type: 'checkbox', id: uid(`type-${type}`) });
  input.addEventListener('change', () => void form.save({ types: { ...form.settings().types, [type]: input.checked } }));
  form.follow((s) => (input.checked = s.types[type]));
  return el(doc, 'div', { className: 'sl-check' }, [
    input,
    el(doc, 'label', { for: uid(`type-${type}`) }, [
      el(doc, 'span', { className: `sl-swatch sl-swatch-${type}`, 'aria-hidden': 'true' }),
      typePlural(type),
    ]),
  ]);
}

/** The catalogue's preview sentence, its [bracketed] names painted as the reader's settings paint pages. */
function preview(form: OptionsForm): HTMLElement {
  const { doc, win } = form;
  const node = el(doc, 'p', { className: 'sl-preview', id: uid('preview'), 'aria-label': t('optionsPreviewLabel') });
  const ranges: [Range, EntityType][] = [];
  t('optionsPreview')
    .split(/\[([^\]]*)\]/)
    .forEach((piece, i) => {
      const text = doc.createTextNode(piece);
      const type = i % 2 ? PREVIEW_TYPES[(i - 1) / 2] : undefined;
      if (!type) return void node.append(text);
      node.append(el(doc, 'span', { className: 'sl-preview-name' }, [text]));
      const r = doc.createRange();
      r.selectNodeContents(text);
      ranges.push([r, type]);
    });
  const sheet = new win.CSSStyleSheet();
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  form.follow((s) => {
    sheet.replaceSync(highlightCss(s.highlightStyle));
    const highlights = (win as unknown as { CSS: { highlights?: Map<string, unknown> } }).CSS.highlights;
    const HighlightCtor = (win as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (!highlights || !HighlightCtor) return;
    for (const type of ENTITY_TYPES) {
      const own = ranges.filter(([, rt]) => rt === type && s.types[type]).map(([r]) => r);
      if (own.length) highlights.set(HIGHLIGHT_NAMES[type], new HighlightCtor(...own));
      else highlights.delete(HIGHLIGHT_NAMES[type]);
    }
  });
  return node;
}
