/**
 * Answering a request for information in `<ozg-submission-status>`, against the real backend: message and files,
 * checks before sending, refused files, a reply given elsewhere first, lost connections, a reload of the tab, and
 * the reply's module loaded on demand (nothing here imports `reply.ts` itself, so every test takes that path).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import type { SubmissionReceipt } from '../../../src/contract/submission.ts';
import { OzgSubmissionStatus } from '../../../src/ozg-submission-status.ts';
import { REPLY_DRAFT_PREFIX } from '../../../src/elements/ozg-submission-status/reply-draft.ts';
import type * as ReplyModule from '../../../src/elements/ozg-submission-status/reply.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import { part, root, text } from '../../helpers/dom.ts';
import {
  HEIDE_TREES,
  PHOTO_BYTES,
  caseworker,
  replyAsApplicant,
  requestInformation,
  submitTreeFelling,
} from '../../helpers/submissions.ts';

/** The real element with an injectable `fetch`, upload transport and reply module (failing or late on purpose). */
class ReplyStatus extends OzgSubmissionStatus {
  fakeFetch: typeof fetch | undefined;
  fakeXhr: (() => XMLHttpRequest) | undefined;
  fakeLoad: (() => Promise<typeof ReplyModule>) | undefined;
  /** How often the reply's module was asked for. */
  loads = 0;
  protected override loadReply(): Promise<typeof ReplyModule> {
    this.loads += 1;
    return this.fakeLoad ? this.fakeLoad() : super.loadReply();
  }
  protected override apiOptions(): ApiClientOptions {
    return {
      ...super.apiOptions(),
      ...(this.fakeFetch ? { fetch: this.fakeFetch } : {}),
      ...(this.fakeXhr ? { xhr: this.fakeXhr } : {}),
    };
  }
}
customElements.define('test-reply-status', ReplyStatus);

let backend: TestBackend;
const START_URL = location.href;
const REQUEST = 'Bitte reichen Sie ein Foto des ganzen Baumes nach.';

const current = (el: HTMLElement) => root(el).querySelector('.current-status')?.textContent?.trim();
const live = (el: HTMLElement) => root(el).querySelector('[aria-live]')!.textContent!.trim();
const textarea = (el: HTMLElement) => root(el).querySelector<HTMLTextAreaElement>('#reply-message')!;
const fileInput = (el: HTMLElement) => root(el).querySelector<HTMLInputElement>('#reply-files')!;
const fileNames = (el: HTMLElement) =>
  [...root(el).querySelectorAll('[part="reply-files"] .reply-file-name')].map((n) => n.textContent);
const png = (name = 'foto.png') => new File([PHOTO_BYTES], name, { type: 'image/png' });

/** Shows the status page of an application, as opened from the confirmation's link. */
async function open(
  receipt: SubmissionReceipt,
  options: {
    lang?: string;
    fakeFetch?: typeof fetch;
    fakeXhr?: () => XMLHttpRequest;
    fakeLoad?: () => Promise<typeof ReplyModule>;
  } = {},
): Promise<ReplyStatus> {
  const el = await fixture<ReplyStatus>(
    html`<test-reply-status
      endpoint=${backend.endpoint}
      lang=${options.lang ?? 'de'}
      poll-interval="0"
      .fakeFetch=${options.fakeFetch}
      .fakeXhr=${options.fakeXhr}
      .fakeLoad=${options.fakeLoad}
    ></test-reply-status>`,
  );
  el.show(receipt.reference, receipt.accessCode);
  await waitUntil(() => part(el, 'current'), 'status not shown', { timeout: 5000 });
  // The reply's form comes with its module, loaded on demand (the tests of that path load it themselves).
  if (!options.fakeLoad)
    await waitUntil(() => !part(el, 'loading'), 'reply form not loaded', { timeout: 5000 });
  return el;
}

/** Types into the reply field as a citizen would (one input event). */
function write(el: ReplyStatus, message: string): void {
  textarea(el).value = message;
  textarea(el).dispatchEvent(new Event('input'));
}

/** Chooses files in the file input; resolves once the element is done with them (uploaded or refused). */
async function choose(el: ReplyStatus, ...files: File[]): Promise<void> {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  fileInput(el).files = transfer.files;
  fileInput(el).dispatchEvent(new Event('change'));
  await el.updateComplete;
  await waitUntil(() => !part(el, 'upload-progress'), 'upload hangs', { timeout: 5000 });
  await el.updateComplete;
}

async function send(el: ReplyStatus): Promise<void> {
  part(el, 'send-button')!.click();
  await el.updateComplete;
  await waitUntil(() => part(el, 'send-button')?.getAttribute('aria-disabled') !== 'true', 'send hangs', {
    timeout: 5000,
  });
  await el.updateComplete;
}

/** The reply's module, for a test that decides when (and whether) it arrives. */
const realReply = () => import('../../../src/elements/ozg-submission-status/reply.ts');

/** Keeps a reply in this tab's storage, as an earlier visit would have. */
function keepDraft(reference: string, message: string): void {
  sessionStorage.setItem(REPLY_DRAFT_PREFIX + reference, JSON.stringify({ message, files: [] }));
}

async function requested(): Promise<SubmissionReceipt> {
  const receipt = await submitTreeFelling(backend, 'Kastanie');
  await requestInformation(backend, receipt, REQUEST);
  return receipt;
}

describe('<ozg-submission-status> answering a request for information', () => {
  before(async () => {
    backend = await testBackend();
  });

  afterEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', START_URL);
  });

  it('sends a message with a PNG: the new state, the reply in the timeline, the event, and the form is gone', async () => {
    const receipt = await requested();
    const el = await open(receipt);
    expect(current(el)).to.equal('Angaben nachgefordert');
    expect(text(el, 'reply')).to.contain('Angaben nachreichen');
    // The request stands just above, and the field points to it.
    expect(textarea(el).getAttribute('aria-describedby')!.split(' ')).to.include('current-message');
    expect(root(el).getElementById('current-message')!.textContent).to.equal(REQUEST);
    expect(textarea(el).maxLength).to.equal(4000);
    expect(text(el, 'reply')).to.contain('PDF, JPG oder PNG, bis zu 10 Dateien');
    expect(text(el, 'reply')).not.to.contain('image/');
    await expect(el).to.be.accessible();

    write(el, 'Hier ist das Foto.\nDer Baum steht am Zaun.');
    await el.updateComplete;
    expect(root(el).querySelector('#reply-message-hint')!.textContent).to.contain('42 von 4.000 Zeichen');
    await choose(el, png('baum-ganz.png'));
    expect(fileNames(el)).to.deep.equal(['baum-ganz.png']);
    expect(part(el, 'remove-button')!.textContent!.trim()).to.equal('baum-ganz.png entfernen');
    expect(live(el)).to.equal('baum-ganz.png wurde hochgeladen.');
    await expect(el).to.be.accessible();
    const draft = sessionStorage.getItem(REPLY_DRAFT_PREFIX + receipt.reference)!;
    expect(draft).to.contain('Der Baum steht am Zaun.');
    expect(draft).not.to.contain(receipt.accessCode);

    const sent = oneEvent(el, 'ozg-reply-sent');
    const changed = oneEvent(el, 'ozg-status-change');
    await send(el);
    expect((await sent).detail).to.deep.equal({ reference: receipt.reference });
    expect((await changed).detail).to.deep.equal({
      reference: receipt.reference,
      status: 'info-received',
      previous: 'info-requested',
    });
    expect(current(el)).to.equal('Angaben eingegangen');
    expect(part(el, 'reply')).to.equal(null);
    expect(text(el, 'reply-confirmation')).to.equal(
      'Ihre Antwort wurde übermittelt. Sie steht unten im Verlauf.',
    );
    expect(root(el).activeElement).to.equal(part(el, 'reply-confirmation'));
    expect(live(el)).to.equal('Ihre Antwort wurde übermittelt. Sie steht unten im Verlauf.');
    const newest = root(el).querySelector<HTMLElement>('[part="event"]')!;
    expect(newest.dataset['status']).to.equal('info-received');
    expect(newest.querySelector('.event-text')!.textContent).to.equal(
      'Hier ist das Foto.\nDer Baum steht am Zaun.',
    );
    expect(newest.textContent).to.contain('Ihre Antwort:');
    expect(newest.querySelector('.event-files')!.textContent).to.contain('baum-ganz.png');
    expect(sessionStorage.getItem(REPLY_DRAFT_PREFIX + receipt.reference)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks for a message or a file at the field and moves the focus there', async () => {
    const el = await open(await requested());
    await send(el);
    const error = root(el).querySelector('#reply-message-error')!;
    expect(error.textContent).to.equal(
      'Bitte schreiben Sie eine Antwort oder laden Sie mindestens eine Datei hoch.',
    );
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    expect(textarea(el).getAttribute('aria-describedby')!.split(' ')).to.include('reply-message-error');
    expect(root(el).activeElement).to.equal(textarea(el));
    expect(current(el)).to.equal('Angaben nachgefordert');
    await expect(el).to.be.accessible();

    // Spaces alone are no answer either; writing something takes the message away.
    write(el, '   ');
    await send(el);
    expect(root(el).querySelector('#reply-message-error')).to.exist;
    write(el, 'Das Foto folgt per Post.');
    await el.updateComplete;
    expect(root(el).querySelector('#reply-message-error')).to.equal(null);
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('false');
  });

  it('offers no reply in any other state', async () => {
    const receipt = await submitTreeFelling(backend, 'Erle');
    const el = await open(receipt);
    expect(current(el)).to.equal('Eingegangen');
    expect(part(el, 'reply')).to.equal(null);
    for (const [type, label] of [
      ['in-progress', 'In Bearbeitung'],
      ['accepted', 'Angenommen'],
    ] as const) {
      await caseworker(backend, HEIDE_TREES, receipt.id, { type });
      await el.refresh();
      expect(current(el)).to.equal(label);
      expect(part(el, 'reply')).to.equal(null);
    }
    // Answered already: the reply is in the timeline, no second form.
    const answered = await requested();
    await replyAsApplicant(backend, answered, 'Foto kommt per Post.');
    const other = await open(answered);
    expect(current(other)).to.equal('Angaben eingegangen');
    expect(part(other, 'reply')).to.equal(null);
    expect(text(other, 'timeline')).to.contain('Ihre Antwort: Foto kommt per Post.');
  });

  it('says the request is no longer open when another tab answered first, with the new state and the unsent text', async () => {
    const receipt = await requested();
    const el = await open(receipt);
    write(el, 'Meine Antwort aus diesem Tab.');
    await replyAsApplicant(backend, receipt, 'Antwort aus dem anderen Tab.');
    await send(el);
    await waitUntil(() => part(el, 'reply-closed'), 'no note', { timeout: 5000 });
    expect(text(el, 'reply-closed')).to.contain('Die Nachforderung ist nicht mehr offen');
    expect(text(el, 'reply-closed')).to.contain('Meine Antwort aus diesem Tab.');
    expect(current(el)).to.equal('Angaben eingegangen');
    expect(part(el, 'reply')).to.equal(null);
    expect(text(el, 'timeline')).to.contain('Antwort aus dem anderen Tab.');
    expect(root(el).activeElement).to.equal(part(el, 'reply-closed'));
    expect(sessionStorage.getItem(REPLY_DRAFT_PREFIX + receipt.reference)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('explains refused files in words, without a retry where trying again cannot help', async () => {
    const el = await open(await requested());
    await choose(el, new File(['Das ist kein PDF.'], 'bescheid.pdf', { type: 'application/pdf' }));
    const errors = () =>
      [...root(el).querySelectorAll('[part="upload-error"]')].map((e) => e.textContent!.trim());
    expect(errors()).to.deep.equal([
      'bescheid.pdf wurde nicht hochgeladen. Der Inhalt passt nicht zum Dateityp. Bitte wählen Sie eine echte PDF-, JPG- oder PNG-Datei.',
    ]);
    expect(part(el, 'retry-button')).to.equal(null);
    expect(part(el, 'reply-files')).to.equal(null);
    await expect(el).to.be.accessible();

    // A type that is not offered is refused before any upload, one message per file, the good one uploaded.
    await choose(el, new File(['x'], 'notizen.txt', { type: 'text/plain' }), png());
    expect(errors()).to.deep.equal([
      'notizen.txt wurde nicht hochgeladen. Es sind nur PDF-, JPG- und PNG-Dateien möglich.',
    ]);
    expect(fileNames(el)).to.deep.equal(['foto.png']);
    expect(part(el, 'retry-button')).to.equal(null);
  });

  it('takes at most 10 files and says so for the next one', async () => {
    const el = await open(await requested());
    const files = Array.from({ length: 11 }, (_, i) => png(`seite-${i + 1}.png`));
    await choose(el, ...files);
    await waitUntil(() => fileNames(el).length === 10, 'not all uploaded', { timeout: 10000 });
    expect(text(el, 'upload-error')).to.equal(
      'seite-11.png wurde nicht hinzugefügt: Es sind höchstens 10 Dateien möglich.',
    );
    expect(part(el, 'retry-button')).to.equal(null);
  });

  it('offers a retry for a file whose upload lost the connection, and a removed file leaves the list', async () => {
    let offline = true;
    const el = await open(await requested(), {
      fakeXhr: () => {
        const xhr = new XMLHttpRequest();
        const realOpen = xhr.open.bind(xhr);
        // Offline: the upload goes to a port where nobody listens.
        xhr.open = ((method: string, url: string) =>
          realOpen(method, offline ? 'http://127.0.0.1:9/' : url)) as typeof xhr.open;
        return xhr;
      },
    });
    const reported = oneEvent(el, 'ozg-error');
    await choose(el, png('lageplan.png'));
    expect((await reported).detail).to.include({ code: 'upload', retryable: true });
    expect(text(el, 'upload-error')).to.contain('lageplan.png wurde nicht hochgeladen.');
    expect(text(el, 'upload-error')).to.contain('Internetverbindung');
    expect(part(el, 'retry-button')!.textContent!.trim()).to.equal('lageplan.png erneut hochladen');
    await expect(el).to.be.accessible();

    offline = false;
    part(el, 'retry-button')!.click();
    await el.updateComplete;
    await waitUntil(() => fileNames(el).length === 1, 'retry did not upload', { timeout: 5000 });
    expect(part(el, 'upload-error')).to.equal(null);
    expect(root(el).activeElement).to.equal(fileInput(el));

    part(el, 'remove-button')!.click();
    await el.updateComplete;
    expect(part(el, 'reply-files')).to.equal(null);
    expect(live(el)).to.equal('lageplan.png wurde entfernt.');
    expect(root(el).activeElement).to.equal(fileInput(el));
  });

  it('keeps message and files when sending loses the connection, and sends them on retry', async () => {
    let offline = false;
    const el = await open(await requested(), {
      fakeFetch: (input, init) =>
        offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    });
    write(el, 'Das Foto ist angehängt.');
    await choose(el, png());
    offline = true;
    await send(el);
    expect(text(el, 'error')).to.contain('Ihre Antwort wurde nicht übermittelt.');
    expect(text(el, 'error')).to.contain('Ihr Text und Ihre Dateien bleiben erhalten.');
    expect(textarea(el).value).to.equal('Das Foto ist angehängt.');
    expect(fileNames(el)).to.deep.equal(['foto.png']);
    expect(current(el)).to.equal('Angaben nachgefordert');
    await expect(el).to.be.accessible();

    offline = false;
    part(el, 'retry-button')!.click();
    await waitUntil(() => part(el, 'reply-confirmation'), 'retry did not send', { timeout: 5000 });
    expect(current(el)).to.equal('Angaben eingegangen');
    expect(text(el, 'timeline')).to.contain('Das Foto ist angehängt.');
  });

  it('keeps what was typed and uploaded through a reload of the tab', async () => {
    const receipt = await requested();
    history.replaceState(null, '', `?reference=${receipt.reference}#access-code=${receipt.accessCode}`);
    const el = await fixture<ReplyStatus>(
      html`<test-reply-status endpoint=${backend.endpoint} lang="de" poll-interval="0"></test-reply-status>`,
    );
    await waitUntil(() => part(el, 'reply'), 'no reply form', { timeout: 5000 });
    write(el, 'Noch nicht fertig …');
    await choose(el, png('skizze.png'));
    el.remove();

    const again = await fixture<ReplyStatus>(
      html`<test-reply-status endpoint=${backend.endpoint} lang="de" poll-interval="0"></test-reply-status>`,
    );
    await waitUntil(() => part(again, 'reply'), 'no reply form after reload', { timeout: 5000 });
    expect(textarea(again).value).to.equal('Noch nicht fertig …');
    expect(fileNames(again)).to.deep.equal(['skizze.png']);
    await send(again);
    await waitUntil(() => part(again, 'reply-confirmation'), 'not sent', { timeout: 5000 });
    expect(text(again, 'timeline')).to.contain('skizze.png');

    // "Anderen Antrag abfragen" forgets everything of it.
    part(again, 'other-button')!.click();
    await again.updateComplete;
    expect(sessionStorage.length).to.equal(0);
  });

  it('speaks English', async () => {
    const el = await open(await requested(), { lang: 'en' });
    expect(text(el, 'reply')).to.contain('Send the requested information');
    expect(text(el, 'reply')).to.contain('PDF, JPG or PNG, up to 10 files');
    expect(root(el).querySelector('label[for="reply-message"]')!.textContent).to.equal('Your reply');
    await send(el);
    expect(root(el).querySelector('#reply-message-error')!.textContent).to.equal(
      'Please write a reply or upload at least one file.',
    );
    await expect(el).to.be.accessible();
  });

  it('loads the form only for a request for information: a loading state first, then the form with the kept draft', async () => {
    const other = await open(await submitTreeFelling(backend, 'Linde'));
    expect(part(other, 'reply')).to.equal(null);
    expect(other.loads).to.equal(0);

    const receipt = await requested();
    keepDraft(receipt.reference, 'Angefangen vor dem Neuladen.');
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const el = await open(receipt, { fakeLoad: () => arrived.then(realReply) });
    const section = part(el, 'reply')!;
    expect(section.getAttribute('aria-busy')).to.equal('true');
    expect(section.querySelector('[part="heading"]')!.textContent).to.equal('Angaben nachreichen');
    expect(section.querySelector('[part="loading"]')!.textContent!.trim()).to.equal(
      'Formular wird geladen …',
    );
    expect(root(el).querySelector('#reply-message')).to.equal(null);
    await expect(el).to.be.accessible();

    arrive();
    await waitUntil(() => root(el).querySelector('#reply-message'), 'no form after loading', {
      timeout: 5000,
    });
    expect(textarea(el).value).to.equal('Angefangen vor dem Neuladen.');
    expect(part(el, 'reply')!.getAttribute('aria-busy')).to.equal(null);
    expect(part(el, 'loading')).to.equal(null);
    // Once there, it stays: a refresh asks for nothing more.
    await el.refresh();
    expect(el.loads).to.equal(1);
  });

  it('offers a retry when the form does not arrive, and keeps the focus in the section', async () => {
    let offline = true;
    const el = await open(await requested(), {
      lang: 'en',
      fakeLoad: () =>
        offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : realReply(),
    });
    await waitUntil(() => part(el, 'error'), 'no error', { timeout: 5000 });
    expect(text(el, 'reply')).to.contain('Send the requested information');
    expect(text(el, 'error')).to.contain(
      'The form for your reply could not be loaded. Please check your internet connection.',
    );
    expect(part(el, 'retry-button')!.textContent!.trim()).to.equal('Try again');
    expect(part(el, 'reply')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();

    offline = false;
    part(el, 'retry-button')!.click();
    await waitUntil(() => root(el).querySelector('#reply-message'), 'retry did not load', { timeout: 5000 });
    expect(el.loads).to.equal(2);
    expect(part(el, 'error')).to.equal(null);
    expect(root(el).activeElement?.id).to.equal('reply-heading');
    await expect(el).to.be.accessible();
  });

  it('loads the reply for a kept draft when the request was closed meanwhile, to show the text not sent', async () => {
    const receipt = await requested();
    await replyAsApplicant(backend, receipt, 'Antwort aus dem anderen Tab.');
    keepDraft(receipt.reference, 'Mein Text aus diesem Tab.');
    let loaded = false;
    const el = await open(receipt, { fakeLoad: () => realReply().finally(() => (loaded = true)) });
    expect(current(el)).to.equal('Angaben eingegangen');
    expect(part(el, 'reply')).to.equal(null);
    await waitUntil(() => loaded, 'reply not loaded for the draft');
    expect(el.loads).to.equal(1);
    // The next look-up finds the request closed: the kept text is shown, not lost.
    await el.refresh();
    await waitUntil(() => part(el, 'reply-closed'), 'no note', { timeout: 5000 });
    expect(text(el, 'reply-closed')).to.contain('Mein Text aus diesem Tab.');
    expect(sessionStorage.getItem(REPLY_DRAFT_PREFIX + receipt.reference)).to.equal(null);
  });
});
