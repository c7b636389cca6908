/**
 * "Add a story" on the options page: paste an article's text (or take the
 * one the popup's "Follow this story" handed over), extraction finds its
 * people, places and organizations in a worker, the reader reviews them
 * (review.ts), and Save stores the story through `AddStoryDeps`. Nothing is
 * stored before Save: a refused text, a cancelled run or a failed save leaves
 * the stored stories as they were.
 */
import './add-story.css';
import type { StoryPack } from '../core/pack';
import { safeParsePack } from '../story/schema';
import type { StoryDraft } from '../store/story-draft';
import { addStoryView, type AddStoryView } from './add-story-view';
import { articleSentences, firstSentences, readExtraction, type Extraction } from './add-story-text';
import type { Extract, ExtractRun } from './add-story-worker';
import type { OtherEntity } from '../story/extract-rank';
import { el } from './dom';
import { t } from './i18n';
import { mountReview } from './review';
import { reviewToPack } from './review-pack';
import { initialReview, sentencesNaming, type ReviewState } from './review-state';

export interface AddStoryDeps {
  extract: Extract;
  /** the longest text read as one article, in characters */
  maxChars: number;
  readDraft(): Promise<StoryDraft | null>;
  clearDraft(): Promise<void>;
  /** ids of stored stories and of their entities (a new story's ids must not clash) */
  takenIds(): Promise<{ packs: string[]; entities: string[] }>;
  /** the entities of the stories the reader follows: the new story gets no alias that names one of them */
  followedEntities(): Promise<OtherEntity[]>;
  /** stores the story, or says why the store refused it */
  save(pack: StoryPack): Promise<{ ok: true; title: string; entityCount: number } | { ok: false; problems: string[] }>;
}

interface AddStory extends AddStoryView {
  deps: AddStoryDeps;
  run: ExtractRun | null;
  /** the article "Follow this story" handed over, while it is shown */
  draft: StoryDraft | null;
}

export function mountAddStory(container: HTMLElement, deps: AddStoryDeps): { destroy(): void } {
  const a: AddStory = { ...addStoryView(container.ownerDocument), deps, run: null, draft: null };
  container.append(a.section);
  a.findButton.addEventListener('click', () => void find(a));
  a.cancelButton.addEventListener('click', () => cancel(a));
  void deps.readDraft().then((d) => {
    if (!d) return;
    showDraft(a, d);
    if (!a.textarea.value) a.textarea.value = d.text;
  });
  if (a.doc.location?.hash === '#add-story') {
    a.section.scrollIntoView({ block: 'start' });
    a.textarea.focus();
  }
  return {
    destroy() {
      a.run?.cancel();
      a.section.remove();
    },
  };
}

function say(a: AddStory, text: string, tone: 'info' | 'error' | 'ok' = 'info') {
  a.message.replaceChildren(...(text ? [el(a.doc, 'p', {}, [text])] : []));
  a.message.dataset.tone = tone;
  // Errors are announced at once; other news politely.
  a.message.setAttribute('role', tone === 'error' ? 'alert' : 'status');
}

function showDraft(a: AddStory, d: StoryDraft | null) {
  const { doc } = a;
  a.draft = d;
  a.draftNote.hidden = !d;
  if (!d) return a.draftNote.replaceChildren();
  const drop = async () => {
    await a.deps.clearDraft();
    a.textarea.value = '';
    showDraft(a, null);
    say(a, t('addDraftDropped'));
    a.textarea.focus();
  };
  a.draftNote.replaceChildren(
    el(doc, 'p', {}, [
      t('addDraftFrom'),
      ' ',
      el(doc, 'strong', { dir: 'auto' }, [d.title || d.url]),
      d.site ? ` (${d.site})` : '',
      t('addDraftCheck'),
    ]),
    el(doc, 'button', { type: 'button', className: 'sl-ghost', onclick: () => void drop() }, [t('addDraftDrop')]),
  );
}

// While the worker reads, the text is hidden rather than made read-only: toggling a
// textarea that holds a megabyte costs the page a 200 ms layout (measured in Chromium).
function setBusy(a: AddStory, busy: boolean) {
  a.progressBox.hidden = !busy;
  a.findButton.disabled = busy;
  a.form.hidden = busy;
  a.section.setAttribute('aria-busy', String(busy));
}

function backToText(a: AddStory) {
  a.reviewBox.hidden = true;
  a.reviewBox.replaceChildren();
  a.form.hidden = false;
  a.textarea.focus();
}

/** "Find people and places": checks the text, runs extraction, then opens the review. */
async function find(a: AddStory) {
  const text = a.textarea.value;
  const refused = !text.trim() ? t('addEmpty') : text.length > a.deps.maxChars ? t('addTooLong', (text.length / 1_000_000).toFixed(1)) : '';
  if (refused) {
    say(a, refused, 'error');
    a.textarea.focus();
    return;
  }
  say(a, '');
  setBusy(a, true);
  a.progress.removeAttribute('value'); // indeterminate until the worker reports
  a.progressLabel.textContent = t('addReading');
  const draft = a.draft;
  const otherEntities = await a.deps.followedEntities().catch(() => []);
  const run = a.deps.extract(
    { text, title: draft?.title || undefined, date: draft?.date, url: draft?.url || undefined, otherEntities },
    (fraction, stage) => {
      a.progress.value = fraction;
      a.progressLabel.textContent = t('addProgress', stage || t('addReadingStage'), Math.round(fraction * 100));
    },
  );
  a.run = run;
  a.cancelButton.focus();
  let result: unknown;
  try {
    result = await run.result;
  } catch (err) {
    if (a.run !== run) return;
    a.run = null;
    setBusy(a, false);
    const e = err as { message?: string; code?: string };
    say(a, e.message ?? t('addUnreadable'), e.code === 'cancelled' ? 'info' : 'error');
    a.textarea.focus();
    return;
  }
  if (a.run !== run) return;
  a.run = null;
  const found = readExtraction(result);
  if (!found) {
    setBusy(a, false);
    say(a, t('addUnreadable'), 'error');
    return;
  }
  review(a, found, text);
}

function review(a: AddStory, found: Extraction, text: string) {
  a.progressBox.hidden = true;
  a.findButton.disabled = false;
  a.section.setAttribute('aria-busy', 'false');
  const draft = a.draft;
  const state = initialReview(found, {
    title: found.title || draft?.title || '',
    date: found.date || draft?.date,
    summary: found.summary || firstSentences(text),
    source: { publisher: draft?.site || undefined, url: draft?.url || undefined },
  });
  a.form.hidden = true;
  a.reviewBox.hidden = false;
  if (found.entities.length === 0) say(a, t('addNoneFound'), 'info');
  let sentences: string[] | undefined;
  const onCancel = () => {
    say(a, t('addNothingSaved'));
    backToText(a);
  };
  mountReview(
    a.reviewBox,
    state,
    { onSave: (s) => save(a, s), onCancel },
    {
      warnings: found.warnings,
      sentencesFor: (name) => {
        sentences ??= articleSentences(text);
        return sentencesNaming(sentences, name);
      },
    },
  );
}

function cancel(a: AddStory) {
  const run = a.run;
  a.run = null;
  run?.cancel();
  setBusy(a, false);
  say(a, t('addStopped'));
  a.textarea.focus();
}

/** Saves the reviewed story; resolves to the problems that stopped it (empty when saved). */
async function save(a: AddStory, state: ReviewState): Promise<string[]> {
  const taken = await a.deps.takenIds();
  const parsed = safeParsePack(reviewToPack(state, { takenPackIds: taken.packs, takenEntityIds: taken.entities }));
  if (!parsed.ok) return parsed.problems;
  const saved = await a.deps.save(parsed.pack);
  if (!saved.ok) return saved.problems;
  await a.deps.clearDraft();
  showDraft(a, null);
  a.textarea.value = '';
  backToText(a);
  say(a, t('addSaved', saved.title, saved.entityCount), 'ok');
  a.heading.focus();
  return [];
}
