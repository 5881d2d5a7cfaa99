// Browser benchmarks (`npm run bench`): the same Chromium as the tests, Lit in production mode, one file at a
// time so measurements do not compete for the two cores. Results go to the file named by OZG_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const results = [];

function collectResults() {
  return {
    name: 'ozg-bench-results',
    executeCommand({ command, payload }) {
      if (command !== 'ozg-bench-result') return undefined;
      results.push(payload);
      return true;
    },
    serverStop() {
      if (process.env.OZG_BENCH_OUT)
        writeFileSync(process.env.OZG_BENCH_OUT, JSON.stringify(results, null, 2));
    },
  };
}

export default {
  files: ['bench/**/*.bench.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), collectResults()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
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
  concurrency: 1,
  testFramework: { config: { timeout: 120000 } },
  testsFinishTimeout: 600000,
};
