// Browser tests run in Debian's Chromium (never a downloaded browser). CHROME_PATH overrides the path.
// The launch flags keep Chromium from reaching out to the network, which is closed here and in CI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { browserValidatorForTests } from './scripts/browser-validator.mjs';
import { minifyTemplatesForTests } from './scripts/minify-templates.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Sums one test file's result tree: suites nest, so walk them all. */
function countSuite(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, counts);
}

/**
 * Writes `{ passed, failed, skipped }` as JSON to the file named by OZG_WTR_COUNTS, so scripts/test.mjs can add
 * the browser numbers to its one summary line without parsing the human-readable output.
 * A file that fails without a failing test (syntax error, import error, uncaught error) counts as one failure,
 * so a broken file can never look green in the numbers.
 */
function countsReporter() {
  return {
    stop({ sessions }) {
      const target = process.env.OZG_WTR_COUNTS;
      if (!target) return;
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = counts.failed;
        countSuite(session.testResults, counts);
        if (session.passed === false && counts.failed === before) counts.failed += 1;
      }
      writeFileSync(target, JSON.stringify(counts));
    },
  };
}

/** Lit's dev build announces itself in every test page; the notice says nothing about the code under test. */
function isNoise({ type, args }) {
  const first = typeof args[0] === 'string' ? args[0] : '';
  return type === 'warn' && first.includes('Lit is in dev mode');
}

/**
 * Starts the real reference backend (sample catalog, SQLite file in a temp dir) on a random loopback port
 * for the browser tests. The test pages run on another origin (the test server's), so every request crosses
 * CORS exactly as on a municipal homepage. Tests read the address from `/__ozg-backend.json`
 * (see test/helpers/backend.ts).
 */
function referenceBackend() {
  let app;
  let dataDir;
  let endpoint;
  return {
    name: 'ozg-reference-backend',
    async serverStart({ config }) {
      const unregister = register();
      const { buildApp } = await import('./src/server/app.ts');
      unregister();
      dataDir = mkdtempSync(join(tmpdir(), 'ozg-browser-tests-'));
      const origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
      app = await buildApp({
        dataDir,
        corsOrigins: origins,
        logLevel: 'silent',
        statusPerMinute: 1000,
        writesPerMinute: 1000,
        requestsPerMinute: false,
      });
      endpoint = await app.listen({ port: 0, host: '127.0.0.1' });
    },
    async serverStop() {
      await app?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    serve(context) {
      if (context.path === '/__ozg-backend.json') {
        return { body: JSON.stringify({ endpoint, tenant: 'kreis-dithmarschen' }), type: 'json' };
      }
      return undefined;
    },
  };
}

/**
 * `OZG_LIT_BUILD=production` runs the tests against Lit's production build (what the bundles ship), otherwise its
 * development build (with its warnings). `OZG_COVERAGE=1` measures what of `src/` the tests run, and fails below
 * the floor: raise the floor when coverage rises, never lower it.
 */
const production = process.env.OZG_LIT_BUILD === 'production';
export const COVERAGE_FLOOR = { statements: 97, branches: 90, functions: 97, lines: 97 };

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/package/**'],
  nodeResolve: { exportConditions: ['browser', production ? 'production' : 'development'] },
  coverage: process.env.OZG_COVERAGE === '1',
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['src/server/**'],
    threshold: COVERAGE_FLOOR,
    reportDir: 'coverage',
    reporters: ['lcov', 'json-summary'],
  },
  // A Chromium target, not an ES year: esbuild drops import attributes for every ES target it knows, and
  // without `with { type: 'json' }` the browser refuses the sample catalog's JSON that the stories import.
  plugins: [
    browserValidatorForTests(),
    esbuildPlugin({ ts: true, target: 'chrome130', tsconfig: 'tsconfig.json' }),
    // After TypeScript is compiled: the tests run the templates as the builds ship them.
    minifyTemplatesForTests(),
    referenceBackend(),
  ],
  filterBrowserLogs: (log) => !isNoise(log),
  reporters: [defaultReporter(), countsReporter()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
