/**
 * `npm run extract -- FILE.txt` (or `-` for stdin): prints the story pack
 * "Add a story" would save for that article, as JSON (issue 5):
 *   { "entities": [ { "name", "type", "aliases", "sentences", "id", "description", "roleMentions",
 *                     "rank", "selected", "centrality" } ],
 *     "warnings": [...], "pack": <the full story pack> }
 * Entities come most central first: `rank` 1 is the most central, `selected` says whether "Add a story"
 * selects it by default (all of a short article's, the central ones of a long one), `centrality` is the
 * pack's proposed "central" or "background".
 * Options: --title T, --date YYYY-MM-DD, --url https://..., --id ID, --progress (to stderr).
 * Bad input: the reason on stderr, exit code 1.
 */
import { readFileSync } from 'node:fs';
import { extractStory, ExtractError, MAX_TEXT_BYTES } from '../src/story/extract';

const USAGE = 'usage: npm run extract -- FILE.txt|- [--title T] [--date YYYY-MM-DD] [--url https://...] [--id ID] [--progress]';

function fail(message: string): never {
  process.stderr.write(`extract: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const opts: Record<string, string> = {};
let file: string | undefined;
let progress = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--progress') progress = true;
  else if (a === '--help' || a === '-h') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (/^--(title|date|url|id)$/.test(a)) {
    if (i + 1 >= args.length) fail(`${a} needs a value\n${USAGE}`);
    opts[a.slice(2)] = args[++i];
  } else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`);
  else if (file === undefined) file = a;
  else fail(`one file at a time\n${USAGE}`);
}
if (file === undefined) fail(`no file given\n${USAGE}`);

let raw: Buffer;
try {
  raw = readFileSync(file === '-' ? 0 : file);
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code;
  fail(
    code === 'ENOENT'
      ? `no such file: ${file}`
      : code === 'EISDIR'
        ? `${file} is a folder, not a text file`
        : `cannot read ${file}: ${(e as Error).message}`,
  );
}
// Say the limit before decoding a huge file.
if (raw.length > MAX_TEXT_BYTES)
  fail(`${file} is too long to read as one article (${(raw.length / 1_000_000).toFixed(1)} MB; the limit is 1 MB)`);

try {
  const { pack, warnings, ranking } = extractStory(
    { text: raw.toString('utf8'), title: opts.title, date: opts.date, url: opts.url, id: opts.id },
    progress ? (p) => process.stderr.write(`${p.stage}: ${p.done}/${p.total}\n`) : undefined,
  );
  for (const w of warnings) process.stderr.write(`extract: note: ${w}\n`);
  const ranks = new Map((ranking ?? []).map((r) => [r.id, r]));
  const entities = pack.entities.map((e) => ({
    name: e.name,
    type: e.type,
    aliases: e.names.filter((n) => n.kind !== 'description').map((n) => n.text),
    sentences: e.sentences,
    id: e.id,
    description: e.description,
    /** "the Russian president": marked only when the reader turns role mentions on */
    roleMentions: e.names.filter((n) => n.kind === 'description').map((n) => n.text),
    rank: ranks.get(e.id)?.rank,
    selected: ranks.get(e.id)?.selected ?? true,
    centrality: e.centrality,
  }));
  process.stdout.write(`${JSON.stringify({ entities, warnings, pack }, null, 2)}\n`);
} catch (e) {
  if (e instanceof ExtractError) fail(e.message);
  throw e;
}
