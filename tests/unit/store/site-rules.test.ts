import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isActiveOn, withSiteEnabled } from '../../../src/core/site-rules';
import { setSiteEnabled } from '../../../src/store/site-rules';
import { getSettings } from '../../../src/store/settings';

beforeEach(() => fakeBrowser.reset());

describe('site lists', () => {
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
});
