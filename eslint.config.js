import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The import direction between folders (see ../shared/STYLE.md):
 *   ui → state → core;  worker → tf → core;  cli → tf/core.  core imports only core.
 * Type-only imports of the worker API are allowed from state and ui (they talk to it via comlink).
 */
const folder = (name) => [`**/${name}`, `**/${name}/**`, `../${name}/*`];
const banned = (folders, packages = [], allowTypeImports = false) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        ...folders.map((f) => ({
          group: folder(f),
          message: `This folder may not import from src/${f} (see STYLE.md, import direction).`,
          allowTypeImports: allowTypeImports && f === 'worker',
        })),
        ...packages.map((p) => ({ group: [p, `${p}/**`], message: `${p} is not allowed in this folder.` })),
      ],
    },
  ],
});
const uiLibs = ['react', 'react-dom', 'zustand', 'recharts', '@dnd-kit/*', 'katex'];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/ui/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  { files: ['src/core/**'], rules: banned(['tf', 'worker', 'state', 'ui', 'cli'], ['@tensorflow/*', 'comlink', ...uiLibs]) },
  { files: ['src/tf/**'], rules: banned(['worker', 'state', 'ui', 'cli'], uiLibs) },
  { files: ['src/worker/**'], rules: banned(['state', 'ui', 'cli'], uiLibs) },
  { files: ['src/state/**'], rules: banned(['ui', 'tf', 'cli', 'worker'], ['@tensorflow/*', 'react', 'react-dom', 'recharts'], true) },
  { files: ['src/ui/**'], rules: banned(['tf', 'cli', 'worker'], ['@tensorflow/*'], true) },
  { files: ['src/cli/**'], rules: banned(['ui', 'state', 'worker'], uiLibs) },
);
