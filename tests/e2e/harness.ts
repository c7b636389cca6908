/**
 * What only the e2e tests need beyond the shared browser (scripts/lib/browser.ts):
 * stopping the service worker as an idle browser does, and screenshots under
 * .output/screenshots. Every e2e file: `const h = await launch()` in beforeAll,
 * `await h.close()` in afterAll.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, type Harness } from '../../scripts/lib/browser';

export const SCREENSHOT_DIR = path.join(ROOT, '.output/screenshots');

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

/** Imports a backup file through the options page's own file input; returns what the page says of it. */
export async function importBackup(options: Page, content: string): Promise<string> {
  await options.setInputFiles('#sl-import-file', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(content) });
  await options.waitForSelector('#sl-import-result:not([hidden])', { timeout: 10_000 });
  return (await options.textContent('#sl-import-result')) ?? '';
}
