import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DIR, DEMO_PAGES, findChromium, hasDisplay, summarize } from '../../../scripts/start';

describe('npm start', () => {
  it('opens a window only where there is a display and this is not CI', () => {
    expect(hasDisplay({ DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay({})).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0', CI: 'true' })).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0', CI: 'false' })).toBe(true);
  });

  it('treats a CHROMIUM_PATH that does not exist as no Chromium, rather than silently using another', () => {
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeUndefined();
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });

  it('prints one row per entity, most mentioned first, with the spellings the page uses', () => {
    const rows = summarize([
      { entity: 'vladimir-putin', name: 'Vladimir Putin', type: 'person', text: 'Putin' },
      { entity: 'russia', name: 'Russia', type: 'place', text: 'Russia' },
      { entity: 'vladimir-putin', name: 'Vladimir Putin', type: 'person', text: 'Vladimir Putin' },
      { entity: 'vladimir-putin', name: 'Vladimir Putin', type: 'person', text: 'Putin' },
    ]);
    expect(rows).toEqual([
      { name: 'Vladimir Putin', entity: 'vladimir-putin', type: 'person', count: 3, texts: ['Putin', 'Vladimir Putin'] },
      { name: 'Russia', entity: 'russia', type: 'place', count: 1, texts: ['Russia'] },
    ]);
  });

  it('links every demo page from the demo index, and every demo page exists', () => {
    const index = fs.readFileSync(path.join(DEMO_DIR, 'index.html'), 'utf8');
    for (const { file } of DEMO_PAGES) {
      expect(fs.existsSync(path.join(DEMO_DIR, file)), file).toBe(true);
      expect(index).toContain(`href="${file}"`);
    }
  });
});
