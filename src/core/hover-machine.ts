/**
 * When the hover card opens and closes, as a pure state machine (as
 * wikimedia/mediawiki-extensions-Popups does): pointer rests on a mention →
 * wait → show; pointer leaves → grace → hide; pointer onto the card keeps it;
 * a click pins it until it is closed; Escape closes. `transition` is pure and
 * returns the effects to run; `createHoverController` runs them with
 * injected timers, so both are tested in Node (tests/unit/core/hover-machine.test.ts).
 */

/** How long the pointer rests on a mention before its card opens (Page Previews: card no sooner than 500 ms). Settings can change it. */
export const CARD_OPEN_DELAY_MS = 500;
/** Grace period after the pointer leaves the mention or the card (Page Previews' ABANDON_END_DELAY). */
export const ABANDON_END_DELAY_MS = 300;

export type HoverState<T> =
  | { kind: 'idle' }
  | { kind: 'waiting'; target: T }
  | { kind: 'open'; target: T; onCard: boolean }
  | { kind: 'leaving'; target: T }
  | { kind: 'pinned'; target: T };

export type HoverEvent<T> =
  | { type: 'enterMention'; target: T }
  | { type: 'leaveMention' }
  | { type: 'enterCard' }
  | { type: 'leaveCard' }
  | { type: 'delayElapsed' }
  | { type: 'graceElapsed' }
  /** a click on a mention: pins its card */
  | { type: 'clickMention'; target: T }
  /** a click inside the card: pins it */
  | { type: 'clickCard' }
  /** keyboard shortcut or popup: open this card at once, pinned, with focus */
  | { type: 'openNow'; target: T; focus: boolean }
  /** Escape, the close button, or the mention went away */
  | { type: 'close' };

export type HoverEffect<T> =
  | { type: 'startTimer'; timer: 'delay' | 'grace'; ms: number }
  | { type: 'cancelTimer' }
  | { type: 'show'; target: T; pinned: boolean; focus: boolean }
  | { type: 'hide' };

export interface HoverTimings {
  delayMs: number;
  graceMs: number;
}

export interface Transition<T> {
  state: HoverState<T>;
  effects: HoverEffect<T>[];
}

const same = <T>(state: HoverState<T>): Transition<T> => ({ state, effects: [] });

// One piece on purpose: the machine reads as one table, event-first then state by state.
export function transition<T>(state: HoverState<T>, event: HoverEvent<T>, timings: HoverTimings): Transition<T> {
  const wait = (target: T, hideFirst: boolean): Transition<T> => ({
    state: { kind: 'waiting', target },
    effects: [...(hideFirst ? [{ type: 'hide' } as const] : []), { type: 'startTimer', timer: 'delay', ms: timings.delayMs }],
  });
  const pin = (target: T, focus: boolean): Transition<T> => ({
    state: { kind: 'pinned', target },
    effects: [{ type: 'cancelTimer' }, { type: 'show', target, pinned: true, focus }],
  });

  switch (event.type) {
    case 'close':
      return state.kind === 'idle' ? same(state) : { state: { kind: 'idle' }, effects: [{ type: 'cancelTimer' }, { type: 'hide' }] };
    case 'openNow':
      return pin(event.target, event.focus);
    case 'clickMention':
      if (state.kind === 'pinned' && state.target === event.target) return same(state);
      return pin(event.target, false);
    case 'clickCard':
      if (state.kind === 'open' || state.kind === 'leaving') return pin(state.target, false);
      return same(state);
  }

  switch (state.kind) {
    case 'idle':
      return event.type === 'enterMention' ? wait(event.target, false) : same(state);

    case 'waiting':
      switch (event.type) {
        case 'enterMention':
          return event.target === state.target ? same(state) : wait(event.target, false);
        case 'leaveMention':
          return { state: { kind: 'idle' }, effects: [{ type: 'cancelTimer' }] };
        case 'delayElapsed':
          return {
            state: { kind: 'open', target: state.target, onCard: false },
            effects: [{ type: 'show', target: state.target, pinned: false, focus: false }],
          };
        default:
          return same(state);
      }

    case 'open':
      switch (event.type) {
        case 'enterMention':
          return event.target === state.target ? same(state) : wait(event.target, true);
        case 'leaveMention':
          // the pointer reached the card before the page noticed it left the mention: the card holds it
          if (state.onCard) return same(state);
          return {
            state: { kind: 'leaving', target: state.target },
            effects: [{ type: 'startTimer', timer: 'grace', ms: timings.graceMs }],
          };
        case 'leaveCard':
          return {
            state: { kind: 'leaving', target: state.target },
            effects: [{ type: 'startTimer', timer: 'grace', ms: timings.graceMs }],
          };
        case 'enterCard':
          return same({ kind: 'open', target: state.target, onCard: true });
        default:
          return same(state);
      }

    case 'leaving':
      switch (event.type) {
        case 'enterMention':
          if (event.target !== state.target) return wait(event.target, true);
          return { state: { kind: 'open', target: state.target, onCard: false }, effects: [{ type: 'cancelTimer' }] };
        case 'enterCard':
          return { state: { kind: 'open', target: state.target, onCard: true }, effects: [{ type: 'cancelTimer' }] };
        case 'graceElapsed':
          return { state: { kind: 'idle' }, effects: [{ type: 'hide' }] };
        default:
          return same(state);
      }

    case 'pinned':
      // a pinned card ignores the pointer: it stays until closed (or another mention is clicked)
      return same(state);
  }
}

export interface HoverControllerOptions<T> {
  delayMs?: number;
  graceMs?: number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  show(target: T, opts: { pinned: boolean; focus: boolean }): void;
  hide(): void;
}

export interface HoverController<T> {
  dispatch(event: HoverEvent<T>): void;
  readonly state: HoverState<T>;
  setDelay(ms: number): void;
}

/** Runs the machine: one timer at a time, effects in order. */
export function createHoverController<T>(opts: HoverControllerOptions<T>): HoverController<T> {
  let state: HoverState<T> = { kind: 'idle' };
  let timer: unknown;
  const timings: HoverTimings = { delayMs: opts.delayMs ?? CARD_OPEN_DELAY_MS, graceMs: opts.graceMs ?? ABANDON_END_DELAY_MS };
  const cancel = () => {
    if (timer !== undefined) opts.clearTimer(timer);
    timer = undefined;
  };
  const dispatch = (event: HoverEvent<T>) => {
    const next = transition(state, event, timings);
    state = next.state;
    for (const effect of next.effects) {
      switch (effect.type) {
        case 'cancelTimer':
          cancel();
          break;
        case 'startTimer': {
          cancel();
          const kind = effect.timer;
          timer = opts.setTimer(() => {
            timer = undefined;
            dispatch({ type: kind === 'delay' ? 'delayElapsed' : 'graceElapsed' });
          }, effect.ms);
          break;
        }
        case 'show':
          opts.show(effect.target, { pinned: effect.pinned, focus: effect.focus });
          break;
        case 'hide':
          opts.hide();
          break;
      }
    }
  };
  return {
    dispatch,
    get state() {
      return state;
    },
    setDelay(ms: number) {
      timings.delayMs = ms;
    },
  };
}
