/**
 * Shared end-to-end harness: Debian's Chromium with the built extension
 * (.output/chrome-mv3), and a static server on 127.0.0.1 for fixture pages.
 * Every e2e file: `const h = await launch()` in beforeAll, `await h.close()` in afterAll.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
export const SCREENSHOT_DIR = path.join(ROOT, '.output/screenshots');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found)
    throw new Error('No Chromium found: install Debian\'s "chromium" package (apt-get install -y chromium) or set CHROMIUM_PATH.');
  return found;
}

export interface Route {
  /** body as a string or a function of the request URL */
  body: string | Buffer | ((url: URL) => string);
  type?: string;
  headers?: Record<string, string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static server over the project root (and ../shared as /shared/), plus routes added by a test. */
export async function startServer(extraRoutes: Record<string, Route> = {}) {
  const routes = new Map(Object.entries(extraRoutes));
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const route = routes.get(url.pathname);
    if (route) {
      const body = typeof route.body === 'function' ? route.body(url) : route.body;
      res.writeHead(200, { 'content-type': route.type ?? 'text/html; charset=utf-8', ...route.headers });
      res.end(body);
      return;
    }
    const rel = decodeURIComponent(url.pathname);
    const file = rel.startsWith('/shared/') ? path.join(ROOT, '..', rel) : path.join(ROOT, rel);
    const base = rel.startsWith('/shared/') ? path.join(ROOT, '../shared') : ROOT;
    if (!file.startsWith(base) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    url: (p: string) => `http://127.0.0.1:${port}${p.startsWith('/') ? p : `/${p}`}`,
    route: (p: string, r: Route) => routes.set(p, r),
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type Server = Awaited<ReturnType<typeof startServer>>;

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  server: Server;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  /** open a page of the extension (popup.html, options.html) */
  extensionPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launch(
  opts: {
    extensionDir?: string;
    routes?: Record<string, Route>;
    userDataDir?: string;
    /** default true; `npm start` shows the window where there is a display */ headless?: boolean;
  } = {},
): Promise<Harness> {
  const ext = opts.extensionDir ?? EXTENSION_DIR;
  if (!fs.existsSync(path.join(ext, 'manifest.json'))) throw new Error(`No built extension at ${ext}: run "npm run build" first.`);
  const userDataDir = opts.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'story-lens-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const server = await startServer(opts.routes);
  const serviceWorker = async () => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const sw = await serviceWorker();
  const extensionId = new URL(sw.url()).host;
  // Tests start from an installed extension: the background seeds the bundled story on install, and a test
  // that reads the stories before that (seen once in CI, on a loaded machine) would read nothing.
  await sw.evaluate(async () => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } })
      .chrome.storage;
    for (let i = 0; i < 300; i++) {
      if ((await storage.local.get('stories')).stories) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the background did not seed the bundled story within 15 s');
  });
  return {
    context,
    extensionId,
    server,
    userDataDir,
    serviceWorker,
    async extensionPage(file: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
    },
  };
}

/** Stops the MV3 service worker as the browser does when idle (DevTools protocol). */
export async function stopServiceWorker(h: Harness): Promise<void> {
  const page = h.context.pages()[0] ?? (await h.context.newPage());
  const cdp = await h.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(h.extensionId));
  if (!sw) throw new Error('no running service worker to stop');
  await cdp.send('Target.closeTarget', { targetId: sw.targetId });
  await cdp.detach();
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  return file;
}

/** A palette colour ("#1c1e22") as getComputedStyle writes it ("rgb(28, 30, 34)"). */
export function computedColour(hex: string): string {
  return `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
}
