/** What "Add a story" takes from the extraction result and from the pasted text, before the review. */
import { safeParsePack } from '../story/schema';
import { checkText } from '../story/extract-input';
import { splitSentences } from '../story/extract-lines';
import { extractedFromPack } from './review-pack';
import type { ExtractedEntity } from './review-state';

export interface Extraction {
  entities: ExtractedEntity[];
  title?: string;
  date?: string;
  summary?: string;
  warnings: string[];
}

/** The extraction result ({ pack, warnings }) as review input, or null when it is not one. */
export function readExtraction(result: unknown): Extraction | null {
  const r = result as { pack?: unknown; warnings?: unknown } | null;
  if (!r || typeof r !== 'object') return null;
  // The worker's pack is checked like any other: it crossed a context boundary.
  const parsed = safeParsePack(r.pack);
  if (!parsed.ok) return null;
  const warnings = Array.isArray(r.warnings) ? r.warnings.filter((w): w is string => typeof w === 'string') : [];
  // rank and selection are read from the pack as it came (the schema may not carry them)
  return {
    ...extractedFromPack(parsed.pack, { raw: r.pack }),
    title: parsed.pack.title,
    date: parsed.pack.date,
    summary: parsed.pack.summary,
    warnings,
  };
}

/** The article's sentences, read the way extraction reads them (HTML taken apart, not parsed). */
export function articleSentences(text: string): string[] {
  try {
    return checkText(text).lines.flatMap(splitSentences);
  } catch {
    return [];
  }
}

/** A summary the reader can edit: the first sentences of the first real paragraph, up to ~300 characters. */
export function firstSentences(text: string): string {
  const paras = text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 80);
  const first = paras[0] ?? '';
  const sentences = first.match(/[^.!?]+[.!?]+["”’]?/g) ?? [first];
  let out = '';
  for (const s of sentences) {
    if (out && out.length + s.length > 300) break;
    out += s;
  }
  return out.trim().slice(0, 1000);
}
