/**
 * What the caseworker learns after asking for information: the applicant's reply with its files, and whether the
 * mails to the applicant went out.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import type { Notice, SubmissionReceipt } from '../../../src/contract/submission.ts';
import { OzgAuthorityInbox } from '../../../src/ozg-authority-inbox.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import { citizenReplies, openApplication, part, root, signIn, text } from '../../helpers/inbox.ts';
import { HEIDE_TREES, caseworker, demoKey, submitTreeFelling } from '../../helpers/submissions.ts';

/**
 * The inbox with the mail states of the application it opens set by the test: the backend of the browser tests
 * has no mail server, so it reports none. Everything else is the real backend's answer.
 */
class MailInbox extends OzgAuthorityInbox {
  notices: Notice[] | undefined;
  protected override apiOptions(): Omit<ApiClientOptions, 'signal'> {
    return {
      ...super.apiOptions(),
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const { pathname } = new URL(String(input));
        if (!this.notices || !/\/authority\/submissions\/[^/]+$/.test(pathname) || !response.ok)
          return response;
        const body = { ...((await response.json()) as object), notices: this.notices };
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      },
    };
  }
}
customElements.define('mail-authority-inbox', MailInbox);

let backend: TestBackend;

async function mount<T extends OzgAuthorityInbox = OzgAuthorityInbox>(
  tag: 'ozg-authority-inbox' | 'mail-authority-inbox' = 'ozg-authority-inbox',
  lang = 'de',
): Promise<T> {
  const el = document.createElement(tag) as T;
  el.setAttribute('endpoint', backend.endpoint);
  el.setAttribute('page-size', '100');
  el.setAttribute('lang', lang);
  await fixture(html`<div>${el}</div>`);
  await el.updateComplete;
  return el;
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A minimal PDF: its magic number is what the backend checks. */
const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('<ozg-authority-inbox> replies and mail', () => {
  let asked: SubmissionReceipt;
  const reply = 'Anbei der Lageplan.\nDer Baum steht <b>hinten</b> im Garten.';

  before(async () => {
    backend = await testBackend();
    asked = await submitTreeFelling(backend, 'Linde');
    await caseworker(backend, HEIDE_TREES, asked.id, {
      type: 'info-requested',
      message: 'Bitte reichen Sie einen Lageplan nach.',
    });
    await citizenReplies(backend, asked, reply, [
      { name: 'lageplan.pdf', type: 'application/pdf', bytes: PDF_BYTES },
    ]);
  });

  it("shows the applicant's reply as text, with its files to download", async () => {
    const el = await mount();
    await signIn(el, demoKey(HEIDE_TREES));
    const row = [...part(el, 'list')!.querySelectorAll('tbody tr')].find((r) =>
      r.textContent!.includes(asked.reference),
    )!;
    const badge = row.querySelector<HTMLElement>('.badge')!;
    expect(squash(badge.textContent)).to.equal('Angaben eingegangen');
    // Waiting for the caseworker, as a new application is: set off from the others.
    expect(getComputedStyle(badge).fontWeight).to.equal('600');

    await openApplication(el, asked.reference);
    expect(text(el, 'status')).to.equal('Angaben eingegangen');
    // The form's files only; the reply's are with the reply.
    const formFiles = [...part(el, 'files')!.querySelectorAll('[part="download-button"]')];
    expect(formFiles.map((b) => squash(b.textContent))).to.have.length(1);
    expect(squash(formFiles[0]!.textContent)).to.contain('baum.png');

    const events = [...part(el, 'timeline')!.querySelectorAll<HTMLElement>('[part="event"]')];
    const answer = events[0]!;
    expect(answer.dataset['status']).to.equal('info-received');
    expect(squash(answer.querySelector('.event-head strong')!.textContent)).to.equal(
      'Antwort der antragstellenden Person',
    );
    // The citizen's words as they wrote them: markup stays text, line breaks stay.
    const words = answer.querySelector('.event-text')!;
    expect(words.textContent).to.equal(reply);
    expect(words.querySelector('b')).to.equal(null);
    expect(squash(events[1]!.textContent)).to.contain('Bitte reichen Sie einen Lageplan nach.');
    // No mail server in the tests: nothing is said about mail.
    expect(part(el, 'mail-warning')).to.equal(null);
    expect(part(el, 'mail-pending')).to.equal(null);
    await expect(el).to.be.accessible();

    const download = answer.querySelector<HTMLButtonElement>('[part="download-button"]')!;
    expect(squash(download.textContent)).to.match(/^lageplan\.pdf herunterladen \(58 Byte\)$/);
    download.click();
    await waitUntil(() => answer.querySelector('a[download]'), 'reply file not offered', { timeout: 5000 });
    const link = answer.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(link.getAttribute('download')).to.equal('lageplan.pdf');
    const blob = await (await fetch(link.href)).blob();
    expect(blob.type).to.equal('application/pdf');
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...PDF_BYTES]);
    // The form's file is still fetched by its own button.
    expect(part(el, 'files')!.querySelector('a[download]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('tells the caseworker that the applicant can answer a request online', async () => {
    const fresh = await submitTreeFelling(backend, 'Esche');
    const el = await mount();
    await signIn(el, demoKey(HEIDE_TREES));
    await openApplication(el, fresh.reference);
    expect(root(el).querySelector('#message-hint')!.textContent).to.contain(
      'Auf „Angaben nachgefordert“ kann sie auf der Statusseite online antworten',
    );
  });

  it('speaks English', async () => {
    const el = await mount('ozg-authority-inbox', 'en');
    await signIn(el, demoKey(HEIDE_TREES));
    await openApplication(el, asked.reference);
    expect(text(el, 'status')).to.equal('Information received');
    const answer = part(el, 'timeline')!.querySelector('[part="event"]')!;
    expect(squash(answer.querySelector('.event-head strong')!.textContent)).to.equal("Applicant's reply");
    expect(squash(answer.querySelector('[part="download-button"]')!.textContent)).to.match(
      /^Download lageplan\.pdf \(58 bytes\)$/,
    );
    await expect(el).to.be.accessible();
  });
});

describe('<ozg-authority-inbox> mails to the applicant', () => {
  let receipt: SubmissionReceipt;
  const at = '2026-03-02T09:00:00.000Z';
  const notice = (about: Notice['about'], state: Notice['state'], audience: Notice['audience'] = 'citizen') =>
    ({ audience, about, state, createdAt: at }) satisfies Notice;

  before(async () => {
    backend = await testBackend();
    receipt = await submitTreeFelling(backend, 'Ahorn');
  });

  async function open(notices: Notice[] | undefined, lang = 'de'): Promise<MailInbox> {
    const el = await mount<MailInbox>('mail-authority-inbox', lang);
    el.notices = notices;
    await signIn(el, demoKey(HEIDE_TREES));
    await openApplication(el, receipt.reference);
    return el;
  }

  it('warns when a mail to the applicant could not be delivered, naming which', async () => {
    const el = await open([
      notice('submitted', 'failed'),
      notice('in-progress', 'sent'),
      notice('info-requested', 'failed'),
      notice('info-requested', 'failed'),
      notice('accepted', 'pending'),
      notice('submitted', 'failed', 'authority'),
    ]);
    const warning = part(el, 'mail-warning')!;
    expect(squash(warning.textContent)).to.equal(
      'Warnung: Die antragstellende Person konnte nicht per E-Mail benachrichtigt werden (Eingangsbestätigung, Angaben nachgefordert).',
    );
    // Right below the heading, before the details.
    const heading = root(el).querySelector('#title')!;
    expect(heading.compareDocumentPosition(warning) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(warning.compareDocumentPosition(root(el).querySelector('.meta')!)).to.equal(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(squash(text(el, 'mail-pending'))).to.equal(
      'E-Mail an die antragstellende Person wird noch zugestellt (Angenommen).',
    );
    await expect(el).to.be.accessible();
  });

  it('says nothing when every mail went out, when only an authority mail failed, or when none are sent', async () => {
    for (const notices of [
      [notice('submitted', 'sent'), notice('info-requested', 'sent')],
      [notice('submitted', 'sent'), notice('info-received', 'failed', 'authority')],
      [],
      undefined,
    ]) {
      const el = await open(notices);
      expect(part(el, 'mail-warning'), JSON.stringify(notices)).to.equal(null);
      expect(part(el, 'mail-pending'), JSON.stringify(notices)).to.equal(null);
    }
  });

  it('warns in English', async () => {
    const el = await open([notice('submitted', 'failed'), notice('rejected', 'pending')], 'en');
    expect(squash(text(el, 'mail-warning'))).to.equal(
      'Warning: The applicant could not be notified by email (Confirmation of receipt).',
    );
    expect(squash(text(el, 'mail-pending'))).to.equal(
      'Email to the applicant is still being delivered (Rejected).',
    );
    await expect(el).to.be.accessible();
  });
});
