/**
 * The built extension (.output/chrome-mv3), copied to a directory of the
 * caller's own before Chromium loads it: tests, `npm run dev` and other
 * builds rewrite .output/chrome-mv3 at any time, and a build in progress
 * leaves it missing for a moment, so the copy waits that out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR } from '../../tests/e2e/harness';

export async function copyBuiltExtension(dest: string, opts: { attempts?: number; waitMs?: number } = {}): Promise<string> {
  const attempts = opts.attempts ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(dest, { recursive: true, force: true });
      fs.cpSync(EXTENSION_DIR, dest, { recursive: true });
      if (fs.existsSync(path.join(dest, 'manifest.json')) && fs.existsSync(path.join(dest, 'content-scripts/content.js'))) return dest;
    } catch {
      /* a build is replacing the directory: wait */
    }
    if (attempt >= attempts) throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first.`);
    await new Promise((r) => setTimeout(r, opts.waitMs ?? 1000));
  }
}
