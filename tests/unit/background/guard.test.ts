import { describe, expect, it } from 'vitest';
import { checkMessage, senderKind } from '../../../src/background/guard';

const EXT = { id: 'story-lens-id', origin: 'chrome-extension://story-lens-id/' };
const contentScript = { id: EXT.id, url: 'https://news.example.com/story', tab: { id: 7, incognito: false }, frameId: 0 };
const optionsPage = { id: EXT.id, url: 'chrome-extension://story-lens-id/options.html' };
const optionsInTab = { ...optionsPage, tab: { id: 9 } };
const popup = { id: EXT.id, url: 'chrome-extension://story-lens-id/popup.html' };
/** a well-formed page report */
const REPORT = { url: 'https://a.org/', title: 't', counts: {}, covers: [], quiet: true };

describe('guard', () => {
  it('tells the extension pages from content scripts and refuses other senders', () => {
    expect(senderKind(optionsPage, EXT.id, EXT.origin)).toBe('extension');
    expect(senderKind(optionsInTab, EXT.id, EXT.origin)).toBe('extension');
    expect(senderKind(popup, EXT.id, EXT.origin)).toBe('extension');
    expect(senderKind(contentScript, EXT.id, EXT.origin)).toBe('content');
    expect(senderKind({ ...contentScript, id: 'another-extension' }, EXT.id, EXT.origin)).toBeNull();
    expect(senderKind({ ...optionsPage, url: 'chrome-extension://another-extension/options.html' }, EXT.id, EXT.origin)).toBeNull();
    // a page pretending to live under the extension's origin by its path
    expect(senderKind({ ...contentScript, url: 'https://evil.example/chrome-extension://story-lens-id/' }, EXT.id, EXT.origin)).toBe(
      'content',
    );
    expect(senderKind({ id: EXT.id, url: 'https://x.org/' }, EXT.id, EXT.origin)).toBeNull();
    expect(senderKind(undefined, EXT.id, EXT.origin)).toBeNull();
  });

  it("refuses a content script's change of settings", () => {
    expect(() => checkMessage('setSiteEnabled', { url: 'https://news.example.com/', enabled: false }, contentScript, EXT)).toThrow(
      /only the extension's own pages may do/,
    );
  });

  it('lets the popup and the options page change settings', () => {
    expect(checkMessage('setSiteEnabled', { url: 'https://news.example.com/', enabled: false }, popup, EXT)).toEqual({
      url: 'https://news.example.com/',
      enabled: false,
    });
    expect(() => checkMessage('setSiteEnabled', { url: 'https://a.org/', enabled: true }, optionsInTab, EXT)).not.toThrow();
  });

  it('answers content scripts what they may read', () => {
    expect(checkMessage('getPageSetup', { url: 'https://news.example.com/story' }, contentScript, EXT)).toEqual({
      url: 'https://news.example.com/story',
    });
    expect(checkMessage('getCard', { entity: 'kim-jong-un', surface: 'Kim' }, contentScript, EXT)).toEqual({
      entity: 'kim-jong-un',
      surface: 'Kim',
    });
  });

  it('refuses malformed messages, naming what is wrong', () => {
    expect(() => checkMessage('getCard', { entity: 42 }, contentScript, EXT)).toThrow(/"getCard" is malformed \(entity:/);
    expect(() => checkMessage('getCard', null, contentScript, EXT)).toThrow(/malformed/);
    expect(() => checkMessage('getCard', { entity: 'x'.repeat(5000) }, contentScript, EXT)).toThrow(/malformed/);
    expect(() => checkMessage('reportPage', { ...REPORT, counts: { 'kim-jong-un': -1 } }, contentScript, EXT)).toThrow(/malformed/);
    expect(() => checkMessage('reportPage', { ...REPORT, counts: { 'kim-jong-un': '3' } }, contentScript, EXT)).toThrow(/malformed/);
    expect(() => checkMessage('reportPage', { ...REPORT, covers: 'every-story' }, contentScript, EXT)).toThrow(/malformed \(covers:/);
    expect(() => checkMessage('setSiteEnabled', { url: 'javascript:alert(1)', enabled: false }, popup, EXT)).toThrow(/http\(s\) URL/);
    expect(() => checkMessage('markPageAnyway', { tabId: 3, url: 'javascript:alert(1)' }, popup, EXT)).toThrow(/http\(s\) URL/);
    expect(() => checkMessage('markPageAnyway', { tabId: -1, url: 'https://a.org/' }, popup, EXT)).toThrow(/malformed \(tabId:/);
  });

  it('refuses messages the protocol does not have and senders it does not know', () => {
    expect(() => checkMessage('addStory', { pack: {} }, contentScript, EXT)).toThrow(/not a message Story Lens answers/);
    expect(() => checkMessage('__proto__', {}, popup, EXT)).toThrow(/not a message/);
    expect(() => checkMessage('getCard', { entity: 'kim-jong-un' }, { ...contentScript, id: 'other' }, EXT)).toThrow(/unknown sender/);
  });

  it('only content scripts report pages', () => {
    expect(checkMessage('reportPage', REPORT, contentScript, EXT)).toEqual(REPORT);
    expect(() => checkMessage('reportPage', REPORT, popup, EXT)).toThrow(/only for content scripts/);
  });
});
