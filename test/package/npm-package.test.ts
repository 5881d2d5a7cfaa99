/**
 * The npm package a webmaster's bundler installs: built and packed as `npm run pack:widgets` does it, installed into
 * an empty project. It must bring the browser code and what it needs (lit, and zod for the types), never the
 * reference backend (fastify, kysely, better-sqlite3 with its native build …), and carry the licence.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'vite';
import { VERSION } from '../../src/ui/define.ts';
import { root } from './helpers.ts';

/** Every package folder below node_modules (scoped ones as `@scope/name`). */
function installed(modules: string): string[] {
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name],
    )
    .sort();
}

describe('the npm package', { timeout: 240_000 }, () => {
  let work: string;
  let site: string;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'ozg-package-'));
    const dist = join(work, 'dist');
    await build({ configFile: `${root}vite.config.ts`, logLevel: 'silent', build: { outDir: dist } });
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.types.json',
        '--outDir',
        join(dist, 'types'),
      ],
      { cwd: root },
    );
    const tarball = execFileSync(
      process.execPath,
      [join(root, 'scripts/pack.mjs'), '--dist', dist, '--out', work],
      {
        encoding: 'utf8',
      },
    ).trim();
    site = join(work, 'site');
    execFileSync('mkdir', ['-p', site]);
    writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'gemeinde-site', private: true }));
    execFileSync(
      'npm',
      ['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'],
      {
        cwd: site,
        stdio: 'ignore',
      },
    );
  });
  after(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('names its own version in the warning about a second copy on a page', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(VERSION, pkg.version, 'src/ui/define.ts VERSION follows package.json');
  });

  it('installs the widgets with lit and nothing of the backend', () => {
    const packages = installed(join(site, 'node_modules'));
    const allowed = new Set([
      'ozg-widgets',
      'lit',
      'lit-html',
      'lit-element',
      '@lit/reactive-element',
      '@lit-labs/ssr-dom-shim',
      '@types/trusted-types',
      'zod',
    ]);
    assert.deepEqual(
      packages.filter((name) => !allowed.has(name)),
      [],
      `installed: ${packages.join(', ')}`,
    );
    assert.ok(packages.includes('lit'));
  });

  it('carries the element modules, the CDN bundles, their types, the manifest and the licence', () => {
    const pkg = join(site, 'node_modules', 'ozg-widgets');
    for (const file of [
      'dist/ozg-service-catalog.js',
      'dist/ozg-form.js',
      'dist/types/ozg-service-catalog.d.ts',
      'dist/types/widgets.d.ts',
      'custom-elements.json',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
    ]) {
      assert.ok(existsSync(join(pkg, file)), file);
    }
    assert.equal(readdirSync(join(pkg, 'dist')).filter((f) => /\.(br|gz)$/.test(f)).length, 0);
    const resolved = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "console.log(import.meta.resolve('ozg-widgets/ozg-service-catalog.js'))"],
      { cwd: site, encoding: 'utf8' },
    );
    assert.match(resolved, /node_modules\/ozg-widgets\/dist\/ozg-service-catalog\.js/);
  });
});
