import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // the message catalogue behind browser.i18n.getMessage, which WXT's fakeBrowser leaves out
    setupFiles: ['tests/unit/i18n-setup.ts'],
    environment: 'node',
  },
});
