import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { ApiClient, ApiError, type ApiClientOptions } from '../../../src/client/index.ts';
import { OzgForm } from '../../../src/ozg-form.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import { nextStep as next } from '../../helpers/dom.ts';
import { assemblyAnswers, draftKey as DRAFT, SAMPLE_FORM_VERSION } from '../../helpers/answers.ts';

/** The real element, with an injectable `fetch` for the failure cases only. */
class TestForm extends OzgForm {
  fakeFetch: typeof fetch | undefined;
  protected override apiOptions(): ApiClientOptions {
    return this.fakeFetch ? { fetch: this.fakeFetch, retry: { baseDelayMs: 5, maxDelayMs: 10 } } : {};
  }
}
customElements.define('test-ozg-form', TestForm);

let backend: TestBackend;

/** Only this file's forms: the other test file of the element runs beside it on the same origin. */
function clearDrafts(): void {
  for (const key of Object.keys(localStorage))
    if (/^ozg-form-draft:[^:]+:(versammlungsanzeige|evil|gibt-es-nicht|eingaben):/.test(key))
      localStorage.removeItem(key);
}

/** Opens a form at a step through a saved draft, as a citizen coming back to it would. */
async function openAt(formId: string, stepId: string, answers: Record<string, unknown>): Promise<OzgForm> {
  localStorage.setItem(DRAFT(formId), JSON.stringify({ answers, stepId, savedAt: new Date().toISOString() }));
  const el = await fixture<OzgForm>(
    html`<ozg-form endpoint=${backend.endpoint} tenant=${backend.tenant} form-id=${formId}></ozg-form>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('.actions .ozg-button'), 'draft not offered');
  el.shadowRoot!.querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
  await el.updateComplete;
  return el;
}

async function mount(
  formId = 'versammlungsanzeige',
  fakeFetch?: typeof fetch,
  extra = '',
): Promise<TestForm> {
  const el = await fixture<TestForm>(
    html`<test-ozg-form
      endpoint=${backend.endpoint}
      tenant=${backend.tenant}
      form-id=${formId}
      status-url=${extra || 'https://www.dithmarschen.example/status'}
      .fakeFetch=${fakeFetch}
    ></test-ozg-form>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('form, .ozg-alert'), 'form not shown', {
    timeout: 5000,
  });
  await el.updateComplete;
  return el;
}

const root = (el: OzgForm) => el.shadowRoot!;
const byId = <T extends HTMLElement = HTMLInputElement>(el: OzgForm, id: string) =>
  root(el).getElementById(`f.${id}`) as T | null;

function type(el: OzgForm, id: string, value: string): void {
  const input = byId(el, id)!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Types a date into its three inputs (Tag, Monat, Jahr), as a citizen would: each fires `input`. */
function typeDate(el: OzgForm, id: string, day: string, month: string, year: string): void {
  const inputs = byId(el, id)!.closest('.date')!.querySelectorAll('input');
  [day, month, year].forEach((value, i) => {
    inputs[i]!.value = value;
    inputs[i]!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
}

function pick(el: OzgForm, id: string, value: string): void {
  const input = [...root(el).querySelectorAll<HTMLInputElement>(`input[name="f.${id}"]`)].find(
    (i) => i.value === value,
  );
  if (!input) throw new Error(`no option ${value} for ${id}`);
  input.click();
}

/** In the layout and the accessibility tree (hidden fields of the step stay in the DOM, `hidden`). */
const shown = (el: OzgForm, id: string) => byId(el, id)?.checkVisibility() ?? false;

const heading = (el: OzgForm) => root(el).querySelector('#title')?.textContent?.trim();

/** Fills every step of the assembly notice with valid answers and ends on the review page. */
/** Every step filled and the consent given: the check-answers page, one click from sending. */
async function readyToSend(el: OzgForm): Promise<void> {
  await fillAll(el);
  root(el).getElementById('f.consent')!.click();
  await el.updateComplete;
}

async function fillAll(el: OzgForm): Promise<void> {
  pick(el, 'veranstalter_art', 'person');
  type(el, 'vorname', 'Erika');
  type(el, 'familienname', 'Mustermann');
  type(el, 'strasse', 'Markt 1');
  type(el, 'plz', '25746');
  type(el, 'ort', 'Heide');
  type(el, 'email', 'erika@example.org');
  type(el, 'telefon', '0481 12345');
  await next(el);
  pick(el, 'leitung_selbst', 'ja');
  await next(el);
  type(el, 'thema', 'Mehr Bäume');
  typeDate(el, 'datum', '1', '5', String(new Date().getFullYear() + 1));
  type(el, 'beginn', '10:00');
  type(el, 'ende', '12:00');
  pick(el, 'form', 'ortsfest');
  type(el, 'versammlung_plz', '25746');
  type(el, 'versammlung_ort', 'Heide');
  await el.updateComplete;
  type(el, 'kundgebungsort', 'Marktplatz Heide');
  await next(el);
  type(el, 'teilnehmende', '20');
  await next(el);
  // The last step leads to the check-answers page, where the application is sent.
  expect(heading(el)).to.equal('Erklärung');
  expect(root(el).querySelector('[part="next-button"]')!.textContent!.trim()).to.equal('Weiter zur Prüfung');
  byId(el, 'richtigkeit')!.click();
  await next(el);
}

describe('<ozg-form>', () => {
  before(async () => {
    backend = await testBackend();
  });
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('loads a definition from the backend and shows step 1 with labels, hints and progress', async () => {
    const el = await mount();
    expect(root(el).querySelector('.progress')!.textContent).to.equal('Schritt 1 von 5');
    expect(heading(el)).to.equal('Veranstalterin oder Veranstalter');
    const email = byId(el, 'email')!;
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('email');
    expect(root(el).querySelector('label[for="f.email"]')!.textContent).to.contain('E-Mail');
    const plz = byId(el, 'plz')!;
    expect(plz.getAttribute('inputmode')).to.equal('numeric');
    const legend = root(el).querySelector('fieldset legend');
    expect(legend).to.exist;
    // only the current step is in the DOM
    expect(byId(el, 'thema')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows an error summary on "Weiter", focuses it, and its links focus the fields', async () => {
    const el = await mount();
    await next(el);
    const summary = root(el).querySelector<HTMLElement>('#summary')!;
    expect(summary).to.exist;
    expect(root(el).activeElement).to.equal(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.length).to.be.greaterThan(5);
    const vorname = byId(el, 'vorname')!;
    expect(vorname.getAttribute('aria-invalid')).to.equal('true');
    expect(vorname.getAttribute('aria-describedby')).to.contain('f.vorname.error');
    const link = links.find((a) => a.getAttribute('href') === '#f.vorname')!;
    link.click();
    expect(root(el).activeElement).to.equal(vorname);
    await expect(el).to.be.accessible();
    // still on step 1
    expect(root(el).querySelector('.progress')!.textContent).to.equal('Schritt 1 von 5');
  });

  it('validates a field when it is left, not while typing', async () => {
    const el = await mount();
    type(el, 'email', 'erika@');
    await el.updateComplete;
    expect(root(el).getElementById('f.email.error')).to.equal(null);
    byId(el, 'vorname')!.focus();
    await el.updateComplete;
    expect(root(el).getElementById('f.email.error')!.textContent).to.match(/E-Mail/);
    type(el, 'email', 'erika@example.org');
    await el.updateComplete;
    expect(root(el).getElementById('f.email.error')).to.equal(null);
  });

  it('applies conditions live and leaves hidden answers out of the review', async () => {
    const el = await mount();
    expect(shown(el, 'organisation')).to.equal(false);
    pick(el, 'veranstalter_art', 'organisation');
    await el.updateComplete;
    expect(shown(el, 'organisation')).to.equal(true);
    type(el, 'organisation', 'Verein der Baumfreunde');
    pick(el, 'veranstalter_art', 'person');
    await el.updateComplete;
    expect(shown(el, 'organisation')).to.equal(false);
    await fillAll(el);
    expect(heading(el)).to.equal('Angaben prüfen');
    expect(root(el).textContent).not.to.contain('Verein der Baumfreunde');
  });

  it('reviews, submits once with consent and confirms with reference and access code', async () => {
    const el = await mount();
    const steps: string[] = [];
    el.addEventListener('ozg-step-change', (e) => steps.push(e.detail.stepId));
    await fillAll(el);
    expect(steps).to.deep.equal(['leitung', 'versammlung', 'ablauf', 'abschluss', 'review']);
    expect(root(el).textContent).to.contain('Marktplatz Heide');
    await expect(el).to.be.accessible();
    const submit = root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!;
    submit.click();
    await el.updateComplete;
    expect(root(el).querySelector('#summary')!.textContent).to.contain('Datenschutzhinweise');
    root(el).getElementById('f.consent')!.click();
    await el.updateComplete;
    const submitted = oneEvent(el, 'ozg-submitted');
    submit.click();
    submit.click(); // a double click must not submit twice
    const { detail } = await submitted;
    expect(detail.reference).to.match(/^DI-\d{4}-\d{6}$/);
    await waitUntil(() => root(el).querySelector('[part="confirmation"]'));
    const confirmation = root(el).querySelector('[part="confirmation"]')!;
    expect(confirmation.textContent).to.contain(detail.reference);
    expect(confirmation.textContent).to.contain('Zugangscode');
    // The access code travels in the fragment only: browsers never send it to the status page's server.
    // Shown in groups of four, as people copy it by hand; the link carries it without spaces.
    const shownCode = confirmation.querySelectorAll('dd.code')[1]!.textContent!.trim();
    expect(shownCode).to.match(/^[A-Z0-9]{4}( [A-Z0-9]{4})+$/);
    const accessCode = shownCode.replace(/ /g, '');
    const link = new URL(confirmation.querySelector('a')!.href);
    expect(`${link.origin}${link.pathname}`).to.equal('https://www.dithmarschen.example/status');
    expect(link.searchParams.get('reference')).to.equal(detail.reference);
    expect(link.search).not.to.contain(accessCode);
    expect(link.hash).to.equal(`#access-code=${encodeURIComponent(accessCode)}`);
    expect(new URLSearchParams(link.hash.slice(1)).get('access-code')).to.equal(accessCode);
    expect(localStorage.getItem(DRAFT('versammlungsanzeige'))).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('restores the draft after a reload', async () => {
    const first = await mount();
    type(first, 'vorname', 'Erika');
    pick(first, 'veranstalter_art', 'organisation');
    await first.updateComplete;
    type(first, 'organisation', 'Baumfreunde e. V.');
    await Promise.resolve();
    first.remove();
    const second = await mount();
    expect(root(second).textContent).to.contain('Fortfahren');
    root(second).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await second.updateComplete;
    expect(byId(second, 'vorname')!.value).to.equal('Erika');
    expect(byId(second, 'organisation')!.value).to.equal('Baumfreunde e. V.');
  });

  it('returns to the review page with the consent after a reload', async () => {
    const first = await mount();
    await fillAll(first);
    root(first).getElementById('f.consent')!.click();
    await first.updateComplete;
    await Promise.resolve();
    first.remove();
    const second = await mount();
    expect(root(second).textContent).to.contain('Fortfahren');
    const steps: string[] = [];
    second.addEventListener('ozg-step-change', (e) => steps.push(e.detail.stepId));
    root(second).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await second.updateComplete;
    expect(heading(second)).to.equal('Angaben prüfen');
    expect(steps).to.deep.equal(['review']);
    expect(root(second).textContent).to.contain('Marktplatz Heide');
    expect((root(second).getElementById('f.consent') as HTMLInputElement).checked).to.equal(true);
    await expect(second).to.be.accessible();
    // "Zurück" from the restored review leads to the last step, which is saved as the place to return to.
    root(second).querySelector<HTMLButtonElement>('.actions .ozg-button--secondary')!.click();
    await second.updateComplete;
    expect(root(second).querySelector('.progress')!.textContent).to.equal('Schritt 5 von 5');
    await Promise.resolve();
    second.remove();
    const third = await mount();
    root(third).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await third.updateComplete;
    expect(root(third).querySelector('.progress')!.textContent).to.equal('Schritt 5 von 5');
    expect(byId(third, 'richtigkeit')!.checked).to.equal(true);
  });

  it('returns to a step opened with "Ändern" and leads back to the review after a reload', async () => {
    const first = await mount();
    await fillAll(first);
    const change = [...root(first).querySelectorAll<HTMLButtonElement>('section button.link')][2]!;
    change.click();
    await first.updateComplete;
    expect(heading(first)).to.equal('Thema, Zeit und Ort');
    await Promise.resolve();
    first.remove();
    const second = await mount();
    root(second).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await second.updateComplete;
    expect(heading(second)).to.equal('Thema, Zeit und Ort');
    expect(byId(second, 'thema')!.value).to.equal('Mehr Bäume');
    await next(second);
    expect(heading(second)).to.equal('Angaben prüfen');
    await expect(second).to.be.accessible();
  });

  it('shows markup in labels and hints as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const fake: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/forms/evil')) {
        const definition = {
          id: 'evil',
          version: 1,
          title: { de: `Titel ${evil}` },
          steps: [
            {
              id: 's1',
              title: { de: 'Schritt' },
              fields: [{ id: 'a', type: 'text', label: { de: `Name ${evil}` }, hint: { de: `<b>fett</b>` } }],
            },
          ],
        };
        return new Response(JSON.stringify(definition), { headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const el = await mount('evil', fake);
    expect(root(el).querySelector('img, b')).to.equal(null);
    expect(root(el).querySelector('label[for="f.a"]')!.textContent).to.contain(evil);
    expect(root(el).getElementById('f.a.hint')!.textContent).to.contain('<b>fett</b>');
  });

  it('maps server field errors onto the fields', async () => {
    const fake: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/submissions')) {
        const problem = {
          type: 'urn:ozg:problem:validation',
          title: 'Bitte die markierten Angaben prüfen.',
          status: 422,
          errors: [{ pointer: '/data/email', detail: 'Diese Adresse wird nicht angenommen.', code: 'x' }],
        };
        return new Response(JSON.stringify(problem), {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
        });
      }
      return fetch(input, init);
    };
    const el = await mount('versammlungsanzeige', fake);
    await readyToSend(el);
    root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await waitUntil(() => root(el).getElementById('f.email.error'), 'error not shown');
    expect(root(el).getElementById('f.email.error')!.textContent).to.contain('nicht angenommen');
    expect(root(el).querySelector('.progress')!.textContent).to.equal('Schritt 1 von 5');
    expect(byId(el, 'email')!.value).to.equal('erika@example.org');
  });

  it("keeps a form opened during a slow submission, and still deletes the sent form's draft", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const fake: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/submissions')) await held;
      return fetch(input, init);
    };
    const el = await mount('versammlungsanzeige', fake);
    await readyToSend(el);
    const submitted = oneEvent(el, 'ozg-submitted');
    root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(localStorage.getItem(DRAFT('versammlungsanzeige'))).to.not.equal(null);
    // The page shows another form while the first one is on its way.
    el.setAttribute('form-id', 'gibt-es-nicht');
    await waitUntil(() => root(el).querySelector('[part="error"]'), 'the other form', { timeout: 5000 });
    release();
    expect((await submitted).detail.formId).to.equal('versammlungsanzeige');
    await el.updateComplete;
    expect(root(el).querySelector('[part="confirmation"]')).to.equal(null);
    expect(localStorage.getItem(DRAFT('versammlungsanzeige'))).to.equal(null);
  });

  it('stores one submission when the answer to the first attempt is lost', async () => {
    const keys: string[] = [];
    const replayed: (string | null)[] = [];
    const fake: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/submissions')) {
        keys.push(new Headers(init?.headers).get('Idempotency-Key') ?? '');
        replayed.push(response.headers.get('Idempotent-Replayed'));
        // The backend stored it, but the answer never arrives.
        if (keys.length === 1) throw new TypeError('Failed to fetch');
      }
      return response;
    };
    const el = await mount('versammlungsanzeige', fake);
    await readyToSend(el);
    const submitted = oneEvent(el, 'ozg-submitted');
    root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await submitted;
    expect(keys.length).to.equal(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(replayed[1]).to.equal('true');
  });

  it('keeps the input after a network failure and submits on retry', async () => {
    let offline = true;
    const fake: typeof fetch = async (input, init) => {
      if (offline && String(input).endsWith('/submissions')) throw new TypeError('Failed to fetch');
      return fetch(input, init);
    };
    const el = await mount('versammlungsanzeige', fake);
    await readyToSend(el);
    const failed = oneEvent(el, 'ozg-error');
    root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await waitUntil(() => root(el).querySelector('[part="error"]'), 'no error shown');
    expect(root(el).textContent).to.contain('Marktplatz Heide');
    const { detail: error } = await failed;
    expect(error.code).to.equal('submit');
    expect(error.retryable).to.equal(true);
    expect(root(el).querySelector('[part="error"]')!.textContent).to.contain(error.message);
    offline = false;
    const submitted = oneEvent(el, 'ozg-submitted');
    root(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    const { detail } = await submitted;
    expect(detail.reference).to.match(/^DI-/);
  });

  it('can be filled and submitted with the keyboard only', async () => {
    const el = await mount();
    const radio = root(el).querySelector<HTMLInputElement>('input[name="f.veranstalter_art"]')!;
    radio.focus();
    await sendKeys({ press: 'Space' });
    const answers: [string, string][] = [
      ['vorname', 'Erika'],
      ['familienname', 'Mustermann'],
      // "Ich wohne nicht in Deutschland" stays unticked.
      ['wohnsitz_ausland', ''],
      ['strasse', 'Markt 1'],
      ['plz', '25746'],
      ['ort', 'Heide'],
      ['email', 'erika@example.org'],
      ['telefon', '0481 12345'],
    ];
    for (const [, value] of answers) {
      await sendKeys({ press: 'Tab' });
      if (value) await sendKeys({ type: value });
    }
    expect(byId(el, 'telefon')!.value).to.equal('0481 12345');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root(el).querySelector('.progress')!.textContent).to.equal('Schritt 2 von 5');
    expect(root(el).activeElement?.id).to.equal('title');
  });

  it('speaks English with lang="en"', async () => {
    const el = await fixture<OzgForm>(
      html`<ozg-form
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        form-id="versammlungsanzeige"
        lang="en"
      ></ozg-form>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('form'));
    expect(root(el).querySelector('.progress')!.textContent).to.equal('Step 1 of 5');
    expect(root(el).querySelector('[part="next-button"]')!.textContent!.trim()).to.equal('Continue');
  });

  it('shows a polite error and no useless retry when the form does not exist', async () => {
    const errors: { code: string; message: string; retryable: boolean }[] = [];
    const listen = (e: CustomEvent<{ code: string; message: string; retryable: boolean }>) =>
      errors.push(e.detail);
    document.addEventListener('ozg-error', listen);
    const el = await mount('gibt-es-nicht');
    document.removeEventListener('ozg-error', listen);
    expect(root(el).querySelector('[part="error"]')!.textContent).to.contain('nicht gefunden');
    // A form that does not exist will not appear by trying again: no retry button.
    expect(root(el).querySelector('[part="retry-button"]')).to.equal(null);
    expect(errors).to.deep.equal([
      { code: 'load', message: 'Dieses Formular wurde nicht gefunden.', retryable: false },
    ]);
    await expect(el).to.be.accessible();
  });

  it('rejects the same invalid answers as the server does', async () => {
    const answers = assemblyAnswers({ plz: '2574', email: 'erika@' });
    let serverPointers: string[] = [];
    try {
      await new ApiClient(backend.endpoint).request('createSubmission', {
        idempotencyKey: crypto.randomUUID(),
        body: {
          tenantId: backend.tenant,
          serviceId: 'versammlungsanzeige',
          formId: 'versammlungsanzeige',
          formVersion: SAMPLE_FORM_VERSION,
          lang: 'de',
          data: answers,
        },
      });
      expect.fail('the server accepted invalid answers');
    } catch (error) {
      expect(error).to.be.instanceOf(ApiError);
      serverPointers = (error as ApiError).fieldErrors.map((e) => e.pointer.replace(/^\/data/, '')).sort();
    }
    const el = await openAt('versammlungsanzeige', 'abschluss', answers);
    root(el).querySelector<HTMLButtonElement>('[part="next-button"]')!.click();
    await el.updateComplete;
    root(el).getElementById('f.consent')!.click();
    await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await waitUntil(() => root(el).querySelector('#summary'), 'no summary');
    const clientPointers = [...root(el).querySelectorAll('#summary a')]
      .map((a) => '/' + a.getAttribute('href')!.slice('#f.'.length))
      .sort();
    expect(serverPointers).to.deep.equal(['/email', '/plz']);
    expect(clientPointers).to.deep.equal(serverPointers);
  });

  it('loads the form of a service by its id', async () => {
    const el = await fixture<OzgForm>(
      html`<ozg-form
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        service-id="versammlungsanzeige"
      ></ozg-form>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form not shown');
    expect(root(el).querySelector('.progress')!.textContent).to.equal('Schritt 1 von 5');
  });

  it('takes the service from the page address when neither form-id nor service-id is set', async () => {
    const page = location.href;
    history.replaceState(null, '', `${location.pathname}?service=versammlungsanzeige`);
    try {
      const el = await fixture<OzgForm>(
        html`<ozg-form endpoint=${backend.endpoint} tenant=${backend.tenant}></ozg-form>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form not shown');
      expect(heading(el)).to.equal('Veranstalterin oder Veranstalter');
      // An explicit form id wins over the page address.
      const other = await fixture<OzgForm>(
        html`<ozg-form
          endpoint=${backend.endpoint}
          tenant=${backend.tenant}
          form-id="gibt-es-nicht"
        ></ozg-form>`,
      );
      await waitUntil(() => other.shadowRoot!.querySelector('[part="error"]'), 'error not shown');
      expect(root(other).textContent).to.contain('nicht gefunden');
    } finally {
      history.replaceState(null, '', page);
    }
  });

  it('carries a draft of another form version over with what still fits', async () => {
    const older = DRAFT('versammlungsanzeige', 1);
    // An unknown field goes, and so does an answer whose field now wants another type (a radio, not a list).
    const saved = { vorname: 'Erika', feld_von_frueher: 'weg damit', veranstalter_art: ['organisation'] };
    localStorage.setItem(
      older,
      JSON.stringify({ answers: saved, review: true, consent: true, savedAt: new Date().toISOString() }),
    );
    // Two more drafts of other versions: an expired one and an older one. The newest is offered, none comes back.
    const day = 24 * 3600 * 1000;
    const otherDraft = (version: number, ago: number) =>
      localStorage.setItem(
        older.replace(/:1$/, `:${version}`),
        JSON.stringify({
          answers: { vorname: `v${version}` },
          savedAt: new Date(Date.now() - ago).toISOString(),
        }),
      );
    otherDraft(0, 9 * day);
    otherDraft(7, day);
    // The operator has published version 3 since the citizen began with version 1.
    const newerVersion: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/forms/versammlungsanzeige')) return response;
      const definition = { ...(await response.json()), version: 3 };
      return new Response(JSON.stringify(definition), { headers: { 'content-type': 'application/json' } });
    };
    const el = await mount('versammlungsanzeige', newerVersion);
    expect(root(el).textContent).to.contain('Das Formular wurde seitdem geändert');
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await el.updateComplete;
    // The first step, not the review page: steps and privacy text may have changed, so the consent is asked again.
    expect(byId(el, 'vorname')!.value).to.equal('Erika');
    expect(el.answers).to.deep.equal({ vorname: 'Erika' });
    await new Promise((r) => setTimeout(r, 20));
    const keys = Object.keys(localStorage).filter((k) => k.startsWith(older.slice(0, -1)));
    expect(keys).to.deep.equal([older.replace(/:1$/, ':3')]);
    const carried = JSON.parse(localStorage.getItem(older.replace(/:1$/, ':3'))!);
    expect(carried.answers).to.deep.equal({ vorname: 'Erika' });
    expect(carried.consent).to.equal(false);
    expect(carried.review).to.equal(false);
  });

  it("deletes the other version's draft when the citizen starts again", async () => {
    const older = DRAFT('versammlungsanzeige', 1);
    localStorage.setItem(
      older,
      JSON.stringify({ answers: { vorname: 'Erika' }, savedAt: new Date().toISOString() }),
    );
    const el = await mount();
    expect(root(el).textContent).to.contain('Das Formular wurde seitdem geändert');
    root(el).querySelector<HTMLButtonElement>('.actions .ozg-button--secondary')!.click();
    await el.updateComplete;
    expect(byId(el, 'vorname')!.value).to.equal('');
    expect(localStorage.getItem(older)).to.equal(null);
    // Starting again leaves nothing to come back to: the next visit offers no (empty) draft.
    await new Promise((r) => setTimeout(r, 20));
    el.remove();
    const again = await mount();
    expect(root(again).textContent).not.to.contain('Fortfahren');
  });

  it('offers no draft of another version when nothing of it fits any more', async () => {
    const older = DRAFT('versammlungsanzeige', 1);
    const savedAt = new Date().toISOString();
    localStorage.setItem(older, JSON.stringify({ answers: { weg: 'x', vorname: ' ' }, savedAt }));
    const el = await mount();
    expect(root(el).textContent).not.to.contain('Fortfahren');
    expect(localStorage.getItem(older)).to.equal(null);
  });

  it('forgets a draft "saved" more than a day ahead, as a wrong clock would', async () => {
    const ahead = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    localStorage.setItem(
      DRAFT('versammlungsanzeige'),
      JSON.stringify({ answers: { vorname: 'Erika' }, savedAt: ahead }),
    );
    const el = await mount();
    expect(root(el).textContent).not.to.contain('Fortfahren');
    expect(localStorage.getItem(DRAFT('versammlungsanzeige'))).to.equal(null);
  });

  it('forgets a draft nobody changed for a week instead of offering it', async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
    localStorage.setItem(
      DRAFT('versammlungsanzeige'),
      JSON.stringify({ answers: { vorname: 'Erika' }, savedAt: eightDaysAgo }),
    );
    const el = await mount();
    expect(root(el).textContent).not.to.contain('Fortfahren');
    expect(byId(el, 'vorname')!.value).to.equal('');
    expect(localStorage.getItem(DRAFT('versammlungsanzeige'))).to.equal(null);
  });

  it('keeps nothing on the device with no-draft', async () => {
    const el = await fixture<OzgForm>(
      html`<ozg-form
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        form-id="versammlungsanzeige"
        no-draft
      ></ozg-form>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form not shown');
    type(el, 'vorname', 'Erika');
    await new Promise((r) => setTimeout(r, 20));
    expect(localStorage.getItem(DRAFT('versammlungsanzeige'))).to.equal(null);
    expect(root(el).textContent).not.to.contain('zwischengespeichert');
  });
});

/** A small form of the test's own: a birth date, a number and a yes/no question, then a declaration. */
const EINGABEN = {
  id: 'eingaben',
  version: 1,
  title: { de: 'Eingaben', en: 'Inputs' },
  steps: [
    {
      id: 'angaben',
      title: { de: 'Angaben', en: 'Details' },
      fields: [
        {
          id: 'geburtsdatum',
          type: 'date',
          label: { de: 'Geburtsdatum', en: 'Date of birth' },
          required: true,
          autocomplete: 'bday',
          max: 'today',
        },
        {
          id: 'anzahl',
          type: 'number',
          label: { de: 'Anzahl', en: 'Number' },
          required: true,
          integer: true,
        },
        {
          id: 'erlaubnis',
          type: 'radio',
          label: { de: 'Haben Sie eine Erlaubnis?', en: 'Do you have a permit?' },
          required: true,
          options: [
            { value: 'ja', label: { de: 'Ja', en: 'Yes' } },
            { value: 'nein', label: { de: 'Nein', en: 'No' } },
          ],
        },
      ],
    },
    {
      id: 'erklaerung',
      title: { de: 'Erklärung', en: 'Declaration' },
      fields: [{ id: 'richtig', type: 'checkbox', label: { de: 'Das stimmt.' }, required: true }],
    },
  ],
};

const eingaben: typeof fetch = async (input, init) =>
  String(input).endsWith('/forms/eingaben')
    ? new Response(JSON.stringify(EINGABEN), { headers: { 'content-type': 'application/json' } })
    : fetch(input, init);

/** The three inputs of a date field, in their order on the page. */
const dateInputs = (el: OzgForm, id: string) => [
  ...byId(el, id)!.closest('.date')!.querySelectorAll<HTMLInputElement>('input'),
];

describe('<ozg-form> inputs', () => {
  before(async () => {
    backend = await testBackend();
  });
  beforeEach(clearDrafts);
  afterEach(clearDrafts);
  afterEach(() => resetMouse());

  it('lets a click land where it was aimed when leaving a field shows its error above it', async () => {
    const el = await mount('eingaben', eingaben);
    byId(el, 'anzahl')!.focus();
    await sendKeys({ type: '1,5' });
    const ja = root(el).querySelector<HTMLInputElement>('input[name="f.erlaubnis"]')!;
    ja.scrollIntoView({ block: 'center' });
    const before = ja.getBoundingClientRect();
    // A real mouse: pressing on „Ja“ moves the focus out of the number field before the button is released.
    await sendMouse({
      type: 'click',
      position: [Math.round(before.x + before.width / 2), Math.round(before.y + before.height / 2)],
    });
    await waitUntil(() => root(el).getElementById('f.anzahl.error'), 'the number was not checked');
    expect(ja.checked).to.equal(true);
    expect(el.answers['erlaubnis']).to.equal('ja');
    expect(root(el).getElementById('f.anzahl.error')!.textContent).to.contain('ganze Zahl');
    // The error did move the radio button down: without waiting for the click, the click would have missed it.
    expect(ja.getBoundingClientRect().y - before.y).to.be.greaterThan(before.height / 2);
  });

  it('asks for a date as Tag, Monat and Jahr and answers with an ISO date', async () => {
    const el = await mount('eingaben', eingaben);
    const inputs = dateInputs(el, 'geburtsdatum');
    const fieldset = inputs[0]!.closest('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent!.trim()).to.equal('Geburtsdatum');
    const labels = inputs.map((i) => root(el).querySelector(`label[for="${i.id}"]`)!.textContent!.trim());
    expect(labels).to.deep.equal(['Tag', 'Monat', 'Jahr']);
    expect(inputs.map((i) => [i.type, i.inputMode, i.autocomplete])).to.deep.equal([
      ['text', 'numeric', 'bday-day'],
      ['text', 'numeric', 'bday-month'],
      ['text', 'numeric', 'bday-year'],
    ]);
    // Sized for two, two and four digits.
    expect(inputs[0]!.offsetWidth).to.equal(inputs[1]!.offsetWidth);
    expect(inputs[2]!.offsetWidth).to.be.greaterThan(inputs[0]!.offsetWidth);
    // „04051984“ as typed in the browser's own date input: here it is the 4th of May whatever the browser's language.
    inputs[0]!.focus();
    for (const part of ['04', '05', '1984']) {
      await sendKeys({ type: part });
      await sendKeys({ press: 'Tab' });
    }
    expect(el.answers['geburtsdatum']).to.equal('1984-05-04');
    type(el, 'anzahl', '2');
    pick(el, 'erlaubnis', 'ja');
    await next(el);
    expect(heading(el)).to.equal('Erklärung');
    byId(el, 'richtig')!.click();
    await next(el);
    expect(heading(el)).to.equal('Angaben prüfen');
    expect(root(el).textContent).to.contain('04.05.1984');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(root(el).textContent).to.contain('4 May 1984');
    await expect(el).to.be.accessible();
  });

  it('says which part of a date is wrong, marks it and links to it', async () => {
    const el = await mount('eingaben', eingaben);
    const error = () =>
      root(el).getElementById('f.geburtsdatum.error')?.textContent?.replace(/\s+/g, ' ') ?? '(none)';
    const invalid = () => dateInputs(el, 'geburtsdatum').map((i) => i.getAttribute('aria-invalid'));
    /** Types a date and leaves it (the date is checked when it is left, or while it shows an error). */
    const enter = async (day: string, month: string, year: string) => {
      dateInputs(el, 'geburtsdatum')[0]!.focus();
      typeDate(el, 'geburtsdatum', day, month, year);
      byId(el, 'anzahl')!.focus();
      await el.updateComplete;
    };
    typeDate(el, 'geburtsdatum', '31', '2', '');
    await next(el);
    expect(error()).to.contain('Bitte geben Sie bei „Geburtsdatum“ das Jahr mit vier Ziffern ein.');
    expect(invalid()).to.deep.equal(['false', 'false', 'true']);
    // The summary's link leads to the year.
    const link = root(el).querySelector<HTMLAnchorElement>('#summary a[href="#f.geburtsdatum"]')!;
    link.click();
    expect(root(el).activeElement).to.equal(dateInputs(el, 'geburtsdatum')[2]);
    expect(byId(el, 'geburtsdatum')!.getAttribute('aria-describedby')).to.equal(null);
    expect(byId(el, 'geburtsdatum')!.closest('fieldset')!.getAttribute('aria-describedby')).to.equal(
      'f.geburtsdatum.error',
    );

    // A day February does not have: the whole date is marked, the link leads to the day.
    await enter('31', '2', '2001');
    expect(error()).to.contain(
      'Bei „Geburtsdatum“ gibt es diesen Tag nicht. Bitte prüfen Sie Tag und Monat.',
    );
    expect(invalid()).to.deep.equal(['true', 'true', 'true']);
    expect(byId(el, 'geburtsdatum')).to.equal(dateInputs(el, 'geburtsdatum')[0]);

    await enter('1', '13', '2001');
    expect(error()).to.contain('einen Monat zwischen 1 und 12');
    expect(invalid()).to.deep.equal(['false', 'true', 'false']);

    await enter('1', '1', String(new Date().getFullYear() + 1));
    expect(error()).to.contain('„Geburtsdatum“ darf nicht nach dem');

    await enter('1', '1', '2001');
    expect(root(el).getElementById('f.geburtsdatum.error')).to.equal(null);
    expect(invalid()).to.deep.equal(['false', 'false', 'false']);
    await expect(el).to.be.accessible();
  });

  it('keeps a partly typed date in the draft and shows it again', async () => {
    const first = await mount('eingaben', eingaben);
    typeDate(first, 'geburtsdatum', '4', '', '19');
    await new Promise((r) => setTimeout(r, 20));
    first.remove();
    const second = await mount('eingaben', eingaben);
    root(second).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await second.updateComplete;
    expect(dateInputs(second, 'geburtsdatum').map((i) => i.value)).to.deep.equal(['4', '', '19']);
    await next(second);
    expect(root(second).getElementById('f.geburtsdatum.error')!.textContent).to.contain(
      'einen Monat zwischen 1 und 12',
    );
  });
});

describe('<ozg-form> check-answers page and draft', () => {
  before(async () => {
    backend = await testBackend();
  });
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  /** Valid answers of the assembly notice (the citizen comes back to the check-answers page). */
  const assembly = () => assemblyAnswers();

  /** The tenant, with the privacy acknowledgement in the words `words` (or the default without). */
  const tenantSays =
    (words?: { de: string; en: string }): typeof fetch =>
    async (input, init) => {
      const response = await fetch(input, init);
      if (!words || !new URL(String(input)).pathname.endsWith(`/tenants/${backend.tenant}`)) return response;
      const body = { ...((await response.json()) as object), privacyAcknowledgement: words };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };

  async function reviewWith(fake: typeof fetch): Promise<TestForm> {
    localStorage.setItem(
      DRAFT('versammlungsanzeige'),
      JSON.stringify({ answers: assembly(), review: true, savedAt: new Date().toISOString() }),
    );
    const el = await mount('versammlungsanzeige', fake);
    root(el).querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await waitUntil(() => root(el).getElementById('f.consent'), 'no check-answers page');
    return el;
  }

  const consentLabel = (el: OzgForm) =>
    root(el).querySelector('label[for="f.consent"]')!.textContent!.replace(/\s+/g, ' ').trim();

  it('asks to acknowledge the privacy notice, with its link before the checkbox', async () => {
    const el = await reviewWith(tenantSays());
    expect(consentLabel(el)).to.equal('Ich habe die Datenschutzhinweise zur Kenntnis genommen.');
    expect(root(el).textContent).not.to.contain('einverstanden');
    const link = root(el).querySelector<HTMLAnchorElement>('a[target="_blank"]')!;
    expect(link.textContent!.trim()).to.equal('Datenschutzhinweise (öffnet in neuem Fenster)');
    const box = root(el).getElementById('f.consent')!;
    expect(link.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('#summary')!.textContent).to.contain(
      'Bitte bestätigen Sie, dass Sie die Datenschutzhinweise zur Kenntnis genommen haben.',
    );
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(consentLabel(el)).to.equal('I have read the privacy notice.');
    await expect(el).to.be.accessible();
  });

  it("uses the tenant's own words for the privacy acknowledgement", async () => {
    const words = {
      de: 'Ich habe die Hinweise zum Datenschutz des Kreises gelesen.',
      en: "I have read the district's privacy notice.",
    };
    const el = await reviewWith(tenantSays(words));
    expect(consentLabel(el)).to.equal(words.de);
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(consentLabel(el)).to.equal(words.en);
  });

  it('says when the draft was last saved, to the minute', async () => {
    const saved = new Date(Date.now() - 2 * 3600 * 1000);
    saved.setSeconds(33);
    localStorage.setItem(
      DRAFT('versammlungsanzeige'),
      JSON.stringify({ answers: { vorname: 'Erika' }, savedAt: saved.toISOString() }),
    );
    const el = await mount();
    const notice = () =>
      root(el).querySelector('[role="status"] p')!.textContent!.replace(/\s+/g, ' ').trim();
    const time = `${String(saved.getHours()).padStart(2, '0')}:${String(saved.getMinutes()).padStart(2, '0')}`;
    const [day, month, year] = [saved.getDate(), saved.getMonth(), saved.getFullYear()];
    expect(notice()).to.equal(
      `Sie haben diesen Antrag begonnen, zuletzt gespeichert am ${day}.${month + 1}.${year} um ${time}. Möchten Sie mit Ihren gespeicherten Angaben fortfahren?`,
    );
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    const months = 'January February March April May June July August September October November December';
    expect(notice()).to.equal(
      `You started this application, last saved on ${day} ${months.split(' ')[month]} ${year} at ${time}. Do you want to continue with your saved answers?`,
    );
  });
});

describe('<ozg-form> mail to the applicant', () => {
  /** The author's own hint of the e-mail field in these tests. */
  const AUTHOR_HINT = { de: 'Für Rückfragen.', en: 'For questions.' };
  const BUILT_IN = {
    de: 'An diese Adresse schicken wir Ihnen eine Eingangsbestätigung und Nachrichten zu Ihrem Antrag.',
    en: 'We send a confirmation of receipt and messages about your application to this address.',
  };
  const RECEIPT_MAILED = 'Eine Eingangsbestätigung geht an Ihre E-Mail-Adresse.';

  /**
   * The real backend, with the assembly notice naming its e-mail field as the contact (with a known hint of its
   * own) and, with `notifies`, the tenant saying that the backend mails the applicant: the backend of the browser
   * tests has no mail server, so it never says so itself.
   */
  const backendThat = (notifies: boolean): typeof fetch => {
    return async (input, init) => {
      const response = await fetch(input, init);
      const { pathname } = new URL(String(input));
      const tenant = pathname.endsWith(`/tenants/${backend.tenant}`);
      const form = pathname.endsWith('/forms/versammlungsanzeige');
      if (!response.ok || (!tenant && !form)) return response;
      const body = (await response.json()) as Record<string, unknown>;
      if (tenant && notifies) body['notifiesByEmail'] = true;
      if (form) {
        body['contact'] = { email: 'email' };
        const steps = body['steps'] as { fields: { id: string; hint?: unknown }[] }[];
        steps.flatMap((s) => s.fields).find((f) => f.id === 'email')!.hint = AUTHOR_HINT;
      }
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
  };

  const hint = (el: OzgForm, id: string) =>
    root(el).getElementById(`f.${id}.hint`)?.textContent?.trim() ?? '';

  async function send(el: OzgForm): Promise<Element> {
    await readyToSend(el);
    root(el).querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await waitUntil(() => root(el).querySelector('[part="confirmation"]'), 'not sent', { timeout: 5000 });
    return root(el).querySelector('[part="confirmation"]')!;
  }

  before(async () => {
    backend = await testBackend();
  });
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('promises no mail where the backend sends none', async () => {
    // The test backend as it is: no mail server, so the tenant does not say it mails.
    const tenant = await new ApiClient(backend.endpoint).request('getTenant', {
      params: { tenant: backend.tenant },
    });
    expect(tenant.notifiesByEmail ?? false).to.equal(false);
    const el = await mount('versammlungsanzeige', backendThat(false));
    expect(hint(el, 'email')).to.equal(AUTHOR_HINT.de);
    expect(root(el).textContent).not.to.contain('Eingangsbestätigung');
    const confirmation = await send(el);
    expect(confirmation.textContent).not.to.contain(RECEIPT_MAILED);
  });

  it('says that a receipt and messages go to the contact address where the backend mails', async () => {
    const el = await mount('versammlungsanzeige', backendThat(true));
    // After the author's own hint, in the same description of the field.
    expect(hint(el, 'email')).to.equal(`${AUTHOR_HINT.de} ${BUILT_IN.de}`);
    expect(byId(el, 'email')!.getAttribute('aria-describedby')).to.equal('f.email.hint');
    // Only at the contact field.
    expect(root(el).textContent!.split('Eingangsbestätigung')).to.have.length(2);
    await expect(el).to.be.accessible();

    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(hint(el, 'email')).to.equal(`${AUTHOR_HINT.en} ${BUILT_IN.en}`);
    el.setAttribute('lang', 'de');
    await el.updateComplete;

    const confirmation = await send(el);
    expect(confirmation.textContent).to.contain(RECEIPT_MAILED);
    await expect(el).to.be.accessible();
  });
});
