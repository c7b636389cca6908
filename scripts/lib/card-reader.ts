/**
 * How the tools and the tests read the hover card, whose shadow root is
 * closed (src/ui/card-host.ts): through a path no page has. In Chromium, the
 * DevTools protocol: the host's closed root (DOM.describeNode with pierce),
 * resolved as an object of an isolated world of our own and handed to a
 * function run there (Runtime.callFunctionOn), so neither the page's scripts
 * nor anything it patched in its own world ever sees the root. In Firefox,
 * WebDriver BiDi: the host serialized with its closed root (includeShadowTree
 * "all") and the root handed to a function run in a sandbox. A page's own
 * view of the card (an empty `<story-lens-card>`) is read with page.evaluate.
 *
 * `npm start` (scripts/start.ts), the Firefox smoke check
 * (scripts/smoke-firefox.ts) and the e2e tests use it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { CDPSession, Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

export const CARD_TAG = 'story-lens-card';
/** the isolated world (Chromium) or sandbox (Firefox) the card is read in */
const WORLD = 'story-lens-card-reader';
/** tsx and vitest may wrap named inner functions in __name(...): defined where our functions run */
const KEEP_NAMES = 'globalThis.__name ??= (f) => f;';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the card shows, read inside its shadow root. */
export interface CardView {
  /** on the page, not hidden, placed (not off-screen while being placed) */
  open: boolean;
  /** the dialog's rendered text (its generated content read as text) */
  text: string;
  label: string | null;
  role: string | null;
  className: string;
  /** the dialog's box in the viewport */
  rect: Box | null;
  shadowMode: string;
  /** the card's entrance animations are over (or there were none) */
  settled: boolean;
}

export interface CardState extends CardView {
  /** `<story-lens-card>` elements in the page */
  count: number;
}

const NO_CARD: CardView = { open: false, text: '', label: null, role: null, className: '', rect: null, shadowMode: '', settled: true };

/** Runs inside the card's root, in our own world: what the card shows. */
function view(root: ShadowRoot): CardView {
  const host = root.host as HTMLElement;
  const dialog = root.querySelector('[role="dialog"]') as HTMLElement | null;
  const box = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const hostBox = host.getBoundingClientRect();
  return {
    open: host.isConnected && !host.hidden && hostBox.width > 0 && hostBox.left > -1000,
    text: dialog ? renderedText(dialog) : '',
    label: dialog?.getAttribute('aria-label') ?? null,
    role: dialog?.getAttribute('role') ?? null,
    className: dialog?.className ?? '',
    rect: dialog ? box(dialog.getBoundingClientRect()) : null,
    shadowMode: root.mode,
    settled: root.getAnimations().every((a) => a.playState !== 'running'),
  };

  /**
   * The card's text is CSS generated content (src/ui/card-text.ts), which innerText leaves out: for the moment
   * of reading (no frame is drawn meanwhile, and the page cannot look inside), each piece the card's CSS
   * renders is also put in as a text node, read with innerText's line breaks, and taken out again.
   */
  function renderedText(el: HTMLElement): string {
    const added: Text[] = [];
    for (const e of el.querySelectorAll('[data-t]')) {
      const text = generated(e);
      if (text) added.push(e.appendChild(el.ownerDocument.createTextNode(text)));
    }
    const text = el.innerText;
    for (const t of added) t.remove();
    return text;
  }

  /** what the element's ::before renders: its computed content, a CSS string (Firefox may give attr() as written) */
  function generated(e: Element): string | null {
    const content = getComputedStyle(e, '::before').content;
    if (content.startsWith('attr(')) return e.getAttribute('data-t');
    if (!content.startsWith('"')) return null;
    return content
      .slice(1, -1)
      .replace(/\\([0-9a-f]{1,6} ?|[\s\S])/gi, (_, c: string) => (/^[0-9a-f]/i.test(c) ? String.fromCodePoint(parseInt(c, 16)) : c));
  }
}

/** Runs inside the card's root: the box of the first element matching `selector`. */
function boxOf(root: ShadowRoot, selector: string): Box | null {
  const r = root.querySelector(selector)?.getBoundingClientRect();
  return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
}

const asCall = (fn: string) => `function (arg) { ${KEEP_NAMES} return (${fn})(this, arg); }`;

// ---- Chromium: the DevTools protocol ----

interface RemoteObject {
  objectId?: string;
  value?: unknown;
}

/** A DevTools session on one page, and our isolated world in its current document. */
class Reader {
  private world: { loaderId: string; contextId: number } | null = null;
  constructor(readonly cdp: CDPSession) {}

  /** our world in the page's current document (a new one after each navigation) */
  async contextId(): Promise<number> {
    const { frameTree } = (await this.cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string; loaderId: string } } };
    const { id, loaderId } = frameTree.frame;
    if (this.world?.loaderId !== loaderId) {
      const { executionContextId } = await this.cdp.send('Page.createIsolatedWorld', { frameId: id, worldName: WORLD });
      this.world = { loaderId, contextId: executionContextId };
    }
    return this.world.contextId;
  }

  /** Runs the function `source` (of the root and `arg`) with the card's closed root in our world; null when there is no card. */
  async inRoot<R>(source: string, arg?: unknown): Promise<R | null> {
    const contextId = await this.contextId();
    const group = WORLD;
    try {
      const { result: host } = (await this.cdp.send('Runtime.evaluate', {
        expression: `document.querySelector(${JSON.stringify(CARD_TAG)})`,
        contextId,
        objectGroup: group,
      })) as { result: RemoteObject };
      if (!host.objectId) return null;
      const { node } = (await this.cdp.send('DOM.describeNode', { objectId: host.objectId, depth: 1, pierce: true })) as {
        node: { shadowRoots?: { backendNodeId: number }[] };
      };
      const shadow = node.shadowRoots?.[0];
      if (!shadow) return null;
      const { object: root } = (await this.cdp.send('DOM.resolveNode', {
        backendNodeId: shadow.backendNodeId,
        executionContextId: contextId,
        objectGroup: group,
      })) as { object: RemoteObject };
      const { result, exceptionDetails } = (await this.cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: asCall(source),
        objectId: root.objectId,
        arguments: [{ value: arg ?? null }],
        returnByValue: true,
        awaitPromise: true,
      })) as { result: RemoteObject; exceptionDetails?: { exception?: { description?: string }; text: string } };
      if (exceptionDetails) throw new Error(`in the card: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as R;
    } finally {
      await this.cdp.send('Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => {});
    }
  }
}

const readers = new WeakMap<Page, Promise<Reader>>();

function reader(page: Page): Promise<Reader> {
  let r = readers.get(page);
  if (!r) {
    r = page
      .context()
      .newCDPSession(page)
      .then((cdp) => new Reader(cdp));
    readers.set(page, r);
  }
  return r;
}

/** Runs `fn` with the card's closed shadow root, in an isolated world of our own; null when there is no card. */
export async function inCard<R, A = undefined>(page: Page, fn: (root: ShadowRoot, arg: A) => R | Promise<R>, arg?: A): Promise<R | null> {
  return (await reader(page)).inRoot<R>(fn.toString(), arg);
}

/**
 * Runs `fn` (self-contained: it is sent as source) with the first element of the card matching `selector`,
 * in our isolated world; null when there is no card.
 */
export async function onCardElement<R>(page: Page, selector: string, fn: (element: Element) => R): Promise<R | null> {
  return (await reader(page)).inRoot<R>(`(root) => (${fn.toString()})(root.querySelector(${JSON.stringify(selector)}))`);
}

/** The card as the reader sees it, and how many card elements the page holds. */
export async function readCard(page: Page): Promise<CardState> {
  // the card first, then the count: a card that opens between the two reads is seen whole at the next read
  const card = (await inCard(page, view)) ?? NO_CARD;
  return { count: await page.evaluate((tag) => document.querySelectorAll(tag).length, CARD_TAG), ...card };
}

/**
 * Waits until `want` holds for the card, checking once a frame; returns the card then. Throws with the
 * last state read after `timeout` ms.
 */
export async function waitForCardState(page: Page, want: (s: CardState) => boolean, timeout = 5000): Promise<CardState> {
  const until = Date.now() + timeout;
  for (;;) {
    const s = await readCard(page);
    if (want(s)) return s;
    if (Date.now() > until) throw new Error(`the card did not reach the state waited for in ${timeout} ms: ${JSON.stringify(s)}`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
}

/** The viewport box of the first element in the card matching `selector` (null: none). */
export async function cardElementBox(page: Page, selector: string): Promise<Box | null> {
  return inCard(page, boxOf, selector);
}

/** Clicks an element of the card as the reader does: the pointer, at its middle. */
export async function clickInCard(page: Page, selector: string): Promise<void> {
  const box = await cardElementBox(page, selector);
  if (!box) throw new Error(`nothing in the card matches ${selector}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

export interface AxeViolation {
  id: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's check of the card, run in our isolated world: axe descends into shadow roots through
 * `element.shadowRoot`, which our world's view of the host is given (the page's view is untouched).
 */
export async function axeCard(page: Page): Promise<AxeViolation[]> {
  const r = await reader(page);
  const contextId = await r.contextId();
  const loaded = (await r.cdp.send('Runtime.evaluate', { expression: 'typeof axe', contextId, returnByValue: true })) as {
    result: RemoteObject;
  };
  if (loaded.result.value !== 'object') {
    const source = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await r.cdp.send('Runtime.evaluate', { expression: source, contextId });
  }
  const violations = await inCard(page, async (root) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Node, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    Object.defineProperty(root.host, 'shadowRoot', { get: () => root, configurable: true });
    const res = await axe.run(root.host, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  if (!violations) throw new Error('no card to check');
  return violations;
}

// ---- Firefox: WebDriver BiDi (puppeteer-core) ----

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/**
 * Runs `fn` with the card's closed shadow root in a WebDriver BiDi sandbox (Firefox, puppeteer-core over
 * BiDi); null when there is no card.
 */
export async function inCardBidi<R, A = undefined>(page: PuppeteerPage, fn: (root: ShadowRoot, arg: A) => R, arg?: A): Promise<R | null> {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const target = { context: (page.mainFrame() as unknown as { _id: string })._id, sandbox: WORLD };
  const found = await connection.send('script.evaluate', {
    expression: `document.querySelector(${JSON.stringify(CARD_TAG)})`,
    target,
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
  });
  const host = (found.result as { result?: { value?: { shadowRoot?: { sharedId?: string } | null } } }).result;
  const root = host?.value?.shadowRoot?.sharedId;
  if (!root) return null;
  const called = await connection.send('script.callFunction', {
    functionDeclaration: `(root, json) => { ${KEEP_NAMES} return JSON.stringify((${fn.toString()})(root, JSON.parse(json))); }`,
    target,
    arguments: [{ sharedId: root }, { type: 'string', value: JSON.stringify(arg ?? null) }],
    awaitPromise: true,
    resultOwnership: 'none',
  });
  const out = called.result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
  if (out.type !== 'success') throw new Error(`in the card: ${out.exceptionDetails?.text ?? 'failed'}`);
  return JSON.parse(out.result?.value ?? 'null') as R;
}

/** The card as the reader sees it, in Firefox. */
export async function readCardBidi(page: PuppeteerPage): Promise<CardState> {
  // the card first, then the count, as in readCard
  const card = (await inCardBidi(page, view)) ?? NO_CARD;
  return { count: await page.evaluate((tag: string) => document.querySelectorAll(tag).length, CARD_TAG), ...card };
}
