/**
 * Extraction for "Add a story" in a module worker, one worker per run
 * (terminated when done or cancelled), so a long article never blocks the page.
 */
/// <reference types="vite/client" />
// Vite's `?worker` import, not `new Worker(new URL(..., import.meta.url))`: WXT defines
// import.meta.url as self.location.href (wxt/dist/core/builders/vite/plugins/defineImportMeta),
// which hides that pattern from Vite and left the worker unbundled.
import ExtractWorker from '../story/extract-worker.ts?worker';
import type { ExtractReply } from '../story/extract-worker';
import type { ExtractInput } from '../story/extract';
import { t } from './i18n';

export interface ExtractRun {
  /** resolves with the extraction result, or rejects with a reader-facing Error (`code` set) */
  result: Promise<unknown>;
  cancel(): void;
}

export type Extract = (input: ExtractInput, onProgress: (fraction: number, stage: string) => void) => ExtractRun;

class ExtractFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export const workerExtract: Extract = (input, onProgress) => {
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
    settle?.reject(new ExtractFailure(t('addWorkerFailed'), 'worker'));
    done();
  };
  worker.postMessage({ type: 'extract', id: 1, input });
  return {
    result,
    cancel() {
      settle?.reject(new ExtractFailure(t('addStopped'), 'cancelled'));
      done();
    },
  };
};
