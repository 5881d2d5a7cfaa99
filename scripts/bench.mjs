#!/usr/bin/env node
/**
 * `npm run bench`: builds the widgets, measures the gzip size of every entry, runs the browser benchmarks
 * (bench/*.bench.ts) in Chromium and writes both into the "## Browser" section of BENCHMARKS.md.
 * The server benchmark is separate: `npm run bench:server`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUDGETS, measureEntries } from './bundle-sizes.mjs';
import { findChromium, installHint } from './check-chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
if (!findChromium()) {
  console.error(installHint());
  process.exit(1);
}

execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const dist = join(root, 'dist');
const sizes = readdirSync(dist)
  .filter((f) => f.endsWith('.js'))
  .sort()
  .map((file) => {
    const bytes = readFileSync(join(dist, file));
    // The brotli copy the build wrote and the backend sends to browsers that accept it.
    const br = join(dist, `${file}.br`);
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      br: existsSync(br) ? readFileSync(br).length : undefined,
    };
  });

const bundles = await measureEntries();

const dir = mkdtempSync(join(tmpdir(), 'ozg-bench-'));
const out = join(dir, 'results.json');
const run = spawnSync('npx', ['wtr', '--config', 'web-test-runner.bench.config.mjs'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, OZG_BENCH_OUT: out },
});
const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : [];
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0 || results.length === 0) {
  console.error('The browser benchmarks failed; BENCHMARKS.md left unchanged.');
  process.exit(1);
}

const ms = (n) => (n < 1 ? n.toFixed(3) : n.toFixed(1));
const kb = (n) => (n / 1024).toFixed(1);
const chromium = execFileSync(findChromium(), ['--version'], { encoding: 'utf8' }).trim();
const lines = [
  '## Browser',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (${chromium}, headless; ` +
    `${cpus().length} cores, ${cpus()[0]?.model.trim()}; Node ${process.version}). Lit in production mode. ` +
    'Timings are medians of repeated runs after warm-up; p95 beside them.',
  '',
  '| Measurement | Median (ms) | p95 (ms) | Runs | Target (ms) |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${ms(r.median)} | ${ms(r.p95)} | ${r.samples} | ${r.target === undefined ? '' : `≤ ${r.target}`} |`,
  ),
  '',
  '### Bundle sizes (`dist/`, gzip level 9, and the brotli copies the build writes)',
  '',
  '| File | Size (KB) | gzip (KB) | brotli (KB) |',
  '| --- | ---: | ---: | ---: |',
  ...sizes.map((s) => `| ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} | ${s.br === undefined ? '' : kb(s.br)} |`),
  '',
  citizenLine(),
  '',
  "The library files leave lit to the page's bundler. What a browser downloads when an element is",
  'loaded on its own is each entry bundled with lit and minified like the CDN bundle',
  "(`scripts/bundle-sizes.mjs`; `index` is all elements together, `widgets` the content of `dist/ozg-widgets.js`, what citizens' pages load, and `caseworker` that of `dist/ozg-caseworker.js`):",
  '',
  '| Entry, self-contained | Minified (KB) | gzip (KB) | Budget gzip (KB) |',
  '| --- | ---: | ---: | ---: |',
  ...bundles.map(
    (b) =>
      `| ${b.name} | ${kb(b.raw)} | ${kb(b.gzip)} | ${BUDGETS[b.name] === undefined ? '' : `≤ ${kb(BUDGETS[b.name])}`} |`,
  ),
  '',
];

/** What a citizen's page downloads of the widgets: the one bundle, as the backend sends it to a current browser. */
function citizenLine() {
  const bundle = sizes.find((s) => s.file === 'ozg-widgets.js');
  if (!bundle || bundle.br === undefined) return '';
  return (
    `A citizen's page (catalog, form, status) downloads \`ozg-widgets.js\`: **${kb(bundle.br)} KB** with brotli ` +
    `(${kb(bundle.gzip)} KB with gzip, ${kb(bundle.raw)} KB uncompressed); the backend sends the precompressed copy. ` +
    `The caseworkers' inbox is in \`ozg-caseworker.js\`, not in this bundle.`
  );
}

const file = join(root, 'BENCHMARKS.md');
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const section = lines.join('\n');
const start = current.indexOf('## Browser');
let next;
if (start === -1) {
  next = `${current.trimEnd()}\n\n${section}`;
} else {
  const end = current.indexOf('\n## ', start + 1);
  next = `${current.slice(0, start)}${section}${end === -1 ? '' : `\n${current.slice(end + 1)}`}`;
}
writeFileSync(file, `${next.trimEnd()}\n`);
console.log(`\n${section}`);
