/**
 * The demo site as `npm start` serves it (its own strict CSP, widgets under /widgets/): a citizen finds a service
 * on the homepage, "Online beantragen" leads to the form page, the application is sent, the confirmation's link
 * opens the status page with the application, and a caseworker signs in on the caseworker page and sees it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { buildApp } from '../../src/server/app.ts';
import exampleApplication from '../../src/server/sample-catalog/example-application.json' with { type: 'json' };
import { draftKey, gewerbeAnswers } from '../helpers/answers.ts';
import { buildCdnBundle, launchChromium, openWatched } from './helpers.ts';

/** axe-core (the checker `to.be.accessible()` runs in the browser tests), to run in a page. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The WCAG 2.x A/AA violations axe finds in the page at `url`, as `rule: target` lines. Runs in a page of its own that
 * ignores the demo's CSP, which would (rightly) refuse axe's injected script; the pages under test keep their CSP.
 */
async function axeViolations(browser: Browser, url: string, width = 1280): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('section.snippet code').first().waitFor({ timeout: 15_000 });
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
  await context.close();
  return violations;
}

/** Whether the page scrolls sideways (wider than the window). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('the demo site', { timeout: 180_000 }, () => {
  let work: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  let browser: Browser;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'ozg-demo-'));
    const widgetsDir = join(work, 'widgets');
    mkdirSync(widgetsDir);
    await buildCdnBundle(widgetsDir);
    app = await buildApp({ dataDir: work, widgetsDir, logLevel: 'silent' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('leads from the catalog to the form, from the confirmation to the status and into the inbox', async () => {
    const { page, problems } = await openWatched(browser, `${base}/`);
    const catalog = page.locator('ozg-service-catalog');
    await catalog.locator('#ozg-search').fill('baum fällen', { timeout: 15_000 });
    await catalog.locator('[part="result-link"]').first().click();
    await catalog.locator('[part="start-button"]').click();
    await page.waitForURL(/\/antrag\.html\?service=baumfaellgenehmigung$/);
    const form = page.locator('ozg-form');
    await form.getByText(/Schritt 1 von \d/).waitFor({ timeout: 15_000 });

    // The citizen filled every step earlier (the sample catalog's example application, with a photo uploaded
    // as the form does it) and comes back to review.
    const photo = await page.evaluate(async (api) => {
      const response = await fetch(
        `${api}/tenants/kreis-dithmarschen/forms/baumfaellgenehmigung/fields/fotos/uploads`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'image/png', 'X-File-Name': 'eiche.png' },
          body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
        },
      );
      return response.json();
    }, `${base}/api/v1`);
    await page.evaluate(
      ({ answers, key }) => {
        const draft = { answers, review: true, savedAt: new Date().toISOString() };
        localStorage.setItem(key, JSON.stringify(draft));
      },
      {
        answers: { ...exampleApplication.data, fotos: [photo] },
        key: `ozg-form-draft:kreis-dithmarschen:baumfaellgenehmigung:${exampleApplication.formVersion}`,
      },
    );
    await page.reload();
    await form.getByRole('button', { name: /Fortfahren/ }).click();
    await form.getByRole('checkbox').check();
    await form.locator('[part="submit-button"]').click();
    await form.locator('[part="confirmation"]').waitFor({ timeout: 15_000 });
    const reference = (await form.locator('[part="confirmation"]').innerText()).match(/DI-\d{4}-\d{6}/)?.[0];
    assert.ok(reference, 'the confirmation shows the reference');

    await form.getByRole('link', { name: /Stand|Status/ }).click();
    await page.waitForURL(/\/status\.html\?reference=/);
    const status = page.locator('ozg-submission-status');
    await status.locator('[part="current"]').waitFor({ timeout: 15_000 });
    assert.match(await status.locator('[part="current"]').innerText(), /Eingegangen/);
    assert.doesNotMatch(page.url(), /access-code/, 'the access code left the address bar');

    await page.goto(`${base}/sachbearbeitung.html`);
    const inbox = page.locator('ozg-authority-inbox');
    await inbox.locator('input[type="password"]').fill('demo-stadt-heide-bauen-umwelt', { timeout: 15_000 });
    await inbox.locator('[part="sign-in-button"]').click();
    await inbox.locator('[part="list"]').getByText(reference).waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("routes a business in Heide to Heide's trade office wherever its owner lives, and one outside at once", async () => {
    const draft = draftKey('gewerbeanmeldung');
    const { page, problems } = await openWatched(browser, `${base}/antrag.html?service=gewerbeanmeldung`);
    const form = page.locator('ozg-form');
    const resume = async (answers: Record<string, unknown>, at: Record<string, unknown>) => {
      await page.evaluate(
        ({ key, draft }) =>
          localStorage.setItem(key, JSON.stringify({ ...draft, savedAt: new Date().toISOString() })),
        { key: draft, draft: { answers, ...at } },
      );
      await page.reload();
      await form.getByRole('button', { name: 'Fortfahren' }).click({ timeout: 15_000 });
    };

    // A business in Kiel: said at the business address, before anything is sent.
    await resume(gewerbeAnswers(undefined, { plz: '24103', ort: 'Kiel' }), { stepId: 'betriebsstaette' });
    await form.locator('[part="next-button"]').click();
    await form
      .getByText(/Betrieb in 24103 Kiel/)
      .first()
      .waitFor({ timeout: 15_000 });
    assert.equal(await form.locator('h1').innerText(), 'Betriebsstätte');
    assert.equal(await form.locator('[part="retry-button"]').count(), 0);

    const homes = [
      { plz: '25541', ort: 'Brunsbüttel' },
      { plz: '20095', ort: 'Hamburg' },
      { abroad: { staat: 'Dänemark', plz: '6700', ort: 'Esbjerg' } },
    ];
    const references: string[] = [];
    for (const home of homes) {
      await resume(gewerbeAnswers(home), { review: true });
      await form
        .locator('[part="responsible"]')
        .getByText(/Stadt Heide – Ordnungs- und Gewerbeamt/)
        .waitFor();
      await form.getByRole('checkbox').check();
      await form.locator('[part="submit-button"]').click();
      const receipt = form.locator('[part="confirmation"]');
      await receipt.waitFor({ timeout: 15_000 });
      const text = await receipt.innerText();
      assert.match(text, /Gewerbe anmelden/);
      assert.match(text, /Stadt Heide – Ordnungs- und Gewerbeamt/);
      assert.match(text, /Eingegangen am .+ \(deutsche Zeit\)/);
      references.push(text.match(/DI-\d{4}-\d{6}/)![0]);
    }

    // Printed, the confirmation is a receipt on one page: no site navigation, no buttons.
    await page.emulateMedia({ media: 'print' });
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    assert.equal(pdf.match(/\/Type\s*\/Page\b/g)?.length, 1, 'one page');
    await page.emulateMedia({ media: 'screen' });

    // The trade office of Heide finds all three, from Heide.
    await page.goto(`${base}/sachbearbeitung.html`);
    const inbox = page.locator('ozg-authority-inbox');
    await inbox.locator('input[type="password"]').fill('demo-stadt-heide-ordnungsamt', { timeout: 15_000 });
    await inbox.locator('[part="sign-in-button"]').click();
    for (const reference of references) {
      const row = inbox.locator('[part="list"] tr', { hasText: reference });
      await row.waitFor({ timeout: 15_000 });
      assert.match(await row.innerText(), /Heide/);
    }

    // "Antrag stellen" without a service: the way to the catalog, no error and no retry.
    await page.goto(`${base}/antrag.html`);
    await form.locator('[part="choose-service"]').waitFor({ timeout: 15_000 });
    assert.equal(await form.locator('[part="choose-service"] a').getAttribute('href'), '/');
    assert.equal(await form.locator('[part="error"], [part="retry-button"]').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("shows every municipality's snippet with the integrity of the bundle it serves", async () => {
    const bundle = await (await fetch(`${base}/widgets/ozg-widgets.js`)).arrayBuffer();
    const integrity = `sha384-${createHash('sha384').update(Buffer.from(bundle)).digest('base64')}`;
    const { page, problems } = await openWatched(browser, `${base}/einbinden.html`);
    const blocks = page.locator('section.snippet');
    await blocks
      .first()
      .locator('[data-code="element"] code')
      .getByText(integrity)
      .waitFor({ timeout: 15_000 });
    const tenants = await blocks.evaluateAll((sections) =>
      sections.map((s) => (s as HTMLElement).dataset.snippet),
    );
    assert.deepEqual(tenants, ['kreis-dithmarschen', 'stadt-heide', 'brunsbuettel']);
    for (const [i, tenant] of tenants.entries()) {
      const block = blocks.nth(i);
      assert.ok(
        await page
          .getByRole('region', { name: await block.locator('h2').innerText(), exact: true })
          .isVisible(),
      );
      const code = await block.locator('[data-code="element"] code').innerText();
      assert.ok(code.includes(`integrity="${integrity}"`), `${tenant}: the served bundle's integrity`);
      assert.ok(code.includes(`tenant="${tenant}"`), `${tenant}: its own tenant`);
    }
    await blocks.nth(1).getByRole('combobox').selectOption('ozg-form');
    assert.match(
      await blocks.nth(1).locator('[data-code="element"] code').innerText(),
      /<ozg-form service-id="[^"]+" heading-level="2">/,
    );

    // The confirmation links to a status page: its snippet comes with the catalog's and the form's, saying where
    // the link goes (the tenant's statusPageUrl) or that there is none yet.
    for (const [i, tenant] of tenants.entries()) {
      const status = blocks.nth(i).locator('[data-status-page]');
      assert.ok(await status.isVisible(), `${tenant}: the status page's snippet is offered`);
      assert.match(
        await status.locator('code').innerText(),
        new RegExp(
          `<ozg-config endpoint="${base}" tenant="${tenant}">\\s*<ozg-submission-status heading-level="2">`,
        ),
      );
    }
    const notes = blocks.locator('[data-note="de"]');
    await notes.first().getByText('https://www.dithmarschen.example/online-dienste/antragsstatus').waitFor();
    assert.match(await notes.nth(2).innerText(), /keine Statusseite hinterlegt/);
    assert.match(await blocks.nth(2).locator('[data-note="en"]').innerText(), /has no status page/);
    await blocks.first().getByRole('combobox').selectOption('ozg-submission-status');
    assert.equal(await blocks.first().locator('[data-status-page]').isVisible(), false);

    // The code boxes scroll inside: reachable and named for the keyboard; "Kopieren" looks like the demo's buttons.
    const boxes = page.locator('section.snippet pre');
    assert.equal(await boxes.count(), 6);
    for (const box of await boxes.all()) {
      assert.equal(await box.getAttribute('tabindex'), '0');
      assert.ok(await box.getAttribute('aria-label'));
    }
    const copy = blocks.first().getByRole('button', { name: 'Kopieren' }).first();
    assert.equal(await copy.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(10, 87, 164)');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('fits a phone (360 px) without scrolling sideways, and axe finds nothing on the Einbinden page', async () => {
    const { page, problems } = await openWatched(browser, `${base}/einbinden.html`);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('section.snippet code').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-note="de"]').first().getByText('dithmarschen.example').waitFor();
    assert.equal(await scrollsSideways(page), false, 'no horizontal scroll at 360 px');
    // Keyboard users reach the code box (and scroll it with the arrow keys).
    await page.locator('section.snippet select').first().focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'PRE');
    assert.deepEqual(problems, []);
    await page.close();
    assert.deepEqual(await axeViolations(browser, `${base}/einbinden.html`, 360), []);
    assert.deepEqual(await axeViolations(browser, `${base}/einbinden.html`), []);
  });

  it('has a favicon, linked from every page', async () => {
    const icon = await fetch(`${base}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /^image\//);
    const { page, problems } = await openWatched(browser, `${base}/einbinden.html`);
    for (const path of ['/', '/antrag.html', '/status.html', '/sachbearbeitung.html', '/einbinden.html']) {
      await page.goto(`${base}${path}`);
      const links = await page
        .locator('link[rel="icon"]')
        .evaluateAll((all) => all.map((l) => (l as HTMLLinkElement).href));
      assert.ok(links.length > 0, `${path} links a favicon`);
      for (const href of links) assert.equal((await fetch(href)).status, 200, href);
    }
    // The icons are the page's own files: the CSP (default-src 'self') has nothing to refuse.
    assert.deepEqual(problems, []);
    await page.close();
  });
});
