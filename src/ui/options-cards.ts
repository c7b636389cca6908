/** "Cards" on the options page: how soon a card opens, how much it shows, and the theme. */
import { MAX_CARD_DELAY_MS, type Settings } from '../core/settings';
import { el } from './dom';
import { t } from './i18n';
import { radios, section, uid, type OptionsForm } from './options-form';
import { applyTheme } from './theme';

/** The slider's end; a stored delay beyond it shows at the end. */
const SLIDER_MAX_MS = 2000;
/** A run of arrow-key steps is saved once (storage.sync allows 120 writes a minute). */
const DELAY_SAVE_MS = 250;

export function cardsSection(form: OptionsForm): HTMLElement {
  const { doc } = form;
  const details: [Settings['cardDetail'], string, string][] = [
    ['full', t('optionsDetailFull'), t('optionsDetailFullHint')],
    ['compact', t('optionsDetailCompact'), t('optionsDetailCompactHint')],
  ];
  const themes: [Settings['theme'], string, null][] = [
    ['system', t('optionsThemeSystem'), null],
    ['light', t('optionsThemeLight'), null],
    ['dark', t('optionsThemeDark'), null],
  ];
  form.follow((s) => applyTheme(doc, s.theme));
  return section(doc, 'cards', t('optionsCards'), null, [
    delayField(form),
    radios(form, 'cardDetail', t('optionsCardDetail'), details),
    radios(form, 'theme', t('optionsTheme'), themes),
  ]);
}

function delayField(form: OptionsForm): HTMLElement {
  const { doc, win } = form;
  const delay = el(doc, 'input', {
    type: 'range',
    id: uid('card-delay'),
    min: 0,
    max: SLIDER_MAX_MS,
    step: 50,
    'aria-describedby': uid('card-delay-hint'),
  });
  const out = el(doc, 'output', { for: uid('card-delay'), id: uid('card-delay-value'), className: 'sl-output' });
  const show = (ms: number) => {
    out.textContent = ms === 0 ? t('optionsDelayNone') : t('optionsDelayMs', ms);
    delay.setAttribute('aria-valuetext', out.textContent);
  };
  delay.addEventListener('input', () => show(Number(delay.value)));
  // saved when the reader lets go, and once for a run of arrow-key steps
  let timer = 0;
  let pending: number | null = null;
  delay.addEventListener('change', () => {
    // the value as the reader left it: a refresh from another change may reset the slider before the timer fires
    const ms = Math.min(MAX_CARD_DELAY_MS, Math.max(0, Math.round(Number(delay.value))));
    win.clearTimeout(timer);
    timer = win.setTimeout(() => {
      timer = 0;
      void form.save({ cardDelayMs: ms });
    }, DELAY_SAVE_MS);
    pending = ms;
  });
  form.follow((s) => {
    // while a change of the slider waits to be saved, keep showing it
    const ms = timer && pending != null ? pending : s.cardDelayMs;
    delay.value = String(Math.min(SLIDER_MAX_MS, ms));
    show(ms);
  });
  return el(doc, 'div', { className: 'sl-field' }, [
    el(doc, 'label', { for: uid('card-delay') }, [t('optionsDelayLabel')]),
    el(doc, 'div', { className: 'sl-range' }, [delay, out]),
    el(doc, 'p', { id: uid('card-delay-hint'), className: 'sl-hint' }, [t('optionsDelayHint')]),
  ]);
}
