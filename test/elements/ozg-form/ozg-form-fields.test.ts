import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import { OzgForm } from '../../../src/ozg-form.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import { draftKey as DRAFT } from '../../helpers/answers.ts';

let backend: TestBackend;

/** The real element whose uploads fail while `uploadsFail` is set: they go to a port nothing listens on. */
class FlakyUploadForm extends OzgForm {
  uploadsFail = false;
  uploadAttempts = 0;
  protected override apiOptions(): ApiClientOptions {
    return {
      xhr: () => {
        const xhr = new XMLHttpRequest();
        const open = xhr.open.bind(xhr) as (method: string, url: string) => void;
        xhr.open = (method: string, url: string | URL) => {
          this.uploadAttempts += 1;
          open(method, this.uploadsFail ? 'http://127.0.0.1:9/unreachable' : String(url));
        };
        return xhr;
      },
    };
  }
}
customElements.define('flaky-upload-ozg-form', FlakyUploadForm);

function clearDrafts(): void {
  for (const key of Object.keys(localStorage))
    if (key.startsWith(DRAFT('baumfaellgenehmigung'))) localStorage.removeItem(key);
}

/** Opens a form at a step through a saved draft, as a citizen coming back to it would. */
async function openAt<T extends OzgForm = OzgForm>(
  formId: string,
  stepId: string,
  answers: Record<string, unknown>,
  tag: 'ozg-form' | 'flaky-upload-ozg-form' = 'ozg-form',
): Promise<T> {
  localStorage.setItem(DRAFT(formId), JSON.stringify({ answers, stepId, savedAt: new Date().toISOString() }));
  const el = await fixture<T>(
    tag === 'ozg-form'
      ? html`<ozg-form endpoint=${backend.endpoint} tenant=${backend.tenant} form-id=${formId}></ozg-form>`
      : html`<flaky-upload-ozg-form
          endpoint=${backend.endpoint}
          tenant=${backend.tenant}
          form-id=${formId}
        ></flaky-upload-ozg-form>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('.actions .ozg-button'), 'draft not offered');
  el.shadowRoot!.querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
  await el.updateComplete;
  return el;
}

const root = (el: OzgForm) => el.shadowRoot!;
const byId = <T extends HTMLElement = HTMLInputElement>(el: OzgForm, id: string) =>
  root(el).getElementById(`f.${id}`) as T | null;

function type(el: OzgForm, id: string, value: string): void {
  const input = byId(el, id)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function choose(el: OzgForm, id: string, value: string): void {
  const select = byId<HTMLSelectElement>(el, id)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const entries = (el: OzgForm) =>
  [...root(el).querySelectorAll('fieldset.entries > fieldset > legend')].map((l) => l.textContent?.trim());

const button = (el: OzgForm, text: string) =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

/** Chooses files at a file input, as the file dialog would. */
function chooseFiles(input: HTMLInputElement, ...files: File[]): void {
  const chosen = new DataTransfer();
  for (const file of files) chosen.items.add(file);
  input.files = chosen.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);

describe('<ozg-form> field types', () => {
  before(async () => {
    backend = await testBackend();
  });
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('adds and removes repetitions of a group within its bounds, with conditions per repetition', async () => {
    const el = await openAt('baumfaellgenehmigung', 'baumangaben', {});
    // Named by the definition's itemLabel, under the group's own label.
    expect(entries(el)).to.deep.equal(['Baum 1']);
    expect(root(el).querySelector('fieldset.entries > legend')!.textContent!.trim()).to.equal('Bäume');
    // min 1: the only entry cannot be removed
    expect(root(el).textContent).not.to.contain('Baum 1 entfernen');
    type(el, 'baeume.0.baumart', 'Eiche');
    button(el, 'Baum hinzufügen')!.click();
    await el.updateComplete;
    expect(entries(el)).to.deep.equal(['Baum 1', 'Baum 2']);
    // The new entry's first field has the focus; what was typed into the first entry stays.
    expect(root(el).activeElement).to.equal(byId(el, 'baeume.1.baumart'));
    expect(byId(el, 'baeume.0.baumart')!.value).to.equal('Eiche');
    // One level of border: each entry is framed, the group around them is not.
    const border = (selector: string) => getComputedStyle(root(el).querySelector(selector)!).borderTopWidth;
    expect(border('fieldset.entries')).to.equal('0px');
    expect(border('fieldset.entries > fieldset')).to.equal('1px');
    type(el, 'baeume.1.baumart', 'Linde');
    expect(byId(el, 'baeume.1.grund_sonstiges')).to.equal(null);
    choose(el, 'baeume.1.grund', 'sonstiges');
    await el.updateComplete;
    expect(byId(el, 'baeume.1.grund_sonstiges')).to.exist;
    expect(byId(el, 'baeume.0.grund_sonstiges')).to.equal(null);
    button(el, 'Baum 1 entfernen')!.click();
    await el.updateComplete;
    expect(entries(el)).to.deep.equal(['Baum 1']);
    expect(byId(el, 'baeume.0.baumart')!.value).to.equal('Linde');
    // The pressed button is gone: the focus stays with the group.
    expect(root(el).activeElement).to.equal(byId(el, 'baeume'));
    await expect(el).to.be.accessible();

    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(entries(el)).to.deep.equal(['Tree 1']);
    expect(button(el, 'Add another tree')).to.exist;
    el.remove();

    // The check-answers page names the entries the same way.
    const trees = [{ baumart: 'Eiche' }, { baumart: 'Linde' }];
    localStorage.setItem(
      DRAFT('baumfaellgenehmigung'),
      JSON.stringify({ answers: { baeume: trees }, review: true, savedAt: new Date().toISOString() }),
    );
    const review = await fixture<OzgForm>(
      html`<ozg-form
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        form-id="baumfaellgenehmigung"
      ></ozg-form>`,
    );
    await waitUntil(() => review.shadowRoot!.querySelector('.actions .ozg-button'), 'draft not offered');
    review.shadowRoot!.querySelector<HTMLButtonElement>('.actions .ozg-button')!.click();
    await waitUntil(() => root(review).querySelector('[part="submit-button"]'), 'no check-answers page');
    const names = [...root(review).querySelectorAll('.answers strong')].map((s) => s.textContent!.trim());
    expect(names).to.deep.equal(['Baum 1', 'Baum 2']);
  });

  it("names the file types a field takes as people call them, without repeating the author's hint", async () => {
    const el = await openAt('baumfaellgenehmigung', 'unterlagen', {});
    const hint = (id: string) => root(el).getElementById(`f.${id}.hint`)!.textContent!.trim();
    // The author's hint says how large a file may be: only the types are added.
    expect(hint('fotos')).to.equal(
      'Mindestens ein Foto, auf dem der ganze Baum zu sehen ist; bei Schäden auch Detailfotos. Je Datei höchstens 10 MB. Erlaubt: JPG, PNG oder HEIC.',
    );
    expect(hint('lageplan')).to.equal(
      'Wo auf dem Grundstück stehen die Bäume? Erlaubt: PDF, JPG oder PNG. Höchstens 10 MB je Datei.',
    );
    expect(root(el).textContent).not.to.contain('image/');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(hint('lageplan')).to.equal(
      'Where on the property are the trees? Allowed: PDF, JPG or PNG. At most 10 MB per file.',
    );
  });

  it('uploads files with their limits shown and refuses a wrong type before uploading', async () => {
    const el = await openAt('baumfaellgenehmigung', 'unterlagen', {});
    const input = byId(el, 'fotos')!;
    expect(input.getAttribute('aria-describedby')).to.contain('f.fotos.hint');
    const wrong = new DataTransfer();
    wrong.items.add(new File(['%PDF-1.4'], 'plan.pdf', { type: 'application/pdf' }));
    input.files = wrong.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(root(el).getElementById('f.fotos.error')!.textContent).to.contain(
      'Die Datei „plan.pdf“ hat ein nicht erlaubtes Format. Bitte laden Sie eine Datei im Format JPG, PNG oder HEIC hoch.',
    );
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
    const ok = new DataTransfer();
    ok.items.add(new File([jpeg], 'baum.jpg', { type: 'image/jpeg' }));
    input.files = ok.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => root(el).querySelector('.files li'), 'upload not listed', { timeout: 5000 });
    expect(root(el).querySelector('.files')!.textContent).to.contain('baum.jpg');
    const files = el.answers['fotos'] as { uploadId: string; name: string }[];
    expect(files[0]!.name).to.equal('baum.jpg');
    expect(files[0]!.uploadId).to.match(/^[A-Za-z0-9_-]{16,64}$/);
    await el.updateComplete;
    expect(root(el).getElementById('f.fotos.error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('tells when an upload failed and uploads the same file again from a keyboard-reachable retry', async () => {
    const el = await openAt<FlakyUploadForm>(
      'baumfaellgenehmigung',
      'unterlagen',
      {},
      'flaky-upload-ozg-form',
    );
    el.uploadsFail = true;
    const input = byId(el, 'fotos')!;
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
    const chosen = new DataTransfer();
    chosen.items.add(new File([jpeg], 'baum.jpg', { type: 'image/jpeg' }));
    input.files = chosen.files;
    const failed = oneEvent(el, 'ozg-error');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const { detail } = await failed;
    expect(detail.code).to.equal('upload');
    expect(detail.retryable).to.equal(true);
    await el.updateComplete;
    const alert = root(el).querySelector<HTMLElement>('[part="upload-error"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Die Datei baum.jpg wurde nicht hochgeladen.');
    expect(alert.textContent).to.contain('Internetverbindung');
    expect(input.getAttribute('aria-describedby')).to.contain('f.fotos.upload-error');
    expect(el.answers['fotos']).to.equal(undefined);
    await expect(el).to.be.accessible();

    // Keyboard only: Tab from the file input reaches the retry button, Enter uploads the same file again.
    el.uploadsFail = false;
    input.focus();
    await sendKeys({ press: 'Tab' });
    const retry = alert.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    expect(root(el).activeElement).to.equal(retry);
    expect(retry.textContent!.trim()).to.equal('baum.jpg erneut hochladen');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('.files li'), 'upload not listed after retry', {
      timeout: 5000,
    });
    expect(el.uploadAttempts).to.equal(2);
    expect((el.answers['fotos'] as { name: string }[]).map((f) => f.name)).to.deep.equal(['baum.jpg']);
    await el.updateComplete;
    expect(root(el).querySelector('[part="upload-error"]')).to.equal(null);
    expect(root(el).activeElement).to.equal(byId(el, 'fotos'));
    await expect(el).to.be.accessible();
  });

  it('offers no retry for a file the backend refuses on its merits, and uploads the others', async () => {
    const el = await openAt('baumfaellgenehmigung', 'unterlagen', {});
    const input = byId(el, 'fotos')!;
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
    const chosen = new DataTransfer();
    // Says it is a JPEG but is not: the backend checks the content (415) and will refuse it every time.
    chosen.items.add(new File(['kein Bild'], 'falsch.jpg', { type: 'image/jpeg' }));
    chosen.items.add(new File([jpeg], 'baum.jpg', { type: 'image/jpeg' }));
    input.files = chosen.files;
    const failed = oneEvent(el, 'ozg-error');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const { detail } = await failed;
    expect(detail.retryable).to.equal(false);
    await waitUntil(() => root(el).querySelector('.files li'), 'the good file not uploaded', {
      timeout: 5000,
    });
    await el.updateComplete;
    const alert = root(el).querySelector<HTMLElement>('[part="upload-error"]')!;
    // Its type was allowed (checked before the upload): what the backend refused is the content.
    expect(alert.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Die Datei falsch.jpg wurde nicht hochgeladen. Der Inhalt der Datei passt nicht zu ihrem Typ. Bitte wählen Sie eine echte JPG-, PNG- oder HEIC-Datei.',
    );
    expect(alert.querySelector('[part="retry-button"]')).to.equal(null);
    expect((el.answers['fotos'] as { name: string }[]).map((f) => f.name)).to.deep.equal(['baum.jpg']);
    await expect(el).to.be.accessible();
  });

  it('forgets what it said about earlier files when new ones are chosen', async () => {
    const el = await openAt<FlakyUploadForm>(
      'baumfaellgenehmigung',
      'unterlagen',
      {},
      'flaky-upload-ozg-form',
    );
    const input = byId(el, 'fotos')!;
    chooseFiles(input, new File(['%PDF-1.4'], 'plan.pdf', { type: 'application/pdf' }));
    await el.updateComplete;
    expect(root(el).getElementById('f.fotos.error')!.textContent).to.contain('plan.pdf');
    // A fitting file next; its upload fails for want of a connection, which alone is reported.
    el.uploadsFail = true;
    const failed = oneEvent(el, 'ozg-error');
    chooseFiles(input, new File([JPEG], 'baum.jpg', { type: 'image/jpeg' }));
    await el.updateComplete;
    expect(root(el).getElementById('f.fotos.error')).to.equal(null);
    await failed;
    await el.updateComplete;
    expect(root(el).getElementById('f.fotos.error')).to.equal(null);
    expect(root(el).querySelector('[part="upload-error"]')!.textContent).to.contain('baum.jpg');
    expect(root(el).querySelector('[part="upload-error"] [part="retry-button"]')).to.exist;
    expect(root(el).textContent).not.to.contain('plan.pdf');
  });
});
