import { startFeatures } from '../src/page/features';

// Thin wiring: the features live in src/page/features, one file each.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startFeatures(ctx);
  },
});
