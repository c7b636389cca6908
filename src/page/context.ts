/**
 * The content script's lifetime, of our own. WXT's ContentScriptContext tells
 * the page it started (a message and a document event named after the
 * extension id) and ends when the page dispatches that event; this one tells
 * the page nothing and ends only when
 * - the extension went away (browser.runtime.id gone: an update, a reload or
 *   a disable left this copy orphaned), or
 * - a newer copy of the content script started in this isolated world (a
 *   global of the isolated world, which the page cannot see or set).
 * Every callback it runs is checked against that, and what it throws stays
 * here: nothing of ours reaches the page's console.
 */
import { browser } from 'wxt/browser';

/** the running copy's stop, a global of the isolated world */
const STOP = 'storyLensStop';

export class PageContext {
  private readonly ac = new AbortController();
  readonly signal = this.ac.signal;

  constructor(scope: typeof globalThis = globalThis) {
    const g = scope as unknown as Record<string, (() => void) | undefined>;
    g[STOP]?.();
    g[STOP] = () => this.ac.abort();
    // Errors and rejections of the isolated world are dispatched to its own listeners only, never the page's:
    // cancelled, they are not printed in the page's console either (async work the callbacks below cannot wrap).
    for (const type of ['error', 'unhandledrejection']) scope.addEventListener?.(type, (e) => e.preventDefault());
  }

  /** false once the extension went away or a newer copy started */
  get isValid(): boolean {
    if (browser.runtime?.id == null) this.ac.abort();
    return !this.signal.aborted;
  }

  onInvalidated(fn: () => void): void {
    this.signal.addEventListener('abort', () => this.run(fn, true));
  }

  /** Runs `fn` while valid (or `anyway`); what it throws is swallowed. */
  run(fn: () => void, anyway = false): void {
    try {
      if (anyway || this.isValid) fn();
    } catch {
      // a failure of ours is not the page's business
    }
  }

  setTimeout(fn: () => void, ms: number): number {
    return setTimeout(() => this.run(fn), ms) as unknown as number;
  }

  /** Every `ms` while valid. */
  setInterval(fn: () => void, ms: number): void {
    const id = setInterval(() => (this.isValid ? this.run(fn) : clearInterval(id)), ms);
  }

  requestAnimationFrame(fn: () => void): void {
    requestAnimationFrame(() => this.run(fn));
  }

  /** Listens to the reader's input: an event a page's script dispatched (isTrusted false) is ignored. */
  addEventListener<E extends Event>(target: EventTarget, type: string, fn: (e: E) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, (e) => e.isTrusted && this.run(() => fn(e as E)), { ...options, signal: this.signal });
  }
}
