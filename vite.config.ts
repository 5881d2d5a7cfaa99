/**
 * Two browser builds from one config:
 * - `vite build`: library mode for npm consumers, one ES module per element entry (`src/ozg-*.ts`) plus
 *   `src/index.ts`, with `lit` left external so the consumer's bundler dedupes it.
 * - `vite build --mode cdn`: one self-contained, minified `dist/ozg-widgets.js` for a plain `<script type="module">`
 *   on any CMS page; it registers every element and carries its own lit.
 * Both validate with `src/contract/mini.ts` in place of `zod/mini` (see scripts/browser-validator.mjs).
 * Both builds refuse Node built-ins, the reference backend (`src/server`) and classic zod, so nothing
 * server-side can slip into code that ships to citizens' browsers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { browserValidator } from './scripts/browser-validator.mjs';
import { minifyChunks } from './scripts/minify-chunks.mjs';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const srcDir = `${root}src/`;

/** Every `src/ozg-*.ts` registers one element; globbing picks up new elements without touching this file. */
function elementEntries(): string[] {
  return readdirSync(srcDir)
    .filter((name) => /^ozg-[a-z0-9-]+\.ts$/.test(name))
    .sort();
}

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const external = [/^lit(\/|$)/, /^lit-html(\/|$)/, /^lit-element(\/|$)/, /^@lit\//];

/** Fails the build as soon as browser code reaches for something that only exists on the server. */
function browserOnly(): Plugin {
  return {
    name: 'ozg-browser-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer) return null;
      const from = importer.replace(root, '');
      if (nodeBuiltins.has(source) || source.startsWith('node:')) {
        this.error(`Node module "${source}" imported by ${from}: browser code must not use Node APIs.`);
      }
      const ownCode = importer.startsWith(srcDir);
      if (ownCode && (source === 'zod' || source === 'zod/v4')) {
        this.error(`${from} imports classic zod ("${source}"); browser code uses "zod/mini".`);
      }
      if (ownCode && source.startsWith('.')) {
        const resolved = await this.resolve(source, importer, { skipSelf: true });
        if (resolved && resolved.id.startsWith(`${srcDir}server/`)) {
          this.error(`${from} imports the backend (${resolved.id.replace(root, '')}).`);
        }
      }
      return null;
    },
  };
}

/** The CDN bundle is built from src/index.ts, so an entry it forgets to import would silently be missing. */
function indexCoversEntries(): Plugin {
  return {
    name: 'ozg-index-covers-entries',
    buildStart() {
      const index = readFileSync(`${srcDir}index.ts`, 'utf8');
      const missing = elementEntries().filter((entry) => !index.includes(`'./${entry}'`));
      if (missing.length > 0) {
        this.error(`src/index.ts does not import ${missing.join(', ')}; the CDN bundle would lack them.`);
      }
    },
  };
}

/**
 * Tree-shaking once dropped a registration unnoticed; the CDN bundle must still define every element.
 * Tag names follow the entry file names (src/ozg-config.ts registers <ozg-config>).
 */
function bundleRegistersEntries(): Plugin {
  return {
    name: 'ozg-bundle-registers-entries',
    generateBundle(_options, bundle) {
      const code = Object.values(bundle)
        .map((file) => (file.type === 'chunk' ? file.code : ''))
        .join('\n');
      const tags = elementEntries().map((entry) => entry.replace(/\.ts$/, ''));
      const missing = tags.filter((tag) => !code.includes(`"${tag}"`) && !code.includes(`'${tag}'`));
      if (!code.includes('customElements.define') || missing.length > 0) {
        this.error(`The CDN bundle does not register ${missing.join(', ') || 'any element'}.`);
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  const entries = Object.fromEntries([
    ...elementEntries().map((file) => [file.replace(/\.ts$/, ''), `${srcDir}${file}`]),
    ['index', `${srcDir}index.ts`],
  ]);
  return {
    // Library builds must not copy a public/ folder or inject env files meant for an app.
    publicDir: false,
    envPrefix: 'OZG_PUBLIC_',
    plugins: [
      browserOnly(),
      browserValidator(),
      minifyTemplates(),
      ...(cdn ? [indexCoversEntries(), bundleRegistersEntries(), minifyChunks()] : []),
    ],
    // Lib mode leaves process.env alone for npm consumers; the CDN bundle runs where no `process` exists.
    define: cdn ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The npm build clears dist/; the CDN build runs second and adds its file beside it.
      emptyOutDir: !cdn,
      sourcemap: true,
      reportCompressedSize: cdn,
      // The CDN bundle is minified by minifyChunks() (fully, whitespace too); library files stay readable.
      minify: false,
      lib: cdn
        ? { entry: `${srcDir}index.ts`, formats: ['es'], fileName: () => 'ozg-widgets.js' }
        : { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rollupOptions: cdn
        ? { output: { inlineDynamicImports: true } }
        : { external, output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  };
});
