/**
 * Routing by the place of the matter, as the citizen meets it in `<ozg-form>` against the real backend: a business
 * outside the area is reported at the business address when the citizen leaves that step, the check-answers page
 * names the authority the application goes to, and the confirmation is a receipt worth keeping.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import { OzgForm } from '../../../src/ozg-form.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import { nextStep as next } from '../../helpers/dom.ts';
import { draftKey, gewerbeAnswers } from '../../helpers/answers.ts';

/** The real element; a test may hold a request back to act while it runs. */
class HeldForm extends OzgForm {
  fakeFetch: typeof fetch | undefined;
  protected override apiOptions(): ApiClientOptions {
    return this.fakeFetch ? { fetch: this.fakeFetch } : {};
  }
}
customElements.define('held-ozg-form', HeldForm);

let backend: TestBackend;
const DRAFT = draftKey('gewerbeanmeldung');
const root = (el: OzgForm) => el.shadowRoot!;
const text = (el: OzgForm, selector: string) =>
  root(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

/** The Gewerbeanmeldung opened through a saved draft: at a step, or (`review`) on the check-answers page. */
async function openGewerbe(
  answers: Record<string, unknown>,
  at: { stepId: string } | 'review',
  fakeFetch?: typeof fetch,
): Promise<OzgForm> {
  const where = at === 'review' ? { review: true } : at;
  localStorage.setItem(DRAFT, JSON.stringify({ answers, ...where, savedAt: new Date().toISOString() }));
  const el = await fixture<HeldForm>(
    html`<held-ozg-form
      endpoint=${backend.endpoint}
      tenant=${backend.tenant}
      service-id="gewerbeanmeldung"
      status-url="https://www.dithmarschen.example/status"
      .fakeFetch=${fakeFetch}
    ></held-ozg-form>`,
  );
  await waitUntil(() => root(el).querySelector('.actions .ozg-button'), 'draft not offered', {
    timeout: 5000,
  });
  root(el).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
  await el.updateComplete;
  return el;
}

function type(el: OzgForm, id: string, value: string): void {
  const input = root(el).getElementById(`f.${id}`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function sendFromReview(el: OzgForm): Promise<void> {
  await waitUntil(() => root(el).getElementById('f.consent'), 'no review page');
  root(el).getElementById('f.consent')!.click();
  await el.updateComplete;
  root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
}

describe('<ozg-form> routing by the place of the matter', () => {
  before(async () => {
    backend = await testBackend();
  });
  afterEach(() => localStorage.removeItem(DRAFT));

  it('reports a business outside the area at its postal code when the citizen leaves that step', async () => {
    const answers = gewerbeAnswers({ plz: '20095', ort: 'Hamburg' }, { plz: '24103', ort: 'Kiel' });
    const el = await openGewerbe(answers, { stepId: 'betriebsstaette' });
    expect(text(el, '[part="service-name"]')).to.equal('Gewerbe anmelden');
    await next(el);
    // Still the business step, the reason at the field and in the summary, focus on the summary.
    expect(text(el, '#title')).to.equal('Betriebsstätte');
    const error = text(el, '#f\\.betrieb_plz\\.error');
    expect(error).to.contain('Betrieb in 24103 Kiel');
    expect(error).to.contain('Gemeinde an, in der der Betrieb liegt');
    expect(text(el, '#summary')).to.contain('24103 Kiel');
    expect(root(el).activeElement?.id).to.equal('summary');
    expect(root(el).querySelector('[part="retry-button"]')).to.equal(null);
    await expect(el).to.be.accessible();

    type(el, 'betrieb_plz', '25746');
    type(el, 'betrieb_ort', 'Heide');
    await next(el);
    expect(text(el, '#title')).to.equal('Erklärung');
    await next(el);
    // The check-answers page names the service and where the application goes.
    expect(text(el, '[part="service-name"]')).to.equal('Gewerbe anmelden');
    await waitUntil(() => root(el).querySelector('[part="responsible"]'), 'no authority named');
    expect(text(el, '[part="responsible"]')).to.equal(
      'Ihr Antrag geht an: Stadt Heide – Ordnungs- und Gewerbeamt (zuständig für Heide).',
    );
  });

  it('checks the place again when it was changed during the look-up, and keeps the reason on leaving the field', async () => {
    let release: () => void = () => undefined;
    let held: Promise<void> | undefined;
    const el = await openGewerbe(gewerbeAnswers(), { stepId: 'betriebsstaette' }, (input, init) => {
      if (!String(input).includes('/responsible?') || held) return fetch(input, init);
      // The first look-up (Heide) waits until the citizen has typed another place.
      held = new Promise<void>((resolve) => (release = resolve));
      return held.then(() => fetch(input, init));
    });
    root(el).querySelector<HTMLButtonElement>('[part="next-button"]')!.click();
    await el.updateComplete;
    const button = root(el).querySelector('[part="next-button"]')!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Zuständige Stelle wird ermittelt …');
    type(el, 'betrieb_plz', '24103');
    type(el, 'betrieb_ort', 'Kiel');
    release();
    await waitUntil(() => root(el).querySelector('#summary'), 'the new place was not checked', {
      timeout: 5000,
    });
    expect(text(el, '#title')).to.equal('Betriebsstätte');
    expect(text(el, '#f\\.betrieb_plz\\.error')).to.contain('Betrieb in 24103 Kiel');

    // Leaving the field does not wipe the backend's reason while the answer is the same …
    const plz = root(el).getElementById('f.betrieb_plz') as HTMLInputElement;
    plz.focus();
    plz.blur();
    await el.updateComplete;
    expect(text(el, '#f\\.betrieb_plz\\.error')).to.contain('Betrieb in 24103 Kiel');
    // … and a new answer clears it.
    type(el, 'betrieb_plz', '25746');
    plz.blur();
    await el.updateComplete;
    expect(root(el).getElementById('f.betrieb_plz.error')).to.equal(null);
  });

  it('leads from the check-answers page to a place no authority handles before anything is sent', async () => {
    const el = await openGewerbe(gewerbeAnswers(undefined, { plz: '24103', ort: 'Kiel' }), 'review');
    await waitUntil(() => root(el).querySelector('#summary'), 'not led to the place', { timeout: 5000 });
    expect(text(el, '#title')).to.equal('Betriebsstätte');
    expect(text(el, '#f\\.betrieb_plz\\.error')).to.contain('Betrieb in 24103 Kiel');
  });

  it('names the service, not the form, also when opened by form id', async () => {
    const el = await fixture<OzgForm>(
      html`<ozg-form
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        form-id="gewerbeanmeldung"
      ></ozg-form>`,
    );
    await waitUntil(() => root(el).querySelector('form'), 'no form', { timeout: 5000 });
    expect(text(el, '[part="service-name"]')).to.equal('Gewerbe anmelden');
  });

  it('sends the citizen back to the business address when the server finds no authority', async () => {
    const errors: { code: string; message: string; retryable: boolean }[] = [];
    const listen = (e: CustomEvent<{ code: string; message: string; retryable: boolean }>) =>
      errors.push(e.detail);
    document.addEventListener('ozg-error', listen);
    try {
      const el = await openGewerbe(gewerbeAnswers(undefined, { plz: '24103', ort: 'Kiel' }), 'review');
      await sendFromReview(el);
      await waitUntil(() => root(el).querySelector('#summary'), 'no summary');
      expect(text(el, '#title')).to.equal('Betriebsstätte');
      expect(text(el, '#f\\.betrieb_plz\\.error')).to.contain('Betrieb in 24103 Kiel');
      expect(root(el).querySelector('[part="retry-button"]')).to.equal(null);
      expect(errors).to.have.length(1);
      expect(errors[0]!.code).to.equal('submit');
      expect(errors[0]!.retryable).to.equal(false);
      expect(errors[0]!.message).to.contain('Betrieb in 24103 Kiel');
    } finally {
      document.removeEventListener('ozg-error', listen);
    }
  });

  for (const [who, home] of [
    ['in Hamburg', { plz: '20095', ort: 'Hamburg' }],
    ['abroad', { abroad: { staat: 'Dänemark', plz: '6700', ort: 'Esbjerg' } }],
  ] as const) {
    it(`sends a business in Heide of someone living ${who} to Heide, with a receipt worth keeping`, async () => {
      const el = await openGewerbe(gewerbeAnswers(home), 'review');
      const submitted = oneEvent(el, 'ozg-submitted');
      await sendFromReview(el);
      const { detail } = await submitted;
      await waitUntil(() => root(el).querySelector('[part="confirmation"]'), 'no confirmation');
      const receipt = text(el, '[part="confirmation"]')!;
      expect(text(el, '[part="service-name"]')).to.equal('Gewerbe anmelden');
      expect(receipt).to.contain('Ihr Antrag ist eingegangen');
      expect(receipt).to.contain(detail.reference);
      expect(receipt).to.contain('Stadt Heide – Ordnungs- und Gewerbeamt');
      expect(receipt).to.contain('Wie es weitergeht');
      // Date and time of receipt in German time, whatever the computer's clock zone.
      expect(receipt).to.match(
        /Eingegangen am \d{1,2}\. [A-Za-zä]+ \d{4} um \d{2}:\d{2} \(deutsche Zeit\)\./,
      );
      await expect(el).to.be.accessible();
    });
  }

  it('prints the confirmation without its buttons', async () => {
    const el = await openGewerbe(gewerbeAnswers(), 'review');
    await sendFromReview(el);
    await waitUntil(() => root(el).querySelector('[part="confirmation"]'), 'no confirmation');
    const actions = root(el).querySelector<HTMLElement>('[part="confirmation"] .actions')!;
    expect(actions.checkVisibility()).to.equal(true);
    await emulateMedia({ media: 'print' });
    try {
      expect(actions.checkVisibility()).to.equal(false);
      expect(root(el).querySelector<HTMLElement>('[part="confirmation"] .code')!.checkVisibility()).to.equal(
        true,
      );
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('shows the way to the catalog, not an error, when it has no service to show', async () => {
    const errors: unknown[] = [];
    const listen = (e: Event) => errors.push(e);
    document.addEventListener('ozg-error', listen);
    const el = await fixture<OzgForm>(
      html`<ozg-form
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        catalog-url="/leistungen"
      ></ozg-form>`,
    );
    await waitUntil(() => root(el).querySelector('[part="choose-service"]'), 'no notice');
    document.removeEventListener('ozg-error', listen);
    expect(text(el, '[part="choose-service"]')).to.contain('Bitte wählen Sie zuerst die Leistung aus');
    const link = root(el).querySelector<HTMLAnchorElement>('[part="choose-service"] a')!;
    expect(link.getAttribute('href')).to.equal('/leistungen');
    expect(root(el).querySelector('[part="error"], [part="retry-button"]')).to.equal(null);
    expect(errors).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
