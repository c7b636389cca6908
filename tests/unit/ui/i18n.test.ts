import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/ui/i18n';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.(ts|html)$/.test(d.name) ? [p] : [];
  });
}
const code = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'entrypoints')), path.join(ROOT, 'wxt.config.ts')]
  .map((f) => fs.readFileSync(f, 'utf8'))
  .join('\n');

describe('the message catalogue', () => {
  it('has every key the interface asks for', () => {
    const asked = [...code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g), ...code.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]);
    expect(asked.length).toBeGreaterThan(100);
    expect(asked.filter((k) => !(k in catalogue))).toEqual([]);
  });

  it('holds no message the interface does not use', () => {
    const unused = Object.keys(catalogue).filter((k) => !code.includes(`'${k}'`) && !code.includes(`__MSG_${k}__`));
    expect(unused).toEqual([]);
  });

  it('defines every placeholder its messages use, and keys the browser can tell apart', () => {
    const lower = new Set(Object.keys(catalogue).map((k) => k.toLowerCase()));
    expect(lower.size).toBe(Object.keys(catalogue).length);
    for (const [key, m] of Object.entries(catalogue)) {
      const used = [...m.message.matchAll(/\$([a-z0-9_]+)\$/gi)].map((x) => x[1].toLowerCase());
      expect(
        Object.keys(m.placeholders ?? {}).map((p) => p.toLowerCase()),
        key,
      ).toEqual([...new Set(used)]);
    }
  });

  it('fills a message’s placeholders in order', () => {
    expect(t('popupOffOnHost', 'news.example')).toBe('Story Lens is off on news.example.');
    expect(t('popupCoverageLabel', 2, 16, 13)).toBe("Covers 2 of the 16 people and places from the story's article (13%)");
  });
});
