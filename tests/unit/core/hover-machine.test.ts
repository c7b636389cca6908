import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ABANDON_END_DELAY_MS,
  CARD_OPEN_DELAY_MS,
  createHoverController,
  transition,
  type HoverState,
} from '../../../src/core/hover-machine';

function setup(delayMs = CARD_OPEN_DELAY_MS) {
  const log: string[] = [];
  const c = createHoverController<string>({
    delayMs,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    show: (t, o) => log.push(`show ${t}${o.pinned ? ' pinned' : ''}${o.focus ? ' focus' : ''}`),
    hide: () => log.push('hide'),
  });
  return { c, log };
}

describe('hover card timing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens only after the pointer rests on a mention for the delay', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS - 1);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['show a']);
    expect(c.state).toEqual({ kind: 'open', target: 'a', onCard: false });
  });

  it('uses the delay from settings', () => {
    const { c, log } = setup(100);
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['show a']);
    c.setDelay(900);
    c.dispatch({ type: 'close' });
    c.dispatch({ type: 'enterMention', target: 'b' });
    vi.advanceTimersByTime(899);
    expect(log).toEqual(['show a', 'hide']);
    vi.advanceTimersByTime(1);
    expect(log.at(-1)).toBe('show b');
  });

  it('passing over a mention (leaving before the delay) opens nothing', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(200);
    c.dispatch({ type: 'leaveMention' });
    vi.advanceTimersByTime(2000);
    expect(log).toEqual([]);
    expect(c.state.kind).toBe('idle');
  });

  it('moving to another mention while waiting restarts the wait for the new one', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(400);
    c.dispatch({ type: 'enterMention', target: 'b' });
    vi.advanceTimersByTime(400);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['show b']);
  });

  it('re-entering the same mention while waiting does not restart the wait', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(300);
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(200);
    expect(log).toEqual(['show a']);
  });

  it('closes after the grace period when the pointer leaves the mention', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'leaveMention' });
    vi.advanceTimersByTime(ABANDON_END_DELAY_MS - 1);
    expect(log).toEqual(['show a']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['show a', 'hide']);
    expect(c.state.kind).toBe('idle');
  });

  it('stays open while the pointer moves from the mention onto the card, and closes after grace when it leaves the card', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'leaveMention' });
    vi.advanceTimersByTime(150);
    c.dispatch({ type: 'enterCard' });
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['show a']);
    expect(c.state).toEqual({ kind: 'open', target: 'a', onCard: true });
    c.dispatch({ type: 'leaveCard' });
    vi.advanceTimersByTime(ABANDON_END_DELAY_MS);
    expect(log).toEqual(['show a', 'hide']);
  });

  it('the card stays when the pointer is seen on the card before it is seen leaving the mention', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'enterCard' });
    c.dispatch({ type: 'leaveMention' });
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['show a']);
    expect(c.state).toEqual({ kind: 'open', target: 'a', onCard: true });
  });

  it('coming back to the mention within the grace period keeps the card', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'leaveMention' });
    vi.advanceTimersByTime(100);
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['show a']);
    expect(c.state.kind).toBe('open');
  });

  it('moving to another mention replaces the open card after the delay', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'enterMention', target: 'b' });
    expect(log).toEqual(['show a', 'hide']);
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    expect(log).toEqual(['show a', 'hide', 'show b']);
  });

  it('moving to another mention during the grace period replaces the card too', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'leaveMention' });
    c.dispatch({ type: 'enterMention', target: 'b' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    expect(log).toEqual(['show a', 'hide', 'show b']);
  });

  it('a click on a mention pins its card at once; the pointer leaving does not close it', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'clickMention', target: 'a' });
    expect(log).toEqual(['show a pinned']);
    c.dispatch({ type: 'enterMention', target: 'b' });
    c.dispatch({ type: 'leaveMention' });
    c.dispatch({ type: 'leaveCard' });
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['show a pinned']);
    expect(c.state).toEqual({ kind: 'pinned', target: 'a' });
  });

  it('a click inside an open card pins it', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'leaveMention' });
    c.dispatch({ type: 'enterCard' });
    c.dispatch({ type: 'clickCard' });
    c.dispatch({ type: 'leaveCard' });
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['show a', 'show a pinned']);
  });

  it('a click in the card during the grace period pins it and cancels the close', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
    c.dispatch({ type: 'leaveMention' });
    c.dispatch({ type: 'clickCard' });
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['show a', 'show a pinned']);
  });

  it('a click while waiting opens the card pinned without waiting', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    c.dispatch({ type: 'clickMention', target: 'a' });
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['show a pinned']);
  });

  it('clicking another mention moves the pinned card to it; clicking the same one again changes nothing', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'clickMention', target: 'a' });
    c.dispatch({ type: 'clickMention', target: 'a' });
    c.dispatch({ type: 'clickMention', target: 'b' });
    expect(log).toEqual(['show a pinned', 'show b pinned']);
  });

  it('Escape (close) closes a card in every state and cancels a pending open', () => {
    for (const prep of [
      (c: ReturnType<typeof setup>['c']) => c.dispatch({ type: 'clickMention', target: 'a' }),
      (c: ReturnType<typeof setup>['c']) => {
        c.dispatch({ type: 'enterMention', target: 'a' });
        vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
      },
      (c: ReturnType<typeof setup>['c']) => {
        c.dispatch({ type: 'enterMention', target: 'a' });
        vi.advanceTimersByTime(CARD_OPEN_DELAY_MS);
        c.dispatch({ type: 'leaveMention' });
      },
    ]) {
      const { c, log } = setup();
      prep(c);
      c.dispatch({ type: 'close' });
      expect(log.at(-1)).toBe('hide');
      expect(c.state.kind).toBe('idle');
      vi.advanceTimersByTime(10_000);
      expect(log.filter((l) => l === 'hide')).toHaveLength(1);
    }
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    c.dispatch({ type: 'close' });
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['hide']);
    c.dispatch({ type: 'close' });
    expect(log).toEqual(['hide']); // closing when nothing is open does nothing
  });

  it('the keyboard shortcut / popup opens a card at once, pinned and with focus', () => {
    const { c, log } = setup();
    c.dispatch({ type: 'enterMention', target: 'a' });
    c.dispatch({ type: 'openNow', target: 'b', focus: true });
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['show b pinned focus']);
    expect(c.state).toEqual({ kind: 'pinned', target: 'b' });
  });

  it('stale timer events are ignored', () => {
    const s: HoverState<string>[] = [{ kind: 'idle' }, { kind: 'open', target: 'a', onCard: false }, { kind: 'pinned', target: 'a' }];
    for (const state of s) {
      expect(transition(state, { type: 'delayElapsed' }, { delayMs: 1, graceMs: 1 })).toEqual({ state, effects: [] });
      expect(transition(state, { type: 'graceElapsed' }, { delayMs: 1, graceMs: 1 })).toEqual({ state, effects: [] });
    }
  });

  it('pointer events on the card with no card open change nothing', () => {
    for (const type of ['enterCard', 'leaveCard', 'leaveMention', 'clickCard'] as const) {
      expect(transition<string>({ kind: 'idle' }, { type }, { delayMs: 1, graceMs: 1 })).toEqual({ state: { kind: 'idle' }, effects: [] });
    }
  });
});
