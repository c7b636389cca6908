import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  cleanPatterns,
  hostMatches,
  isActiveOn,
  isSiteAllowed,
  normalizePattern,
  setSiteEnabled,
  withSiteEnabled,
} from '../../../src/store/site-rules';
import { DEFAULT_SETTINGS, getSettings } from '../../../src/store/settings';

beforeEach(() => fakeBrowser.reset());

const allowed = (url: string, neverRunOn: string[] = [], onlyRunOn: string[] = []) => isSiteAllowed({ neverRunOn, onlyRunOn }, url);

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

  it('"off on this site" adds the host to the never-run list, and "on" takes every pattern catching it out', async () => {
    await setSiteEnabled('https://news.example.org/a/b', false);
    let s = await getSettings();
    expect(s.neverRunOn).toContain('news.example.org');
    expect(isActiveOn(s, 'https://news.example.org/other')).toBe(false);
    await setSiteEnabled('https://news.example.org/a/b', true);
    s = await getSettings();
    expect(s.neverRunOn).not.toContain('news.example.org');
    expect(isActiveOn(s, 'https://news.example.org/other')).toBe(true);
    const on = withSiteEnabled({ neverRunOn: ['*bank*.*'], onlyRunOn: ['a.com'] }, 'https://worldbank.org/', true);
    expect(on).toEqual({ neverRunOn: [], onlyRunOn: ['a.com', 'worldbank.org'] });
  });

  it('a typed list is cleaned: blanks and duplicates dropped, junk reported', () => {
    expect(cleanPatterns(['example.com', ' ', 'EXAMPLE.com', 'https://x.org/path', 'not a host!'])).toEqual({
      patterns: ['example.com', 'x.org'],
      rejected: ['not a host!'],
    });
  });
});
