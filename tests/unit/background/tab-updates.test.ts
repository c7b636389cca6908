import { describe, expect, it } from 'vitest';
import { tabUpdateFor } from '../../../src/background/knowledge';
import { DEFAULT_SETTINGS, showSettings, type Settings } from '../../../src/core/settings';

/** a storage.onChanged record of the settings going from the defaults to the defaults with `patch` */
const settingsChange = (patch: Partial<Settings>) => ({
  settings: { oldValue: DEFAULT_SETTINGS, newValue: { ...DEFAULT_SETTINGS, ...patch } },
});

describe('what a change tells the open tabs', () => {
  it.each<[string, Partial<Settings>]>([
    ['theme', { theme: 'dark' }],
    ['card delay', { cardDelayMs: 900 }],
    ['card detail', { cardDetail: 'compact' }],
    ['highlight style', { highlightStyle: 'tint' }],
    ['trail', { keepTrail: false }],
  ])('a %s change is applied in place: the tabs get the new look, no new setup', (_name, patch) => {
    expect(tabUpdateFor(settingsChange(patch))).toEqual({
      message: 'showChanged',
      show: showSettings({ ...DEFAULT_SETTINGS, ...patch }),
    });
  });

  it.each<[string, Partial<Settings>]>([
    ['entity types', { types: { person: true, place: false, organization: true } }],
    ['role mentions', { roleMentions: true }],
    ['marking on every page', { markEverywhere: true }],
    ['Story Lens off', { enabled: false }],
    ['never-run list', { neverRunOn: ['news.example.com'] }],
    ['only-run list', { onlyRunOn: ['news.example.com'] }],
    ['theme together with entity types', { theme: 'dark', types: { person: false, place: true, organization: true } }],
  ])('a change of %s makes the tabs ask for their setup again', (_name, patch) => {
    expect(tabUpdateFor(settingsChange(patch))).toEqual({ message: 'setupChanged' });
  });

  it('a change of the stories makes the tabs ask for their setup again', () => {
    expect(tabUpdateFor({ stories: { oldValue: { revision: 1, stories: [] }, newValue: { revision: 2, stories: [] } } })).toEqual({
      message: 'setupChanged',
    });
  });

  it('the first settings ever written are compared with the defaults they replace', () => {
    expect(tabUpdateFor({ settings: { newValue: { ...DEFAULT_SETTINGS, theme: 'dark' } } })).toEqual({
      message: 'showChanged',
      show: showSettings({ ...DEFAULT_SETTINGS, theme: 'dark' }),
    });
    expect(tabUpdateFor({ settings: { newValue: { ...DEFAULT_SETTINGS, roleMentions: true } } })).toEqual({ message: 'setupChanged' });
    expect(tabUpdateFor({ settings: { oldValue: { ...DEFAULT_SETTINGS, enabled: false } } })).toEqual({ message: 'setupChanged' });
  });

  it('switching sync, or writing the same settings again, tells the tabs nothing', () => {
    expect(tabUpdateFor(settingsChange({ syncSettings: true }))).toBeNull();
    expect(tabUpdateFor(settingsChange({}))).toBeNull();
    expect(tabUpdateFor({ trail: { newValue: [] } })).toBeNull();
  });
});
