/**
 * "Add a story" runs extraction here, in a Web Worker started by
 * src/ui/add-story.ts, so the options page never freezes on a long text and
 * the reader can cancel (the page terminates the worker). compromise is
 * bundled into this worker's chunk only, never into the content script.
 *
 * Protocol (structured clone):
 *   page → worker  { type: 'extract', id, input: { text, title?, date?, url? } }
 *   worker → page  { type: 'progress', id, fraction, stage }
 *                  { type: 'result', id, result: { pack, warnings, ranking } }  (the pack's entities
 *                    also carry `rank` and `selected`: postedResult in extract.ts)
 *                  { type: 'error', id, message, code }
 */
import { extractStory, postedResult, type ExtractInput, type ExtractProgress } from './extract';

export interface ExtractRequest {
  type: 'extract';
  id: number;
  input: ExtractInput;
}

export type ExtractReply =
  | { type: 'progress'; id: number; fraction: number; stage: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string; code: string };

function readProgress(p: ExtractProgress): { fraction: number; stage: string } {
  const fraction = p.total > 0 ? p.done / p.total : 0;
  return { fraction: Math.min(1, Math.max(0, fraction)), stage: p.stage };
}

const scope = self as unknown as { onmessage: ((ev: MessageEvent) => void) | null; postMessage(msg: ExtractReply): void };

scope.onmessage = async (ev: MessageEvent) => {
  const req = ev.data as ExtractRequest;
  if (!req || req.type !== 'extract' || typeof req.input?.text !== 'string') return;
  let last = 0;
  try {
    const result = extractStory(req.input, (p) => {
      // At most ~20 progress messages a second: the page only redraws a bar.
      const now = Date.now();
      if (now - last < 50) return;
      last = now;
      scope.postMessage({ type: 'progress', id: req.id, ...readProgress(p) });
    });
    scope.postMessage({ type: 'result', id: req.id, result: postedResult(result) });
  } catch (err) {
    const e = err as { message?: unknown; code?: unknown };
    scope.postMessage({
      type: 'error',
      id: req.id,
      message: typeof e?.message === 'string' ? e.message : 'Story Lens could not read this text.',
      code: typeof e?.code === 'string' ? e.code : 'failed',
    });
  }
};
