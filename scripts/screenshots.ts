/**
 * `npm run screenshots`: photographs the demo pages (as `npm start` serves them) in Chromium for the README,
 * into docs/screenshots/. Needs a build (`npm run build`); starts its own backend on a free loopback port
 * with a throwaway database.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';
import { buildApp } from '../src/server/app.ts';
import exampleApplication from '../src/server/sample-catalog/example-application.json' with { type: 'json' };
import { CHROMIUM_ARGS, findChromium } from './check-chromium.mjs';

interface Shot {
  file: string;
  path: string;
  width?: number;
  /** The element whose shadow root must be filled before the picture. */
  wait?: string;
  /** What a person would do first (sign in, open an application). */
  act?: (page: Page) => Promise<void>;
}

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-shots-'));
const app = await buildApp({ dataDir, logLevel: 'silent' });
const base = await app.listen({ port: 0, host: '127.0.0.1' });

/** One application, as a citizen in Heide would send it (a tree felling permit with a photo). */
async function seed(): Promise<{ reference: string; accessCode: string }> {
  const photo = await fetch(
    `${base}/api/v1/tenants/kreis-dithmarschen/forms/baumfaellgenehmigung/fields/fotos/uploads`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', 'X-File-Name': 'eiche.png' },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]),
    },
  ).then((r) => r.json());
  const receipt = await fetch(`${base}/api/v1/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ ...exampleApplication, data: { ...exampleApplication.data, fotos: [photo] } }),
  }).then((r) => r.json());
  if (typeof receipt.reference !== 'string')
    throw new Error(`submission refused: ${JSON.stringify(receipt)}`);
  return receipt;
}
const receipt = await seed();

const pages: Shot[] = [
  { file: 'catalog.png', path: '/', wait: 'ozg-service-catalog' },
  { file: 'form.png', path: '/antrag.html?service=gewerbeanmeldung', wait: 'ozg-form' },
  {
    file: 'status.png',
    path: `/status.html?reference=${receipt.reference}#access-code=${receipt.accessCode}`,
    wait: 'ozg-submission-status',
  },
  {
    file: 'inbox.png',
    path: '/sachbearbeitung.html',
    wait: 'ozg-authority-inbox',
    act: async (page) => {
      const inbox = page.locator('ozg-authority-inbox');
      await inbox.locator('input[type="password"]').fill('demo-stadt-heide-bauen-umwelt');
      await inbox.locator('[part="sign-in-button"]').click();
      await inbox.locator('[part="open-button"]').first().click();
      await inbox.locator('[part="answers"]').waitFor();
    },
  },
  { file: 'embed.png', path: '/einbinden.html' },
  { file: 'catalog-phone.png', path: '/', width: 360, wait: 'ozg-service-catalog' },
];
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
    await shot.act?.(page);
    await page.screenshot({ path: join(out, shot.file), fullPage: false });
    console.log(`${shot.file}${violations.length ? ` (CSP: ${violations.join('; ')})` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
