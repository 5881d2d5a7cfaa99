/**
 * The webmaster's path, end to end: the CDN bundle copied to a plain HTML page of another origin, the README's
 * embed snippet pasted into it, the page sending a strict Content-Security-Policy, the real backend on its own
 * origin. In Chromium, each element must work and the page must report no CSP or Trusted Types violation.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { buildApp } from '../../src/server/app.ts';
import { buildCdnBundle, launchChromium, openWatched, root } from './helpers.ts';

// The policy of the issue: scripts and styles only from the page's own server, Trusted Types enforced.
const CSP = "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

/** The first HTML block of the README's "Embedding" section: exactly what a webmaster copies. */
function readmeSnippet(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Embedding'));
  const match = section.match(/```html\n([\s\S]*?)```/);
  assert.ok(match, 'README has an embed snippet');
  return match[1]!;
}

describe('embedding the CDN bundle with the README snippet', { timeout: 180_000 }, () => {
  let work: string;
  let backend: Awaited<ReturnType<typeof buildApp>>;
  let backendUrl: string;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let bundle: string;
  const pages = new Map<string, string>();

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'ozg-embed-'));
    await buildCdnBundle(work);
    bundle = readFileSync(join(work, 'ozg-widgets.js'), 'utf8');

    // The municipality's own web server: static pages and the copied bundle, strict CSP on every answer.
    site = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const page = pages.get(path);
      if (path === '/favicon.ico') {
        response.writeHead(204).end();
      } else if (path === '/ozg-widgets.js') {
        response.writeHead(200, { 'Content-Type': 'text/javascript', 'Content-Security-Policy': CSP });
        response.end(bundle);
      } else if (page) {
        response.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': CSP,
        });
        response.end(page);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    // The shared backend on another origin; the municipality's site is an allowed origin.
    backend = await buildApp({ dataDir: work, logLevel: 'silent', corsOrigins: [siteUrl] });
    backendUrl = await backend.listen({ port: 0, host: 'localhost' });

    const snippet = readmeSnippet()
      .replace(/src="[^"]*ozg-widgets\.js"/, 'src="/ozg-widgets.js"')
      .replace(/endpoint="[^"]*"/, `endpoint="${backendUrl}"`);
    const pageWith = (element: string) =>
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Gemeinde</title></head>` +
      `<body><h1>Gemeinde Musterdorf</h1>${snippet.replace(/ozg-service-catalog/g, element)}</body></html>`;
    pages.set('/', pageWith('ozg-service-catalog'));
    pages.set('/antrag.html', pageWith('ozg-form'));
    pages.set('/status.html', pageWith('ozg-submission-status'));

    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await backend?.close();
    await new Promise((resolve) => site?.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  const open = (path: string) => openWatched(browser, `${siteUrl}${path}`);

  it('shows a working catalog: search finds a service, no violation', async () => {
    const { page, problems } = await open('/');
    const search = page.locator('ozg-service-catalog').locator('#ozg-search');
    await search.fill('baumfäll', { timeout: 15_000 });
    await page.locator('ozg-service-catalog [part="result-link"]').first().click();
    await page.locator('ozg-service-catalog [part="detail"]').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('ozg-service-catalog [part="heading"]').first().innerText(), /Baum/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows a working form that checks its first step, no violation', async () => {
    const { page, problems } = await open('/antrag.html?service=gewerbeanmeldung');
    const form = page.locator('ozg-form');
    await form.getByText(/Schritt 1 von \d/).waitFor({ timeout: 15_000 });
    await form.locator('[part="next-button"], button:has-text("Weiter")').first().click();
    await form.locator('#summary, [part="error-summary"]').first().waitFor({ timeout: 10_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows a working status lookup from the confirmation link, no violation', async () => {
    const { page, problems } = await open('/status.html?reference=DI-2026-999999#access-code=abcd2345efgh');
    const status = page.locator('ozg-submission-status');
    // An unknown application: the backend answered across origins, and the element says so politely.
    await status.locator('[part="not-found"]').waitFor({ timeout: 15_000 });
    assert.match(await status.locator('[part="not-found"]').innerText(), /Antrag|Aktenzeichen/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
