/**
 * Where Story Lens runs: host patterns from the settings' never-run and
 * only-run lists. Written by hand (a few lines): WebExtension match patterns
 * need a scheme and path and cannot say "*bank*.*".
 *
 * A pattern is a host, matched case-insensitively:
 * - "example.com"    → example.com and every subdomain (www.example.com)
 * - "*.example.com"  → subdomains only
 * - "*bank*.*"       → `*` stands for any run of characters, the whole host must match
 * A reader may paste a URL ("https://mail.google.com/mail/u/0"): its host is used.
 */
import { updateSettings, type Settings } from './settings';

/** The host a reader meant by a typed pattern or URL, lower-cased; '' when there is none. */
export function normalizePattern(input: string): string {
  let s = input.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // scheme
  s = s.replace(/[/?#].*$/, ''); // path, query, fragment
  s = s.replace(/^[^@]*@/, ''); // user info
  s = s.replace(/:\d+$/, ''); // port
  s = s.replace(/\.+$/, ''); // trailing dot
  if (!/^[a-z0-9*.\-_\u00a0-\uffff]+$/.test(s) || !/[a-z0-9\u00a0-\uffff]/.test(s)) return '';
  return s;
}

/** The host of a page URL, or '' when the URL is not an http(s) page. */
export function hostOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    return u.hostname.toLowerCase().replace(/\.+$/, '');
  } catch {
    return '';
  }
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function hostMatches(pattern: string, host: string): boolean {
  const p = normalizePattern(pattern);
  const h = host.toLowerCase();
  if (!p || !h) return false;
  if (p.startsWith('*.') && !p.slice(2).includes('*')) {
    const base = p.slice(2);
    return h.endsWith(`.${base}`);
  }
  if (p.includes('*')) return globToRegExp(p).test(h);
  return h === p || h.endsWith(`.${p}`);
}

/** Whether the settings let Story Lens run on this page (the switch, never-run and only-run lists). */
export function isSiteAllowed(settings: Pick<Settings, 'neverRunOn' | 'onlyRunOn'>, url: string): boolean {
  const host = hostOf(url);
  if (!host) return false;
  if (settings.neverRunOn.some((p) => hostMatches(p, host))) return false;
  if (settings.onlyRunOn.length > 0 && !settings.onlyRunOn.some((p) => hostMatches(p, host))) return false;
  return true;
}

export function isActiveOn(settings: Settings, url: string): boolean {
  return settings.enabled && isSiteAllowed(settings, url);
}

/**
 * The site lists after the reader turns Story Lens off or on for a page's site
 * ("Off on this site" in the popup lands here). Off adds the host to the
 * never-run list; on removes every never-run pattern that catches the host and,
 * when an only-run list exists that leaves it out, adds the host to it.
 */
export function withSiteEnabled(
  settings: Pick<Settings, 'neverRunOn' | 'onlyRunOn'>,
  url: string,
  enabled: boolean,
): Pick<Settings, 'neverRunOn' | 'onlyRunOn'> {
  const host = hostOf(url);
  if (!host) return { neverRunOn: settings.neverRunOn, onlyRunOn: settings.onlyRunOn };
  if (!enabled) {
    const already = settings.neverRunOn.some((p) => hostMatches(p, host));
    return { neverRunOn: already ? settings.neverRunOn : [...settings.neverRunOn, host], onlyRunOn: settings.onlyRunOn };
  }
  const neverRunOn = settings.neverRunOn.filter((p) => !hostMatches(p, host));
  const onlyRunOn =
    settings.onlyRunOn.length > 0 && !settings.onlyRunOn.some((p) => hostMatches(p, host))
      ? [...settings.onlyRunOn, host]
      : settings.onlyRunOn;
  return { neverRunOn, onlyRunOn };
}

/** Cleans a list the reader typed: normalized, without blanks and duplicates. */
export function cleanPatterns(lines: string[]): { patterns: string[]; rejected: string[] } {
  const patterns: string[] = [];
  const rejected: string[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const p = normalizePattern(line);
    if (!p || p.length > 253) rejected.push(line.trim());
    else if (!patterns.includes(p)) patterns.push(p);
  }
  return { patterns, rejected };
}

/** "Off on this site" / "On on this site": changes the stored site lists for the page's site. */
export function setSiteEnabled(url: string, enabled: boolean): Promise<Settings> {
  return updateSettings((s) => withSiteEnabled(s, url, enabled));
}
