// Layer rules live here so they are enforced, not hoped for:
//   src/core     pure TypeScript: no `vscode` (not even types), no direct file-system access
//   src/webview  browser code: no `vscode`, no Node built-ins
//   src/host, src/extension.ts  the only places that may import `vscode`
//   src/worker   the render worker (a worker_threads thread) and its client: Node, never `vscode`
// and no barrel `index.ts` files anywhere in src.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const noVscode = { name: 'vscode', message: 'Only src/host and src/extension.ts may import vscode (see DEVELOPERS.md: layers).' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test/host/**', 'examples/**', '.vscode-test/**', 'media/*.js', 'test/fixtures/code/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', TextEncoder: 'readonly', TextDecoder: 'readonly', performance: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode,
          ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process'].map((name) => ({
            name, message: 'src/core takes file access as a parameter (a small interface), so the host can pass vscode.workspace.fs and tests can pass memory.',
          }))],
      }],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'src/webview runs in the browser: no Node built-ins.' }))],
      }],
    },
  },
  {
    files: ['src/**/index.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'Program', message: 'No barrel index.ts files: import from the module that holds the code.' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
