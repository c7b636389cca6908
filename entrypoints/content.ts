import { PageContext } from '../src/page/context';
import { startFeatures } from '../src/page/features';

// Thin wiring: the features live in src/page/features, one file each. WXT's own context (the argument of `main`)
// is not used: it announces itself to the page and can be ended by it; ours (src/page/context.ts) cannot.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // no "content script started" window.postMessage: it gave every page the extension id
  noScriptStartedPostMessage: true,
  main() {
    void startFeatures(new PageContext());
  },
});
