/**
 * Runs the Node tests (test/server/**\/*.test.ts: the backend; test/package/**\/*.test.ts: what the package
 * ships, e.g. its element manifest and bundle sizes) with node's own runner and tsx.
 * Node 20 has no glob for --test, so the file list is expanded here. Extra arguments are passed to node,
 * e.g. `npm run test:server -- --test-name-pattern=routing`.
 * With OZG_NODE_COUNTS set, a TAP copy of the run is parsed and `{ passed, failed, skipped }` written there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testDirs = ['server', 'package'].map((name) => join(root, 'test', name));

/** All Node test files, sorted so runs are reproducible. */
export function serverTestFiles(dirs = testDirs) {
  return dirs
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** Reads the closing `# pass N` / `# fail N` lines of a TAP stream. */
export function parseTapCounts(tap) {
  const read = (key) => {
    const match = tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'));
    return match ? Number(match[1]) : 0;
  };
  return {
    passed: read('pass'),
    failed: read('fail') + read('cancelled'),
    skipped: read('skipped') + read('todo'),
  };
}

async function main() {
  const files = serverTestFiles();
  const countsFile = process.env.OZG_NODE_COUNTS;
  if (files.length === 0) {
    console.log('No Node tests found under test/server or test/package.');
    if (countsFile) writeFileSync(countsFile, JSON.stringify({ passed: 0, failed: 0, skipped: 0 }));
    return 0;
  }
  const work = mkdtempSync(join(tmpdir(), 'ozg-node-tests-'));
  const tapFile = join(work, 'report.tap');
  const args = [
    '--import',
    'tsx',
    '--test',
    // A hung test must not eat the whole CI budget; a later --test-timeout argument overrides this.
    '--test-timeout=60000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...process.argv.slice(2),
    ...files,
  ];
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('error', (error) => {
      console.error(`Could not start node: ${error.message}`);
      resolve(1);
    });
    child.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (countsFile) {
    const counts = existsSync(tapFile) ? parseTapCounts(readFileSync(tapFile, 'utf8')) : undefined;
    // A runner that died before reporting must not read as zero failures.
    const safe = counts ?? { passed: 0, failed: 1, skipped: 0 };
    if (code !== 0 && safe.failed === 0) safe.failed = 1;
    writeFileSync(countsFile, JSON.stringify(safe));
  }
  rmSync(work, { recursive: true, force: true });
  return code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
