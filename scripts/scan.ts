/**
 * npm run scan -- [--json] [--everywhere] [--role-mentions] FILE...
 *
 * Finds the story's mentions in saved HTML files with the same text collector
 * and reader as the extension (src/page/collect-text.ts, src/core/page-reader.ts),
 * over the bundled story with the default settings, and decides as the
 * extension does whether the page is coverage of the story
 * (src/core/coverage-decision.ts, from the page's main text). The DOM is
 * happy-dom with page scripts, styles, frames and network turned off: a saved
 * page is read, never run.
 *
 * `mentions` is what the browser marks with the default settings: every
 * mention on a page that is coverage of the story, none on one that is not.
 * --everywhere: every mention whatever the decision, as the "mark every page"
 * setting marks (covers_story is still reported).
 *
 * Plain output: a table per file. --json: one array, an object per file
 * { source, covers_story, mentions: [{ entity, name, type, text, before, after }] }
 * in document order. A file that cannot be read is named on stderr, gets no
 * entry, and makes the exit code 1; the other files are still scanned.
 */
import { readFile } from 'node:fs/promises';
import { Window } from 'happy-dom';
import { compileMatcher, entityInfo, type CompiledMatcher } from '../src/core/matcher';
import { PageReader } from '../src/core/page-reader';
import { CoverageDecision } from '../src/core/coverage-decision';
import { ENTITY_TYPES } from '../src/core/pack';
import { bundledPack } from '../src/story/bundled/index';
import { collectText, notMain, visibleContext } from '../src/page/collect-text';
import { runAsMain } from './lib/run-main';

export interface ScannedMention {
  entity: string;
  name: string;
  type: string;
  text: string;
  before: string;
  after: string;
  role?: boolean;
}
export interface ScannedPage {
  source: string;
  /** the page is coverage of the story (of any story of the matcher) */
  covers_story: boolean;
  mentions: ScannedMention[];
}

/** A DOM for saved HTML that runs nothing and loads nothing. */
export function parseHtml(html: string): Document {
  const window = new Window({
    url: 'https://scan.invalid/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  return doc as unknown as Document;
}

export function defaultMatcher(opts: { roleMentions?: boolean } = {}): CompiledMatcher {
  return compileMatcher([bundledPack()], { types: [...ENTITY_TYPES], roleMentions: opts.roleMentions ?? false });
}

/**
 * One page as the scan reports it: whether it is coverage of a story of the matcher, and its mentions: what the
 * browser marks with the default settings (those of the stories it covers), or with `everywhere` every one.
 */
export function scanPage(html: string, matcher: CompiledMatcher, opts: { everywhere?: boolean } = {}): Omit<ScannedPage, 'source'> {
  const doc = parseHtml(html);
  const root = doc.body ?? doc.documentElement;
  if (!root) return { covers_story: false, mentions: [] };
  const collected = collectText(root as unknown as Node);
  // the whole page as one piece: the content script reads it in chunks through the same reader, and marks the same
  const found = new PageReader(matcher).read(collected.text).mentions;
  const decision = new CoverageDecision(matcher);
  decision.add(found, notMain(collected), collected.text);
  const marked = opts.everywhere ? found : found.filter((m) => decision.covers(decision.storyOf(m.entity)));
  const mentions = marked.map((m) => {
    const ctx = visibleContext(collected, m.start, m.end);
    const e = entityInfo(matcher, m.entity)!;
    const out: ScannedMention = { entity: m.entity, name: e.name, type: m.type, text: ctx.text, before: ctx.before, after: ctx.after };
    if (m.role) out.role = true;
    return out;
  });
  return { covers_story: decision.coveredIds().length > 0, mentions };
}

/** Every mention of one page, whatever the coverage decision (as the "mark every page" setting marks). */
export function scanHtml(html: string, matcher: CompiledMatcher): ScannedMention[] {
  return scanPage(html, matcher, { everywhere: true }).mentions;
}

function table(page: ScannedPage): string {
  const lines = [
    `${page.source}: ${page.covers_story ? 'coverage of the story' : 'not coverage of the story'}, ${page.mentions.length} mention${page.mentions.length === 1 ? '' : 's'}`,
  ];
  if (!page.mentions.length) return lines.join('\n');
  // "…" only where the line goes on beyond the 40 characters shown
  const rows = page.mentions.map((m) => [
    m.type + (m.role ? ' (role)' : ''),
    m.name,
    m.text,
    `${m.before.length >= 40 ? '…' : ''}${m.before}[${m.text}]${m.after}${m.after.length >= 40 ? '…' : ''}`,
  ]);
  const head = ['type', 'entity', 'text', 'in context'];
  const widths = head.map((h, k) => Math.min(30, Math.max(h.length, ...rows.map((r) => r[k]!.length))));
  const fmt = (r: string[]) => r.map((c, k) => (k < 3 ? c.padEnd(widths[k]!) : c)).join('  ');
  lines.push('  ' + fmt(head), '  ' + widths.map((w) => '-'.repeat(w)).join('  ') + '  ' + '-'.repeat(10));
  for (const r of rows) lines.push('  ' + fmt(r));
  const counts = new Map<string, number>();
  for (const m of page.mentions) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  lines.push(
    '  totals: ' +
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([n, c]) => `${n} ${c}`)
        .join(', '),
  );
  return lines.join('\n');
}

const OPTIONS = ['--json', '--everywhere', '--role-mentions'];

export async function main(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && !OPTIONS.includes(a));
  if (unknown.length || !files.length) {
    if (unknown.length) process.stderr.write(`scan: unknown option ${unknown.join(' ')}\n`);
    process.stderr.write('usage: npm run scan -- [--json] [--everywhere] [--role-mentions] FILE...\n');
    return 2;
  }
  const json = argv.includes('--json');
  const everywhere = argv.includes('--everywhere');
  const matcher = defaultMatcher({ roleMentions: argv.includes('--role-mentions') });
  const pages: ScannedPage[] = [];
  let failed = false;
  for (const source of files) {
    let html: string;
    try {
      html = await readFile(source, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : String((e as Error).message);
      process.stderr.write(`scan: cannot read ${source}: ${why}\n`);
      failed = true;
      continue;
    }
    const page = { source, ...scanPage(html, matcher, { everywhere }) };
    pages.push(page);
    if (!json) process.stdout.write(table(page) + '\n\n');
  }
  if (json) process.stdout.write(JSON.stringify(pages, null, 1) + '\n');
  return failed ? 1 : 0;
}

runAsMain(
  import.meta.url,
  () => main(process.argv.slice(2)),
  (e) => `scan: ${(e as Error).stack ?? e}`,
);
