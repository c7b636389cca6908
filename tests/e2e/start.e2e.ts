import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/browser';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function envWithoutDisplay(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  // CI=true (set by CI) is another reason to run headless; this test is about the missing display
  delete env.CI;
  return env;
}

describe('npm start', () => {
  it('without a display runs headless, prints what it found on each demo page and saves screenshots of open cards', async () => {
    const since = Date.now();
    // the build is npm test's own step before the e2e files run
    const r = await run(['--no-build'], envWithoutDisplay());
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout, r.stdout).toMatch(/No display \(no DISPLAY or WAYLAND_DISPLAY\): running Chromium headless/);
    for (const page of ['train-arrives.html', 'vostochny-explainer.html', 'liveblog.html', 'ru-report.html', 'ko-report.html']) {
      expect(r.stdout, r.stdout).toContain(page);
    }
    expect(r.stdout, r.stdout).toMatch(/Kim Jong Un\s+person\s+\d+\s+"Kim/);
    expect(r.stdout, r.stdout).toMatch(/Vladimir Putin\s+person\s+\d+\s+.*"Путина"/);
    expect(r.stdout, r.stdout).toMatch(/Vostochny Cosmodrome\s+place\s+\d+/);
    // the live page's late entries were marked too (Lavrov is only in them)
    expect(r.stdout.split('liveblog.html')[1]).toMatch(/Sergei Lavrov\s+person/);
    expect(r.stdout, r.stdout).toMatch(/card for "Sergei Shoigu": PERSON \| Sergei Shoigu/);
    // what the page shows agrees with the scan on every demo page, type by type
    expect(r.stdout, r.stdout).not.toContain('note: the scan of this page finds');
    const shot = path.join(ROOT, '.output/demo/train-arrives-card.png');
    expect(fs.statSync(shot).mtimeMs).toBeGreaterThanOrEqual(since);
    expect(fs.statSync(shot).size).toBeGreaterThan(20_000);
  }, 150_000);

  it('says how to get Chromium and exits non-zero when none is found', async () => {
    const r = await run(['--no-build'], envWithoutDisplay({ CHROMIUM_PATH: '/nonexistent/chromium' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CHROMIUM_PATH is set to "/nonexistent/chromium", which does not exist.');
    expect(r.stderr).toContain('apt-get install -y chromium');
    expect(r.stdout).not.toContain('running Chromium');
  });
});
