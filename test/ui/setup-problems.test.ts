/**
 * A webmaster's setup mistakes against the real backend and real CORS: the citizen reads a neutral sentence (and
 * gets no retry where none helps), the console names the fix once per element.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { OzgServiceCatalog } from '../../src/ozg-service-catalog.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { part } from '../helpers/dom.ts';
import '../../src/ozg-service-catalog.ts';

const NEUTRAL =
  'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden. Bitte wenden Sie sich an die Betreiber dieser Seite.';

/** The message of the error alert (without its retry button). */
const message = (el: HTMLElement) => part(el, 'error')?.querySelector('p')?.textContent?.trim();

let backend: TestBackend;
let warnings: string[];
const warn = console.warn;

before(async () => {
  backend = await testBackend();
});

beforeEach(() => {
  warnings = [];
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
});

afterEach(() => {
  console.warn = warn;
});

async function catalog(endpoint: string, tenant: string, lang = 'de'): Promise<OzgServiceCatalog> {
  return fixture<OzgServiceCatalog>(
    html`<ozg-service-catalog endpoint=${endpoint} tenant=${tenant} lang=${lang}></ozg-service-catalog>`,
  );
}

describe('setup problems of the page', () => {
  it('an unknown tenant: a neutral message without retry, and one warning naming the tenant', async () => {
    const errors: string[] = [];
    const listen = (e: Event) => errors.push((e as CustomEvent<{ message: string }>).detail.message);
    document.addEventListener('ozg-error', listen);
    const el = await catalog(backend.endpoint, 'kreis-dithmarschn');
    await waitUntil(() => part(el, 'error'), 'no error shown', { timeout: 5000 });
    document.removeEventListener('ozg-error', listen);
    expect(message(el)).to.equal(NEUTRAL);
    expect(part(el, 'retry-button')).to.equal(null);
    expect(errors).to.deep.equal([NEUTRAL]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.equal(
      `<ozg-service-catalog>: Der Dienst ${backend.endpoint} kennt den Mandanten „kreis-dithmarschn“ nicht: prüfen Sie „tenant“.\n` +
        `<ozg-service-catalog>: The service ${backend.endpoint} does not know the tenant "kreis-dithmarschn": check "tenant".`,
    );
    await expect(el).to.be.accessible();
  });

  it('in English, too', async () => {
    const el = await catalog(backend.endpoint, 'kreis-dithmarschn', 'en');
    await waitUntil(() => part(el, 'error'), 'no error shown', { timeout: 5000 });
    expect(message(el)).to.equal(
      'This service is not set up correctly on this page. Please contact the operators of this website.',
    );
  });

  it('an endpoint ending in /api/v1 works, with one warning giving the right one', async () => {
    const el = await catalog(`${backend.endpoint}/api/v1/`, backend.tenant);
    await waitUntil(() => part(el, 'results'), 'the catalog did not load', { timeout: 5000 });
    expect(part(el, 'error')).to.equal(null);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.equal(
      `<ozg-service-catalog>: „endpoint“ endet auf /api/v1, das die Elemente selbst anhängen: schreiben Sie endpoint="${backend.endpoint}".\n` +
        `<ozg-service-catalog>: "endpoint" ends in /api/v1, which the elements add themselves: write endpoint="${backend.endpoint}".`,
    );
  });

  it('an endpoint with a wrong path: a neutral message and a warning about the endpoint', async () => {
    const el = await catalog(`${backend.endpoint}/ozg`, backend.tenant);
    await waitUntil(() => part(el, 'error'), 'no error shown', { timeout: 5000 });
    expect(message(el)).to.equal(NEUTRAL);
    expect(part(el, 'retry-button')).to.equal(null);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(
      `No OZG service answers at ${backend.endpoint}/ozg/api/v1 (404): check "endpoint".`,
    );
  });

  it('a server that answers but not to this page (CORS): "not set up or not reachable", both fixes', async () => {
    // This test server under its other name is another origin, and it sends no CORS headers.
    const other = new URL(location.href);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const endpoint = other.origin;
    const failed = oneEvent(document, 'ozg-error');
    const el = await catalog(endpoint, backend.tenant);
    const { detail } = await failed;
    await el.updateComplete;
    expect(message(el)).to.equal(
      'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden oder gerade nicht erreichbar. Bitte versuchen Sie es später erneut oder wenden Sie sich an die Betreiber dieser Seite.',
    );
    expect(detail.retryable).to.equal(true);
    expect(part(el, 'retry-button')).not.to.equal(null);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.equal(
      `<ozg-service-catalog>: Der Dienst ${endpoint} ist für diese Seite nicht erreichbar oder nicht freigegeben (CORS): tragen Sie ${location.origin} in „allowedOrigins“ des Mandanten „${backend.tenant}“ ein, oder prüfen Sie „endpoint“ und ${endpoint}/healthz.\n` +
        `<ozg-service-catalog>: The service ${endpoint} is not reachable or not allowed for this page (CORS): add ${location.origin} to the "allowedOrigins" of tenant "${backend.tenant}", or check "endpoint" and ${endpoint}/healthz.`,
    );
    // Trying again fails the same way: the console is not filled with the same warning.
    part(el, 'retry-button')!.click();
    await oneEvent(document, 'ozg-error');
    expect(warnings).to.have.length(1);
  });

  it('nothing answers at all: the usual message about the connection, with a retry, and no warning', async () => {
    const failed = oneEvent(document, 'ozg-error');
    const el = await catalog('http://127.0.0.1:1', backend.tenant);
    await failed;
    await el.updateComplete;
    expect(message(el)).to.contain('Bitte prüfen Sie Ihre Internetverbindung');
    expect(part(el, 'retry-button')).not.to.equal(null);
    expect(warnings).to.deep.equal([]);
  });
});
