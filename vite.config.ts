/**
 * Browser builds from one config:
 * - `vite build`: library mode for npm consumers, one ES module per element entry (`src/ozg-*.ts`) plus
 *   `src/index.ts`, with `lit` left external so the consumer's bundler dedupes it.
 * - `vite build --mode cdn` and `--mode cdn-caseworker`: self-contained, minified bundles for a plain
 *   `<script type="module">` on any CMS page, each with its own lit: `dist/ozg-widgets.js` with what citizens use
 *   (`src/widgets.ts`: config, catalog, form, status) and `dist/ozg-caseworker.js` for the caseworkers' page
 *   (`src/caseworker.ts`: config, inbox), so citizens never download the inbox.
 * Every file written gets a brotli (`.br`) and a gzip (`.gz`) copy beside it, which the backend sends to browsers
 * that accept them: compressed once at build time, at the highest level.
 * Both validate with `src/contract/mini.ts` in place of `zod/mini` (see scripts/browser-validator.mjs).
 * Both builds refuse Node built-ins, the reference backend (`src/server`) and classic zod, so nothing
 * server-side can slip into code that ships to citizens' browsers.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

/** The self-contained bundles: file, entry module and the elements it registers. */
export const CDN_BUNDLES = {
  cdn: {
    file: 'ozg-widgets.js',
    entry: 'widgets.ts',
    elements: ['ozg-config', 'ozg-service-catalog', 'ozg-form', 'ozg-submission-status'],
  },
  'cdn-caseworker': {
    file: 'ozg-caseworker.js',
    entry: 'caseworker.ts',
    elements: ['ozg-config', 'ozg-authority-inbox'],
  },
} as const;
type CdnMode = keyof typeof CDN_BUNDLES;

/**
 * A CDN bundle imports its elements from its entry module, so an element forgotten there would silently be missing;
 * and every element must be in one of the bundles.
 */
function entryCoversElements(mode: CdnMode): Plugin {
  return {
    name: 'ozg-entry-covers-elements',
    buildStart() {
      const { entry, elements } = CDN_BUNDLES[mode];
      const source = readFileSync(`${srcDir}${entry}`, 'utf8');
      const missing = elements.filter((tag) => !source.includes(`'./${tag}.ts'`));
      if (missing.length > 0) this.error(`src/${entry} does not import ${missing.join(', ')}.`);
      const bundled = new Set<string>(Object.values(CDN_BUNDLES).flatMap((b) => b.elements));
      const orphans = elementEntries().filter((file) => !bundled.has(file.replace(/\.ts$/, '')));
      if (orphans.length > 0) this.error(`No CDN bundle carries ${orphans.join(', ')} (vite.config.ts).`);
    },
  };
}

/**
 * Tree-shaking once dropped a registration unnoticed; a CDN bundle must still define each of its elements.
 * Tag names follow the entry file names (src/ozg-config.ts registers <ozg-config>).
 */
function bundleRegistersEntries(mode: CdnMode): Plugin {
  return {
    name: 'ozg-bundle-registers-entries',
    generateBundle(_options, bundle) {
      const code = Object.values(bundle)
        .map((file) => (file.type === 'chunk' ? file.code : ''))
        .join('\n');
      const tags = CDN_BUNDLES[mode].elements;
      const missing = tags.filter((tag) => !code.includes(`"${tag}"`) && !code.includes(`'${tag}'`));
      if (!code.includes('customElements.define') || missing.length > 0) {
        this.error(`${CDN_BUNDLES[mode].file} does not register ${missing.join(', ') || 'any element'}.`);
      }
    },
  };
}

/** Writes `.br` and `.gz` beside every JavaScript file and source map of the build. */
function precompress(): Plugin {
  return {
    name: 'ozg-precompress',
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.js$/.test(file.fileName)) continue;
        for (const name of [file.fileName, `${file.fileName}.map`]) {
          const path = join(options.dir ?? 'dist', name);
          if (!existsSync(path)) continue;
          const content = readFileSync(path);
          writeFileSync(
            `${path}.br`,
            brotliCompressSync(content, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
          );
          writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
        }
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const cdn = mode in CDN_BUNDLES ? (mode as CdnMode) : undefined;
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
      ...(cdn ? [entryCoversElements(cdn), bundleRegistersEntries(cdn), minifyChunks()] : []),
      precompress(),
    ],
    // Lib mode leaves process.env alone for npm consumers; the CDN bundle runs where no `process` exists.
    define: cdn ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The npm build clears dist/; the CDN builds run after it and add their files beside it.
      emptyOutDir: !cdn,
      sourcemap: true,
      reportCompressedSize: cdn !== undefined,
      // The CDN bundle is minified by minifyChunks() (fully, whitespace too); library files stay readable.
      minify: false,
      lib: cdn
        ? {
            entry: `${srcDir}${CDN_BUNDLES[cdn].entry}`,
            formats: ['es'],
            fileName: () => CDN_BUNDLES[cdn].file,
          }
        : { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rollupOptions: cdn
        ? { output: { inlineDynamicImports: true } }
        : { external, output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  };
});
