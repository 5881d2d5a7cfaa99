/**
 * Finds the Chromium the browser tests run in: CHROME_PATH if set, else Debian's /usr/bin/chromium.
 * Run directly it exits 1 with install instructions when none is there; scripts/test.mjs imports it.
 */
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, headless Chromium in containers and CI (no sandbox, GPU, updates or sync). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The path the tests will use, or undefined when no executable is there. */
export function findChromium(env = process.env) {
  const candidate = env.CHROME_PATH || DEFAULT_CHROMIUM;
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return undefined;
  }
}

/** Instructions shown when Chromium is missing. */
export function installHint(env = process.env) {
  const looked = env.CHROME_PATH ? `CHROME_PATH=${env.CHROME_PATH}` : DEFAULT_CHROMIUM;
  return [
    `Chromium not found (looked at ${looked}). The browser tests need it.`,
    'Install it on Debian/Ubuntu with:',
    '',
    '  sudo apt-get update && sudo apt-get install -y chromium',
    '',
    'or point CHROME_PATH at an existing Chromium or Chrome binary, e.g.:',
    '',
    '  CHROME_PATH=/path/to/chromium npm test',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findChromium();
  if (found) {
    console.log(`Chromium: ${found}`);
  } else {
    console.error(installHint());
    process.exit(1);
  }
}
