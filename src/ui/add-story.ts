/**
 * "Add a story" (mounted by the options page inside its "Stories" section, so headings start at h3): paste an article's text, or
 * take the one the popup's "Follow this story" left in `local:storyDraft`;
 * extraction runs in a Web Worker (src/story/extract-worker.ts) with a
 * progress bar and a Cancel button, so the page never freezes; then the
 * review screen (review.ts); Save validates with parsePack and stores through
 * the stories store. Nothing is stored before Save: a refused text, a
 * cancelled run or a failed save leaves the stored stories as they were.
 */
/// <reference types="vite/client" />
import './add-story.css';
// Vite's `?worker` import, not `new Worker(new URL(..., import.meta.url))`: WXT defines
// import.meta.url as self.location.href (wxt/dist/core/builders/vite/plugins/defineImportMeta),
// which hides that pattern from Vite and left the worker unbundled.
import ExtractWorker from '../story/extract-worker.ts?worker';
import { addStory, getStories, PackError } from '../store/stories';
import { StoryStoreError } from '../store/stories';
import { parsePack, safeParsePack } from '../story/schema';
import type { ExtractReply } from '../story/extract-worker';
import type { ExtractInput } from '../story/extract';
import { clearStoryDraft, MAX_DRAFT_CHARS, readStoryDraft, type StoryDraft } from '../store/story-draft';
import { el } from './popup-dom';
import { mountReview } from './review';
import { extractedFromPack, initialReview, reviewToPack, sentencesNaming, type ExtractedEntity, type ReviewState } from './review-state';
import { checkText } from '../story/extract-input';
import { splitSentences } from '../story/extract-lines';

export interface ExtractRun {
  /** resolves with the extraction result, or rejects with a reader-facing Error (`code` set) */
  result: Promise<unknown>;
  cancel(): void;
}

export interface AddStoryDeps {
  extract(input: ExtractInput, onProgress: (fraction: number, stage: string) => void): ExtractRun;
  readDraft(): Promise<StoryDraft | null>;
  clearDraft(): Promise<void>;
  /** ids of stored stories and of their entities (a new story's ids must not clash) */
  takenIds(): Promise<{ packs: string[]; entities: string[] }>;
  save(pack: unknown): Promise<{ title: string; entityCount: number }>;
}

class ExtractFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Extraction in a module worker, one worker per run (terminated when done or cancelled). */
export function workerExtract(input: ExtractInput, onProgress: (fraction: number, stage: string) => void): ExtractRun {
  const worker: Worker = new ExtractWorker({ name: 'story-lens-extract' });
  let settle: { resolve(v: unknown): void; reject(e: Error): void } | null = null;
  const result = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
  const done = () => {
    worker.terminate();
    settle = null;
  };
  worker.onmessage = (ev: MessageEvent<ExtractReply>) => {
    const msg = ev.data;
    if (!settle) return;
    if (msg.type === 'progress') onProgress(msg.fraction, msg.stage);
    else if (msg.type === 'result') {
      settle.resolve(msg.result);
      done();
    } else if (msg.type === 'error') {
      settle.reject(new ExtractFailure(msg.message, msg.code));
      done();
    }
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    settle?.reject(new ExtractFailure('Story Lens could not start reading the text. Reload this page and try again.', 'worker'));
    done();
  };
  worker.postMessage({ type: 'extract', id: 1, input });
  return {
    result,
    cancel() {
      settle?.reject(new ExtractFailure('Stopped. Nothing was saved.', 'cancelled'));
      done();
    },
  };
}

export const defaultAddStoryDeps: AddStoryDeps = {
  extract: workerExtract,
  readDraft: readStoryDraft,
  clearDraft: clearStoryDraft,
  async takenIds() {
    const stories = await getStories();
    return { packs: stories.map((s) => s.id), entities: stories.flatMap((s) => s.pack.entities.map((e) => e.id)) };
  },
  async save(pack) {
    const info = await addStory(parsePack(pack));
    return { title: info.title, entityCount: info.entityCount };
  },
};

/** The extraction result ({ pack, warnings }) as review input, or null when it is not one. */
function readExtraction(
  result: unknown,
): { entities: ExtractedEntity[]; title?: string; date?: string; summary?: string; warnings: string[] } | null {
  const r = result as { pack?: unknown; warnings?: unknown } | null;
  if (!r || typeof r !== 'object') return null;
  // The worker's pack is checked like any other: it crossed a context boundary.
  const parsed = safeParsePack(r.pack);
  if (!parsed.ok) return null;
  const warnings = Array.isArray(r.warnings) ? r.warnings.filter((w): w is string => typeof w === 'string') : [];
  return { ...extractedFromPack(parsed.pack), title: parsed.pack.title, date: parsed.pack.date, summary: parsed.pack.summary, warnings };
}

/** The article's sentences, read the way extraction reads them (HTML taken apart, not parsed). */
function articleSentences(text: string): string[] {
  try {
    return checkText(text).lines.flatMap(splitSentences);
  } catch {
    return [];
  }
}

/** First sentences of the text, up to ~300 characters: a summary the reader can edit. */
function firstSentences(text: string): string {
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

export function mountAddStory(container: HTMLElement, deps: AddStoryDeps = defaultAddStoryDeps): { destroy(): void } {
  const doc = container.ownerDocument;
  let run: ExtractRun | null = null;
  let draft: StoryDraft | null = null;

  const section = el(doc, 'section', { id: 'add-story', className: 'sl-add-story', 'aria-labelledby': 'sl-add-story-title' });
  const heading = el(doc, 'h3', { id: 'sl-add-story-title', tabindex: '-1' }, ['Add a story']);
  const intro = el(doc, 'p', { className: 'sl-muted' }, [
    'Paste the text of a news article. Story Lens finds its people, places and organizations on this device; you review them, then its names are marked on the pages you read. Or open the article and choose “Follow this story” in the Story Lens popup.',
  ]);
  const draftNote = el(doc, 'div', { className: 'sl-draft', hidden: true });
  const textarea = el(doc, 'textarea', {
    id: 'sl-add-story-text',
    rows: 10,
    spellcheck: 'false',
    'aria-describedby': 'sl-add-story-hint',
    placeholder: 'Paste the article’s text here',
  });
  const hint = el(doc, 'p', { id: 'sl-add-story-hint', className: 'sl-muted' }, [
    'One article in English, up to 1 MB of text. Nothing leaves your device.',
  ]);
  const findButton = el(doc, 'button', { type: 'button', className: 'sl-primary' }, ['Find people and places']);
  const progress = el(doc, 'progress', { id: 'sl-add-story-progress', max: 1, 'aria-labelledby': 'sl-add-story-progress-label' });
  const progressLabel = el(doc, 'span', { id: 'sl-add-story-progress-label' }, ['Reading the article…']);
  const cancelButton = el(doc, 'button', { type: 'button', className: 'sl-ghost' }, ['Cancel']);
  const progressBox = el(doc, 'div', { className: 'sl-progress', hidden: true }, [progressLabel, progress, cancelButton]);
  const message = el(doc, 'div', { className: 'sl-message', role: 'status' });
  const form = el(doc, 'div', { className: 'sl-paste' }, [
    el(doc, 'label', { for: 'sl-add-story-text', className: 'sl-label' }, ['Article text']),
    textarea,
    hint,
    el(doc, 'div', { className: 'sl-actions' }, [findButton]),
  ]);
  const reviewBox = el(doc, 'div', { className: 'sl-review-box', hidden: true });
  section.append(heading, intro, draftNote, form, progressBox, message, reviewBox);
  container.append(section);

  const say = (text: string, tone: 'info' | 'error' | 'ok' = 'info') => {
    message.replaceChildren(...(text ? [el(doc, 'p', {}, [text])] : []));
    message.dataset.tone = tone;
    // Errors are announced at once; other news politely.
    message.setAttribute('role', tone === 'error' ? 'alert' : 'status');
  };

  const showDraft = (d: StoryDraft | null) => {
    draft = d;
    if (!d) {
      draftNote.hidden = true;
      draftNote.replaceChildren();
      return;
    }
    draftNote.hidden = false;
    draftNote.replaceChildren(
      el(doc, 'p', {}, [
        'From the page ',
        el(doc, 'strong', {}, [d.title || d.url]),
        d.site ? ` (${d.site})` : '',
        '. Check the text, then find its people and places.',
      ]),
      el(
        doc,
        'button',
        {
          type: 'button',
          className: 'sl-ghost',
          onclick: async () => {
            await deps.clearDraft();
            textarea.value = '';
            showDraft(null);
            say('The article from the page was dropped.');
            textarea.focus();
          },
        },
        ['Drop it'],
      ),
    );
  };

  // While the worker reads, the text is hidden rather than made read-only: toggling a
  // textarea that holds a megabyte costs the page a 200 ms layout (measured in Chromium).
  const setBusy = (busy: boolean) => {
    progressBox.hidden = !busy;
    findButton.disabled = busy;
    form.hidden = busy;
    section.setAttribute('aria-busy', String(busy));
  };

  const backToText = () => {
    reviewBox.hidden = true;
    reviewBox.replaceChildren();
    form.hidden = false;
    textarea.focus();
  };

  findButton.addEventListener('click', async () => {
    const text = textarea.value;
    if (!text.trim()) {
      say('The text is empty. Paste the article’s text (not only its link) and try again.', 'error');
      textarea.focus();
      return;
    }
    if (text.length > MAX_DRAFT_CHARS) {
      say(
        `This text is too long to read as one article (${(text.length / 1_000_000).toFixed(1)} million characters; the limit is 1 MB). Paste only the article itself.`,
        'error',
      );
      textarea.focus();
      return;
    }
    say('');
    setBusy(true);
    progress.removeAttribute('value'); // indeterminate until the worker reports
    progressLabel.textContent = 'Reading the article…';
    run = deps.extract({ text, title: draft?.title || undefined, date: draft?.date, url: draft?.url || undefined }, (fraction, stage) => {
      progress.value = fraction;
      progressLabel.textContent = `${stage || 'Reading the article'}… ${Math.round(fraction * 100)}%`;
    });
    const thisRun = run;
    cancelButton.focus();
    let result: unknown;
    try {
      result = await thisRun.result;
    } catch (err) {
      if (run !== thisRun) return;
      run = null;
      setBusy(false);
      const e = err as { message?: string; code?: string };
      say(e.message ?? 'Story Lens could not read this text.', e.code === 'cancelled' ? 'info' : 'error');
      textarea.focus();
      return;
    }
    if (run !== thisRun) return;
    run = null;
    const found = readExtraction(result);
    if (!found) {
      setBusy(false);
      say('Story Lens could not read this text.', 'error');
      return;
    }
    progressBox.hidden = true;
    findButton.disabled = false;
    section.setAttribute('aria-busy', 'false');
    let sentences: string[] | undefined;
    const state = initialReview(found, {
      title: found.title || draft?.title || '',
      date: found.date || draft?.date,
      summary: found.summary || firstSentences(text),
      source: { publisher: draft?.site || undefined, url: draft?.url || undefined },
    });
    form.hidden = true;
    reviewBox.hidden = false;
    if (found.entities.length === 0)
      say('Story Lens found no people, places or organizations in this text. You can add them by hand below, or cancel.', 'info');
    mountReview(
      reviewBox,
      state,
      {
        onSave: (s) => save(s),
        onCancel: () => {
          say('Nothing was saved.');
          backToText();
        },
      },
      found.warnings,
      (name) => {
        sentences ??= articleSentences(text);
        return sentencesNaming(sentences, name);
      },
    );
  });

  cancelButton.addEventListener('click', () => {
    const r = run;
    run = null;
    r?.cancel();
    setBusy(false);
    say('Stopped. Nothing was saved.');
    textarea.focus();
  });

  async function save(state: ReviewState): Promise<string[]> {
    let pack: unknown;
    try {
      const taken = await deps.takenIds();
      pack = parsePack(reviewToPack(state, { takenPackIds: taken.packs, takenEntityIds: taken.entities }));
    } catch (err) {
      if (err instanceof PackError) return err.problems;
      throw err;
    }
    try {
      const info = await deps.save(pack);
      await deps.clearDraft();
      showDraft(null);
      textarea.value = '';
      backToText();
      say(
        `Saved “${info.title}” with ${info.entityCount} people, places and organizations. It is switched on: its names are marked on the pages you read.`,
        'ok',
      );
      heading.focus();
      return [];
    } catch (err) {
      if (err instanceof PackError) return err.problems;
      if (err instanceof StoryStoreError) return [err.message];
      throw err;
    }
  }

  void deps.readDraft().then((d) => {
    if (!d) return;
    showDraft(d);
    if (!textarea.value) textarea.value = d.text;
  });

  if (doc.location?.hash === '#add-story') {
    section.scrollIntoView({ block: 'start' });
    textarea.focus();
  }

  return {
    destroy() {
      run?.cancel();
      section.remove();
    },
  };
}
