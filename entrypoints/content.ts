import { startPage } from '../src/page/start-page';

// Thin wiring: everything lives in src/page (see docs/adr/0001).
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startPage(ctx);
  },
});
