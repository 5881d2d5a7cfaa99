import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import type { SubmissionReceipt } from '../../../src/contract/submission.ts';
import type { OzgAuthorityInbox } from '../../../src/ozg-authority-inbox.ts';
import { OzgSubmissionStatus } from '../../../src/ozg-submission-status.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import { part, root, text } from '../../helpers/dom.ts';
import { openApplication, setStatus, signIn } from '../../helpers/inbox.ts';
import { HEIDE_TREES, caseworker, demoKey, submitTreeFelling } from '../../helpers/submissions.ts';
import '../../../src/ozg-authority-inbox.ts';

/** The real element with an injectable `fetch` (counting requests, or failing on purpose). */
class TestStatus extends OzgSubmissionStatus {
  fakeFetch: typeof fetch | undefined;
  protected override apiOptions(): ApiClientOptions {
    const options = super.apiOptions();
    return this.fakeFetch ? { ...options, fetch: this.fakeFetch } : options;
  }
}
customElements.define('test-ozg-submission-status', TestStatus);

let backend: TestBackend;
const START_URL = location.href;

const current = (el: HTMLElement) => root(el).querySelector('.current-status')?.textContent?.trim();
const live = (el: HTMLElement) => root(el).querySelector('[aria-live]')!.textContent!.trim();

async function mount(
  fakeFetch?: typeof fetch,
  attrs: { poll?: number; lang?: string } = {},
): Promise<TestStatus> {
  const el = await fixture<TestStatus>(
    html`<test-ozg-submission-status
      endpoint=${backend.endpoint}
      lang=${attrs.lang ?? 'de'}
      poll-interval=${attrs.poll ?? 0}
      .fakeFetch=${fakeFetch}
    ></test-ozg-submission-status>`,
  );
  await el.updateComplete;
  return el;
}

/** Fills the look-up form as a citizen would and waits for the answer. */
async function lookUp(el: HTMLElement, reference: string, code: string): Promise<void> {
  const ref = root(el).querySelector<HTMLInputElement>('#reference')!;
  const acc = root(el).querySelector<HTMLInputElement>('#access-code')!;
  ref.value = reference;
  acc.value = code;
  part(el, 'submit-button')!.click();
  await (el as OzgSubmissionStatus).updateComplete;
  await waitUntil(() => part(el, 'current') || part(el, 'not-found') || part(el, 'error'), 'no answer', {
    timeout: 5000,
  });
}

async function refresh(el: HTMLElement): Promise<void> {
  part(el, 'refresh-button')!.click();
  await (el as OzgSubmissionStatus).updateComplete;
  await waitUntil(
    () => part(el, 'refresh-button')!.getAttribute('aria-disabled') === 'false',
    'refresh hangs',
    {
      timeout: 5000,
    },
  );
}

describe('<ozg-submission-status>', () => {
  let receipt: SubmissionReceipt;

  before(async () => {
    backend = await testBackend();
    receipt = await submitTreeFelling(backend);
  });

  afterEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', START_URL);
  });

  it('asks for reference and access code with labelled fields and checks them before asking the server', async () => {
    const el = await mount();
    const code = root(el).querySelector<HTMLInputElement>('#access-code')!;
    expect(root(el).querySelector('label[for="reference"]')!.textContent).to.contain('Aktenzeichen');
    expect(code.getAttribute('autocomplete')).to.equal('off');
    await expect(el).to.be.accessible();

    part(el, 'submit-button')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(root(el).querySelector('#reference-error')!.textContent).to.contain('Aktenzeichen ein');
    expect(root(el).querySelector('#access-code-error')!.textContent).to.contain('Zugangscode ein');
    expect(root(el).activeElement?.id).to.equal('reference');
    await expect(el).to.be.accessible();

    root(el).querySelector<HTMLInputElement>('#reference')!.value = 'DI-2026';
    code.value = 'abc';
    part(el, 'submit-button')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('#reference-error')!.textContent).to.contain('DI-2026-000123');
    expect(root(el).querySelector('#access-code-error')!.textContent).to.contain('8 bis 64');
    expect(part(el, 'loading')).to.equal(null);
  });

  it('follows each step the caseworker takes in the inbox: in progress, information requested, accepted', async () => {
    const fresh = await submitTreeFelling(backend, 'Linde');
    const el = await mount();
    const changes: string[] = [];
    el.addEventListener('ozg-status-change', (e) => changes.push(e.detail.status));
    await lookUp(el, fresh.reference.toLowerCase(), fresh.accessCode);
    expect(text(el, 'heading')).to.contain(fresh.reference);
    expect(current(el)).to.equal('Eingegangen');
    expect(text(el, 'authority')).to.contain('Stadt Heide');
    expect(root(el).querySelectorAll('[part="event"]')).to.have.length(1);
    expect(live(el)).to.contain('Eingegangen');
    expect(root(el).activeElement?.id).to.equal('title');
    await expect(el).to.be.accessible();

    const inbox = await fixture<OzgAuthorityInbox>(
      html`<ozg-authority-inbox endpoint=${backend.endpoint} page-size="100"></ozg-authority-inbox>`,
    );
    await signIn(inbox, demoKey(HEIDE_TREES));
    await openApplication(inbox, fresh.reference);

    await setStatus(inbox, 'in-progress');
    await refresh(el);
    expect(current(el)).to.equal('In Bearbeitung');
    expect(live(el)).to.equal('Neuer Stand Ihres Antrags: In Bearbeitung.');
    await expect(el).to.be.accessible();

    await setStatus(inbox, 'info-requested', 'Bitte reichen Sie ein Foto des ganzen Baumes nach.');
    await refresh(el);
    expect(current(el)).to.equal('Angaben nachgefordert');
    expect(text(el, 'current')).to.contain(
      'Was benötigt wird: Bitte reichen Sie ein Foto des ganzen Baumes nach.',
    );
    await expect(el).to.be.accessible();

    await refresh(el);
    expect(live(el)).to.equal('Keine Änderung. Stand: Angaben nachgefordert.');

    await setStatus(inbox, 'accepted', 'Die Fällung ist genehmigt.');
    await refresh(el);
    expect(current(el)).to.equal('Angenommen');
    expect(text(el, 'current')).to.contain('Nachricht der Behörde: Die Fällung ist genehmigt.');
    const events = [...root(el).querySelectorAll('[part="event"]')].map((e) => e.getAttribute('data-status'));
    expect(events).to.deep.equal(['accepted', 'info-requested', 'in-progress', 'submitted']);
    const time = root(el).querySelector('[part="event"] time')!;
    expect(time.textContent).to.match(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    expect(changes).to.deep.equal(['submitted', 'in-progress', 'info-requested', 'accepted']);
    await expect(el).to.be.accessible();
  });

  it('tells why an application was rejected', async () => {
    const fresh = await submitTreeFelling(backend, 'Buche');
    await caseworker(backend, HEIDE_TREES, fresh.id, {
      type: 'rejected',
      message: 'Der Baum steht nicht unter Schutz; eine Genehmigung ist nicht nötig.',
    });
    const el = await mount(undefined, { poll: 1 });
    await lookUp(el, fresh.reference, fresh.accessCode);
    expect(current(el)).to.equal('Abgelehnt');
    expect(text(el, 'current')).to.contain('Begründung: Der Baum steht nicht unter Schutz');
    // A final state is not polled and says nothing about refreshing by itself.
    expect(root(el).querySelector('#checked-at')!.textContent).not.to.contain('automatisch');
    await expect(el).to.be.accessible();
  });

  it('accepts the access code as the confirmation shows it: in groups, with dashes, in lower case', async () => {
    const fresh = await submitTreeFelling(backend, 'Linde');
    const grouped = fresh.accessCode.match(/.{1,4}/g)!;
    for (const typed of [grouped.join(' '), grouped.join('-').toLowerCase(), ` ${grouped.join('  ')} `]) {
      const el = await mount();
      await lookUp(el, fresh.reference.toLowerCase(), typed);
      expect(current(el), typed).to.equal('Eingegangen');
      sessionStorage.clear();
    }
  });

  it('gives the same answer for a wrong access code and an unknown reference, revealing nothing', async () => {
    const el = await mount();
    await lookUp(el, receipt.reference, 'Falsch123456');
    const wrongCode = text(el, 'not-found');
    expect(wrongCode).to.contain('keinen Antrag gefunden');
    expect(part(el, 'current')).to.equal(null);
    expect(root(el).textContent).not.to.contain('Stadt Heide');
    expect(root(el).activeElement).to.equal(part(el, 'not-found'));
    await expect(el).to.be.accessible();

    await lookUp(el, 'DI-1999-999999', receipt.accessCode);
    expect(text(el, 'not-found')).to.equal(wrongCode);
    expect(sessionStorage.length).to.equal(0);
  });

  it('opens from the confirmation link, removes the code from the address bar and keeps the view on reload', async () => {
    history.replaceState(null, '', `?reference=${receipt.reference}#access-code=${receipt.accessCode}`);
    const el = await mount();
    await waitUntil(() => part(el, 'current'), 'status not shown', { timeout: 5000 });
    expect(current(el)).to.equal('Eingegangen');
    expect(location.hash).to.equal('');
    expect(location.search).to.equal(`?reference=${receipt.reference}`);
    expect(location.href).not.to.contain(receipt.accessCode);

    // A reload of the tab: the fragment is gone, the view comes back from this tab's session.
    el.remove();
    const again = await mount();
    await waitUntil(() => part(again, 'current'), 'status not shown after reload', { timeout: 5000 });
    expect(text(again, 'heading')).to.contain(receipt.reference);

    // "Anderen Antrag abfragen" forgets it.
    part(again, 'other-button')!.click();
    await again.updateComplete;
    expect(root(again).querySelector('#reference')).to.exist;
    expect(sessionStorage.length).to.equal(0);
    expect(location.search).to.equal('');
  });

  it('is usable with the keyboard alone', async () => {
    const el = await mount();
    root(el).querySelector<HTMLInputElement>('#reference')!.focus();
    await sendKeys({ type: receipt.reference });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('access-code');
    await sendKeys({ type: receipt.accessCode });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'current'), 'status not shown', { timeout: 5000 });
    expect(root(el).activeElement?.id).to.equal('title');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(part(el, 'refresh-button'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(el).startsWith('Keine Änderung'), 'refresh by keyboard');
    // The button keeps the focus through the refresh (it is never `disabled`).
    expect(root(el).activeElement).to.equal(part(el, 'refresh-button'));
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(part(el, 'other-button'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('reference');
  });

  it('refreshes by itself while the page is visible and pauses while it is hidden', async () => {
    const fresh = await submitTreeFelling(backend, 'Ahorn');
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const el = await mount(counting, { poll: 1 });
    await lookUp(el, fresh.reference, fresh.accessCode);
    expect(root(el).querySelector('#checked-at')!.textContent).to.contain('automatisch');
    await caseworker(backend, HEIDE_TREES, fresh.id, { type: 'in-progress' });
    const changed = oneEvent(el, 'ozg-status-change');
    expect((await changed).detail).to.deep.equal({
      reference: fresh.reference,
      status: 'in-progress',
      previous: 'submitted',
    });
    expect(current(el)).to.equal('In Bearbeitung');

    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      const before = requests;
      await new Promise((r) => setTimeout(r, 2500));
      expect(requests).to.equal(before);
    } finally {
      Object.defineProperty(document, 'visibilityState', visibility);
      delete (document as unknown as Record<string, unknown>)['visibilityState'];
    }
    const before = requests;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => requests > before, 'polling did not resume', { timeout: 3000 });
  });

  it('speaks English with English dates, headings at the level the page asks for', async () => {
    const el = await fixture<OzgSubmissionStatus>(
      html`<ozg-submission-status
        endpoint=${backend.endpoint}
        lang="en"
        heading-level="4"
        poll-interval="0"
      ></ozg-submission-status>`,
    );
    await lookUp(el, receipt.reference, receipt.accessCode);
    expect(root(el).querySelector('h4#title')!.textContent).to.contain('Your application');
    expect([...root(el).querySelectorAll('h5')].map((h) => h.textContent!.trim())).to.deep.equal([
      'Responsible authority',
      'History',
    ]);
    expect(current(el)).to.equal('Received');
    expect(root(el).querySelector('[part="event"] time')!.textContent).to.match(
      /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/,
    );
    await expect(el).to.be.accessible();
  });

  it('says each time once: when it arrived while nothing changed, since when beside it once something did', async () => {
    const muted = (el: HTMLElement) =>
      part(el, 'current')!
        .querySelector('.current-status + .muted')!
        .textContent!.replace(/\s+/g, ' ')
        .trim();
    const received = (iso: string) =>
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    let later: string | undefined = undefined;
    // The real answer; on demand with the state changed a day later.
    const el = await mount(async (input, init) => {
      const response = await fetch(input, init);
      if (!later || !String(input).endsWith('/status')) return response;
      const view = (await response.json()) as { updatedAt: string };
      return new Response(JSON.stringify({ ...view, updatedAt: later }), {
        status: response.status,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    await lookUp(el, receipt.reference, receipt.accessCode);
    const createdAt = root(el)
      .querySelector('[part="event"][data-status="submitted"] time')!
      .getAttribute('datetime')!;
    expect(muted(el)).to.equal(`Eingegangen am ${received(createdAt)}`);

    later = new Date(Date.parse(createdAt) + 24 * 3600_000).toISOString();
    await refresh(el);
    expect(muted(el)).to.equal(`seit ${received(later)} · Eingegangen am ${received(createdAt)}`);
  });

  it('takes a 404 for a wrong endpoint as a setup problem, not as an unknown application', async () => {
    // The tenant's settings (its theme) are asked for first: their 404 shows that the endpoint is wrong.
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const el = await fixture<OzgSubmissionStatus>(
        html`<ozg-submission-status
          endpoint=${`${backend.endpoint}/ozg`}
          tenant=${backend.tenant}
          poll-interval="0"
        ></ozg-submission-status>`,
      );
      await lookUp(el, receipt.reference, receipt.accessCode);
      expect(part(el, 'not-found')).to.equal(null);
      expect(text(el, 'error')).to.equal(
        'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden. Bitte wenden Sie sich an die Betreiber dieser Seite.',
      );
      expect(part(el, 'retry-button')).to.equal(null);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(
      `<ozg-submission-status>: Unter ${backend.endpoint}/ozg/api/v1 antwortet kein OZG-Dienst (404): prüfen Sie „endpoint“.`,
    );
  });

  describe('injected faults', () => {
    const real: typeof fetch = (input, init) => fetch(input, init);

    it('explains a malformed answer and recovers with retry', async () => {
      let broken = true;
      const el = await mount((input, init) =>
        broken
          ? Promise.resolve(
              new Response(JSON.stringify({ reference: receipt.reference, status: 'verloren' }), {
                headers: { 'Content-Type': 'application/json' },
              }),
            )
          : real(input, init),
      );
      const reported = oneEvent(el, 'ozg-error');
      await lookUp(el, receipt.reference, receipt.accessCode);
      expect(text(el, 'error')).to.contain('unerwartete Antwort');
      expect((await reported).detail).to.include({ code: 'status', retryable: true });
      expect(part(el, 'current')).to.equal(null);
      await expect(el).to.be.accessible();
      broken = false;
      part(el, 'retry-button')!.click();
      await waitUntil(() => part(el, 'current'), 'retry did not recover', { timeout: 5000 });
      expect(current(el)).to.equal('Eingegangen');
    });

    it('keeps the last status when the connection drops during a refresh', async () => {
      let drop = false;
      const el = await mount((input, init) =>
        drop ? Promise.reject(new TypeError('Failed to fetch')) : real(input, init),
      );
      await lookUp(el, receipt.reference, receipt.accessCode);
      drop = true;
      await refresh(el);
      expect(current(el)).to.equal('Eingegangen');
      expect(text(el, 'error')).to.contain('Internetverbindung');
      await expect(el).to.be.accessible();
      drop = false;
      part(el, 'retry-button')!.click();
      await waitUntil(() => !part(el, 'error'), 'error stays after a good refresh', { timeout: 5000 });
    });

    it('explains a rate limit politely with the time to wait', async () => {
      let limited = false;
      const el = await mount((input, init) =>
        limited
          ? Promise.resolve(
              new Response(JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429 }), {
                status: 429,
                headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' },
              }),
            )
          : real(input, init),
      );
      await lookUp(el, receipt.reference, receipt.accessCode);
      limited = true;
      await refresh(el);
      expect(text(el, 'error')).to.contain('Zum Schutz Ihrer Daten sind Abfragen begrenzt');
      expect(text(el, 'error')).to.contain('42 Sekunden');
      expect(current(el)).to.equal('Eingegangen');
      await expect(el).to.be.accessible();

      // Straight away, before any answer: the same explanation without a stale status.
      sessionStorage.clear();
      const first = await mount(() =>
        Promise.resolve(
          new Response('{}', {
            status: 429,
            headers: { 'Content-Type': 'application/json', 'Retry-After': '5' },
          }),
        ),
      );
      await lookUp(first, receipt.reference, receipt.accessCode);
      expect(text(first, 'error')).to.contain('5 Sekunden');
      await expect(first).to.be.accessible();
    });

    it('looks again by itself after a first rate-limited look-up, and offers a retry meanwhile', async () => {
      let limited = true;
      let calls = 0;
      const el = await mount((input, init) => {
        calls += 1;
        return limited
          ? Promise.resolve(
              new Response('{}', {
                status: 429,
                headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
              }),
            )
          : real(input, init);
      });
      await lookUp(el, receipt.reference, receipt.accessCode);
      expect(text(el, 'error')).to.contain('1 Sekunde;');
      expect(part(el, 'retry-button')).to.exist;
      limited = false;
      // The promised automatic look-up, without the citizen typing the code again.
      await waitUntil(() => part(el, 'current'), 'looked up again after the wait', { timeout: 4000 });
      expect(current(el)).to.equal('Eingegangen');
      expect(calls).to.equal(2);
    });

    it('goes on when the page moves it elsewhere (a CMS re-parents it) during the first look-up', async () => {
      let release: () => void = () => undefined;
      let first = true;
      const el = await mount((input, init) => {
        if (!first) return real(input, init);
        first = false;
        // The first answer never comes: the move aborts it.
        return new Promise<Response>((_resolve, reject) => {
          release = () => reject(new DOMException('aborted', 'AbortError'));
          init?.signal?.addEventListener('abort', () => release());
        });
      });
      const ref = root(el).querySelector<HTMLInputElement>('#reference')!;
      const acc = root(el).querySelector<HTMLInputElement>('#access-code')!;
      ref.value = receipt.reference;
      acc.value = receipt.accessCode;
      part(el, 'submit-button')!.click();
      await el.updateComplete;
      const elsewhere = document.createElement('div');
      el.parentElement!.after(elsewhere);
      elsewhere.append(el);
      await waitUntil(() => part(el, 'current'), 'status shown after the move', { timeout: 5000 });
      expect(current(el)).to.equal('Eingegangen');
      elsewhere.remove();
    });
  });
});
