/**
 * `npm test`: the browser tests (web-test-runner in Chromium, every test/**\/*.test.ts outside test/server and
 * test/package; once with Lit's development build and coverage, once with its production build) and the Node
 * tests (test/server and test/package, see scripts/test-server.mjs). All always run; the exit code is non-zero if
 * any failed. The last line is the summary `tests: N passed, N failed`, summed over both runners.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, installHint } from './check-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Counts a runner wrote; a runner that crashed before writing them counts as one failure. */
function readCounts(file, exitCode) {
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    counts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`(no counts were reported in ${file}; counting the run as one failure)`);
  }
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function hasBrowserTests() {
  const testDir = join(root, 'test');
  if (!existsSync(testDir)) return false;
  return readdirSync(testDir, { recursive: true, withFileTypes: true }).some((entry) => {
    const dir = entry.parentPath ?? entry.path;
    return (
      entry.isFile() &&
      entry.name.endsWith('.test.ts') &&
      !['server', 'package'].some((name) => join(dir, '/').startsWith(join(testDir, name, '/')))
    );
  });
}

function wtrBin() {
  const pkgDir = join(root, 'node_modules', '@web', 'test-runner');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.wtr;
  return join(pkgDir, bin);
}

const chromium = findChromium();
if (!chromium) {
  console.error(installHint());
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'ozg-tests-'));
// The coverage figure below must be this run's.
rmSync(join(root, 'coverage'), { recursive: true, force: true });
const browserCounts = join(work, 'browser.json');
const nodeCounts = join(work, 'node.json');
const results = [];

if (hasBrowserTests()) {
  console.log(`\n== Browser tests (web-test-runner, ${chromium}; Lit development build, with coverage) ==\n`);
  const code = await run(process.execPath, [wtrBin(), '--config', 'web-test-runner.config.mjs'], {
    CHROME_PATH: chromium,
    OZG_WTR_COUNTS: browserCounts,
    OZG_COVERAGE: '1',
  });
  results.push({ name: 'browser', code, ...readCounts(browserCounts, code) });
  console.log(`\n== Browser tests again with Lit's production build (what the bundles ship) ==\n`);
  const productionCounts = join(work, 'browser-production.json');
  const production = await run(process.execPath, [wtrBin(), '--config', 'web-test-runner.config.mjs'], {
    CHROME_PATH: chromium,
    OZG_WTR_COUNTS: productionCounts,
    OZG_LIT_BUILD: 'production',
  });
  results.push({
    name: 'browser (Lit production)',
    code: production,
    ...readCounts(productionCounts, production),
  });
} else {
  console.log('\nNo browser tests found under test/ (outside test/server and test/package).');
}

console.log('\n== Node tests (node --test, test/server and test/package) ==\n');
const nodeCode = await run(process.execPath, [join(root, 'scripts', 'test-server.mjs')], {
  OZG_NODE_COUNTS: nodeCounts,
});
results.push({
  name: 'node',
  code: nodeCode,
  ...readCounts(nodeCounts, nodeCode),
});

rmSync(work, { recursive: true, force: true });

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log('');
for (const r of results) {
  const skipped = r.skipped ? `, ${r.skipped} skipped` : '';
  console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed${skipped} (exit ${r.code})`);
}
const summary = join(root, 'coverage', 'coverage-summary.json');
if (existsSync(summary)) {
  const { total } = JSON.parse(readFileSync(summary, 'utf8'));
  const pct = (k) => `${k} ${total[k].pct} %`;
  console.log(
    `  coverage of src/ by the browser tests (files they load): ${['lines', 'branches', 'functions'].map(pct).join(', ')}`,
  );
}
const anyFailed = failed > 0 || results.some((r) => r.code !== 0);
if (passed + failed === 0) console.log('  no test ran at all: that counts as a failure');
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = anyFailed || passed + failed === 0 ? 1 : 0;
