import { startBackground } from '../src/background';

// Thin: every listener is registered synchronously in startBackground(), so an
// event that wakes a stopped service worker finds it (src/background/index.ts).
export default defineBackground(() => {
  startBackground();
});
