// Lint with zero warnings, type-aware, and with the process layering enforced (ARCHITECTURE.md §5):
// common imports nothing of ours and nothing of Node or Electron; the renderer imports common
// (and only types from elsewhere), never Node, Electron, main or preload; the sandbox server is a
// package of its own that imports no process, and main reaches it only through sandbox/index.ts;
// node-lib holds the Node-side code both main and the sandbox use, and imports neither.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import formatjs from 'eslint-plugin-formatjs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const platformImports = [
  { group: ['electron', 'electron/*'], message: 'Only main and preload may import Electron.' },
  { group: ['node:*'], message: 'This layer must run in a browser: no Node modules.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', '.ci/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeModules.map((name) => ({ name, message: 'common/ is pure TypeScript: no Node modules.' })),
          patterns: [...platformImports, { group: ['**/main/**', '**/preload/**', '**/renderer/**', 'react', 'react-dom'], message: 'common/ imports nothing of the processes.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeModules.map((name) => ({ name, message: 'The renderer never imports Node modules.' })),
          patterns: [...platformImports, { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the contract.', allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // The cache's writer (apply-ops, host handler, schema upgrades) is the cache host's alone; the UI
    // reads through renderer/cache/read-db.ts. A rule of its own, so it adds to the renderer's above.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/cache-host/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cache-host', '**/cache-host/**'], message: 'Only the cache host writes the cache: read it through renderer/cache/read-db.ts.' }] }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeModules.map((name) => ({ name, message: 'Sandboxed preloads can require only electron.' })),
          patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload exposes the contract, nothing else.' }],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', 'react', 'react-dom', 'dexie'], message: 'main never touches the renderer or the cache directly: it goes through the cache host.' },
            { regex: '^(\\.\\./)+sandbox/', message: "main uses the sandbox server only through its entry point: import from '…/sandbox'." },
          ],
        },
      ],
    },
  },
  {
    // Node-side code the core and the sandbox server share (charset decoding, durable files).
    files: ['node-lib/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'node-lib runs in plain Node: no Electron.' },
            { group: ['**/main/**', '**/sandbox', '**/sandbox/**', '**/preload/**', '**/renderer/**', 'react', 'react-dom', 'dexie'], message: 'node-lib is shared by main and the sandbox: it imports common/ and npm packages, nothing of theirs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The sandbox is a mail server of its own: no Electron.' },
            { group: ['**/main/**', '**/preload/**', '**/renderer/**', 'react', 'react-dom', 'dexie'], message: 'The sandbox is a mail server of its own: it imports common/ and npm packages, nothing of the processes.' },
          ],
        },
      ],
    },
  },
  {
    // The translation layer (renderer/i18n/intl.ts): every message has its English text where it is
    // used, its arguments named; no text in JSX or in a prop a person reads or hears bypasses it.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { formatjs },
    rules: {
      'formatjs/enforce-default-message': ['error', 'literal'],
      'formatjs/enforce-placeholders': 'error',
      'formatjs/no-multiple-plurals': 'error',
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    rules: {
      'formatjs/no-literal-string-in-jsx': ['error', { props: { include: [['*', '{aria-label,aria-description,aria-roledescription,aria-valuetext,alt,label,placeholder,title}']] } }],
    },
  },
);
