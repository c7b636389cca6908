import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

/** what the content script's entry gets in place of WXT's ContentScriptContext (see the file) */
const CONTEXT_STAND_IN = fileURLToPath(new URL('./src/page/wxt-context-stand-in.ts', import.meta.url));

// Story Lens runs entirely on the reader's device: no host permissions beyond
// the content script's own matches, no remote code, no network.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // The content script runs on every page and has a 30 KB (gzipped) budget: terser, three passes, takes about
    // 5% more off it than esbuild's minifier. Only there: on the bundles that hold zod and compromise, terser's
    // output trips `web-ext lint`'s eval check (three DANGEROUS_EVAL warnings) where esbuild's does not.
    'vite:build:extendConfig': (entrypoints, config) => {
      // Readability sets innerHTML on its inert DOMParser copy; in a chunk of its own, `npm run lint:ext` holds
      // every other file to zero web-ext warnings and names this one third-party file as the exception.
      if (entrypoints.some((e) => e.type === 'popup')) {
        const output = { manualChunks: (id: string) => (id.includes('@mozilla/readability') ? 'readability' : undefined) };
        config.build = { ...config.build, rollupOptions: { ...config.build?.rollupOptions, output } };
      }
      if (!entrypoints.some((e) => e.type === 'content-script')) return;
      // WXT's context tells every page the extension id and lets the page end the script: not built in
      config.plugins = [
        ...(config.plugins ?? []),
        {
          name: 'story-lens:context-stand-in',
          enforce: 'pre',
          resolveId: (id: string) => (id === 'wxt/utils/content-script-context' ? CONTEXT_STAND_IN : undefined),
        },
      ];
      config.build = {
        ...config.build,
        minify: 'terser',
        terserOptions: { ecma: 2020, compress: { passes: 3 }, format: { comments: false } },
      };
    },
  },
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    // Words come from public/_locales/<lang>/messages.json (the one message catalogue of every view); the
    // toolbar button's title is the popup's <title>.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage'],
    // The CSS Custom Highlight API is the only way we paint: declare the
    // versions that have it instead of falling back to wrapping text.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'story-lens@story-lens.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions came to Firefox for Android in 142
            // (web-ext lint warns otherwise); desktop has it since 140.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '105' }),
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_commandNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandPreviousMention__',
      },
    },
  }),
});
