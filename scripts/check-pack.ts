/**
 * npm run check:pack [-- FILE.json]
 *
 * Without a file: validates the bundled story (meta.json + entities.json +
 * names.json, merged by bundledPack()) and checks what the schema cannot see:
 * every sentence it quotes is in the article, word for word.
 * With a file: validates that story pack (e.g. one a reader exported).
 *
 * Prints one line per entity type; on failure prints the PackError (which names
 * the entity and the field) and exits 1.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENTITY_TYPES, type StoryPack } from '../src/core/pack';
import { PackError, parsePack } from '../src/story/schema';

const SEED_ARTICLE = fileURLToPath(new URL('../src/story/seed-article.txt', import.meta.url));

/** Sentences the bundled pack quotes must be the article's own words (curly quotes and all). */
function articleProblems(pack: StoryPack, article: string): string[] {
  const problems: string[] = [];
  for (const e of pack.entities) {
    e.sentences.forEach((s, i) => {
      if (!article.includes(s))
        problems.push(`entity "${e.id}" (${e.name}), field sentences[${i}]: not found word for word in the seed article`);
    });
  }
  return problems;
}

export function summarize(pack: StoryPack): string[] {
  const lines = ENTITY_TYPES.map((type) => {
    const list = pack.entities.filter((e) => e.type === type);
    const fromArticle = list.filter((e) => e.fromArticle).length;
    const count = (f: (e: StoryPack['entities'][number]) => number) => list.reduce((n, e) => n + f(e), 0);
    return (
      `${type}: ${list.length} (${fromArticle} from the article, ${list.length - fromArticle} namesakes); ` +
      `${count((e) => e.names.length)} names, ${count((e) => e.roles.length)} roles, ${count((e) => e.facts.length)} facts, ` +
      `${count((e) => e.sentences.length)} sentences, ${count((e) => e.relations.length)} relations; ` +
      `${list.filter((e) => e.wikidata).length} with Wikidata, ${list.filter((e) => e.location).length} located`
    );
  });
  return [`pack "${pack.id}" (${pack.date}, facts as of ${pack.factsAsOf ?? 'unknown'}): ${pack.entities.length} entities`, ...lines];
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('-'));
  try {
    let pack: StoryPack;
    if (file) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        console.error(`check-pack: cannot read ${file}: ${(e as Error).message}`);
        return 1;
      }
      pack = parsePack(raw);
    } else {
      const { bundledPack } = await import('../src/story/bundled/index');
      pack = bundledPack();
      const problems = articleProblems(pack, readFileSync(SEED_ARTICLE, 'utf8'));
      if (problems.length) throw new PackError(problems);
    }
    for (const line of summarize(pack)) console.log(line);
    return 0;
  } catch (e) {
    if (e instanceof PackError) {
      console.error(`check-pack${file ? ` ${file}` : ''}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
