/**
 * The browser's i18n API for unit tests: WXT's fakeBrowser does not implement
 * `i18n.getMessage`, so it is read here from the English catalogue, with
 * Chrome's rules for placeholders ($name$ → its content, $1…$9 → the
 * substitutions, $$ → $). Views then show the same text in Node as in a browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const file = path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json');
const catalogue = new Map(
  Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Message>).map(([k, v]) => [k.toLowerCase(), v]),
);

export function getMessage(name: string, substitutions?: string | string[]): string {
  const entry = catalogue.get(name.toLowerCase());
  if (!entry) return '';
  const subs = substitutions == null ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$\$|\$([a-z0-9_@]+)\$/gi, (whole, ph?: string) => {
    if (!ph) return '$';
    const content = placeholders.get(ph.toLowerCase());
    return content == null ? whole : fill(content);
  });
}

fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
