/**
 * What a citizen's browser downloads for each element: every `src/ozg-*.ts` entry (and the all-in-one
 * `src/index.ts`) bundled on its own with lit and the browser's validator, minified as the CDN bundle is, gzip
 * level 9. The library files in `dist/` leave lit external, so their sizes alone would flatter us.
 * Used by `npm run bench` (BENCHMARKS.md) and by the size-budget test.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { browserValidator } from './browser-validator.mjs';
import { minifyChunks } from './minify-chunks.mjs';
import { minifyTemplates } from './minify-templates.mjs';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

/** Target budgets in bytes (gzip), lit included. */
export const BUDGETS = {
  'ozg-service-catalog': 20 * 1024,
  index: 40 * 1024,
};

/**
 * What the size test enforces today: the measured size plus a little room, so no change grows the
 * download unnoticed. Lower a ceiling whenever an entry gets smaller; it ends at the budget.
 */
export const CEILINGS = {
  'ozg-authority-inbox': 29 * 1024,
  'ozg-config': 7 * 1024,
  'ozg-form': 41 * 1024,
  'ozg-service-catalog': 29 * 1024,
  'ozg-submission-status': 26.5 * 1024,
  index: 66 * 1024,
  widgets: 62 * 1024,
  caseworker: 29 * 1024,
};

/**
 * Entry names: `ozg-config`, …, `index` for all elements together, and the two CDN bundles' sources: `widgets` (what
 * citizens' pages load, `dist/ozg-widgets.js`) and `caseworker` (the inbox page, `dist/ozg-caseworker.js`).
 */
export function entryNames() {
  return [
    ...readdirSync(srcDir)
      .filter((name) => /^ozg-[a-z0-9-]+\.ts$/.test(name))
      .map((name) => name.replace(/\.ts$/, ''))
      .sort(),
    'index',
    'widgets',
    'caseworker',
  ];
}

/** Bundles one entry self-contained and returns its minified and gzip sizes in bytes. */
export async function measureEntry(name) {
  // The CDN bundles are one file each: what they import on demand is inlined, as `vite.config.ts` builds them.
  const cdn = name === 'widgets' || name === 'caseworker';
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    plugins: [browserValidator(), minifyTemplates(), minifyChunks()],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      sourcemap: false,
      lib: { entry: `${srcDir}${name}.ts`, formats: ['es'], fileName: () => `${name}.js` },
      rollupOptions: cdn ? { output: { inlineDynamicImports: true } } : {},
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  // What loading the entry downloads: its chunk and what it imports statically. Modules it imports only
  // on demand (the catalog's in-place form) come later, when a citizen needs them.
  const chunks = new Map(outputs.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry);
  const loaded = new Set();
  const visit = (file) => {
    if (loaded.has(file) || !chunks.has(file)) return;
    loaded.add(file);
    chunks.get(file).imports.forEach(visit);
  };
  visit(entry.fileName);
  const code = [...loaded].map((file) => chunks.get(file).code).join('\n');
  return { name, raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

/** Sizes of every entry, in entry order. */
export async function measureEntries() {
  const sizes = [];
  for (const name of entryNames()) sizes.push(await measureEntry(name));
  return sizes;
}
