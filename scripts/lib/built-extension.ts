/**
 * Building the extension and copying the build to a directory of the caller's
 * own before a browser loads it: tests, `npm run dev` and other builds rewrite
 * .output/<browser>-mv3 at any time, and a build in progress leaves it missing
 * for a moment, so the copy waits that out.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, ROOT } from './browser';

export const FIREFOX_BUILD = path.join(ROOT, '.output/firefox-mv3');

/** `wxt build` (Chrome) or `wxt build -b firefox`; prints the build's output and returns false when it fails. */
export function buildExtension(browser: 'chrome' | 'firefox' = 'chrome'): boolean {
  const args = browser === 'firefox' ? ['build', '-b', 'firefox'] : ['build'];
  console.log(`Building the ${browser === 'firefox' ? 'Firefox version' : 'extension'} (wxt ${args.join(' ')}) ...`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    console.error('The build failed (see above).');
    return false;
  }
  return true;
}

export async function copyBuiltExtension(dest: string, opts: { from?: string; attempts?: number; waitMs?: number } = {}): Promise<string> {
  const from = opts.from ?? EXTENSION_DIR;
  const attempts = opts.attempts ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(dest, { recursive: true, force: true });
      fs.cpSync(from, dest, { recursive: true });
      if (fs.existsSync(path.join(dest, 'manifest.json')) && fs.existsSync(path.join(dest, 'content-scripts/content.js'))) return dest;
    } catch {
      /* a build is replacing the directory: wait */
    }
    if (attempt >= attempts) {
      const script = from === FIREFOX_BUILD ? 'npm run build:firefox' : 'npm run build';
      throw new Error(`No built extension at ${from}: run "${script}" first.`);
    }
    await new Promise((r) => setTimeout(r, opts.waitMs ?? 1000));
  }
}
