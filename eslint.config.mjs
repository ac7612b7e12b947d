// @ts-check
/**
 * ESLint 9 flat config. `npm run lint` runs it with --max-warnings 0 (then `prettier --check .`); `npm test` runs lint.
 *
 * - TypeScript: typescript-eslint's type-checked recommended rules, types from the project service (tsconfig.json).
 * - src/taskpane: React hooks rules (incl. the React Compiler checks of eslint-plugin-react-hooks 7).
 * - src/hosts/office: the Office add-ins rules, enabled one by one (they key on `.load(` / `context.sync()` /
 *   `isNullObject` patterns and misfire on ExcelJS, so nowhere else; the plugin's own recommended config also
 *   switches on prettier-as-a-rule and unrelated core rules, so it is not used).
 * - Layering (also checked by test/architecture.test.ts; the engine's purity is proved by tsconfig.engine.json):
 *   src/engine imports only src/engine; only src/hosts/office references Office/Excel globals or
 *   @microsoft/office-js; src/workbook imports no host, pane, CLI or package; hosts import no pane or CLI; the pane
 *   reaches hosts only through hosts/memory (the demo) and hosts/office/environment (its boot) and loads ExcelJS only
 *   lazily; the CLI uses the xlsx host only.
 * - eslint-config-prettier last: formatting is Prettier's job.
 */
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// ------------------------------------------------------------------------------------------------ layering

const OFFICE_NAMES = '[name=/^(Office|Excel|OfficeExtension|OSF)$/]';
const OFFICE_GLOBALS = ['Office', 'Excel', 'OfficeExtension', 'OSF'].map((name) => ({
  name,
  message: 'Only src/hosts/office touches Office.js; go through the host port (src/workbook/port.ts).',
}));
const NODE_GLOBALS = ['process', 'require', 'module', 'exports', 'Buffer', 'global', '__dirname', '__filename'].map(
  (name) => ({ name, message: 'This code runs in the task pane (a browser): no Node globals.' }),
);
const DOM_GLOBALS = [
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'fetch',
  'XMLHttpRequest',
  'performance',
  'setTimeout',
  'setInterval',
  'queueMicrotask',
  'console',
].map((name) => ({ name, message: 'src/engine is pure maths: no DOM, timers, console or I/O.' }));

const pattern = (regex, message, extra = {}) => ({ regex, message, ...extra });
const OFFICE_JS = pattern('^@microsoft/office-js', 'Only src/hosts/office uses Office.js.');
const NODE_BUILTINS = {
  group: ['node:*', ...builtinModules],
  message: 'This code runs in the task pane (a browser): no Node built-ins.',
};
const NO_PANE = pattern('(^|/)taskpane(/|$)', 'Arrows point inward: nothing below the pane imports it.');
const NO_CLI = pattern('(^|/)cli(/|$)', 'Arrows point inward: nothing below the CLI imports it.');
const EXCELJS_LAZY = pattern(
  '^exceljs$',
  "ExcelJS must stay a lazy chunk of the pane: `await import('exceljs')` (type-only imports are fine).",
  { allowTypeImports: true },
);

/** One entry per area: a file matches exactly one, because a later config would replace the rule's options. */
const layers = [
  {
    files: ['src/engine/**'],
    imports: [pattern('^(?!\\./)', 'src/engine is pure: it imports only its own modules (./…).')],
    globals: [...OFFICE_GLOBALS, ...NODE_GLOBALS, ...DOM_GLOBALS],
  },
  {
    files: ['src/workbook/**'],
    imports: [
      pattern('(^|/)(hosts|taskpane|cli)(/|$)', 'src/workbook is host-neutral: it imports no host, pane or CLI.'),
      pattern('^[^.]', 'src/workbook runs in both the pane and the CLI: it imports no package, only src/engine.'),
    ],
    globals: [...OFFICE_GLOBALS, ...NODE_GLOBALS],
  },
  {
    files: ['src/hosts/office/**'],
    imports: [
      NO_PANE,
      NO_CLI,
      pattern('(^|/)(hosts/|\\.\\./)(memory|xlsx)(/|$)', 'Hosts do not import one another.'),
      pattern('^exceljs$', 'The Office host writes through Office.js, not ExcelJS.'),
      NODE_BUILTINS,
    ],
    globals: NODE_GLOBALS,
  },
  {
    files: ['src/hosts/memory/**'],
    imports: [
      NO_PANE,
      NO_CLI,
      pattern('(^|/)(hosts/|\\.\\./)(office|xlsx)(/|$)', 'Hosts do not import one another.'),
      EXCELJS_LAZY,
      OFFICE_JS,
      NODE_BUILTINS,
    ],
    globals: [...OFFICE_GLOBALS, ...NODE_GLOBALS],
  },
  {
    files: ['src/hosts/xlsx/**'],
    imports: [
      NO_PANE,
      NO_CLI,
      pattern('(^|/)(hosts/|\\.\\./)(office|memory)(/|$)', 'Hosts do not import one another.'),
      OFFICE_JS,
    ],
    globals: OFFICE_GLOBALS,
  },
  {
    files: ['src/taskpane/**'],
    imports: [
      pattern(
        '(^|/)hosts/(?!memory$|office/environment$)',
        'The pane talks to a host port; it imports only hosts/memory (the demo) and hosts/office/environment (boot).',
      ),
      NO_CLI,
      EXCELJS_LAZY,
      OFFICE_JS,
      NODE_BUILTINS,
    ],
    globals: [...OFFICE_GLOBALS, ...NODE_GLOBALS],
  },
  {
    files: ['src/cli/**'],
    imports: [
      NO_PANE,
      pattern('(^|/)hosts/(office|memory)(/|$)', 'The CLI reads and writes workbooks through the xlsx host only.'),
      OFFICE_JS,
    ],
    globals: OFFICE_GLOBALS,
  },
].map(({ files, imports, globals: restricted }) => ({
  files,
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: imports }],
    'no-restricted-globals': ['error', ...restricted],
    // no-restricted-globals sees values only; this catches type positions (`Excel.Range`, `Office.Context`) too.
    'no-restricted-syntax': restricted.includes(OFFICE_GLOBALS[0])
      ? ['error', { selector: `TSQualifiedName > Identifier.left${OFFICE_NAMES}`, message: OFFICE_GLOBALS[0].message }]
      : 'off',
  },
}));

// ------------------------------------------------------------------------------------------------ config

export default defineConfig(
  {
    ignores: [
      'dist/',
      'lib/',
      'out/',
      'coverage/',
      'test-output/',
      'assets/',
      'schemas/',
      // Git-ignored local folders (certificates, scratch work).
      '.certs/',
      '.scratch/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // As tsc's noUnusedParameters: a leading underscore marks a deliberately unused name.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Plain JavaScript (configs, bin, jest support): no type information; CommonJS except .mjs.
  {
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    // package.json has no "type": "module": webpack, jest and node load these files with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Node code: the CLI, scripts and tests run under Node.
  {
    files: ['src/cli/**', 'src/hosts/xlsx/**', 'scripts/**', 'test/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/taskpane/**', 'src/hosts/office/**', 'src/hosts/memory/**'],
    languageOptions: { globals: globals.browser },
  },
  { files: ['test/**'], languageOptions: { globals: globals.jest } },

  // React hooks and the React Compiler's checks, for the pane.
  {
    files: ['src/taskpane/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },

  // Office add-ins rules, for the Office host only.
  {
    files: ['src/hosts/office/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      // Reading a proxy's property needs load() of it and a context.sync() in between.
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      // One sync per batch, not one per loop iteration.
      'office-addins/no-context-sync-in-loop': 'error',
      // load() names the properties it needs: never everything, never a navigation property.
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      // Office.onReady(), not Office.initialize.
      'office-addins/no-office-initialize': 'error',
      // *OrNullObject results are tested with isNullObject, never by truthiness.
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },

  ...layers,

  // Tests and scripts get the same rules as the product: no relaxations.

  prettier,
);
