import { describe, expect, it } from 'vitest';
import { mentionsLabel, pageSupport, siteOff } from '../../../src/ui/popup-model';

describe('popup words', () => {
  it('says mention or mentions', () => {
    expect(mentionsLabel(1)).toBe('1 mention');
    expect(mentionsLabel(4)).toBe('4 mentions');
  });

  it('tells pages it cannot read from web pages', () => {
    expect(pageSupport('chrome://extensions/')).toMatchObject({ ok: false });
    expect(pageSupport('about:blank')).toMatchObject({ ok: false });
    expect(pageSupport('https://chromewebstore.google.com/detail/x')).toMatchObject({ ok: false });
    expect(pageSupport(undefined)).toMatchObject({ ok: false });
    expect(pageSupport('https://www.example.com/a?b')).toEqual({ ok: true, host: 'www.example.com' });
  });
});

describe('popup site state', () => {
  const base = { enabled: true, neverRunOn: ['mail.google.com', '*bank*.*', 'news.example.com'], onlyRunOn: [] as string[] };
  it('says the extension is off before anything else', () => {
    expect(siteOff({ ...base, enabled: false }, 'www.bbc.co.uk')).toEqual({ kind: 'off' });
  });
  it('says a site is off, and whether the reader turned it off here', () => {
    expect(siteOff(base, 'news.example.com')).toEqual({ kind: 'off-site', host: 'news.example.com', byReader: true });
    expect(siteOff(base, 'www.mybank.com')).toEqual({ kind: 'off-site', host: 'www.mybank.com', byReader: false });
    expect(siteOff(base, 'www.bbc.co.uk')).toBeNull();
    expect(siteOff({ ...base, onlyRunOn: ['*.bbc.co.uk'] }, 'www.ft.com')).toMatchObject({ kind: 'off-site' });
    expect(siteOff({ ...base, onlyRunOn: ['*.bbc.co.uk'] }, 'www.bbc.co.uk')).toBeNull();
  });
});
