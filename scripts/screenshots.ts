/**
 * `npm run screenshots`: photographs the demo pages (as `npm start` serves them) in Chromium for the README,
 * into docs/screenshots/. Needs a build (`npm run build`); starts its own backend on a free loopback port
 * with a throwaway database.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { buildApp } from '../src/server/app.ts';
import { CHROMIUM_ARGS, findChromium } from './check-chromium.mjs';

const pages: { file: string; path: string; width?: number; wait?: string }[] = [
  { file: 'catalog.png', path: '/', wait: 'ozg-service-catalog' },
  { file: 'form.png', path: '/antrag.html?service=gewerbeanmeldung', wait: 'ozg-form' },
  { file: 'status.png', path: '/status.html', wait: 'ozg-submission-status' },
  { file: 'inbox.png', path: '/sachbearbeitung.html', wait: 'ozg-authority-inbox' },
  { file: 'embed.png', path: '/einbinden.html' },
  { file: 'catalog-phone.png', path: '/', width: 360, wait: 'ozg-service-catalog' },
];

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-shots-'));
const app = await buildApp({ dataDir, logLevel: 'silent' });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium is needed (see README).');
const browser = await chromium.launch({
  executablePath,
  args: CHROMIUM_ARGS,
});
try {
  for (const shot of pages) {
    const page = await browser.newPage({ viewport: { width: shot.width ?? 1280, height: 900 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${base}${shot.path}`, { waitUntil: 'networkidle' });
    if (!response?.ok()) {
      console.warn(`${shot.file}: ${shot.path} answered ${response?.status()}; skipped`);
      await page.close();
      continue;
    }
    if (shot.wait) {
      // Shadow roots filled: the element rendered its data (or its message), not only its skeleton.
      await page.waitForFunction(
        (tag) => {
          const root = document.querySelector(tag)?.shadowRoot;
          return root && root.childElementCount > 0 && !root.querySelector('[aria-busy="true"]');
        },
        shot.wait,
        { timeout: 15000 },
      );
    }
    await page.screenshot({ path: join(out, shot.file), fullPage: false });
    console.log(`${shot.file}${violations.length ? ` (CSP: ${violations.join('; ')})` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
