import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanHtml, scanPage, defaultMatcher } from '../../scripts/scan';

const ROOT = join(__dirname, '../..');
const FIXTURE = 'tests/fixtures/detection/pages/f02-titles-possessives.html';

function scan(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scan.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// each case starts the real command (tsx compiles it): seconds, not milliseconds
describe('npm run scan', { timeout: 60_000 }, () => {
  it('prints the whole JSON into a pipe, past 64 KiB (it once exited before the pipe drained)', () => {
    const files = ['scripts/demo', 'tests/fixtures/articles', 'tests/fixtures/detection/pages'].flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.html'))
        .map((f) => `${dir}/${f}`),
    );
    // through tsx's command line and `cat`, as `npm run scan -- --json ... | jq` reads it
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" node_modules/tsx/dist/cli.mjs scripts/scan.ts --json ${files.join(' ')} | cat`],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    expect(JSON.parse(r.stdout)).toHaveLength(files.length);
  });

  it('prints one JSON object per file with each mention, its canonical name and its context, in document order', () => {
    const r = scan('--json', FIXTURE);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(1);
    expect(out[0].source).toBe(FIXTURE);
    expect(out[0].mentions[0]).toEqual({
      entity: 'kim-jong-un',
      name: 'Kim Jong Un',
      type: 'person',
      text: 'Kim Jong Un',
      before: 'North Korean leader ',
      after: ' met President Vladimir Putin and Defenc', // 40 characters
    });
    expect(out[0].mentions.map((m: { text: string }) => m.text)).toEqual([
      'Kim Jong Un',
      'Vladimir Putin',
      'Sergei Shoigu',
      'Kim',
      'Putin',
      'Kim',
      'Kim Jae-chun',
      'Sogang University',
      'Seoul',
      'Kim',
      'Russia',
    ]);
  });

  it('says whether each page is coverage of the story, and marks nothing on one that is not unless --everywhere', () => {
    const off = '../shared/fixtures/real-pages/nytimes-1.html';
    const quiet = JSON.parse(scan('--json', FIXTURE, off).stdout);
    expect(quiet.map((p: { covers_story: boolean; mentions: unknown[] }) => [p.covers_story, p.mentions.length])).toEqual([
      [true, 11],
      [false, 0],
    ]);
    const everywhere = JSON.parse(scan('--json', '--everywhere', off).stdout)[0];
    expect(everywhere.covers_story).toBe(false);
    expect(everywhere.mentions.map((m: { entity: string }) => m.entity)).toContain('vladimir-putin');
  });

  it('names a missing file on stderr, scans the others and exits 1', () => {
    const r = scan('--json', 'no/such/page.html', FIXTURE);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no/such/page.html');
    const out = JSON.parse(r.stdout);
    expect(out.map((p: { source: string }) => p.source)).toEqual([FIXTURE]);
  });

  it('prints a readable table per file without --json', () => {
    const r = scan(FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${FIXTURE}: coverage of the story, 11 mentions`);
    expect(r.stdout).toMatch(/person\s+Kim Jae-chun\s+Kim\s+Professor \[Kim\] added that Russia needs shells\.\n/);
  });

  it('reports role mentions only with --role-mentions', () => {
    const page = 'tests/fixtures/detection/pages/f02-titles-possessives.html';
    const off = JSON.parse(scan('--json', page).stdout)[0].mentions;
    expect(off.some((m: { role?: boolean }) => m.role)).toBe(false);
    const on = JSON.parse(scan('--json', '--role-mentions', 'tests/fixtures/detection/pages/f12-role-mentions.html').stdout)[0].mentions;
    expect(on.filter((m: { role?: boolean }) => m.role).map((m: { text: string; entity: string }) => `${m.text} → ${m.entity}`)).toEqual([
      'the Russian president → vladimir-putin',
      'the North Korean leader → kim-jong-un',
    ]);
  });
});

describe('scanHtml', () => {
  it('reads a saved page without running its scripts', () => {
    const html =
      '<html><body><p>Vladimir Putin met Kim Jong Un.</p>' +
      '<script>document.body.innerHTML = "<p>Sergei Shoigu</p>"; fetch("https://example.invalid/")</script>' +
      '<img src="https://example.invalid/x.png" onerror="document.body.append(\'Dmitry Peskov\')"></body></html>';
    expect(scanHtml(html, defaultMatcher()).map((m) => m.entity)).toEqual(['vladimir-putin', 'kim-jong-un']);
  });
});

describe('scanPage', () => {
  it('decides from the main text: two central names in a menu and a footer make no coverage', () => {
    const off =
      '<html><body><nav><a href="/a">Kim Jong Un</a></nav><p>Putin met the Chinese leader.</p><footer>Vostochny</footer></body></html>';
    expect(scanPage(off, defaultMatcher())).toEqual({ covers_story: false, mentions: [] });
    const on = '<html><body><nav><a href="/a">Russia</a></nav><p>Putin met Kim Jong Un.</p></body></html>';
    const page = scanPage(on, defaultMatcher());
    expect(page.covers_story).toBe(true);
    expect(page.mentions.map((m) => m.text)).toEqual(['Russia', 'Putin', 'Kim Jong Un']);
  });
});
