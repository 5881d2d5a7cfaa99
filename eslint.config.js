// ESLint 9 flat config. Not type-aware on purpose: tsc already checks types, and lint stays fast on 2 cores.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';

/** Code that runs in citizens' browsers (and its tests and stories). */
const browserCode = [
  'src/client/**',
  'src/ui/**',
  'src/elements/**',
  'src/index.ts',
  'src/ozg-*.ts',
  'stories/**',
  '.storybook/preview.ts',
  'test/**',
  'bench/**',
  'demo/**',
];
/** Shared by browser and server: neither DOM nor Node. */
const isomorphicCode = ['src/contract/**', 'src/forms/**'];
const nodeCode = [
  'src/server/**',
  'scripts/**',
  'test/server/**',
  'test/package/**',
  '*.config.{js,mjs,ts}',
  '.storybook/main.ts',
];

const classicZodNamed = {
  name: 'zod',
  importNames: ['z'],
  message:
    "Use `import * as z from 'zod/mini'` (browser) or `import * as z from 'zod'`: the named import pulls every locale.",
};
const unsafeHtmlDirectives = [
  'lit/directives/unsafe-html.js',
  'lit/directives/unsafe-svg.js',
  'lit-html/directives/unsafe-html.js',
  'lit-html/directives/unsafe-svg.js',
].map((name) => ({ name, message: 'Untrusted text is rendered as text: no unsafeHTML/unsafeSVG.' }));

/** What code that may reach the browser must not import. */
const browserRestrictedImports = [
  'error',
  {
    paths: [
      { name: 'zod', message: "Browser code uses `import * as z from 'zod/mini'`." },
      { name: 'zod/v4', message: "Browser code uses `import * as z from 'zod/mini'`." },
      ...unsafeHtmlDirectives,
      ...builtinModules.map((name) => ({ name, message: 'Browser code must not use Node modules.' })),
    ],
    patterns: [
      { group: ['node:*'], message: 'Browser code must not use Node modules.' },
      {
        // The sample catalog is data, not backend code: the stories' fixture backend answers from it.
        regex: '(^|/)server(/(?!sample-catalog/.+\\.json$).*)?$',
        message: 'The backend never ships to the browser.',
      },
    ],
  },
];

const nodeGlobalsInBrowser = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map(
  (name) => ({ name, message: 'Not available in the browser.' }),
);
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map(
  (name) => ({ name, message: 'contract and forms run on both sides: no DOM here.' }),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'storybook-static/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'docs/openapi.json',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-imports': ['error', { paths: [classicZodNamed, ...unsafeHtmlDirectives] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // HTML from strings is how injection gets in; lit templates escape, these APIs do not.
    files: ['src/**', 'stories/**'],
    rules: {
      'no-script-url': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Render untrusted text as text (lit templates or textContent), never as HTML.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Render untrusted text as text (lit templates or textContent), never as HTML.',
        },
        {
          selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
          message: 'document.write breaks host pages.',
        },
      ],
    },
  },
  {
    files: browserCode,
    ignores: ['test/server/**', 'test/package/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'lit-a11y': litA11y },
    rules: {
      ...lit.configs['flat/recommended'].rules,
      ...wc.configs['flat/recommended'].rules,
      ...litA11y.configs.recommended.rules,
      'no-restricted-imports': browserRestrictedImports,
      'no-restricted-globals': ['error', ...nodeGlobalsInBrowser],
    },
  },
  {
    files: browserCode,
    ignores: ['test/server/**', 'test/package/**'],
    plugins: { lit, wc },
    // Lets eslint-plugin-wc recognise Lit elements (and our base element) as custom elements.
    settings: { wc: { elementBaseClasses: ['LitElement', 'OzgElement'] } },
  },
  {
    files: isomorphicCode,
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': browserRestrictedImports,
      'no-restricted-globals': ['error', ...nodeGlobalsInBrowser, ...domGlobals],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    ignores: ['test/server/**', 'test/package/**'],
    languageOptions: { globals: { ...globals.mocha } },
    // chai asserts through property reads (`expect(x).to.be.true`), which look like unused expressions.
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: nodeCode,
    languageOptions: { globals: { ...globals.node } },
  },
);
