/**
 * The citizen's place in `<ozg-service-catalog>`, against the real backend: the responsible-authority look-up on a
 * service (focus and announcements for every outcome, typos, places outside the area) and places named in the
 * service search ("Hundesteuer Heide").
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import { OzgServiceCatalog } from '../../../src/ozg-service-catalog.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';

/** The catalog with an injected `fetch` (for failures only) and no automatic retries. */
class FaultyPlaceCatalog extends OzgServiceCatalog {
  fetchImpl: typeof fetch = (input, init) => fetch(input, init);
  protected override apiOptions(): ApiClientOptions {
    return { fetch: (input, init) => this.fetchImpl(input, init), retry: { attempts: 1 } };
  }
}
customElements.define('faulty-place-catalog', FaultyPlaceCatalog);

let backend: TestBackend;

before(async () => {
  backend = await testBackend();
});
beforeEach(() => sessionStorage.clear());

const root = (el: HTMLElement) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) =>
  root(el).querySelector<T>(selector);
const liveText = (el: HTMLElement) => $(el, '[aria-live="polite"]')!.textContent!.trim();
async function announced(el: HTMLElement, text: string | RegExp) {
  const matches = () => (typeof text === 'string' ? liveText(el) === text : text.test(liveText(el)));
  await waitUntil(matches, `live region saying ${text}`, { timeout: 5000 });
}
/** The element inside the catalog that has focus (never the page's body). */
const focused = (el: HTMLElement) => {
  expect(document.activeElement, 'focus on the catalog, not the body').to.equal(el);
  return root(el).activeElement as HTMLElement | null;
};

/** A catalog showing one service, without URL routing. */
async function serviceView(
  service: string,
  { lang = 'de', tag = 'ozg-service-catalog', tenant = backend.tenant } = {},
) {
  const el = document.createElement(tag) as FaultyPlaceCatalog;
  el.setAttribute('endpoint', backend.endpoint);
  el.setAttribute('tenant', tenant);
  el.setAttribute('lang', lang);
  el.setAttribute('routing', 'none');
  el.setAttribute('service', service);
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.append(el);
  await waitUntil(() => $(el, '#ozg-place'), 'place field', { timeout: 5000 });
  return el;
}

/** Types a place like a citizen and presses Enter. */
async function lookUp(el: HTMLElement, text: string) {
  const input = $<HTMLInputElement>(el, '#ozg-place')!;
  input.value = '';
  input.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

describe('<ozg-service-catalog> responsible authority: focus and announcements', () => {
  it('a found place: focus on the place, the authority announced', async () => {
    const el = await serviceView('gewerbeanmeldung');
    await lookUp(el, '25746');
    await waitUntil(() => $(el, '[part="authority"]'), 'authority', { timeout: 5000 });
    await announced(el, /^Zuständige Stelle für Heide: .+/);
    expect(liveText(el)).to.contain($(el, '[part="authority"] strong')!.textContent!.trim());
    expect(focused(el)?.id).to.equal('ozg-place-result');
    expect(focused(el)?.textContent).to.contain('Heide (25746)');
    await expect(el).to.be.accessible();

    // "Choose another town" returns to the field.
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Anderen Ort'))!.click();
    await el.updateComplete;
    expect(focused(el)?.id).to.equal('ozg-place');
  });

  it('no place found: focus stays on the field, the message is announced and describes it', async () => {
    const el = await serviceView('gewerbeanmeldung');
    await lookUp(el, 'Xylophonhausen');
    await announced(el, 'Kein Ort gefunden. Bitte prüfen Sie die Eingabe.');
    expect(focused(el)?.id).to.equal('ozg-place');
    const describedBy = $(el, '#ozg-place')!.getAttribute('aria-describedby')!;
    expect($(el, `#${describedBy}`)!.textContent).to.contain('Kein Ort gefunden');
    // The same answer again is announced again.
    await lookUp(el, 'Xylophonhausen');
    await waitUntil(() => liveText(el) === '', 'live region cleared', { timeout: 2000 });
    await announced(el, 'Kein Ort gefunden. Bitte prüfen Sie die Eingabe.');
    await expect(el).to.be.accessible();
  });

  it('an error: focus stays on the field (not the body) and the error is announced', async () => {
    const el = await serviceView('gewerbeanmeldung', { tag: 'faulty-place-catalog' });
    el.fetchImpl = (input, init) =>
      String(input).includes('/locations')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetch(input, init);
    $<HTMLInputElement>(el, '#ozg-place')!.value = 'Heide';
    // By the button this time.
    $<HTMLButtonElement>(el, '.place-form button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part="error"]'), 'error', { timeout: 5000 });
    const message = $(el, '[part="error"] p')!.textContent!.trim();
    await announced(el, message);
    expect(message).to.contain('nicht erreichbar');
    expect(focused(el)?.id).to.equal('ozg-place');
    await expect(el).to.be.accessible();
  });

  it('a failing authority look-up is announced with focus on the place', async () => {
    const el = await serviceView('gewerbeanmeldung', { tag: 'faulty-place-catalog' });
    el.fetchImpl = (input, init) =>
      String(input).includes('/responsible')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetch(input, init);
    await lookUp(el, 'Heide');
    await waitUntil(() => $(el, '[part="error"]'), 'error', { timeout: 5000 });
    await announced(el, $(el, '[part="error"] p')!.textContent!.trim());
    expect(focused(el)?.id).to.equal('ozg-place-result');
  });

  it('several places: asks to choose, focus on the field; choosing moves focus to the place', async () => {
    const el = await serviceView('gewerbeanmeldung');
    await lookUp(el, '257');
    await announced(el, /^\d+ Orte gefunden\. Bitte wählen Sie Ihren Ort:$/);
    expect(focused(el)?.id).to.equal('ozg-place');
    const choice = [...root(el).querySelectorAll<HTMLButtonElement>('.chips button')].find((b) =>
      b.textContent!.includes('Meldorf'),
    )!;
    choice.focus();
    await sendKeys({ press: 'Enter' });
    await announced(el, /^Zuständige Stelle für Meldorf: .+/);
    expect(focused(el)?.id).to.equal('ozg-place-result');
  });
});

describe('<ozg-service-catalog> place look-up forgives typos and knows its area', () => {
  it('suggests „Brunsbüttel“ for „Brunsbütel“ and takes it when chosen', async () => {
    const el = await serviceView('gewerbeanmeldung');
    await lookUp(el, 'Brunsbütel');
    await announced(el, 'Kein Ort „Brunsbütel“ gefunden. Meinten Sie Brunsbüttel?');
    expect($(el, '#ozg-place-message')!.textContent).to.contain('Meinten Sie Brunsbüttel?');
    expect(focused(el)?.id).to.equal('ozg-place');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.chips button')!.click();
    await waitUntil(() => $(el, '[part="authority"]'), 'authority', { timeout: 5000 });
    expect($(el, '#ozg-place-result')!.textContent).to.contain('Brunsbüttel (25541)');
  });

  it('says that a postal code outside the area lies outside it, in German and English', async () => {
    const el = await serviceView('gewerbeanmeldung');
    await lookUp(el, '24103');
    const german =
      'Die Postleitzahl 24103 liegt außerhalb des Gebiets, für das diese Seite zuständig ist. ' +
      'Bitte prüfen Sie die Postleitzahl oder wenden Sie sich an die Verwaltung Ihres Ortes.';
    await announced(el, german);
    expect($(el, '#ozg-place-message')!.textContent!.trim()).to.equal(german);
    expect(root(el).textContent).not.to.contain('Kein Ort gefunden');

    const en = await serviceView('gewerbeanmeldung', { lang: 'en' });
    await lookUp(en, '24103');
    await announced(
      en,
      'The postal code 24103 lies outside the area this site serves. ' +
        'Please check the postal code or contact the administration of your town.',
    );
    await lookUp(en, 'Brunsbütel');
    await announced(en, 'No town “Brunsbütel” found. Did you mean Brunsbüttel?');
  });

  it('says that a place the catalog knows lies outside the area, on a town’s own portal', async () => {
    const el = await serviceView('gewerbeanmeldung', { tenant: 'stadt-heide' });
    await lookUp(el, 'Meldorf');
    const german =
      'Meldorf liegt außerhalb des Gebiets, für das diese Seite zuständig ist. ' +
      'Bitte wenden Sie sich an die Verwaltung von Meldorf oder nutzen Sie deren Online-Dienste.';
    await announced(el, german);
    expect($(el, '#ozg-place-message')!.textContent!.trim()).to.equal(german);
    expect(focused(el)?.id).to.equal('ozg-place');
    // A misspelt name is not guessed into another area.
    await lookUp(el, 'Meldrof');
    await announced(el, 'Kein Ort gefunden. Bitte prüfen Sie die Eingabe.');
  });
});

describe('<ozg-service-catalog> a place named in the service search', () => {
  async function list(lang = 'de') {
    const el = await fixture<OzgServiceCatalog>(
      html`<ozg-service-catalog
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        lang=${lang}
        routing="none"
      ></ozg-service-catalog>`,
    );
    await waitUntil(() => $(el, '[part="results"]'), 'results', { timeout: 5000 });
    return el;
  }
  async function type(el: OzgServiceCatalog, text: string) {
    const input = $<HTMLInputElement>(el, '#ozg-search')!;
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
  }
  const resultIds = (el: HTMLElement) =>
    [...root(el).querySelectorAll('[part="result-link"]')].map((a) => a.textContent!.trim());

  it('„Hundesteuer Heide“ finds the dog tax, recognises Heide and shows its authority there', async () => {
    const el = await list();
    await type(el, 'Hundesteuer Heide');
    await waitUntil(() => $(el, '[part="place-hint"]'), 'place recognised', { timeout: 5000 });
    expect(resultIds(el)).to.deep.equal(['Hund zur Hundesteuer anmelden']);
    expect($(el, '[part="place-hint"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Ort erkannt: Heide (25746). Bei jeder Leistung sehen Sie die zuständige Stelle für diesen Ort.',
    );
    await announced(el, 'Ort erkannt: Heide (25746). 1 Leistung gefunden');
    await expect(el).to.be.accessible();

    $(el, '[part="result-link"]')!.click();
    await waitUntil(() => $(el, '[part="authority"]'), 'authority for Heide', { timeout: 5000 });
    expect($(el, '#ozg-place-result')!.textContent).to.contain('Heide (25746)');
  });

  it('also by postal code and in English; a word that is no place still finds nothing', async () => {
    const el = await list('en');
    await type(el, 'dog tax 25746');
    await waitUntil(() => $(el, '[part="place-hint"]'), 'place recognised', { timeout: 5000 });
    expect(resultIds(el)).to.deep.equal(['Register a dog for dog tax']);
    expect($(el, '[part="place-hint"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Place recognised: Heide (25746). Each service shows the responsible authority for this place.',
    );
    await type(el, 'dog tax Xylophonhausen');
    // Give the place look-up its time: it must find no place.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await el.updateComplete;
    expect($(el, '[part="place-hint"]')).to.equal(null);
    expect($(el, '[part="empty"]')).to.exist;
  });
});
