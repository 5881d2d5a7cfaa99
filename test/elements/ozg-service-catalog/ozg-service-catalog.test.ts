import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import { OzgServiceCatalog } from '../../../src/ozg-service-catalog.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';

/** The catalog with an injected `fetch` (for failures only) and no automatic retries. */
class FaultyCatalog extends OzgServiceCatalog {
  fetchImpl: typeof fetch = (input, init) => fetch(input, init);
  protected override apiOptions(): ApiClientOptions {
    return { fetch: (input, init) => this.fetchImpl(input, init), retry: { attempts: 1 } };
  }
}
customElements.define('faulty-service-catalog', FaultyCatalog);
// Stands in for the form element, which has its own tests: here only what the catalog hands it counts.
if (!customElements.get('ozg-form')) customElements.define('ozg-form', class extends HTMLElement {});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

let backend: TestBackend;
let startUrl: string;

before(async () => {
  backend = await testBackend();
});
beforeEach(() => {
  startUrl = location.href;
  sessionStorage.clear();
});
afterEach(() => {
  // Each test starts on the page's own URL again.
  history.replaceState(null, '', startUrl);
});

const root = (el: HTMLElement) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) =>
  root(el).querySelector<T>(selector);
const $$ = (el: HTMLElement, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const resultNames = (el: HTMLElement) => $$(el, '[part="result-link"]').map((a) => a.textContent!.trim());
const liveText = (el: HTMLElement) => $(el, '[aria-live="polite"]')!.textContent!.trim();
/** The live region speaks once typing pauses; wait for its text. */
async function announced(el: HTMLElement, pattern: RegExp) {
  await waitUntil(() => pattern.test(liveText(el)), `live region saying ${pattern}`, { timeout: 3000 });
}

async function catalog(attrs: { lang?: string; routing?: string; formUrl?: string } = {}) {
  const el = await fixture<OzgServiceCatalog>(
    html`<ozg-service-catalog
      endpoint=${backend.endpoint}
      tenant=${backend.tenant}
      lang=${attrs.lang ?? 'de'}
      routing=${attrs.routing ?? 'query'}
      form-url=${attrs.formUrl ?? ''}
      heading-level="3"
    ></ozg-service-catalog>`,
  );
  await waitUntil(() => $(el, '[part="results"]') || $(el, '[part="error"]'), 'results', { timeout: 5000 });
  return el;
}

async function type(el: OzgServiceCatalog, text: string) {
  const input = $<HTMLInputElement>(el, '#ozg-search')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

async function openFirst(el: OzgServiceCatalog) {
  $(el, '[part="result-link"]')!.click();
  await waitUntil(() => $(el, '[part="detail"]'), 'detail', { timeout: 5000 });
}

describe('<ozg-service-catalog> list and search (real backend)', () => {
  it('lists the services of the tenant, announces the count and is accessible', async () => {
    const el = await catalog();
    expect(resultNames(el).length).to.be.greaterThan(5);
    await announced(el, /^\d+ Leistungen gefunden$/);
    expect($(el, 'h3[part="heading"]')!.textContent).to.contain('Leistungen finden');
    el.heading = 'Bürgerservice';
    await el.updateComplete;
    expect($(el, 'h3[part="heading"]')!.textContent).to.contain('Bürgerservice');
    await expect(el).to.be.accessible();
  });

  it('finds by the words citizens use: synonyms, umlauts, their spelled forms and typos', async () => {
    const el = await catalog();
    await type(el, 'Auto anmelden');
    expect(resultNames(el)[0]).to.equal('Fahrzeug zulassen (i-Kfz)');
    await type(el, 'Baum fällen');
    expect(resultNames(el)[0]).to.contain('Baum fällen');
    await type(el, 'baum faellen');
    expect(resultNames(el)[0]).to.contain('Baum fällen');
    await type(el, 'FÜHRUNGSZEUGNIS');
    expect(resultNames(el)[0]).to.contain('Führungszeugnis');
    await type(el, 'gewrbe');
    expect(resultNames(el)[0]).to.contain('Gewerbe');
    await announced(el, /^1 Leistung gefunden$/);
  });

  it('offers the categories when nothing matches, and filters by the chosen one', async () => {
    const el = await catalog();
    await type(el, 'xyzxyzxyz');
    await announced(el, /^Keine Leistung gefunden$/);
    const chips = $$(el, '.empty button');
    expect(chips.length).to.be.greaterThan(2);
    await expect(el).to.be.accessible();
    const mobility = chips.find((b) => b.textContent!.includes('Mobilität'))!;
    mobility.click();
    await el.updateComplete;
    expect(resultNames(el)).to.include('Fahrzeug zulassen (i-Kfz)');
    expect(resultNames(el)).not.to.include('Gewerbe anmelden');
    expect($<HTMLSelectElement>(el, '#ozg-category')!.value).to.equal('mobilitaet');
  });

  it('announces the count once typing pauses, not on every keystroke', async () => {
    const el = await catalog();
    await announced(el, /Leistungen gefunden$/);
    await type(el, 'Gew');
    await type(el, 'Gewe');
    await type(el, 'Gewerbe');
    expect(liveText(el)).to.match(/Leistungen gefunden$/);
    await announced(el, /^1 Leistung gefunden$/);
  });

  it('pages long result lists and survives an unreadable page size', async () => {
    const el = await catalog();
    el.setAttribute('page-size', '5');
    await type(el, '');
    expect(resultNames(el)).to.have.length(5);
    $<HTMLButtonElement>(el, '.results + button')!.click();
    await el.updateComplete;
    expect(resultNames(el)).to.have.length(10);
    el.setAttribute('page-size', 'viele');
    await type(el, 'a');
    expect(resultNames(el).length).to.be.greaterThan(0);
  });

  it('speaks English when asked', async () => {
    const el = await catalog({ lang: 'en' });
    expect($(el, '[part="heading"]')!.textContent).to.contain('Find a service');
    await type(el, 'register car');
    expect(resultNames(el)[0]).to.equal('Register a vehicle (i-Kfz)');
    await announced(el, /services? found$/);
  });
});

describe('<ozg-service-catalog> detail, authority and start (real backend)', () => {
  it('shows a service in full and the authority for the typed place, remembered for the session', async () => {
    const el = await catalog({ routing: 'none' });
    await type(el, 'Gewerbe anmelden');
    await openFirst(el);
    const text = root(el).textContent!;
    expect(text).to.contain('Erforderliche Unterlagen');
    expect($(el, '#ozg-catalog-heading')!.textContent).to.contain('Gewerbe');
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(el, '#ozg-place')!.value = '25746';
    $<HTMLButtonElement>(el, '.place-form button[type="submit"]')!.click();
    await waitUntil(() => $(el, '[part="authority"]'), 'authority', { timeout: 5000 });
    expect($(el, '[part="authority"]')!.textContent).to.match(/\d{5}/);
    await expect(el).to.be.accessible();

    // A second catalog in the same page session knows the place already.
    const other = await catalog({ routing: 'none' });
    await type(other, 'Baum fällen');
    await openFirst(other);
    await waitUntil(() => $(other, '[part="authority"]'), 'remembered authority', { timeout: 5000 });
    expect(root(other).textContent).to.contain('Heide');
  });

  it('works by keyboard alone: search → detail → start', async () => {
    const el = await catalog({ routing: 'none' });
    $<HTMLInputElement>(el, '#ozg-search')!.focus();
    await sendKeys({ type: 'baumfäll' });
    await el.updateComplete;
    // Tab past the category filter to the first result.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.getAttribute('part')).to.equal('result-link');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part="detail"]'), 'detail', { timeout: 5000 });
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('ozg-catalog-heading');
    const start = $<HTMLButtonElement>(el, '[part="start-button"]')!;
    start.focus();
    const started = oneEvent(el, 'ozg-service-start');
    await sendKeys({ press: 'Enter' });
    const event = await started;
    expect(event.detail).to.deep.equal({ serviceId: 'baumfaellgenehmigung', formId: 'baumfaellgenehmigung' });
    await el.updateComplete;
    expect(root(el).textContent).to.contain('Antrag: Baum fällen');
    const form = $(el, 'ozg-form')!;
    expect(form.getAttribute('form-id')).to.equal('baumfaellgenehmigung');
    expect(form.getAttribute('service-id')).to.equal('baumfaellgenehmigung');
    expect(form.getAttribute('tenant')).to.equal(backend.tenant);
  });

  it('opens the service named by the service attribute and leaves routing to the answers of the form', async () => {
    sessionStorage.setItem(
      `ozg-place:${backend.tenant}`,
      JSON.stringify({ name: 'Heide', postalCodes: ['25746'], ars: '010510044044' }),
    );
    const el = await fixture<OzgServiceCatalog>(
      html`<ozg-service-catalog
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        service="baumfaellgenehmigung"
        routing="none"
      ></ozg-service-catalog>`,
    );
    await waitUntil(() => $(el, '[part="authority"]'), 'detail with authority', { timeout: 5000 });
    expect($(el, 'h2[part="heading"]')!.textContent).to.contain('Baum fällen');
    $<HTMLButtonElement>(el, '[part="start-button"]')!.click();
    await el.updateComplete;
    // The place the citizen chose here tells who is responsible for their town; the application itself goes by the
    // place of the matter its answers name, so the catalog hands no place to the form.
    expect($(el, 'ozg-form')!.getAttribute('service-id')).to.equal('baumfaellgenehmigung');
    expect($(el, 'ozg-form')!.hasAttribute('ars')).to.equal(false);
    $<HTMLButtonElement>(el, '[part="back-link"]')!.click();
    await waitUntil(() => $(el, '[part="results"]'), 'whole catalog after back', { timeout: 5000 });
  });

  it('links to the form page of the host (form-url) or to an external online service, marked as such', async () => {
    const el = await catalog({ formUrl: '/antrag?service={id}' });
    await type(el, 'Baum fällen');
    await openFirst(el);
    expect($(el, '[part="start-button"]')!.getAttribute('href')).to.equal(
      '/antrag?service=baumfaellgenehmigung',
    );
    $<HTMLAnchorElement>(el, '[part="back-link"]')!.click();
    await waitUntil(() => $(el, '[part="results"]'));
    await type(el, 'Auto anmelden');
    await openFirst(el);
    const external = $<HTMLAnchorElement>(el, '[part="start-button"]')!;
    expect(external.href).to.equal('https://i-kfz.dithmarschen.example/');
    expect(external.textContent).to.contain('externer Dienst');
    expect(root(el).textContent).to.contain('Sie verlassen diese Seite');
  });
});

describe('<ozg-service-catalog> start link and title', () => {
  it('starts „Online beantragen“ with Space like a button, and it stays a link', async () => {
    const el = await catalog({ routing: 'none', formUrl: '/antrag?service={id}' });
    const clicks: string[] = [];
    const keys: KeyboardEvent[] = [];
    el.addEventListener('keydown', (e) => keys.push(e));
    el.addEventListener('click', (e) => {
      const target = e.composedPath()[0] as HTMLAnchorElement;
      if (target.getAttribute?.('part') !== 'start-button') return;
      // Stay on the test page: only that the link was followed counts.
      e.preventDefault();
      clicks.push(target.href);
    });
    for (const [query, href] of [
      ['Baum fällen', `${location.origin}/antrag?service=baumfaellgenehmigung`],
      ['Auto anmelden', 'https://i-kfz.dithmarschen.example/'],
    ]) {
      await type(el, query!);
      await openFirst(el);
      const start = $<HTMLAnchorElement>(el, '[part="start-button"]')!;
      expect(start.localName).to.equal('a');
      expect(start.hasAttribute('role')).to.equal(false);
      start.focus();
      const scrolled = window.scrollY;
      await sendKeys({ press: 'Space' });
      expect(clicks.pop()).to.equal(href);
      expect(keys.pop()!.defaultPrevented, 'Space does not scroll the page').to.equal(true);
      expect(window.scrollY).to.equal(scrolled);
      $<HTMLButtonElement>(el, '[part="back-link"]')!.click();
      await waitUntil(() => $(el, '[part="results"]'), 'list');
    }
    expect(clicks).to.deep.equal([]);
  });

  it('shows the service title clearly larger than its section headings, at any heading level', async () => {
    for (const level of ['2', '4']) {
      const el = await fixture<OzgServiceCatalog>(
        html`<ozg-service-catalog
          endpoint=${backend.endpoint}
          tenant=${backend.tenant}
          service="gewerbeanmeldung"
          routing="none"
          heading-level=${level}
        ></ozg-service-catalog>`,
      );
      await waitUntil(() => $(el, '[part="detail"]'), 'detail', { timeout: 5000 });
      const title = $(el, '[part="heading"]')!;
      const section = $(el, '[part="section"] :is(h2, h3, h4, h5, h6)')!;
      expect(title.localName).to.equal(`h${level}`);
      expect(section.localName).to.equal(`h${Number(level) + 1}`);
      const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
      expect(size(title) / size(section)).to.be.at.least(1.4);
    }
  });
});

describe('<ozg-service-catalog> navigation in the host page URL', () => {
  it('restores views on back and forward and after a reload, moving focus to the heading', async () => {
    const el = await catalog();
    await type(el, 'Gewerbe');
    await openFirst(el);
    const url = new URL(location.href);
    expect(url.searchParams.get('ozg-catalog')).to.equal('gewerbeanmeldung');
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('ozg-catalog-heading');

    history.back();
    await waitUntil(() => $(el, '[part="results"]'), 'list after back', { timeout: 5000 });
    expect($<HTMLInputElement>(el, '#ozg-search')!.value).to.equal('Gewerbe');
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('ozg-catalog-heading');

    history.forward();
    await waitUntil(() => $(el, '[part="detail"]'), 'detail after forward', { timeout: 5000 });

    // Another widget's history entry leaves this view and the citizen's focus alone.
    const outside = await fixture<HTMLButtonElement>(html`<button>outside</button>`);
    outside.focus();
    history.pushState(null, '', `${location.href}&other-widget=1`);
    history.back();
    await new Promise((resolve) => setTimeout(resolve, 100));
    el.requestUpdate();
    await el.updateComplete;
    expect(document.activeElement).to.equal(outside);
    expect($(el, '[part="detail"]')).to.exist;

    // A "reload": a fresh element on the same URL opens the same service.
    const fresh = await fixture<OzgServiceCatalog>(
      html`<ozg-service-catalog endpoint=${backend.endpoint} tenant=${backend.tenant}></ozg-service-catalog>`,
    );
    await waitUntil(() => $(fresh, '[part="detail"]'), 'detail after reload', { timeout: 5000 });
    expect($(fresh, '[part="heading"]')!.textContent).to.contain('Gewerbe');
  });

  it('„Zurück zur Übersicht“ restores the search, category and results the service was opened from', async () => {
    for (const routing of ['query', 'none']) {
      const el = await catalog({ routing });
      const select = $<HTMLSelectElement>(el, '#ozg-category')!;
      select.value = 'familie';
      select.dispatchEvent(new Event('change'));
      await type(el, 'beantragen');
      const before = resultNames(el);
      expect(before.length, routing).to.be.greaterThan(1);
      await openFirst(el);
      if (routing === 'query') {
        const url = new URL(location.href);
        expect(url.searchParams.get('ozg-catalog-q')).to.equal('beantragen');
        expect(url.searchParams.get('ozg-catalog-category')).to.equal('familie');
      }
      $<HTMLElement>(el, '[part="back-link"]')!.click();
      await waitUntil(() => $(el, '[part="results"]'), 'list after back', { timeout: 5000 });
      expect($<HTMLInputElement>(el, '#ozg-search')!.value, routing).to.equal('beantragen');
      expect($<HTMLSelectElement>(el, '#ozg-category')!.value, routing).to.equal('familie');
      expect(resultNames(el), routing).to.deep.equal(before);
      await el.updateComplete;
      expect(root(el).activeElement?.id).to.equal('ozg-catalog-heading');
      history.replaceState(null, '', startUrl);
    }
  });

  it('leaves the URL alone with routing="none"', async () => {
    const before = location.href;
    const el = await catalog({ routing: 'none' });
    await type(el, 'Gewerbe');
    await openFirst(el);
    expect(location.href).to.equal(before);
  });
});

describe('<ozg-service-catalog> as a guest on the host page', () => {
  it('keeps its layout under hostile global CSS and fits a 320 px phone without horizontal scrolling', async () => {
    const style = document.createElement('style');
    style.textContent =
      'div, p, a, button, input, h2, h3, ul, li, [part] { display: inline !important; color: red !important;' +
      ' inline-size: 2000px !important; font-size: 40px !important }';
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<section style="inline-size: 320px">
          <ozg-service-catalog
            endpoint=${backend.endpoint}
            tenant=${backend.tenant}
            routing="none"
            service="fahrzeugzulassung"
          ></ozg-service-catalog>
        </section>`,
      );
      const el = wrapper.querySelector('ozg-service-catalog')!;
      await waitUntil(() => $(el, '[part="detail"]'), 'detail', { timeout: 5000 });
      const start = $(el, '[part="start-button"]')!;
      expect(getComputedStyle(start).display).to.equal('inline-flex');
      expect(getComputedStyle($(el, '.summary')!).color).not.to.equal('rgb(255, 0, 0)');
      expect(el.scrollWidth).to.be.at.most(320);
      expect(start.getBoundingClientRect().width).to.be.at.most(320);
      const heading = $(el, '[part="heading"]')!;
      expect(heading.getBoundingClientRect().width).to.be.at.most(320);
    } finally {
      style.remove();
    }
  });
});

describe('<ozg-service-catalog> failures and untrusted text', () => {
  it('shows an accessible skeleton while loading', async () => {
    const el = document.createElement('faulty-service-catalog') as FaultyCatalog;
    el.fetchImpl = () => new Promise(() => undefined);
    el.setAttribute('endpoint', backend.endpoint);
    el.setAttribute('tenant', backend.tenant);
    const host = await fixture(html`<div></div>`);
    host.append(el);
    await el.updateComplete;
    expect($(el, '[part="loading"]')!.textContent).to.contain('Leistungen werden geladen');
    await expect(el).to.be.accessible();
  });

  for (const [name, answer] of [
    ['a malformed answer', () => Promise.resolve(json({ services: 'nope' }))],
    ['an unreachable backend', () => Promise.reject(new TypeError('Failed to fetch'))],
  ] as const) {
    it(`turns ${name} into a message with a working retry`, async () => {
      const el = document.createElement('faulty-service-catalog') as FaultyCatalog;
      el.fetchImpl = answer;
      el.setAttribute('endpoint', backend.endpoint);
      el.setAttribute('tenant', backend.tenant);
      const host = await fixture<HTMLElement>(html`<div></div>`);
      const reported: CustomEvent[] = [];
      host.addEventListener('ozg-error', (e) => reported.push(e));
      host.append(el);
      await waitUntil(() => $(el, '[part="error"]'), 'error', { timeout: 5000 });
      expect($(el, '[role="alert"]')!.textContent).not.to.contain('nope');
      // The host page hears of it once, with the message the citizen sees.
      expect(reported.map((e) => e.detail.code)).to.deep.equal(['load']);
      expect($(el, '[role="alert"]')!.textContent).to.contain(reported[0]!.detail.message);
      expect(reported[0]!.detail.retryable).to.equal(true);
      await expect(el).to.be.accessible();
      el.fetchImpl = (input, init) => fetch(input, init);
      $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
      await waitUntil(() => $(el, '[part="results"]'), 'results after retry', { timeout: 5000 });
    });
  }

  it('offers to search the place again when that search fails', async () => {
    const el = document.createElement('faulty-service-catalog') as FaultyCatalog;
    el.setAttribute('endpoint', backend.endpoint);
    el.setAttribute('tenant', backend.tenant);
    el.setAttribute('routing', 'none');
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.append(el);
    await waitUntil(() => $(el, '[part="results"]'), 'results', { timeout: 5000 });
    await type(el, 'Gewerbe anmelden');
    await openFirst(el);
    el.fetchImpl = (input, init) =>
      String(input).includes('/locations')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetch(input, init);
    $<HTMLInputElement>(el, '#ozg-place')!.value = '25746';
    $<HTMLButtonElement>(el, '.place-form button[type="submit"]')!.click();
    await waitUntil(() => $(el, '[part="retry-button"]'), 'retry for the place search', { timeout: 5000 });
    await expect(el).to.be.accessible();
    el.fetchImpl = (input, init) => fetch(input, init);
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await waitUntil(() => $(el, '[part="authority"]'), 'authority after retry', { timeout: 5000 });
  });

  it('says so when the backend is slow, and explains an unknown service in the URL', async () => {
    const el = document.createElement('faulty-service-catalog') as FaultyCatalog;
    el.fetchImpl = () => new Promise(() => undefined);
    el.setAttribute('endpoint', backend.endpoint);
    el.setAttribute('tenant', backend.tenant);
    el.setAttribute('routing', 'none');
    const host = await fixture(html`<div></div>`);
    host.append(el);
    await waitUntil(() => root(el).textContent!.includes('länger als gewohnt'), 'slow notice', {
      timeout: 6000,
    });
    el.remove();

    const unknown = await fixture<OzgServiceCatalog>(
      html`<ozg-service-catalog
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        service="gibt-es-nicht"
        routing="none"
      ></ozg-service-catalog>`,
    );
    await waitUntil(() => $(unknown, '[part="error"]'), 'error', { timeout: 5000 });
    await expect(unknown).to.be.accessible();
    $<HTMLButtonElement>(unknown, '[part="back-link"]')!.click();
    await waitUntil(() => $(unknown, '[part="results"]'), 'catalog after back', { timeout: 5000 });
  });

  it('shows markup in service texts as inert text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>Fett</b>';
    const el = document.createElement('faulty-service-catalog') as FaultyCatalog;
    el.fetchImpl = async (input) => {
      const url = String(input);
      if (url.includes('/services/evil'))
        return json({
          id: 'evil',
          name: { de: evil },
          summary: { de: evil },
          categories: [],
          fullText: { de: evil },
        });
      return json({
        services: [{ id: 'evil', name: { de: evil }, summary: { de: evil }, categories: [] }],
        categories: [],
        total: 1,
      });
    };
    el.setAttribute('endpoint', backend.endpoint);
    el.setAttribute('tenant', backend.tenant);
    el.setAttribute('routing', 'none');
    const host = await fixture(html`<div></div>`);
    host.append(el);
    await waitUntil(() => $(el, '[part="results"]'), 'results', { timeout: 5000 });
    expect(resultNames(el)[0]).to.equal(evil);
    await openFirst(el);
    expect(root(el).querySelector('img, b')).to.equal(null);
    expect(root(el).textContent).to.contain('<b>Fett</b>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
