// @vitest-environment happy-dom
/**
 * The content script's own lifetime (src/page/context.ts). That the page can
 * neither hear it nor end it, and that only trusted input counts, is checked
 * in Chromium (tests/e2e/page-cannot.e2e.ts): here, when it ends and what its
 * callbacks may do.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageContext } from '../../../src/page/context';

/** a scope of its own per test, standing in for the isolated world's globals */
const scope = () => new EventTarget() as unknown as typeof globalThis;

const runtime = fakeBrowser.runtime as { id?: string };
const extensionId = runtime.id;
afterEach(() => {
  runtime.id = extensionId;
  vi.useRealTimers();
});

describe('the content script context', () => {
  it('a newer copy of the content script ends the older one, once', () => {
    const world = scope();
    const older = new PageContext(world);
    const ended = vi.fn();
    older.onInvalidated(ended);
    expect(older.isValid).toBe(true);
    const newer = new PageContext(world);
    expect(older.isValid).toBe(false);
    expect(newer.isValid).toBe(true);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('an orphaned copy (the extension updated or disabled) runs nothing more', () => {
    vi.useFakeTimers();
    const ctx = new PageContext(scope());
    const ran = vi.fn();
    ctx.setTimeout(ran, 10);
    ctx.setInterval(ran, 10);
    vi.advanceTimersByTime(10);
    expect(ran).toHaveBeenCalledTimes(2);
    runtime.id = undefined;
    vi.advanceTimersByTime(100);
    expect(ran).toHaveBeenCalledTimes(2);
    expect(ctx.isValid).toBe(false);
  });

  it("a callback's failure stays in the context: later callbacks still run", () => {
    vi.useFakeTimers();
    const ctx = new PageContext(scope());
    const ran = vi.fn();
    ctx.setTimeout(() => {
      throw new Error('ours');
    }, 1);
    ctx.setTimeout(ran, 2);
    expect(() => vi.advanceTimersByTime(5)).not.toThrow();
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('errors and rejections of its world are cancelled, so the console does not print them', () => {
    const world = scope();
    new PageContext(world);
    for (const type of ['error', 'unhandledrejection']) {
      const e = new Event(type, { cancelable: true });
      world.dispatchEvent(e);
      expect(e.defaultPrevented).toBe(true);
    }
  });
});
