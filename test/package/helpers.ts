/** Shared by the Node tests that drive real Chromium against the built widgets. */
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/check-chromium.mjs';

export const root = new URL('../../', import.meta.url).pathname;

/** Builds the CDN bundles (`ozg-widgets.js`, `ozg-caseworker.js`) into `outDir`, exactly as `npm run build` does. */
export async function buildCdnBundle(outDir: string): Promise<void> {
  for (const mode of ['cdn', 'cdn-caseworker']) {
    await build({ configFile: `${root}vite.config.ts`, mode, logLevel: 'silent', build: { outDir } });
  }
}

/** Debian's Chromium (see the README), quiet and headless. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  assert.ok(executablePath, 'Chromium is installed');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * Opens `url` in a new page and collects every CSP or Trusted Types violation and uncaught error it reports;
 * the returned list must stay empty.
 */
export async function openWatched(
  browser: Browser,
  url: string,
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type|Refused to/i.test(message.text()))
      problems.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Refused to: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  return { page, problems };
}
