/**
 * Memory, reported rather than held to a target: the JavaScript heap the extension adds to a tab (the same
 * story page's heap after garbage collection with the extension, minus without it; the content script's
 * isolated world lives in the page's heap), and the background service worker's heap after start-up and
 * those page loads, read through a DevTools session attached to the worker. In browsers of their own,
 * apart from the other measurements.
 */
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, KEEP_NAMES_SHIM, launch, startServer, type Harness } from '../lib/browser';
import { round, setMarkEverywhere, settle } from './common';
import { median } from './fixtures';

/** A demo page on the story: the extension marks it and answers its counts, as on any page a reader opens. */
export const STORY_PAGE = '/scripts/demo/train-arrives.html';
const LOADS = 3;

export interface HeapResult {
  extension_heap_bytes: number;
  service_worker_heap_bytes: number;
  page_heap_with_extension_bytes: number;
  page_heap_without_extension_bytes: number;
}

/** The page's JavaScript heap in use after two full collections (CDP HeapProfiler + Runtime.getHeapUsage). */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * The median over LOADS fresh tabs of the story page's heap. `ready` waits for the page to be done: with the
 * extension, until its highlights have settled. Both sides run one evaluate in the page, so the driver's own
 * script is in both heaps.
 */
async function pageHeap(newPage: () => Promise<Page>, url: string, ready: (page: Page) => Promise<unknown>): Promise<number> {
  const sizes: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      await ready(page);
      const cdp = await page.context().newCDPSession(page);
      sizes.push(await heapAfterGc(cdp));
      await cdp.detach();
    } finally {
      await page.close();
    }
  }
  return median(sizes);
}

/** The service worker's heap after collection, through the one DevTools session a page can open to it (Target domain, non-flat). */
async function serviceWorkerHeap(h: Harness): Promise<number> {
  const page = await h.context.newPage();
  const cdp = await h.context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(h.extensionId));
    if (!sw) throw new Error('the extension has no running service worker');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    let id = 0;
    const answers = new Map<number, (r: { result?: unknown; error?: { message: string } }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id !== undefined) answers.get(m.id)?.(m);
    });
    const send = async <T>(method: string): Promise<T> => {
      const answer = new Promise<{ result?: unknown; error?: { message: string } }>((r) => answers.set(++id, r));
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      const m = await answer;
      if (m.error) throw new Error(`${method} in the service worker: ${m.error.message}`);
      return m.result as T;
    };
    await send('HeapProfiler.collectGarbage');
    await send('HeapProfiler.collectGarbage');
    const { usedSize } = await send<{ usedSize: number }>('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usedSize;
  } finally {
    await cdp.detach();
    await page.close();
  }
}

/** With the extension in a browser of its own (its start-up is the one measured), then in a plain Chromium with the same flags. */
export async function heapCosts(extensionDir: string): Promise<HeapResult> {
  const h = await launch({ extensionDir });
  let withExt: number;
  let sw: number;
  try {
    await h.context.addInitScript({ content: KEEP_NAMES_SHIM });
    await setMarkEverywhere(h, true);
    withExt = await pageHeap(
      () => h.context.newPage(),
      h.server.url(STORY_PAGE),
      (page) => settle(page, 500, 10_000),
    );
    sw = await serviceWorkerHeap(h);
  } finally {
    await h.close();
  }
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: KEEP_NAMES_SHIM });
    const without = await pageHeap(
      () => context.newPage(),
      server.url(STORY_PAGE),
      (page) => page.evaluate(() => document.readyState),
    );
    return {
      extension_heap_bytes: round(withExt - without, 0)!,
      service_worker_heap_bytes: sw,
      page_heap_with_extension_bytes: withExt,
      page_heap_without_extension_bytes: without,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
