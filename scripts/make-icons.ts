/**
 * Draws the extension's icons (public/icon/{16,32,48,96,128}.png) from one
 * SVG: a magnifier whose lens holds a highlighted line of text - what Story
 * Lens does to a page. Rendered by Chromium (the same one the tests use) so
 * small sizes get proper anti-aliasing; run `npx tsx scripts/make-icons.ts`
 * after changing the drawing and commit the PNGs.
 */
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath } from './lib/browser';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'public/icon');
const SIZES = [16, 32, 48, 96, 128];

/**
 * 128-unit drawing. Small sizes drop the text lines (they blur into grey) and
 * thicken the ring so the mark stays readable at 16 px. A light halo keeps
 * the navy mark visible on dark toolbars.
 */
export function iconSvg(size: number): string {
  const small = size <= 32;
  const ring = small ? 15 : 11;
  const lines = small
    ? `<rect x="24" y="45" width="50" height="16" rx="4" fill="#ffd23f"/>`
    : `<rect x="25" y="31" width="46" height="7" rx="3.5" fill="#9aa7b8"/>
       <rect x="22" y="45" width="54" height="14" rx="4" fill="#ffd23f"/>
       <rect x="31" y="47.5" width="36" height="9" rx="3" fill="#1f3a5f"/>
       <rect x="25" y="66" width="42" height="7" rx="3.5" fill="#9aa7b8"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <defs><clipPath id="lens"><circle cx="49" cy="52" r="${36 - ring / 2}"/></clipPath></defs>
  <g stroke="#ffffff" stroke-opacity="0.9" fill="none">
    <line x1="76" y1="79" x2="112" y2="115" stroke-width="${(small ? 22 : 18) + 6}" stroke-linecap="round"/>
    <circle cx="49" cy="52" r="${36 - ring / 2}" stroke-width="${ring + 6}"/>
  </g>
  <line x1="76" y1="79" x2="112" y2="115" stroke="#1f3a5f" stroke-width="${small ? 22 : 18}" stroke-linecap="round"/>
  <circle cx="49" cy="52" r="${36 - ring / 2}" fill="#ffffff"/>
  <g clip-path="url(#lens)">${lines}</g>
  <circle cx="49" cy="52" r="${36 - ring / 2}" fill="none" stroke="#1f3a5f" stroke-width="${ring}"/>
</svg>`;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${iconSvg(size)}</body></html>`);
      const file = path.join(OUT, `${size}.png`);
      await page.locator('svg').screenshot({ path: file, omitBackground: true });
      console.log(`wrote ${path.relative(ROOT, file)}`);
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
