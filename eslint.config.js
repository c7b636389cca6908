// ESLint: typescript-eslint's recommended rules, Prettier owns formatting, and
// the layer rules of docs/architecture.md, so a drifting import fails `npm test`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imported by nothing: entrypoints are wiring, tests and tools sit beside the product. */
const WINGS = [
  { group: ['**/entrypoints/**'], message: 'entrypoints/ is wiring: nothing imports it.' },
  { group: ['**/tests/**', '**/scripts/**'], message: 'src/ never imports the tests or the tools.' },
];
const BROWSER_APIS = ['#imports', 'wxt/*', 'webextension-polyfill', '@webext-core/*'];

/** The import rule of one layer of src/: none of `groups` (folders, by any relative path, or packages). */
const layer = (files, groups, message, extra = {}) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [...(groups.length ? [{ group: groups, message }] : []), ...WINGS, ...(extra.patterns ?? [])] },
    ],
    ...(extra.rules ?? {}),
  },
});

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
  layer(['src/**'], [], ''),
  {
    files: ['scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            WINGS[0],
            { group: ['**/tests/**'], message: 'Tools are a wing of their own: tests import scripts/lib, not the reverse.' },
          ],
        },
      ],
    },
  },
  { files: ['tests/**'], rules: { 'no-restricted-imports': ['error', { patterns: [WINGS[0]] }] } },
  layer(
    ['src/core/**'],
    ['**/page/**', '**/ui/**', '**/story/**', '**/store/**', '**/background/**', '**/messaging', ...BROWSER_APIS, 'zod', 'compromise'],
    'src/core is pure: it imports only src/core (no DOM layer, view, story, storage, background or browser API).',
    { rules: { 'no-restricted-globals': ['error', 'browser', 'chrome'] } },
  ),
  layer(
    ['src/page/**'],
    ['**/story/**', '**/store/**', '**/background/**', 'zod', 'compromise'],
    'src/page reads the DOM: it gets its data from the background by message, never from story extraction or storage.',
  ),
  layer(
    ['src/story/**'],
    ['**/page/**', '**/ui/**', '**/store/**', '**/background/**', ...BROWSER_APIS],
    'src/story is the pack format and extraction: core below it, nothing above.',
  ),
  layer(['src/store/**'], ['**/page/**', '**/ui/**', '**/background/**'], 'src/store holds stored data: it imports core and story only.'),
  layer(['src/ui/**'], ['**/background/**'], 'Views get storage and messaging from their entrypoint, not from the background.', {
    patterns: [
      {
        group: ['**/store/**'],
        allowTypeImports: true,
        message: 'Views get stored data from their entrypoint: import only types from src/store.',
      },
    ],
  }),
);
