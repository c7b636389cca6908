import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  MAX_TRAIL,
  TAB_SITE_QUIET_MS,
  clearTrail,
  listTrail,
  recordTrailVisit,
  removeTrailEntry,
  trailEntryFor,
  trailItem,
} from '../../../src/store/trail';
import { parsePack } from '../../../src/story/schema';
import { samplePack } from './sample-pack';

beforeEach(() => fakeBrowser.reset());

const pack = parsePack(samplePack());
const ALL = { person: true, place: true, organization: true };
const at = (iso: string) => new Date(iso);

function entry(url: string, when: string, counts: Record<string, number> = { 'ada-lovelace': 2 }) {
  return trailEntryFor({ url, title: `Page ${url}`, counts }, [{ pack, title: 'Chip summit' }], ALL, at(when))!;
}

describe('trail', () => {
  it('a page that mentions a story is recorded with its site, date, title and coverage', async () => {
    const e = trailEntryFor(
      { url: 'https://news.example.com/a#top', title: '  Summit   news ', counts: { 'ada-lovelace': 3, geneva: 1, 'not-known': 9 } },
      [{ pack, title: 'Chip summit' }],
      ALL,
      at('2026-11-27T10:00:00Z'),
    );
    expect(e).toEqual({
      url: 'https://news.example.com/a',
      title: 'Summit news',
      site: 'news.example.com',
      visitedAt: '2026-11-27T10:00:00.000Z',
      stories: [{ id: 'chip-summit-2024', title: 'Chip summit', keyFound: 2, keyTotal: 2, share: 1 }],
      entities: 2,
      mentions: 4,
    });
    await recordTrailVisit(e!);
    expect(await listTrail()).toEqual([e]);
  });

  it('a page that mentions no story entity is not recorded', () => {
    expect(
      trailEntryFor({ url: 'https://x.org/', title: 'x', counts: { unknown: 2 } }, [{ pack, title: 't' }], ALL, new Date()),
    ).toBeNull();
    expect(
      trailEntryFor({ url: 'file:///a.html', title: 'x', counts: { 'ada-lovelace': 2 } }, [{ pack, title: 't' }], ALL, new Date()),
    ).toBeNull();
  });

  it('only a web page is recorded: its address without the fragment, whatever case its scheme is written in', () => {
    expect(entry('HTTPS://News.Example.com/a?x=1#top', '2026-11-27T10:00:00Z').url).toBe('https://news.example.com/a?x=1');
    expect(entry(`http://a.org/${'p'.repeat(3000)}`, '2026-11-27T10:00:00Z').url).toHaveLength(2048);
    for (const url of ['httpx://a.org/', 'ftp://a.org/', 'not a url'])
      expect(trailEntryFor({ url, title: 'x', counts: { 'ada-lovelace': 2 } }, [{ pack, title: 't' }], ALL, new Date())).toBeNull();
  });

  it('visiting a page again replaces its entry, newest first', async () => {
    await recordTrailVisit(entry('https://a.org/1', '2026-11-27T10:00:00Z'));
    await recordTrailVisit(entry('https://a.org/2', '2026-11-27T10:05:00Z'));
    await recordTrailVisit(entry('https://a.org/1', '2026-11-27T11:00:00Z', { 'ada-lovelace': 1, geneva: 1 }));
    const list = await listTrail();
    expect(list.map((e) => [e.url, e.entities])).toEqual([
      ['https://a.org/1', 2],
      ['https://a.org/2', 1],
    ]);
  });

  it('the same report again within a minute writes nothing', async () => {
    expect(await recordTrailVisit(entry('https://a.org/1', '2026-11-27T10:00:00Z'))).toBe(true);
    expect(await recordTrailVisit(entry('https://a.org/1', '2026-11-27T10:00:30Z'))).toBe(false);
  });

  it('entries can be removed one by one or all at once', async () => {
    await recordTrailVisit(entry('https://a.org/1', '2026-11-27T10:00:00Z'));
    await recordTrailVisit(entry('https://a.org/2', '2026-11-27T10:05:00Z'));
    await removeTrailEntry('https://a.org/1');
    expect((await listTrail()).map((e) => e.url)).toEqual(['https://a.org/2']);
    await clearTrail();
    expect(await listTrail()).toEqual([]);
  });

  it('the trail keeps at most the newest MAX_TRAIL pages', async () => {
    const many = Array.from({ length: MAX_TRAIL }, (_, i) =>
      entry(`https://a.org/${i}`, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()),
    );
    await trailItem.setValue(many.reverse());
    await recordTrailVisit(entry('https://a.org/new', '2026-12-01T00:00:00Z'));
    const list = await listTrail();
    expect(list).toHaveLength(MAX_TRAIL);
    expect(list[0].url).toBe('https://a.org/new');
    expect(list.some((e) => e.url === 'https://a.org/0')).toBe(false);
  });

  it('stored entries that do not validate are left out of the list', async () => {
    await trailItem.setValue([entry('https://a.org/1', '2026-11-27T10:00:00Z'), { url: 5 }, '<img onerror=alert(1)>']);
    expect((await listTrail()).map((e) => e.url)).toEqual(['https://a.org/1']);
  });

  it('a tab moving to another page of the same site within 30 seconds adds no entry; another tab, another site or later does', async () => {
    expect(TAB_SITE_QUIET_MS).toBe(30_000);
    expect(await recordTrailVisit(entry('https://b.org/1', '2026-11-28T10:00:00Z'), 7)).toBe(true);
    expect(await recordTrailVisit(entry('https://b.org/2', '2026-11-28T10:00:05Z'), 7)).toBe(false);
    expect(await recordTrailVisit(entry('https://b.org/3', '2026-11-28T10:00:29Z'), 7)).toBe(false);
    expect(await recordTrailVisit(entry('https://b.org/2', '2026-11-28T10:00:10Z'), 8)).toBe(true);
    expect(await recordTrailVisit(entry('https://c.org/1', '2026-11-28T10:00:12Z'), 7)).toBe(true);
    expect(await recordTrailVisit(entry('https://b.org/3', '2026-11-28T10:00:31Z'), 7)).toBe(true);
    expect((await listTrail()).map((e) => e.url)).toEqual(['https://b.org/3', 'https://c.org/1', 'https://b.org/2', 'https://b.org/1']);
  });

  it('the page a tab is on still updates its entry as more of it is read', async () => {
    expect(await recordTrailVisit(entry('https://d.org/1', '2026-11-29T10:00:00Z'), 9)).toBe(true);
    expect(await recordTrailVisit(entry('https://d.org/1', '2026-11-29T10:00:05Z', { 'ada-lovelace': 2, geneva: 1 }), 9)).toBe(true);
    expect((await listTrail()).map((e) => [e.url, e.entities])).toEqual([['https://d.org/1', 2]]);
  });
});
