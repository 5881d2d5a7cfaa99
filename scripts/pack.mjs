#!/usr/bin/env node
/**
 * `npm run pack:widgets [-- --dist DIR --out DIR]`: the npm package a page's bundler installs, packed as a tarball.
 * It holds the browser build (`dist/`: one module per element, the CDN bundles, their types), the Custom Elements
 * Manifest, README and LICENSE, and depends only on what that code needs: lit (and zod, whose types the elements'
 * type declarations name). The repository's own package.json stays private: it also carries the reference backend
 * and the tools, which no homepage should install.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: { dist: { type: 'string', default: join(root, 'dist') }, out: { type: 'string', default: root } },
});
const dist = resolve(values.dist);
const out = resolve(values.out);
if (!existsSync(join(dist, 'index.js')) || !existsSync(join(dist, 'types', 'index.d.ts'))) {
  console.error(`No browser build in ${dist}: run \`npm run build\` first.`);
  process.exit(1);
}

const repo = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The browser code's dependencies, at the versions the repository is tested with. */
const BROWSER_DEPENDENCIES = ['lit', 'zod'];
const pkg = {
  name: repo.name,
  version: repo.version,
  description:
    'Web components for German municipal homepages: find an administrative service, apply online, follow the application.',
  license: repo.license,
  type: 'module',
  exports: repo.exports,
  types: repo.types,
  sideEffects: repo.sideEffects.filter((path) => path.startsWith('./dist/')),
  files: ['dist', 'custom-elements.json', 'README.md', 'CHANGELOG.md', 'LICENSE'],
  customElements: repo.customElements,
  dependencies: Object.fromEntries(BROWSER_DEPENDENCIES.map((name) => [name, repo.dependencies[name]])),
};

const work = mkdtempSync(join(tmpdir(), 'ozg-pack-'));
try {
  // The precompressed copies are for the backend that serves the bundles; a bundler has no use for them.
  cpSync(dist, join(work, 'dist'), { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
  for (const file of ['custom-elements.json', 'README.md', 'CHANGELOG.md', 'LICENSE'])
    cpSync(join(root, file), join(work, file));
  writeFileSync(join(work, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
    cwd: work,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  console.log(join(out, name));
} finally {
  rmSync(work, { recursive: true, force: true });
}
