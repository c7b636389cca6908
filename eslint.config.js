// ESLint: typescript-eslint's recommended rules, Prettier owns formatting, and
// the layer rules of docs/architecture.md, so a drifting import fails `npm test`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The import rule of one layer: none of `groups` (folders, by any relative path, or packages). */
const layer = (files, groups, message, extra = {}) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: groups, message }, ...(extra.patterns ?? [])] }],
    ...(extra.rules ?? {}),
  },
});
const ENTRYPOINTS = { group: ['**/entrypoints/**'], message: 'entrypoints/ is wiring: nothing imports it.' };
const BROWSER_APIS = ['#imports', 'wxt/*', 'webextension-polyfill', '@webext-core/*'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // The layers of docs/architecture.md. Each block lists what a layer must not import.
  layer(['src/**', 'scripts/**', 'tests/**'], ['**/entrypoints/**'], 'entrypoints/ is wiring: nothing imports it.'),
  layer(
    ['src/core/**'],
    ['**/page/**', '**/ui/**', '**/story/**', '**/store/**', '**/background/**', '**/messaging', ...BROWSER_APIS, 'zod', 'compromise'],
    'src/core is pure: it imports only src/core (no DOM layer, view, story, storage, background or browser API).',
    { patterns: [ENTRYPOINTS], rules: { 'no-restricted-globals': ['error', 'browser', 'chrome'] } },
  ),
  layer(
    ['src/page/**'],
    ['**/story/**', '**/store/**', '**/background/**', 'zod', 'compromise'],
    'src/page reads the DOM: it gets its data from the background by message, never from story extraction or storage.',
    { patterns: [ENTRYPOINTS] },
  ),
  layer(
    ['src/story/**'],
    ['**/page/**', '**/ui/**', '**/store/**', '**/background/**', ...BROWSER_APIS],
    'src/story is the pack format and extraction: core below it, nothing above.',
    {
      patterns: [ENTRYPOINTS],
    },
  ),
  layer(['src/store/**'], ['**/page/**', '**/ui/**', '**/background/**'], 'src/store holds stored data: it imports core and story only.', {
    patterns: [ENTRYPOINTS],
  }),
  layer(['src/ui/**'], ['**/background/**'], 'Views get storage and messaging from their entrypoint, not from the background.', {
    patterns: [
      ENTRYPOINTS,
      {
        group: ['**/store/**'],
        allowTypeImports: true,
        message: 'Views get stored data from their entrypoint: import only types from src/store.',
      },
    ],
  }),
);
