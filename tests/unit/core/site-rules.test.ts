import { describe, expect, it } from 'vitest';
import { cleanPatterns, globMatchSteps, hostMatches, isActiveOn, normalizePattern } from '../../../src/core/site-rules';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';

const allowed = (url: string, neverRunOn: string[] = [], onlyRunOn: string[] = []) =>
  isActiveOn({ enabled: true, neverRunOn, onlyRunOn }, url);

describe('site patterns', () => {
  it('a plain host pattern covers the host and its subdomains, not look-alikes', () => {
    expect(hostMatches('example.com', 'example.com')).toBe(true);
    expect(hostMatches('example.com', 'www.example.com')).toBe(true);
    expect(hostMatches('example.com', 'notexample.com')).toBe(false);
    expect(hostMatches('example.com', 'example.com.evil.net')).toBe(false);
  });

  it('"*.host" covers subdomains only', () => {
    expect(hostMatches('*.example.com', 'news.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
  });

  it('a wildcard pattern must match the whole host', () => {
    expect(hostMatches('*bank*.*', 'mybank.com')).toBe(true);
    expect(hostMatches('*bank*.*', 'online.bankofamerica.com')).toBe(true);
    expect(hostMatches('*bank*.*', 'bbc.co.uk')).toBe(false);
    expect(hostMatches('*.bank', 'first.bank')).toBe(true);
  });

  it('patterns ignore case, a pasted scheme, path and port', () => {
    expect(normalizePattern('  HTTPS://Mail.Google.com:443/mail/u/0#inbox ')).toBe('mail.google.com');
    expect(hostMatches('https://mail.google.com/mail', 'MAIL.GOOGLE.COM')).toBe(true);
    expect(normalizePattern('<script>')).toBe('');
  });

  it('the default never-run list keeps Story Lens off mail, banks and password managers', () => {
    for (const url of [
      'https://mail.google.com/mail/u/0/',
      'https://www.paypal.com/',
      'https://vault.bitwarden.com/',
      'https://secure.mybank.com/login',
    ]) {
      expect(isActiveOn(DEFAULT_SETTINGS, url), url).toBe(false);
    }
    expect(isActiveOn(DEFAULT_SETTINGS, 'https://www.bbc.com/news/world-asia-66789456')).toBe(true);
    expect(isActiveOn(DEFAULT_SETTINGS, 'http://127.0.0.1:8080/page.html')).toBe(true);
  });

  it('an only-run list limits Story Lens to those sites, and never-run still wins', () => {
    expect(allowed('https://www.reuters.com/x', [], ['reuters.com'])).toBe(true);
    expect(allowed('https://www.bbc.com/x', [], ['reuters.com'])).toBe(false);
    expect(allowed('https://www.reuters.com/x', ['www.reuters.com'], ['reuters.com'])).toBe(false);
  });

  it('non-web pages are never active', () => {
    expect(allowed('file:///home/a.html')).toBe(false);
    expect(allowed('chrome://settings')).toBe(false);
    expect(allowed('not a url')).toBe(false);
  });

  it('the switch turns Story Lens off everywhere', () => {
    expect(isActiveOn({ ...DEFAULT_SETTINGS, enabled: false }, 'https://www.bbc.com/')).toBe(false);
  });

  it('a typed list is cleaned: blanks and duplicates dropped, junk reported', () => {
    expect(cleanPatterns(['example.com', ' ', 'EXAMPLE.com', 'https://x.org/path', 'not a host!'])).toEqual({
      patterns: ['example.com', 'x.org'],
      rejected: ['not a host!'],
    });
  });

  it('a pattern of many stars is matched in steps that grow linearly with the host, where a regular expression hung', () => {
    // the pattern of issue 13, and the same with a final star (so the matcher must search the whole host for the "c")
    for (const pattern of [`${'*a'.repeat(12)}*c`, `${'*a'.repeat(12)}*c*`]) {
      const sizes = [48, 96, 192, 384];
      const steps = sizes.map((n) => {
        const run = globMatchSteps(pattern, 'a'.repeat(n));
        expect(run.matched).toBe(false);
        return run.steps;
      });
      sizes.forEach((n, i) => expect(steps[i]).toBeLessThanOrEqual(3 * (n + pattern.length)));
      // twice the host, at most twice the work (plus the pattern's own, which does not grow)
      for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThanOrEqual(2 * steps[i - 1] + 2 * pattern.length);
      expect(hostMatches(pattern, 'a'.repeat(48))).toBe(false);
      expect(hostMatches(pattern, `${'a'.repeat(47)}.c`)).toBe(true);
    }
  });

  it('a long piece between stars that almost matches everywhere is still read in linear steps', () => {
    const pattern = `*${'a'.repeat(100)}b*`;
    for (const n of [200, 400, 800]) {
      const run = globMatchSteps(pattern, 'a'.repeat(n));
      expect(run.matched).toBe(false);
      expect(run.steps).toBeLessThanOrEqual(3 * (n + pattern.length));
    }
  });

  it('star patterns match exactly the hosts they matched as regular expressions', () => {
    // a small random search against the old rule (`*` → `.*`, anchored at both ends)
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (chars: string, max: number) => Array.from({ length: rand(max + 1) }, () => chars[rand(chars.length)]).join('');
    for (let i = 0; i < 3000; i++) {
      const pattern = word('ab.*', 7);
      const text = word('ab.', 9);
      const body = pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      expect(globMatchSteps(pattern, text).matched, `${pattern} ~ ${text}`).toBe(new RegExp(`^${body}$`).test(text));
    }
  });
});
