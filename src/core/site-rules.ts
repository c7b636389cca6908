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
 *
 * The popup, the background and the options page all decide with these
 * functions; src/store/site-rules.ts only writes the lists.
 */
import { MAX_SITE_PATTERN_LENGTH, type Settings } from './settings';

type SiteLists = Pick<Settings, 'neverRunOn' | 'onlyRunOn'>;

// A loop, not /\.+$/: that regular expression retries every dot of a long run of dots (quadratic).
function trimTrailingDots(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--;
  return s.slice(0, end);
}

/** The host a reader meant by a typed pattern or URL, lower-cased; '' when there is none. */
export function normalizePattern(input: string): string {
  let s = input.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // scheme
  s = s.replace(/[/?#].*$/, ''); // path, query, fragment
  s = s.replace(/^[^@]*@/, ''); // user info
  s = s.replace(/:\d+$/, ''); // port
  s = trimTrailingDots(s);
  if (!/^[a-z0-9*.\-_\u00a0-\uffff]+$/.test(s) || !/[a-z0-9\u00a0-\uffff]/.test(s)) return '';
  return s;
}

/** The host of a page URL, or '' when the URL is not an http(s) page. */
export function hostOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    return trimTrailingDots(u.hostname.toLowerCase());
  } catch {
    return '';
  }
}

/** Counts the matcher's work, so a test can show it grows linearly. */
interface StepCount {
  steps: number;
}

/** Where `word` first occurs wholly inside text[from, end), or -1 (Knuth–Morris–Pratt: never steps back in the text). */
function findWithin(text: string, word: string, from: number, end: number, count: StepCount): number {
  const border = new Int32Array(word.length);
  for (let i = 1, k = 0; i < word.length; i++) {
    while (k > 0 && word[i] !== word[k]) {
      k = border[k - 1];
      count.steps++;
    }
    if (word[i] === word[k]) k++;
    border[i] = k;
    count.steps++;
  }
  for (let i = from, k = 0; i < end; i++) {
    while (k > 0 && text[i] !== word[k]) {
      k = border[k - 1];
      count.steps++;
    }
    if (text[i] === word[k]) k++;
    count.steps++;
    if (k === word.length) return i - word.length + 1;
  }
  return -1;
}

/**
 * Whether the whole of `text` matches `pattern`, where `*` stands for any run
 * of characters, and how many steps it took. Patterns once became regular
 * expressions (`*` → `.*`), and "*a*a*a*a*a*a*a*a*a*a*a*a*c" against a
 * 48-character host backtracked until it hung the service worker. Here the text
 * between stars is placed leftmost, each piece searched (KMP) from where the
 * last one ended, so the text is read once: at most a few steps per character
 * of pattern and text, whatever the pattern.
 */
export function globMatchSteps(pattern: string, text: string): { matched: boolean; steps: number } {
  const count: StepCount = { steps: 0 };
  const parts = pattern.split('*');
  const first = parts[0];
  const last = parts[parts.length - 1];
  count.steps += first.length + last.length;
  if (parts.length === 1) return { matched: pattern === text, steps: count.steps };
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return { matched: false, ...count };
  let from = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    count.steps++;
    if (!parts[i]) continue;
    const at = findWithin(text, parts[i], from, end, count);
    if (at < 0) return { matched: false, ...count };
    from = at + parts[i].length;
  }
  return { matched: true, ...count };
}

export function hostMatches(pattern: string, host: string): boolean {
  const p = normalizePattern(pattern);
  const h = host.toLowerCase();
  if (!p || !h) return false;
  if (p.startsWith('*.') && !p.slice(2).includes('*')) {
    const base = p.slice(2);
    return h.endsWith(`.${base}`);
  }
  if (p.includes('*')) return globMatchSteps(p, h).matched;
  return h === p || h.endsWith(`.${p}`);
}

/** Which list keeps Story Lens off `host` ('never-run' first: it wins), or null when neither does. */
export function siteBlockedBy(lists: SiteLists, host: string): 'never-run' | 'only-run' | null {
  if (lists.neverRunOn.some((p) => hostMatches(p, host))) return 'never-run';
  if (lists.onlyRunOn.length > 0 && !lists.onlyRunOn.some((p) => hostMatches(p, host))) return 'only-run';
  return null;
}

/** Whether Story Lens runs on this page: the switch, then the never-run and only-run lists (http(s) pages only). */
export function isActiveOn(settings: SiteLists & Pick<Settings, 'enabled'>, url: string): boolean {
  if (!settings.enabled) return false;
  const host = hostOf(url);
  return host !== '' && siteBlockedBy(settings, host) === null;
}

/**
 * The site lists after the reader turns Story Lens off or on for a page's site
 * ("Off on this site" in the popup lands here). Off adds the host to the
 * never-run list; on removes every never-run pattern that catches the host and,
 * when an only-run list exists that leaves it out, adds the host to it.
 */
export function withSiteEnabled(settings: SiteLists, url: string, enabled: boolean): SiteLists {
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
    if (!p || p.length > MAX_SITE_PATTERN_LENGTH) rejected.push(line.trim());
    else if (!patterns.includes(p)) patterns.push(p);
  }
  return { patterns, rejected };
}
